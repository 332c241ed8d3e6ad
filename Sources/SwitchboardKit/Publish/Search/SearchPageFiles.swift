/// Page files: what the browser shows for a result (title, URL, summary, and the text the
/// passage is taken from), `SearchIndexOptions.packSize` pages a file so that a query fetches
/// little beyond its results, in folders of `blockSize` pages named by a hash of their content.
extension SearchIndex {
    /// Every page file, built a folder at a time on every core; and the folders' hashes, in order.
    static func documentFiles(_ docs: [SearchDocument], options: SearchIndexOptions) async -> ([(path: String, bytes: [UInt8])], String) {
        let size = options.block, pack = options.pack
        let blocks = (docs.count + size - 1) / size
        let built = await withTaskGroup(of: (Int, [(String, [UInt8])], String).self) { group in
            for block in 0..<blocks {
                group.addTask {
                    if Task.isCancelled { return (block, [], "") }
                    let range = (block * size)..<min(docs.count, (block + 1) * size)
                    let packs = stride(from: range.lowerBound, to: range.upperBound, by: pack).map { start in
                        var json: [UInt8] = [0x5B]
                        for doc in start..<min(range.upperBound, start + pack) {
                            if doc > start { json += [0x2C, 0x0A] }
                            json += documentJSON(docs[doc], limit: options.textLimit)
                        }
                        return json + [0x5D, 0x0A]
                    }
                    var hash = ContentHash()
                    for text in packs { hash.update(text) }
                    let folder = "d/\(block)-\(hash.hex(length: 8))/"
                    return (block, packs.enumerated().map { (folder + "\(range.lowerBound / pack + $0).json", $1) }, hash.hex(length: 8))
                }
            }
            var all: [(Int, [(String, [UInt8])], String)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }
        }
        return (built.flatMap { $0.1.map { (path: $0.0, bytes: $0.1) } }, built.map(\.2).joined())
    }

    /// A page's entry: title, URL path, summary and the start of its text, a paragraph a
    /// line, up to about `limit` bytes (headings are left out: they read badly as passages,
    /// and the title stands above).
    static func documentJSON(_ doc: SearchDocument, limit: Int) -> [UInt8] {
        let body = doc.readableBody
        var json = SearchJSON(capacity: min(limit, body.utf8.count) + doc.summary.utf8.count + 128)
        json.raw("{\"t\":")
        json.string(doc.title)
        json.raw(",\"u\":")
        json.string(doc.path)
        json.raw(",\"s\":")
        json.string(doc.summary)
        json.raw(",\"x\":[")
        let headings = doc.headings.map { Array($0.utf8) }
        var room = limit, first = true
        for line in Array(body.utf8).split(separator: 0x0A) {
            var text = line.drop { $0 == 0x20 || $0 == 0x09 }
            while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0D { text = text.dropLast() }
            guard !text.isEmpty, !headings.contains(where: { $0.elementsEqual(text) }) else { continue }
            guard room > 0 else { break }
            if !first { json.raw(",\n") }
            first = false
            if text.count <= room {
                json.string(text)
                room -= text.count
            } else {
                // Cut on a character boundary (never inside a UTF-8 sequence) and say so.
                var end = text.startIndex + room
                while end > text.startIndex && text[end] & 0xC0 == 0x80 { end -= 1 }
                json.string(Array(text[..<end]) + Array("…".utf8))
                room = 0
            }
        }
        json.raw("]}")
        return json.bytes
    }
}
