/// One labelled position on a chart: a radar spoke or a group of bars. `url` turns the label into
/// a link (usually the rubric dimension's page).
struct ChartAxis: Sendable {
    var label: String
    var url: String?
}

/// One data series. `values` line up with the chart's axes or groups; `style` (0...4) selects the
/// colour, dash pattern and marker shape, so two series stay apart in colour, greyscale and print.
struct ChartSeries: Sendable {
    var name: String
    var values: [Double]
    var style: Int
}

// MARK: - Shared look

/// Okabe–Ito colours, each paired with its own dash pattern and marker so that colour is never the
/// only thing telling series apart (greyscale printing, colour-vision deficiencies).
struct ChartStyle: Sendable {
    enum Marker: Sendable { case circle, square, triangle, diamond, cross }

    var colour: String
    var dashArray: String?
    var marker: Marker

    static let all: [ChartStyle] = [
        ChartStyle(colour: "#0072B2", dashArray: nil, marker: .circle),
        ChartStyle(colour: "#D55E00", dashArray: "8 4", marker: .square),
        ChartStyle(colour: "#009E73", dashArray: "2 3", marker: .triangle),
        ChartStyle(colour: "#CC79A7", dashArray: "8 3 2 3", marker: .diamond),
        ChartStyle(colour: "#E69F00", dashArray: "14 5", marker: .cross),
    ]

    /// Any integer maps to a style, so a sixth series reuses the first look instead of trapping.
    static func forIndex(_ index: Int) -> ChartStyle {
        let n = all.count
        return all[((index % n) + n) % n]
    }

    /// ` stroke-dasharray="…"` or nothing for the solid style.
    var dashAttribute: String {
        dashArray.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    }

    /// The vertex marker centred on (x, y), filled with the series colour.
    func markerSVG(x: Double, y: Double, title: String? = nil) -> String {
        let fx = ChartFormat.number(x), fy = ChartFormat.number(y)
        let tooltip = title.map { "<title>\(HTMLEscaping.escape($0))</title>" } ?? ""
        func wrap(_ open: String, _ close: String) -> String {
            tooltip.isEmpty ? open + "/>" : open + ">" + tooltip + close
        }
        switch marker {
        case .circle:
            return wrap("<circle cx=\"\(fx)\" cy=\"\(fy)\" r=\"4\" fill=\"\(colour)\"", "</circle>")
        case .square:
            return wrap("<rect x=\"\(ChartFormat.number(x - 3.5))\" y=\"\(ChartFormat.number(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\"", "</rect>")
        case .triangle:
            let d = "M\(fx) \(ChartFormat.number(y - 5))L\(ChartFormat.number(x + 4.5)) \(ChartFormat.number(y + 3.5))L\(ChartFormat.number(x - 4.5)) \(ChartFormat.number(y + 3.5))Z"
            return wrap("<path d=\"\(d)\" fill=\"\(colour)\"", "</path>")
        case .diamond:
            let d = "M\(fx) \(ChartFormat.number(y - 5))L\(ChartFormat.number(x + 5)) \(fy)L\(fx) \(ChartFormat.number(y + 5))L\(ChartFormat.number(x - 5)) \(fy)Z"
            return wrap("<path d=\"\(d)\" fill=\"\(colour)\"", "</path>")
        case .cross:
            let l = ChartFormat.number(x - 4), r = ChartFormat.number(x + 4)
            let t = ChartFormat.number(y - 4), b = ChartFormat.number(y + 4)
            let d = "M\(l) \(t)L\(r) \(b)M\(l) \(b)L\(r) \(t)"
            return wrap("<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"", "</path>")
        }
    }
}

// MARK: - Numbers, scale and text

enum ChartFormat {
    /// One decimal, built from integers so the output never depends on locale or platform
    /// formatting (byte-identical builds). Non-finite input prints as 0.0.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0.0" }
        let limited = min(max(value, -1e12), 1e12)
        let tenths = Int((limited * 10).rounded())
        if tenths == 0 { return "0.0" }
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + "\(magnitude / 10).\(magnitude % 10)"
    }

    /// Tick labels: integers without a decimal, anything else with one.
    static func tick(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e12 { return "\(Int(value))" }
        return number(value)
    }
}

/// A scale that is safe to divide by: finite bounds and a positive span.
struct ChartScale: Sendable {
    var min: Double
    var max: Double

    init(_ range: ClosedRange<Double>) {
        let lo = range.lowerBound.isFinite ? range.lowerBound : 0
        let hi = range.upperBound.isFinite ? range.upperBound : lo + 1
        min = lo
        max = hi > lo ? hi : lo + 1
    }

    var span: Double { max - min }

    func clamp(_ value: Double) -> Double {
        guard !value.isNaN else { return min }   // ±infinity clamp to the nearer bound below
        return Swift.min(Swift.max(value, min), max)
    }

    /// 0...1 position of a (clamped) value.
    func fraction(_ value: Double) -> Double { (clamp(value) - min) / span }

    /// Every integer inside the scale; the bounds themselves when it holds none (e.g. 0.2...0.8).
    var integerTicks: [Double] {
        let first = min.rounded(.up), last = max.rounded(.down)
        guard first <= last, last - first <= 100 else { return [min, max] }
        return stride(from: first, through: last, by: 1).map { $0 }
    }
}

