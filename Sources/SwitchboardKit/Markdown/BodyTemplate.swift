/// An entry's body rendered while it is analysed, before the link graph exists: every link's
/// destination, and the text of each wikilink written without a label, is a numbered
/// placeholder that `filled` replaces once the links are resolved. The page is then made
/// without parsing the body a second time.
///
/// Placeholders use private-use characters: link `i`'s destination is `U+E000 i U+E001`,
/// which cmark writes percent-encoded (`%EE%80%80` `i` `%EE%80%81`), and its text is
/// `U+E002 i U+E003`, written as is. A body that could put such bytes into the HTML itself
/// gets no template (see `make`): its page is rendered from the Markdown as before.
public struct BodyTemplate: Sendable, Equatable {
    var bytes: [UInt8]
    /// Where the placeholders are in `bytes`, in order, found once by `make`.
    var holes: [Hole]

    /// A placeholder: bytes `start..<end` of the HTML stand for link `link`'s destination
    /// (`isDestination`) or its text.
    /// 32-bit offsets: a hub keeps every body's template while it builds, and a body's HTML
    /// beyond 2 GB gets none (`make`).
    struct Hole: Sendable, Equatable {
        var start: Int32
        var end: Int32
        var link: Int32
        var isDestination: Bool
    }

    private static let hrefOpen: [UInt8] = Array("%EE%80%80".utf8)
    private static let hrefClose: [UInt8] = Array("%EE%80%81".utf8)
    private static let textOpen: [UInt8] = [0xEE, 0x80, 0x82]
    private static let textClose: [UInt8] = [0xEE, 0x80, 0x83]

    static func destination(_ index: Int) -> String { marker(index, open: 0x80, close: 0x81) }
    static func text(_ index: Int) -> String { marker(index, open: 0x82, close: 0x83) }

