import Foundation

/// Term shards: every term of the hub in sorted order, cut into files of about
/// `SearchIndexOptions.shardBytes`, each term with its posting list.
extension SearchIndex {
    struct Shards {
        var files: [(path: String, bytes: [UInt8])] = []
        /// Per shard, the shortest prefix that tells its first term from the previous shard's last.
        var keys: [String] = []
        /// The shards' content hashes, 8 hex digits each, end to end.
        var hashes = ""
    }

    static func termShards(_ run: TermIndex, scores: [Double], quantizer: SearchQuantizer,
                           options: SearchIndexOptions) async -> Shards {
        // The order JavaScript compares strings in (UTF-16 code units), so the browser finds
        // a term's shard by comparing it with the keys.
        let order = sortedTerms(run.terms)
        let encoded = await encodeAll(order, index: run, scores: scores, quantizer: quantizer)
        var shards = Shards()
        var terms = JSONBytes(capacity: options.shardBytes), lists = JSONBytes(capacity: options.shardBytes)
        var previous: String?
        func close() {
            guard !terms.bytes.isEmpty else { return }
            var shard = JSONBytes(capacity: terms.bytes.count + lists.bytes.count + 16)
            shard.raw("{\"t\":[")
            shard.bytes += terms.bytes
            shard.raw("],\n\"p\":[")
            shard.bytes += lists.bytes
            shard.raw("]}\n")
            let hash = ContentHash.of(shard.bytes).hex(length: 8)
            shards.files.append(("t/\(shards.keys.count - 1)-\(hash).json", shard.bytes))
            shards.hashes += hash
            terms.bytes.removeAll(keepingCapacity: true)
            lists.bytes.removeAll(keepingCapacity: true)
        }
        for (position, id) in order.enumerated() {
            let term = run.terms[id], list = encoded[position]
            if terms.bytes.isEmpty || terms.bytes.count + lists.bytes.count + term.utf8.count + list.count + 6 > options.shardBytes {
                close()
                shards.keys.append(previous.map { separator(after: $0, upTo: term) } ?? "")
            } else {
                terms.bytes.append(0x2C)
                lists.bytes.append(0x2C)
            }
            terms.string(term)
            lists.bytes.append(0x22)  // the codec's alphabet needs no escaping
            lists.bytes += list
            lists.bytes.append(0x22)
            previous = term
        }
        close()
        return shards
    }

    /// Posting lists in their text form (`SearchCodec`), in `order`, encoded on every core.
    static func encodeAll(_ order: [Int], index: TermIndex, scores: [Double], quantizer: SearchQuantizer) async -> [[UInt8]] {
        let chunks = Parallel.chunks(order.count)
        let parts = await withTaskGroup(of: (Int, [[UInt8]]).self) { group in
            for (n, range) in chunks.enumerated() {
                group.addTask {
                    (n, order[range].map { term in
                        SearchCodec.encode(index.range(of: term).lazy.map { (Int(index.postings[$0].doc), quantizer.level(scores[$0])) })
                    })
                }
            }
            var all: [(Int, [[UInt8]])] = []
            for await part in group { all.append(part) }
            return all.sorted { $0.0 < $1.0 }
        }
        return parts.flatMap(\.1)
    }

    /// Term ids in JavaScript's string order (UTF-16 code units). UTF-8 bytes sort the same
    /// way unless a string holds a scalar from U+E000 up (lead byte 0xEE or more), so most
    /// comparisons are a memcmp of the bytes.
    static func sortedTerms(_ terms: [String]) -> [Int] {
        let bytes = terms.map { Array($0.utf8) }
        let simple = bytes.map { $0.allSatisfy { $0 < 0xEE } }
        return terms.indices.sorted { a, b in
            guard simple[a] && simple[b] else { return terms[a].utf16.lexicographicallyPrecedes(terms[b].utf16) }
            let x = bytes[a], y = bytes[b]
            let order = x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in memcmp(p.baseAddress!, q.baseAddress!, min(p.count, q.count)) } }
            return order != 0 ? order < 0 : x.count < y.count
        }
    }

    /// The shortest prefix of `next` that sorts after `previous` (whole scalars, compared as
    /// UTF-16 like JavaScript does): the manifest's key for the shard that starts at `next`.
    static func separator(after previous: String, upTo next: String) -> String {
        var prefix = String.UnicodeScalarView()
        for scalar in next.unicodeScalars {
            prefix.append(scalar)
            if previous.utf16.lexicographicallyPrecedes(String(prefix).utf16) { break }
        }
        return String(prefix)
    }
}
