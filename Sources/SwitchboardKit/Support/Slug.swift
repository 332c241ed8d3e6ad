import Foundation

/// Turns free text (a heading, a tag, a file name) into a URL- and id-safe slug:
/// lower case, diacritics folded, every run of other characters one `-`.
/// Letters of any script are kept, so non-Latin headings still get readable ids.
public enum Slug {
    public static func make(_ text: String) -> String {
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