    /// U+E000…U+E003 (EE 80 80…EE 80 83 in UTF-8) around a link's number, written as bytes:
    /// interpolated, every placeholder of the hub cost three appends to a growing String.
    private static func marker(_ index: Int, open: UInt8, close: UInt8) -> String {
        let number = max(0, index)
        var digits = 1
        var rest = number / 10
        while rest > 0 { digits += 1; rest /= 10 }
        // Most placeholders fit a small string: no allocation at all.
        return String(unsafeUninitializedCapacity: digits + 6) { buffer in
            buffer[0] = 0xEE; buffer[1] = 0x80; buffer[2] = open
            var n = number
            for k in stride(from: 2 + digits, through: 3, by: -1) {
                buffer[k] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            buffer[3 + digits] = 0xEE; buffer[4 + digits] = 0x80; buffer[5 + digits] = close
            return digits + 6
        }
    }

    /// Whether a body's own bytes can never be taken for a placeholder: it has no character
    /// from the private-use block the markers come from (UTF-8 lead byte 0xEE), no percent
    /// escape of one, and no numeric character reference, which cmark would decode to any
    /// character at all.
    static func canHold(_ source: String) -> Bool {
        if source.containsByte(0xEE) { return false }
        var source = source
        return source.withUTF8 { bytes in
            // `&` and `%` are rare in prose: jump from one to the next (memchr) and look at what follows.
            !bytes.hasByte(UInt8(ascii: "&"), followedBy: { $0.count >= 1 && $0[0] == UInt8(ascii: "#") })
                && !bytes.hasByte(UInt8(ascii: "%"), followedBy: {
                    $0.count >= 2 && ($0[0] | 0x20) == UInt8(ascii: "e") && ($0[1] | 0x20) == UInt8(ascii: "e")
                })
        }
    }

    /// The template, if the rendered HTML holds each destination placeholder of `links` exactly
    /// once and a text placeholder exactly for the wikilinks without a label; otherwise nil
    /// (the page is rendered from the Markdown instead).
    static func make(html: [UInt8], links: [MarkdownLink]) -> BodyTemplate? {
        guard html.count < Int32.max else { return nil }
        let holes = scan(html)
        var destinations = [Int](repeating: 0, count: links.count)
        var texts = [Int](repeating: 0, count: links.count)
        for hole in holes {
            let link = Int(hole.link)
            guard link < links.count else { return nil }
            if hole.isDestination { destinations[link] += 1 } else { texts[link] += 1 }
        }
        guard destinations.allSatisfy({ $0 == 1 }) else { return nil }
        for (i, link) in links.enumerated() where texts[i] != (link.hasLabel ? 0 : 1) { return nil }
        return BodyTemplate(bytes: html, holes: holes)
    }

    /// The body's HTML with every link filled in as cmark would have rendered it after
    /// `MarkdownDocument.render(resolved:)`: the resolved destination (or the one written, for
    /// links the resolver left alone), and for a wikilink without a label its target's title
    /// (or the target as written).
    func filled(links: [MarkdownLink], resolved: [ResolvedLink?], unsafeHTML: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + links.count * 32)
        var runStart = 0
        for hole in holes {
            out.append(contentsOf: bytes[runStart..<Int(hole.start)])
            runStart = Int(hole.end)
            let i = Int(hole.link)
            if hole.isDestination {
                let url = (i < resolved.count ? resolved[i]?.url : nil) ?? links[i].target
                // cmark leaves out a destination that could run script unless unsafe HTML is on.
                if unsafeHTML || !CmarkEscaping.isDangerous(url) { CmarkEscaping.appendHref(url, to: &out) }
            } else {
                let label = (i < resolved.count ? resolved[i]?.label : nil) ?? links[i].target
                CmarkEscaping.appendText(label, to: &out)
            }
        }
        out.append(contentsOf: bytes[runStart...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The placeholders in `html`, in order. Bytes that only look like the start of a
    /// placeholder are text.
    private static func scan(_ html: [UInt8]) -> [Hole] {
        html.withUnsafeBufferPointer { bytes in
            var holes: [Hole] = []
            var i = 0
            let count = bytes.count
            // Every placeholder starts with `%` or 0xEE, both rare in HTML otherwise: jump from
            // one to the next (memchr), each found again only once passed.
            var nextPercent = -1, nextMarker = -1
            while i < count {
                if nextPercent < i { nextPercent = bytes.firstOffset(of: UInt8(ascii: "%"), from: i) ?? count }
                if nextMarker < i { nextMarker = bytes.firstOffset(of: 0xEE, from: i) ?? count }
                i = min(nextPercent, nextMarker)
                guard i < count else { break }
                let b = bytes[i]
                let isHref = b == UInt8(ascii: "%")
                guard let (number, end) = placeholder(in: bytes, at: i, open: isHref ? hrefOpen : textOpen,
                                                      close: isHref ? hrefClose : textClose) else { i += 1; continue }
                holes.append(Hole(start: Int32(i), end: Int32(end), link: Int32(number), isDestination: isHref))
                i = end
            }
            return holes
        }
    }

    /// The number of the placeholder `open digits close` starting at `start`, and where it ends.
    private static func placeholder(in html: UnsafeBufferPointer<UInt8>, at start: Int, open: [UInt8],
                                    close: [UInt8]) -> (Int, Int)? {
        guard start + open.count < html.count, html[start..<(start + open.count)].elementsEqual(open) else { return nil }
        var j = start + open.count, number = 0, digits = 0
        while j < html.count, html[j] >= UInt8(ascii: "0"), html[j] <= UInt8(ascii: "9"), digits < 9 {
            number = number * 10 + Int(html[j] - UInt8(ascii: "0"))
            j += 1
            digits += 1
        }
        guard digits > 0, j + close.count <= html.count, html[j..<(j + close.count)].elementsEqual(close) else { return nil }
        return (number, j + close.count)
    }
}

/// How cmark's HTML renderer writes link destinations and text, so that a body filled in
/// later (`BodyTemplate`) has the very bytes cmark would have written. Checked against cmark
/// itself, byte by byte, in the tests.
enum CmarkEscaping {
    /// A destination in an `href` or `src`: letters, digits and `-_.+!*(),%#@?=;:/$~` as they
    /// are, `&` and `'` as character references, every other byte percent-encoded.
    static func appendHref(_ url: String, to out: inout [UInt8]) {
        var url = url  // read in place; runs of safe bytes (most of a destination) copied whole
        hrefSafe.withUnsafeBufferPointer { safe in
            url.withUTF8 { bytes in
                var run = 0
                for i in 0..<bytes.count {
                    let b = bytes[i]
                    if safe[Int(b)] { continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                    run = i + 1
                    if b == UInt8(ascii: "&") {
                        out.append(literal: "&amp;")
                    } else if b == UInt8(ascii: "'") {
                        out.append(literal: "&#x27;")
                    } else {
                        out.append(UInt8(ascii: "%"))
                        out.append(hexDigits[Int(b >> 4)])
                        out.append(hexDigits[Int(b & 0xF)])
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
    /// By byte: written as it is in a destination (letters, digits, `-_.+!*(),%#@?=;:/$~`).
    private static let hrefSafe: [Bool] = (0..<256).map { (b: Int) -> Bool in
        switch b {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: return true
        default: return "-_.+!*(),%#@?=;:/$~".utf8.contains(UInt8(b))
        }
    }

    /// Text: `&`, `<`, `>` and `"` as character references, everything else as it is.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        HTMLEscaping.escape(text, into: &out, entities: textEntities)
    }

    private static let textEntities = HTMLEscaping.entities([UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;",
                                                             UInt8(ascii: ">"): "&gt;", UInt8(ascii: "\""): "&quot;"])

    /// cmark's own test for a destination it will not write when unsafe HTML is off: one that
    /// starts (in any case) with `javascript:`, `vbscript:`, `file:` or `data:`, but for
    /// `data:image/` in PNG, GIF, JPEG or WebP.
    static func isDangerous(_ url: String) -> Bool {
        // Every prefix below has a colon: a destination without one (most links) has none of them.
        guard url.containsByte(UInt8(ascii: ":")) else { return false }
        func startsWith(_ prefix: [UInt8]) -> Bool {
            var bytes = url.utf8.makeIterator()
            for p in prefix {
                guard let b = bytes.next(), (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == p else { return false }
            }
            return true
        }
        if safeImages.contains(where: startsWith) { return false }
        return dangerousSchemes.contains(where: startsWith)
    }

    private static let safeImages = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].map { Array($0.utf8) }
    private static let dangerousSchemes = ["javascript:", "vbscript:", "file:", "data:"].map { Array($0.utf8) }
}
