/// Page files: what the browser shows for a result (title, URL, summary, and the text the
/// passage is taken from), `SearchIndexOptions.packSize` pages a file so that a query fetches
/// little beyond its results, in folders of `blockSize` pages named by a hash of their content.
extension SearchIndex {
    /// Every page file, and the folders' hashes in order. A folder is named by a hash of what
    /// its files are made from (`hashSource`), so each file is made once, when it is written
    /// (`OutputFile.Contents.made`), and a large hub's page files are never all in memory.
    static func documentFiles(_ docs: [SearchDocument], options: SearchIndexOptions) async -> ([File], String) {
        let size = options.block, pack = options.pack
        let blocks = (docs.count + size - 1) / size
        @Sendable func packJSON(_ start: Int, end: Int) -> [UInt8] {
            var json = JSONBytes(capacity: (end - start) * (min(options.textLimit, 4_096) + 512))
            json.raw("[")
            for doc in start..<end {
                if doc > start { json.raw(",\n") }
                documentJSON(docs[doc], limit: options.textLimit, into: &json)
            }
            json.raw("]\n")
            return json.bytes
        }
        let built = await withTaskGroup(of: (Int, [File], String).self) { group in
            for block in 0..<blocks {
                group.addTask {
                    if Task.isCancelled { return (block, [], "") }
                    let range = (block * size)..<min(docs.count, (block + 1) * size)
                    var folderHash = ContentHash()
                    folderHash.update(UInt64(options.textLimit))
                    folderHash.update(UInt64(pack))
                    for doc in range { hashSource(of: docs[doc], into: &folderHash) }
                    let folder = "d/\(block)-\(folderHash.hex(length: 8))/"
                    let files = stride(from: range.lowerBound, to: range.upperBound, by: pack).map { start in
                        let end = min(range.upperBound, start + pack)
                        return File(path: folder + "\(start / pack).json", contents: .made({ packJSON(start, end: end) }))
                    }
                    return (block, files, folderHash.hex(length: 8))
                }
            }
            var all: [(Int, [File], String)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.0 < $1.0 }
        }
        return (built.flatMap(\.1), built.map(\.2).joined())
    }

    /// Everything a page's entry in a page file is made from (`documentJSON`), hashed. The
    /// same inputs always make the same entry, so a folder named by this hash changes whenever
    /// one of its files would, without making the files to find out.
    static func hashSource(of doc: SearchDocument, into h: inout ContentHash) {
        h.update(doc.title)
        h.update(doc.path)
        h.update(doc.summary)
        h.update(UInt64(doc.headings.count))
        for heading in doc.headings { h.update(heading) }
        h.update(doc.body)
        h.update(UInt64(doc.fieldText.count))
        for text in doc.fieldText { h.update(text) }
        // The titles the body's wikilink placeholders read as, in any order.
        h.update(ContentHash.unordered(doc.wikilinkTitles) { pair, title in
            pair.update(title.key)
            pair.update(title.value)
        })
    }

    /// A page's entry: title, URL path, summary and the start of its text, a paragraph a
    /// line, up to about `limit` bytes (headings are left out: they read badly as passages,
    /// and the title stands above).
    static func documentJSON(_ doc: SearchDocument, limit: Int, into json: inout JSONBytes) {
        var body = doc.readableBody  // read in place below, a line at a time, and only as far as the limit
        json.raw("{\"t\":")
        json.string(doc.title)
        json.raw(",\"u\":")
        json.string(doc.path)
        json.raw(",\"s\":")
        json.string(doc.summary)
        json.raw(",\"x\":[")
        var room = limit, first = true
        body.withUTF8 { bytes in
            var next = 0
            while next < bytes.count, room > 0 {
                let end = bytes.firstOffset(of: 0x0A, from: next) ?? bytes.count
                var text = bytes[next..<end]
                next = end + 1
                text = text.drop { $0 == 0x20 || $0 == 0x09 }
                while let last = text.last, last == 0x20 || last == 0x09 || last == 0x0D { text = text.dropLast() }
                guard !text.isEmpty, !doc.headings.contains(where: { $0.utf8.count == text.count && $0.utf8.elementsEqual(text) }) else { continue }
                if !first { json.raw(",\n") }
                first = false
                if text.count <= room {
                    json.string(text)
                    room -= text.count
                } else {
                    // Cut on a character boundary (never inside a UTF-8 sequence) and say so.
                    var cut = text.startIndex + room
                    while cut > text.startIndex && text[cut] & 0xC0 == 0x80 { cut -= 1 }
                    json.string(Array(text[..<cut]) + Array("…".utf8))
                    room = 0
                }
            }
        }
        json.raw("]}")
    }
}
