/// The compact text form of posting lists and document sets in the search index.
///
/// Numbers are written in a 64-character alphabet that needs no escaping in JSON: an
/// unsigned integer as little-endian groups of 5 bits, one character each, the 6th bit
/// saying "more follows" (so 0–31 take one character, up to 1023 two). A posting list is,
/// for each document in ascending order, the gap from the previous document (the first
/// document's number itself) and then one character for its quantised score (0–63). A
/// document set is the gaps alone. JSON arrays of small integers would be two to three
/// times larger before compression, and the reader's browser decodes this in one loop.
public enum SearchCodec {
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static let values: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 128)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    static func appendNumber(_ n: Int, to out: inout [UInt8]) {
        var n = n
        repeat {
            let low = n & 31
            n >>= 5
            out.append(alphabet[n > 0 ? low | 32 : low])
        } while n > 0
    }

    /// (document, score) pairs, documents ascending, scores 0–63.
    public static func encodePostings(_ postings: [(doc: Int, score: Int)]) -> String {
        String(decoding: encode(postings), as: UTF8.self)
    }

    static func encode<Postings: Collection>(_ postings: Postings) -> [UInt8] where Postings.Element == (Int, Int) {
        var out: [UInt8] = []
        out.reserveCapacity(postings.count * 3)
        var previous = 0
        for (doc, score) in postings {
            appendNumber(doc - previous, to: &out)
            out.append(alphabet[score])
            previous = doc
        }
        return out
    }

    public static func encodeDocuments(_ docs: [Int]) -> String {
        var out: [UInt8] = []
        var previous = 0
        for doc in docs {
            appendNumber(doc - previous, to: &out)
            previous = doc
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Nil when the text is not a valid encoding.
    public static func decodePostings(_ text: String) -> [(doc: Int, score: Int)]? {
        var out: [(doc: Int, score: Int)] = []
        var iterator = text.utf8.makeIterator()
        var doc = 0
        while let gap = readNumber(&iterator) {
            guard let gap = gap, let c = iterator.next(), c < 128, values[Int(c)] < 64 else { return nil }
            doc += gap
            out.append((doc, Int(values[Int(c)])))
        }
        return out
    }

    public static func decodeDocuments(_ text: String) -> [Int]? {
        var out: [Int] = []
        var iterator = text.utf8.makeIterator()
        var doc = 0
        while let gap = readNumber(&iterator) {
            guard let gap else { return nil }
            doc += gap
            out.append(doc)
        }
        return out
    }

    /// nil at the end of the text; .some(nil) for a malformed number.
    private static func readNumber(_ iterator: inout String.UTF8View.Iterator) -> Int?? {
        var n = 0, shift = 0
        guard var c = iterator.next() else { return nil }
        while true {
            guard c < 128, values[Int(c)] < 64, shift < 60 else { return .some(nil) }
            let v = Int(values[Int(c)])
            n |= (v & 31) << shift
            if v < 32 { return .some(n) }
            shift += 5
            guard let next = iterator.next() else { return .some(nil) }
            c = next
        }
    }
}
