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
    /// ASCII takes a fast path, because the build runs this over every word of the hub; other
    /// scalars go through `foldedScalars`.
    static func scan(_ text: String, _ emit: (String) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var units = 0  // UTF-16 length of `word`, the unit JavaScript's `length` counts

        func flush() {
            defer { word.removeAll(keepingCapacity: true); units = 0 }
            guard units >= 2, units <= 40 else { return }
            emit(String(decoding: word, as: UTF8.self))
        }

        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    word.append(UInt8(v)); units += 1
                } else if v >= 0x41 && v <= 0x5A {
                    word.append(UInt8(v + 0x20)); units += 1
                } else if v != 0x27 {
                    flush()
                }
                continue
            }
            if v == 0x2019 { continue }  // ’ joins like '
            let category = scalar.properties.generalCategory
            guard isWordCategory(category) || isMark(category) else { flush(); continue }
            for folded in foldedScalars(scalar) {
                if isWordCategory(folded.properties.generalCategory) {
                    word.append(contentsOf: Array(String(folded).utf8))
                    units += folded.value > 0xFFFF ? 2 : 1
                } else {
                    flush()
                }
            }
        }
        flush()
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
