import Foundation
import Testing
@testable import SwitchboardKit

/// The byte-level JSON writer behind the search files and the exports: what it escapes, and
/// that what it writes parses back to the text it was given.
@Suite("JSON bytes")
struct JSONBytesTests {
    static let texts = [
        "", "plain text", "quote \" and backslash \\", "line\nbreak\r\nand\ttab", "bell \u{7} and nul \u{0}",
        "<script>&amp;</script>", "line separator \u{2028} paragraph \u{2029}", "e2 other: – … ’",
        "\u{2028}", "ends with e2 start \u{2026}", "café 日本語 🎉", "\u{1F}\u{7F}",
    ]

    @Test func withHTMLSafetyItWritesExactlyWhatJSONStringWrites() {
        for text in Self.texts {
            var json = JSONBytes(htmlSafe: true)
            json.string(text)
            #expect(json.text == JSON.string(text), "\(text.debugDescription)")
        }
    }

    @Test func everyStringParsesBackToItsText() throws {
        for htmlSafe in [false, true] {
            for text in Self.texts {
                var json = JSONBytes(htmlSafe: htmlSafe)
                json.raw("[")
                json.string(text)
                json.raw(",")
                // The slice form the search page files use, cut from a larger buffer.
                let padded = Array("x\(text)y".utf8)
                padded.withUnsafeBufferPointer { json.string($0[1..<($0.count - 1)]) }
                json.raw(",")
                json.string(Array(text.utf8))
                json.raw("]")
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String])
                #expect(parsed == [text, text, text], "\(text.debugDescription) htmlSafe: \(htmlSafe)")
            }
        }
    }

    @Test func withoutHTMLSafetyOnlyWhatJSONRequiresIsEscaped() {
        var json = JSONBytes()
        json.string("<a & b> \u{2028} \"q\" \\ \n \u{1}")
        #expect(json.text == "\"<a & b> \u{2028} \\\"q\\\" \\\\ \\n \\u0001\"")
    }
}
