/// Escaping for text that our own code and the templates' `{{value}}` put into HTML, SVG and
/// XML (cmark escapes its own): the five characters that can change the meaning of markup.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        // The same table as the escaping itself: nothing to escape, the text as it is.
        guard text.utf8.contains(where: { entities[Int($0)] != nil }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape`, appended to bytes: what templates do with every `{{value}}`. The text is read
    /// in place, and the runs between characters to escape are copied whole.
    static func escape(_ s: String, into out: inout [UInt8]) { escape(s, into: &out, entities: entities) }

    /// Appends `text` with every byte that has an entity in `entities` (a table by byte value,
    /// see `entities(_:)`) replaced by it; the runs between are copied whole. Also what cmark's
    /// own escaping of link text is done with (`CmarkEscaping`), with its own table.
    static func escape(_ text: String, into out: inout [UInt8], entities: [StaticString?]) {
        var text = text
        entities.withUnsafeBufferPointer { entities in
            text.withUTF8 { bytes in
                var run = 0
                for i in 0..<bytes.count {
                    guard let entity = entities[Int(bytes[i])] else { continue }  // one load a byte
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                    out.append(literal: entity)
                    run = i + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            }
        }
    }

    /// A table for `escape(_:into:entities:)`: the entity of each ASCII byte given, nil for the rest.
    static func entities(_ pairs: [UInt8: StaticString]) -> [StaticString?] {
        (0..<256).map { pairs[UInt8($0)] }
    }

    /// The five characters `escape` replaces.
    private static let entities = entities([UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;",
                                            UInt8(ascii: "\""): "&quot;", UInt8(ascii: "'"): "&#39;"])

    /// JSON placed inside `<script>`: `<`, `>` and `&` become `\u003c` etc., so no
    /// `</script>` or `<!--` can ever close or confuse the element, whatever the data says.
    public static func scriptSafeJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for ch in json.unicodeScalars {
            switch ch {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
