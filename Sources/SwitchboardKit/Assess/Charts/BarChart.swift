/// Build-time horizontal bar charts as inline SVG.
enum BarChart {
    private static let top = 12.0
    private static let labelRight = 196.0
    private static let plotLeft = 206.0
    /// Leaves room after the longest bar for its marker and printed value.
    private static let plotRight = ChartSVG.width - 56
    private static let labelWidth = 24
    private static let barHeight = 16.0
    private static let groupedBarHeight = 14.0
    private static let groupedBarGap = 4.0
    private static let groupGap = 12.0

    /// Horizontal bar chart: one row per bar, label at left (a link when url != nil), value printed at the end of the bar, an axis with ticks at each integer of `scale`.
    static func svg(id: String, title: String, description: String, bars: [(label: String, url: String?, value: Double, style: Int)], scale: ClosedRange<Double>) -> String {
        guard !bars.isEmpty else {
            return ChartSVG.noData(id: id, kind: "bar", title: title, description: description)
        }
        let scale = ChartScale(scale)
        let hasLinks = bars.contains { $0.url != nil }
        let hidden = hasLinks ? " aria-hidden=\"true\"" : ""

        var rows = ""
        var y = top
        for bar in bars {
            let lines = Double(ChartSVG.lineCount(bar.label, width: labelWidth))
            let rowHeight = max(30, lines * ChartSVG.lineHeight + 12)
            let centre = y + rowHeight / 2
            let firstBaseline = centre - (lines - 1) * ChartSVG.lineHeight / 2 + ChartSVG.fontSize * 0.35
            rows += "<g class=\"chart-row\">"
                + ChartSVG.label(bar.label, url: bar.url, x: labelRight, firstBaseline: firstBaseline, anchor: "end", width: labelWidth)
                + barSVG(value: bar.value, scale: scale, style: ChartStyle.forIndex(bar.style),
                         centre: centre, height: barHeight, tooltip: bar.label, hidden: "")
                + "</g>"
            y += rowHeight
        }
        let axis = axisSVG(scale: scale, plotTop: top, plotBottom: y, hidden: hidden)
        let height = y + axis.height + 8

        return ChartSVG.open(id: id, kind: "bar", title: title, description: description, height: height, hasLinks: hasLinks)
            + axis.svg + rows + "</svg>"
    }

    /// Grouped horizontal bars: for each group (e.g. a rubric dimension) one bar per series.
    static func grouped(id: String, title: String, description: String, groups: [ChartAxis], scale: ClosedRange<Double>, series: [ChartSeries]) -> String {
        guard !groups.isEmpty, !series.isEmpty, series.contains(where: { !$0.values.isEmpty }) else {
            return ChartSVG.noData(id: id, kind: "bar", title: title, description: description)
        }
        let scale = ChartScale(scale)
        let hasLinks = groups.contains { $0.url != nil }
        let hidden = hasLinks ? " aria-hidden=\"true\"" : ""
        let barsHeight = Double(series.count) * (groupedBarHeight + groupedBarGap) - groupedBarGap

        var rows = ""
        var y = top
        for (index, group) in groups.enumerated() {
            let lines = Double(ChartSVG.lineCount(group.label, width: labelWidth))
            let groupHeight = max(barsHeight, lines * ChartSVG.lineHeight) + groupGap
            let blockTop = y + groupGap / 2
            let firstBaseline = blockTop + ChartSVG.fontSize * 0.85
            rows += "<g class=\"chart-group\">"
                + ChartSVG.label(group.label, url: group.url, x: labelRight, firstBaseline: firstBaseline, anchor: "end", width: labelWidth)
            for (seriesIndex, item) in series.enumerated() where index < item.values.count {
                let centre = blockTop + Double(seriesIndex) * (groupedBarHeight + groupedBarGap) + groupedBarHeight / 2
                rows += barSVG(value: item.values[index], scale: scale, style: ChartStyle.forIndex(item.style),
                               centre: centre, height: groupedBarHeight, tooltip: "\(item.name) — \(group.label)", hidden: hidden)
            }
            rows += "</g>"
            y += groupHeight
        }
        let axis = axisSVG(scale: scale, plotTop: top, plotBottom: y, hidden: hidden)
        let legendTop = y + axis.height + 4
        let legend = ChartSVG.legend(entries: series.map { ($0.name, $0.style) }, top: legendTop)
        let height = legendTop + legend.height + 8

        return ChartSVG.open(id: id, kind: "bar", title: title, description: description, height: height, hasLinks: hasLinks)
            + axis.svg + rows + legend.svg + "</svg>"
    }

    // MARK: - Pieces

    private static func xPosition(_ value: Double, scale: ChartScale) -> Double {
        plotLeft + scale.fraction(value) * (plotRight - plotLeft)
    }

    /// One bar from the start of the scale: translucent fill, outline in the style's dash, the
    /// style's marker at the value, and the value printed after it.
    private static func barSVG(value: Double, scale: ChartScale, style: ChartStyle, centre: Double, height: Double,
                               tooltip: String, hidden: String) -> String {
        let clamped = scale.clamp(value)
        let end = xPosition(clamped, scale: scale)
        let text = ChartFormat.number(clamped)
        return "<g class=\"chart-bar-value\"\(hidden)>"
            + "<rect x=\"\(ChartFormat.number(plotLeft))\" y=\"\(ChartFormat.number(centre - height / 2))\""
            + " width=\"\(ChartFormat.number(end - plotLeft))\" height=\"\(ChartFormat.number(height))\""
            + " fill=\"\(style.colour)\" fill-opacity=\"0.3\" stroke=\"\(style.colour)\" stroke-width=\"2\"\(style.dashAttribute)>"
            + "<title>\(HTMLEscaping.escape(tooltip)): \(text)</title></rect>"
            + style.markerSVG(x: end, y: centre)
            + "<text x=\"\(ChartFormat.number(end + 10))\" y=\"\(ChartFormat.number(centre + ChartSVG.smallFontSize * 0.35))\""
            + " font-size=\"\(ChartFormat.number(ChartSVG.smallFontSize))\" fill=\"currentColor\">\(text)</text>"
            + "</g>"
    }

    /// Vertical grid lines at each integer of the scale, the axis line and its tick labels.
    private static func axisSVG(scale: ChartScale, plotTop: Double, plotBottom: Double, hidden: String) -> (svg: String, height: Double) {
        var out = "<g class=\"chart-grid\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.35\" stroke-width=\"1\"\(hidden)>"
        for tick in scale.integerTicks {
            let x = ChartFormat.number(xPosition(tick, scale: scale))
            out += "<line x1=\"\(x)\" y1=\"\(ChartFormat.number(plotTop))\" x2=\"\(x)\" y2=\"\(ChartFormat.number(plotBottom + 4))\"/>"
        }
        out += "<line x1=\"\(ChartFormat.number(plotLeft))\" y1=\"\(ChartFormat.number(plotBottom))\" x2=\"\(ChartFormat.number(plotRight))\" y2=\"\(ChartFormat.number(plotBottom))\"/>"
        out += "</g>"
        out += "<g class=\"chart-ticks\" font-size=\"\(ChartFormat.number(ChartSVG.smallFontSize))\" fill=\"currentColor\" text-anchor=\"middle\"\(hidden)>"
        for tick in scale.integerTicks {
            out += "<text x=\"\(ChartFormat.number(xPosition(tick, scale: scale)))\" y=\"\(ChartFormat.number(plotBottom + 18))\">\(ChartFormat.tick(tick))</text>"
        }
        out += "</g>"
        return (out, 24)
    }
}
