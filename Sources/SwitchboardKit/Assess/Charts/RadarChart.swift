import Foundation  // cos/sin only; numbers are formatted by ChartFormat, never by Foundation

/// Build-time radar (spider) charts as inline SVG.
enum RadarChart {
    private static let radius = 160.0
    private static let labelGap = 14.0
    private static let padding = 12.0

    /// A radar (spider) chart: one spoke per axis, concentric rings at each integer of `scale`, one closed polygon per series.
    static func svg(id: String, title: String, description: String, axes: [ChartAxis], scale: ClosedRange<Double>, series: [ChartSeries]) -> String {
        guard !axes.isEmpty, !series.isEmpty, series.contains(where: { !$0.values.isEmpty }) else {
            return ChartSVG.noData(id: id, kind: "radar", title: title, description: description)
        }
        let scale = ChartScale(scale)
        let hasLinks = axes.contains { $0.url != nil }
        let cx = ChartSVG.width / 2

        // Lay the labels out around a centre at y = 0 first, then size the chart to what they need.
        func direction(_ axis: Int) -> (cos: Double, sin: Double) {
            // Axis 0 points up; angles grow clockwise because SVG's y axis points down.
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(axes.count)
            return (cos(angle), sin(angle))
        }
        let labels = axes.indices.map { index -> (x: Double, baseline: Double, anchor: String, lines: Double) in
            let d = direction(index)
            let x = cx + (radius + labelGap) * d.cos, y = (radius + labelGap) * d.sin
            let anchor = d.cos > 0.3 ? "start" : (d.cos < -0.3 ? "end" : "middle")
            let lines = Double(ChartSVG.lineCount(axes[index].label))
            let baseline: Double
            if d.sin < -0.3 {
                baseline = y - (lines - 1) * ChartSVG.lineHeight      // above the chart: grow upwards
            } else if d.sin > 0.3 {
                baseline = y + ChartSVG.fontSize * 0.8                // below: hang down
            } else {
                baseline = y - (lines - 1) * ChartSVG.lineHeight / 2 + ChartSVG.fontSize * 0.35
            }
            return (x, baseline, anchor, lines)
        }
        let highest = labels.map { $0.baseline - ChartSVG.fontSize }.min() ?? 0
        let lowest = labels.map { $0.baseline + ($0.lines - 1) * ChartSVG.lineHeight + ChartSVG.fontSize * 0.3 }.max() ?? 0
        let cy = padding - min(highest, -radius - 8)
        let legendTop = cy + max(lowest, radius + 8) + padding
        let legend = ChartSVG.legend(entries: series.map { ($0.name, $0.style) }, top: legendTop)
        let height = legendTop + legend.height + 8

        // The lowest value sits one ring-step out from the centre rather than on it, so a series
        // scoring the minimum everywhere is still a visible polygon, and rings are evenly spaced.
        let ticks = scale.integerTicks
        let step = scale.span / Double(max(1, ticks.count - 1))
        func distance(_ value: Double) -> Double {
            radius * (scale.clamp(value) - scale.min + step) / (scale.span + step)
        }
        func point(axis: Int, distance r: Double) -> (x: Double, y: Double) {
            let d = direction(axis)
            return (cx + r * d.cos, cy + r * d.sin)
        }
        let hidden = hasLinks ? " aria-hidden=\"true\"" : ""

        var out = ChartSVG.open(id: id, kind: "radar", title: title, description: description, height: height, hasLinks: hasLinks)

        // Grid: rings, spokes and ring values, in the text colour so dark mode works.
        out += "<g class=\"chart-grid\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.35\" stroke-width=\"1\"\(hidden)>"
        for tick in ticks {
            out += "<circle cx=\"\(ChartFormat.number(cx))\" cy=\"\(ChartFormat.number(cy))\" r=\"\(ChartFormat.number(distance(tick)))\"/>"
        }
        for axis in axes.indices {
            let end = point(axis: axis, distance: radius)
            out += "<line x1=\"\(ChartFormat.number(cx))\" y1=\"\(ChartFormat.number(cy))\" x2=\"\(ChartFormat.number(end.x))\" y2=\"\(ChartFormat.number(end.y))\"/>"
        }
        out += "</g>"
        out += "<g class=\"chart-ticks\" font-size=\"\(ChartFormat.number(ChartSVG.smallFontSize))\" fill=\"currentColor\"\(hidden)>"
        for tick in ticks {
            out += "<text x=\"\(ChartFormat.number(cx + 4))\" y=\"\(ChartFormat.number(cy - distance(tick) + 13))\">\(ChartFormat.tick(tick))</text>"
        }
        out += "</g>"

        // Series: a translucent closed polygon in the series colour and dash, a marker per vertex.
        out += "<g class=\"chart-data\"\(hidden)>"
        for (index, item) in series.enumerated() {
            let style = ChartStyle.forIndex(item.style)
            var points: [String] = []
            var markers = ""
            for axis in axes.indices {
                let value = axis < item.values.count ? item.values[axis] : scale.min
                let p = point(axis: axis, distance: distance(value))
                points.append("\(ChartFormat.number(p.x)),\(ChartFormat.number(p.y))")
                if axis < item.values.count {
                    let tip = "\(item.name) — \(axes[axis].label): \(ChartFormat.number(scale.clamp(value)))"
                    markers += style.markerSVG(x: p.x, y: p.y, title: tip)
                }
            }
            out += "<g class=\"chart-series chart-series-\(index)\">"
                + "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(style.colour)\" fill-opacity=\"0.12\""
                + " stroke=\"\(style.colour)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"\(style.dashAttribute)/>"
                + markers + "</g>"
        }
        out += "</g>"

        // Axis labels outside the outer ring, anchored away from the centre.
        out += "<g class=\"chart-labels\">"
        for (axis, label) in zip(axes, labels) {
            out += ChartSVG.label(axis.label, url: axis.url, x: label.x, firstBaseline: cy + label.baseline, anchor: label.anchor)
        }
        out += "</g>"

        out += legend.svg
        out += "</svg>"
        return out
    }
}
