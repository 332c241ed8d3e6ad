/// A light English suffix stripper, so that "handling", "handled" and "handles" all find
/// "handle". Far simpler than Porter's: a few plural, inflection and derivation rules, chosen
/// to merge the forms readers type without merging unrelated words. It does not have to
/// produce real words, only the same stem for a word at build time and in the browser:
/// `stem` in `templates/assets/search.js` applies the same rules in the same order.
///
/// Only words of ASCII letters are stemmed; anything else (digits, other scripts) is kept.
public enum SearchStemmer {
    public static func stem(_ word: String) -> String {
        guard word.utf8.count > 3, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var w = Array(word.utf8)

        // 1. Plurals.
        if ends(w, "sses") || ends(w, "xes") || ends(w, "ches") || ends(w, "shes") {
            w.removeLast(2)
        } else if ends(w, "ies"), w.count >= 5 {
            w.removeLast(3); w.append(UInt8(ascii: "y"))
        } else if ends(w, "s"), !ends(w, "ss"), !ends(w, "us") {
            w.removeLast()
        }

        // 2. Inflections: -ied, -eed, -ing, -ed, then undo a doubled consonant (planning → plan).
        var inflected = false
        if ends(w, "ied"), w.count >= 5 {
            w.removeLast(3); w.append(UInt8(ascii: "y"))
        } else if ends(w, "eed"), w.count >= 5 {
            w.removeLast()  // agreed → agree, to meet agreement
        } else if ends(w, "ing"), w.count - 3 >= 3, hasVowel(w.dropLast(3)) {
            w.removeLast(3); inflected = true
        } else if ends(w, "ed"), w.count - 2 >= 3, hasVowel(w.dropLast(2)) {
            w.removeLast(2); inflected = true
        }
        if inflected {
            let n = w.count
            if n >= 2, w[n - 1] == w[n - 2], !isVowel(w[n - 1]), !"lsfz".utf8.contains(w[n - 1]) { w.removeLast() }
            // British -ise forms meet the -ize ones (utilised, utilising → utiliz).
            if ends(w, "is") { w[w.count - 1] = UInt8(ascii: "z") }
        }

        // 3. Adverbs.
        if ends(w, "ly"), w.count - 2 >= 4 { w.removeLast(2) }

        // 4. Derivations: the first that fits, keeping at least three letters.
        for (suffix, replacement, keep) in derivations where ends(w, suffix) && w.count - suffix.utf8.count >= keep {
            w.removeLast(suffix.utf8.count)
            w.append(contentsOf: replacement.utf8)
            break
        }

        // 5. A final -e (handle → handl, so it meets handling).
        if ends(w, "e"), w.count >= 4 { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    /// (suffix, replacement, letters that must remain).
    static let derivations: [(String, String, Int)] = [
        ("isation", "ize", 3), ("ization", "ize", 3), ("ational", "ate", 3), ("fulness", "ful", 3),
        ("iveness", "ive", 3), ("ation", "ate", 3), ("ness", "", 3), ("ment", "", 4), ("ise", "ize", 3),
    ]

    static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let s = suffix.utf8
        return w.count >= s.count && w.suffix(s.count).elementsEqual(s)
    }

    static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): return true
        default: return false
        }
    }

    static func hasVowel(_ w: ArraySlice<UInt8>) -> Bool { w.contains(where: isVowel) }
}
