import Foundation
import TestFolders
@testable import SwitchboardKit

/// Shared helpers for the unit tests.
enum TestSupport {
    /// Renders Markdown the way an entry body is rendered, leaving every link as written.
    static func render(_ markdown: String, smart: Bool = false, unsafeHTML: Bool = false, lineOffset: Int = 0) -> String {
        MarkdownRenderer.render(markdown, options: MarkdownOptions(smartPunctuation: smart, unsafeHTML: unsafeHTML),
                                lineOffset: lineOffset, file: "content/test.md") { _ in nil }
    }

    static func analyse(_ markdown: String, lineOffset: Int = 0, file: String = "content/test.md") -> MarkdownAnalysis {
        MarkdownRenderer.analyse(markdown, options: MarkdownOptions(smartPunctuation: false), lineOffset: lineOffset, file: file)
    }

    /// Removes the whitespace (newlines) that cmark puts around block-level tags, leaving the
    /// spaces inside running text (`b <code>|</code> az`) alone.
    static func normalise(_ html: String) -> String {
        let blockTags = "div|table|thead|tbody|tr|th|td|p|blockquote|ul|ol|li|h[1-6]|pre"
        let regex = try! NSRegularExpression(pattern: "\\s*(</?(?:\(blockTags))\\b[^>]*>)\\s*")
        let range = NSRange(html.startIndex..., in: html)
        return regex.stringByReplacingMatches(in: html, range: range, withTemplate: "$1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh, empty temporary folder, removed when the test process exits.
    static func temporaryDirectory(_ label: String = "sbtest") -> URL { TestFolders.make(label) }

    /// Every regular file under `root` (hidden ones included), by relative path, with its bytes.
    static func snapshot(_ root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            result[String(path.dropFirst(prefix.count))] = fm.contents(atPath: path)
        }
        return result
    }
}

/// Swift Testing has its own `SourceLocation`; in these tests the name means ours.
typealias SourceLocation = SwitchboardKit.SourceLocation
