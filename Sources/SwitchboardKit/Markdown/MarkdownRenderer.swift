import Foundation

/// The Markdown stage's public face: analyse a body (for the index and link graph) and
/// render it (with the links the graph resolved). The only code outside this folder that
/// knows about Markdown goes through here.
public enum MarkdownRenderer {
    /// - Parameter template: also render the body, with its links left to fill in
    ///   (`MarkdownAnalysis.template`), so that its page needs no second parse.
    public static func analyse(_ body: String, options: MarkdownOptions, lineOffset: Int, file: String,
                               template: Bool = false) -> MarkdownAnalysis {
        let document = MarkdownDocument(body, options: options, lineOffset: lineOffset, file: file)
        var analysis = document.analysis
        if template { analysis.template = document.template() }
        return analysis
    }

    /// - Parameter resolve: called once per link, in the order of `MarkdownAnalysis.links`.
    public static func render(_ body: String, options: MarkdownOptions, lineOffset: Int, file: String,
                              resolve: (MarkdownLink) -> ResolvedLink?) -> String {
        let document = MarkdownDocument(body, options: options, lineOffset: lineOffset, file: file, analyse: false)
        return document.render(resolved: document.links.map { resolve($0.info) })
    }

    /// Renders a short Markdown snippet (a field value, a rubric descriptor) to inline HTML,
    /// without the surrounding paragraph.
    public static func renderInline(_ text: String, options: MarkdownOptions) -> String {
        var html = MarkdownDocument(text, options: options, lineOffset: 0, file: "", analyse: false).render(resolved: [])
        if html.hasPrefix("<p>") && html.hasSuffix("</p>\n") && html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(5))
        }
        return html
    }
}
