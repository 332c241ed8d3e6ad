import Foundation

/// Text to search terms, the same way at build time (here) and in the reader's browser
/// (`templates/assets/search.js`): a query only finds what the index holds if both sides cut
/// and fold words identically, so every rule below has a twin there, and both are held to the
/// vectors in `Tests/SwitchboardKitTests/Fixtures/search-vectors.json`.
///
/// The rules, in order: Unicode canonical decomposition with the combining diacritics
/// U+0300–U+036F dropped, lower case (final sigma read as sigma), apostrophes removed
/// (`customer’s` → `customers`), split on every character that is not a letter or a digit,
/// tokens shorter than 2 or longer than 40 UTF-16 units dropped, stop words dropped, and
/// words of plain ASCII letters stemmed by `SearchStemmer`.
public enum SearchTokenizer {
    /// A word as typed (`folded`) and as indexed (`stem`).
    public struct Token: Sendable, Hashable {
        public var folded: String
        public var stem: String
    }

    /// Function words that would fill posting lists without telling pages apart.
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "has", "have",
        "how", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "so", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we", "were", "what",
        "when", "where", "which", "who", "why", "will", "with", "you", "your",
    ]

    /// Stems of every token of `text`, in order.
    public static func stems(_ text: String) -> [String] {
        var out: [String] = []
        scan(text) { if !stopWords.contains($0) { out.append(SearchStemmer.stem($0)) } }
        return out
    }

    /// Tokens of a query: the folded word is kept for prefix matching of the last one.
    public static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        scan(text) { if !stopWords.contains($0) { out.append(Token(folded: $0, stem: SearchStemmer.stem($0))) } }
        return out
    }

    /// Folded words of `text` within the length limits, stop words included (callers drop
    /// them: the index builder remembers per word whether it is one, which saves a lookup).
    static func scan(_ text: String, _ emit: (String) -> Void) {
        scanBytes(text) { word, _ in emit(String(decoding: word, as: UTF8.self)) }
    }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    /// The scanner itself, over UTF-8 bytes because the build runs it over every word of the
    /// hub: each folded word is handed over as bytes with their FNV-1a hash, so the index
    /// builder looks words up without making a String. ASCII takes a fast path; other scalars
    /// go through `foldedScalars`.
    static func scanBytes(_ text: String, _ emit: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        // Read once (a static is behind a once-check on every access), and in place: the loop
        // below looks up every byte of the hub's text in it.
        Self.asciiFold.withUnsafeBufferPointer { asciiFold in
            text.withUTF8 { bytes in
                // Words longer than 40 UTF-16 units are dropped, so 4 bytes a unit always fit.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 168) { word in
                    var count = 0, units = 0  // bytes in `word`; its UTF-16 length, what JavaScript counts
                    var hash = fnvBasis

                    func append(_ byte: UInt8) {
                        if count < 168 { word[count] = byte; count &+= 1 }
                        hash = (hash ^ UInt64(byte)) &* fnvPrime
                    }
                    func flush() {
                        if units >= 2 && units <= 40 { emit(UnsafeBufferPointer(rebasing: word[..<count]), hash) }
                        count = 0
                        units = 0
                        hash = fnvBasis
                    }

                    var i = 0
                    while i < bytes.count {
                        let byte = bytes[i]
                        if byte < 0x80 {
                            i &+= 1
                            let folded = asciiFold[Int(byte)]
                            if folded > 1 {
                                append(folded); units &+= 1
                            } else if folded == 0 {
                                flush()
                            }
                            continue
                        }
                        // A multi-byte scalar (the text is valid UTF-8: it is a String).
                        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                        i += length
                        if value == 0x2019 { continue }  // ’ joins like '
                        guard let scalar = Unicode.Scalar(value) else { flush(); continue }
                        let category = scalar.properties.generalCategory
                        guard isWordCategory(category) || isMark(category) else { flush(); continue }
                        for folded in foldedScalars(scalar) {
                            if isWordCategory(folded.properties.generalCategory) {
                                for b in String(folded).utf8 { append(b) }
                                units += folded.value > 0xFFFF ? 2 : 1
                            } else {
                                flush()
                            }
                        }
                    }
                    flush()
                }
            }
        }
    }

    /// ASCII byte → the byte it becomes in a word (letters lower-cased, digits kept), 1 for
    /// the apostrophe (dropped without ending the word), 0 for a separator.
    static let asciiFold: [UInt8] = (0..<128).map { (b: Int) -> UInt8 in
        switch b {
        case 0x30...0x39, 0x61...0x7A: return UInt8(b)
        case 0x41...0x5A: return UInt8(b + 0x20)
        case 0x27: return 1
        default: return 0
        }
    }

    /// One scalar decomposed, stripped of U+0300–U+036F and lower-cased: what JavaScript's
    /// `normalize('NFD')`, the diacritic strip and `toLowerCase()` make of it.
    static func foldedScalars(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x300...0x36F).contains(part.value) {
            for lower in part.properties.lowercaseMapping.unicodeScalars {
                out.append(lower.value == 0x3C2 ? "\u{3C3}" : lower)
            }
        }
        return out
    }

    /// `\p{L}` and `\p{N}` in JavaScript regular expressions.
    static func isWordCategory(_ c: Unicode.GeneralCategory) -> Bool {
        switch c {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func isMark(_ c: Unicode.GeneralCategory) -> Bool {
        c == .nonspacingMark || c == .spacingMark || c == .enclosingMark
    }
}