enum ChartText {
    /// Greedy word wrap on spaces to about `width` characters and at most `maxLines` lines; the
    /// last line ends in "…" when text was dropped (the caller keeps the full text in a <title>).
    static func wrap(_ text: String, width: Int = 18, maxLines: Int = 3) -> (lines: [String], truncated: Bool) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var lines: [String] = []
        var current = ""
        for word in words {
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return (lines, false) }
        var kept = Array(lines.prefix(maxLines))
        var last = kept[maxLines - 1]
        if last.count >= width { last = String(last.prefix(max(1, width - 1))) }
        kept[maxLines - 1] = last + "…"
        return (kept, true)
    }

    /// A rough average glyph width, used only to lay out legend entries side by side.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.56
    }
}

// MARK: - Common SVG pieces

enum ChartSVG {
    static let width = 640.0
    static let fontSize = 13.0
    static let smallFontSize = 12.0
    static let lineHeight = 15.0

    /// The opening tag plus <title> and <desc>. A chart that contains links must not be
    /// role="img": that role makes every descendant presentational, so the links would vanish
    /// for assistive technology (axe-core reports it as `nested-interactive`). Such charts are a
    /// labelled group instead, with their decorative parts hidden.
    static func open(id: String, kind: String, title: String, description: String, height: Double, hasLinks: Bool) -> String {
        let eid = HTMLEscaping.escape(id)
        let role = hasLinks ? "group" : "img"
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(ChartFormat.number(width)) \(ChartFormat.number(height))\""
            + " role=\"\(role)\" aria-labelledby=\"\(eid)-title \(eid)-desc\" class=\"chart chart-\(kind)\">"
            + "<title id=\"\(eid)-title\">\(HTMLEscaping.escape(title))</title>"
            + "<desc id=\"\(eid)-desc\">\(HTMLEscaping.escape(description))</desc>"
    }

    static func noData(id: String, kind: String, title: String, description: String) -> String {
        open(id: id, kind: kind, title: title, description: description, height: 80, hasLinks: false)
            + "<text x=\"320.0\" y=\"45.0\" text-anchor=\"middle\" font-size=\"\(ChartFormat.number(fontSize))\" fill=\"currentColor\">No data</text></svg>"
    }

    /// A label of one or more lines; a link when `url` is set. `firstBaseline` is the y of the
    /// first line. The full text goes into a <title> when wrapping dropped words.
    static func label(_ text: String, url: String?, x: Double, firstBaseline: Double, anchor: String,
                      width: Int = 18, maxLines: Int = 3, cssClass: String = "chart-label") -> String {
        let (lines, truncated) = ChartText.wrap(text, width: width, maxLines: maxLines)
        let fx = ChartFormat.number(x)
        var out = "<text class=\"\(cssClass)\" x=\"\(fx)\" y=\"\(ChartFormat.number(firstBaseline))\" text-anchor=\"\(anchor)\""
            + " font-size=\"\(ChartFormat.number(fontSize))\" fill=\"currentColor\""
            + (url == nil ? "" : " text-decoration=\"underline\"") + ">"
        if truncated { out += "<title>\(HTMLEscaping.escape(text))</title>" }
        for (index, line) in lines.enumerated() {
            let y = firstBaseline + Double(index) * lineHeight
            out += "<tspan x=\"\(fx)\" y=\"\(ChartFormat.number(y))\">\(HTMLEscaping.escape(line))</tspan>"
        }
        out += "</text>"
        guard let url else { return out }
        return "<a href=\"\(HTMLEscaping.escape(url))\" class=\"chart-link\">" + out + "</a>"
    }

    static func lineCount(_ text: String, width: Int = 18, maxLines: Int = 3) -> Int {
        max(1, ChartText.wrap(text, width: width, maxLines: maxLines).lines.count)
    }

    /// Legend rows: a swatch (line with the series' dash and marker) and the name, laid out left
    /// to right and wrapped to new rows. Returns the markup and the height it takes.
    static func legend(entries: [(name: String, style: Int)], top: Double, left: Double = 16) -> (svg: String, height: Double) {
        guard !entries.isEmpty else { return ("", 0) }
        let rowHeight = 22.0, swatch = 30.0, gap = 8.0, spacing = 22.0
        var x = left, row = 0
        var items = ""
        for entry in entries {
            let style = ChartStyle.forIndex(entry.style)
            let itemWidth = swatch + gap + ChartText.estimatedWidth(entry.name, fontSize: fontSize)
            if x > left, x + itemWidth > width - left {
                x = left
                row += 1
            }
            let cy = top + Double(row) * rowHeight + rowHeight / 2
            items += "<g class=\"chart-legend-item\">"
                + "<line x1=\"\(ChartFormat.number(x))\" y1=\"\(ChartFormat.number(cy))\" x2=\"\(ChartFormat.number(x + swatch))\" y2=\"\(ChartFormat.number(cy))\""
                + " stroke=\"\(style.colour)\" stroke-width=\"2.5\"\(style.dashAttribute)/>"
                + style.markerSVG(x: x + swatch / 2, y: cy)
                + "<text x=\"\(ChartFormat.number(x + swatch + gap))\" y=\"\(ChartFormat.number(cy + fontSize * 0.35))\" font-size=\"\(ChartFormat.number(fontSize))\" fill=\"currentColor\">"
                + HTMLEscaping.escape(entry.name) + "</text></g>"
            x += itemWidth + spacing
        }
        let height = Double(row + 1) * rowHeight
        return ("<g class=\"chart-legend\">" + items + "</g>", height)
    }
}
