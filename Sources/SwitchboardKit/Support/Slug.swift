import Foundation

/// Turns free text (a heading, a tag, a file name) into a URL- and id-safe slug:
/// lower case, diacritics folded, every run of other characters one `-`.
/// Letters of any script are kept, so non-Latin headings still get readable ids.
public enum Slug {
    public static func make(_ text: String) -> String {
        if let slug = asciiSlug(text) { return slug }
        var out = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return String(out)
    }

    /// `make` for ASCII text, byte by byte (headings and tags of every page go through here);
    /// nil as soon as a byte is not ASCII.
    private static func asciiSlug(_ text: String) -> String? {
        // Written straight into the String's storage: a slug is never longer than its text
        // (a dash stands for at least one byte that is dropped).
        var ascii = true
        let slug = String(unsafeUninitializedCapacity: text.utf8.count) { out in
            var count = 0
            var pendingDash = false
            for byte in text.utf8 {
                guard byte < 0x80 else { ascii = false; return 0 }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if (lower >= 0x30 && lower <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                    if pendingDash && count > 0 { out[count] = UInt8(ascii: "-"); count += 1 }
                    pendingDash = false
                    out[count] = lower
                    count += 1
                } else {
                    pendingDash = true
                }
            }
            return count
        }
        return ascii ? slug : nil
    }

    /// True when `text` is already a slug: non-empty, words of letters and digits joined by
    /// single dashes. Output paths are only ever built from such components (and `_`, `.` where
    /// a caller allows them), so nothing in a file name can climb out of the output folder.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.first != "-", text.last != "-", !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "-" || isWordScalar($0) }
    }

    static func fold(_ text: String) -> String {
        // ASCII needs no folding beyond lower case; skip the (slower) Unicode path.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
