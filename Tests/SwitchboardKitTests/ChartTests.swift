import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SwitchboardKit

/// Parses chart markup as XML and records what the tests look at.
private final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String] }
    private(set) var elements: [Element] = []
    private(set) var text = ""
    private(set) var parseError: String?

    static func inspect(_ svg: String) -> SVGInspector {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        if !parser.parse() {
            inspector.parseError = parser.parserError.map { "\($0)" } ?? "unknown XML error"
        }
        return inspector
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        self.parseError = "\(parseError)"
    }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    var root: Element? { elements.first }
}

private let scale: ClosedRange<Double> = 1...5

private let sampleAxes = [
    ChartAxis(label: "AI core delivery", url: "/compare/dimensions/ai-core-delivery/"),
    ChartAxis(label: "R&D <script>", url: nil),
    ChartAxis(label: "Commercial model and outcome-based pricing with gain share", url: "/compare/dimensions/commercial-model/"),
    ChartAxis(label: "Talent", url: nil),
    ChartAxis(label: "Data \"ownership\" & it's governance", url: nil),
]

private let sampleSeries = [
    ChartSeries(name: "Labour arbitrage", values: [1, 2, 1, 3, 2], style: 0),
    ChartSeries(name: "AI-first <outcome>", values: [5, 4, 5, 3, 4], style: 1),
    ChartSeries(name: "Hybrid", values: [3, 3, 3, 3, 3], style: 2),
]

private func radar(axes: [ChartAxis] = sampleAxes, series: [ChartSeries] = sampleSeries) -> String {
    RadarChart.svg(id: "radar-1", title: "Archetypes & dimensions", description: "Scores 1–5 <per> dimension",
                   axes: axes, scale: scale, series: series)
}

private func bars() -> String {
    BarChart.svg(id: "bars-1", title: "Vendor score", description: "Weighted score per vendor",
                 bars: [("R&D <script>", "/vendors/a/?x=1&y=2", 3.5, 0),
                        ("Acme Contact Centres International Limited", nil, 4.25, 1),
                        ("Tiny", nil, 1, 2)],
                 scale: scale)
}

private func grouped(series: [ChartSeries] = sampleSeries) -> String {
    BarChart.grouped(id: "grouped-1", title: "By dimension", description: "One bar per archetype",
                     groups: sampleAxes, scale: scale, series: series)
}

@Test func chartsAreWellFormedXMLWithTitleAndDescFirst() throws {
    for (svg, id, kind) in [(radar(), "radar-1", "chart-radar"), (bars(), "bars-1", "chart-bar"), (grouped(), "grouped-1", "chart-bar")] {
        #expect(!svg.hasPrefix("<?xml"))
        let doc = SVGInspector.inspect(svg)
        #expect(doc.parseError == nil, "\(kind): \(doc.parseError ?? "")")
        let root = try #require(doc.root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["aria-labelledby"] == "\(id)-title \(id)-desc")
        #expect(root.attributes["class"] == "chart \(kind)")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 640.0 ") == true)
        #expect(root.attributes["width"] == nil && root.attributes["height"] == nil)
        #expect(doc.elements.count > 2)
        #expect(doc.elements[1].name == "title" && doc.elements[1].attributes["id"] == "\(id)-title")
        #expect(doc.elements[2].name == "desc" && doc.elements[2].attributes["id"] == "\(id)-desc")
    }
}

@Test func textIsEscaped() {
    for svg in [radar(), bars(), grouped()] {
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("R&amp;D &lt;script&gt;"))
        let doc = SVGInspector.inspect(svg)
        #expect(doc.parseError == nil)
        #expect(doc.text.contains("R&D <script>"))
    }
    let svg = radar()
    #expect(svg.contains("Archetypes &amp; dimensions"))
    #expect(svg.contains("AI-first &lt;outcome&gt;"))
    #expect(svg.contains("&quot;ownership&quot; &amp; it&#39;s"))
    #expect(bars().contains("href=\"/vendors/a/?x=1&amp;y=2\""))
}

@Test func radarHasOnePolygonPerSeriesAndOneSpokePerAxis() {
    let doc = SVGInspector.inspect(radar())
    #expect(doc.all("polygon").count == sampleSeries.count)
    // Rings at 1, 2, 3, 4, 5 (markers are circles too: only the first series uses them).
    let rings = doc.all("circle").filter { $0.attributes["fill"] == nil }
    #expect(rings.count == 5)
    let single = SVGInspector.inspect(radar(series: [sampleSeries[1]]))
    #expect(single.all("polygon").count == 1)
}

@Test func radarAxisZeroPointsUpAndGoesClockwise() throws {
    let doc = SVGInspector.inspect(radar(axes: Array(sampleAxes.prefix(4)), series: [ChartSeries(name: "Max", values: [5, 5, 5, 5], style: 0)]))
    let points = try #require(doc.all("polygon").first?.attributes["points"])
    let pairs = points.split(separator: " ").map { $0.split(separator: ",").compactMap { Double(String($0)) } }
    #expect(pairs.count == 4)
    // Axis 0 straight up from the centre, axis 1 to the right (clockwise).
    #expect(pairs[0][0] == 320 && pairs[0][1] < pairs[2][1])
    #expect(pairs[1][0] > 320 && pairs[3][0] < 320)
}

@Test func axesWithURLsAreLinks() {
    let doc = SVGInspector.inspect(radar())
    let hrefs = doc.all("a").compactMap { $0.attributes["href"] }
    #expect(hrefs == ["/compare/dimensions/ai-core-delivery/", "/compare/dimensions/commercial-model/"])
    let groupedLinks = SVGInspector.inspect(grouped()).all("a").compactMap { $0.attributes["href"] }
    #expect(groupedLinks == hrefs)
    let barLinks = SVGInspector.inspect(bars()).all("a").compactMap { $0.attributes["href"] }
    #expect(barLinks == ["/vendors/a/?x=1&y=2"])
    // Links inside role="img" would be hidden from assistive technology.
    #expect(doc.root?.attributes["role"] == "group")
    let noLinks = radar(axes: sampleAxes.map { ChartAxis(label: $0.label, url: nil) })
    #expect(SVGInspector.inspect(noLinks).root?.attributes["role"] == "img")
    #expect(SVGInspector.inspect(noLinks).all("a").isEmpty)
}

@Test func outputIsDeterministic() {
    #expect(radar() == radar())
    #expect(bars() == bars())
    #expect(grouped() == grouped())
}

@Test func emptyInputSaysNoData() {
    let empties = [
        radar(axes: [], series: sampleSeries),
        radar(axes: sampleAxes, series: []),
        radar(axes: sampleAxes, series: [ChartSeries(name: "Empty", values: [], style: 0)]),
        BarChart.svg(id: "e", title: "t", description: "d", bars: [], scale: scale),
        BarChart.grouped(id: "e", title: "t", description: "d", groups: [], scale: scale, series: sampleSeries),
        grouped(series: []),
    ]
    for svg in empties {
        let doc = SVGInspector.inspect(svg)
        #expect(doc.parseError == nil)
        #expect(doc.text.contains("No data"))
        #expect(doc.root?.attributes["role"] == "img")
    }
}

@Test func outOfScaleValuesAreClamped() throws {
    let axes = Array(sampleAxes.prefix(4)).map { ChartAxis(label: $0.label, url: nil) }
    let wild = RadarChart.svg(id: "c", title: "t", description: "d", axes: axes, scale: scale,
                              series: [ChartSeries(name: "Wild", values: [99, -7, .infinity, .nan], style: 0)])
    let tame = RadarChart.svg(id: "c", title: "t", description: "d", axes: axes, scale: scale,
                              series: [ChartSeries(name: "Wild", values: [5, 1, 5, 1], style: 0)])
    let wildPoints = try #require(SVGInspector.inspect(wild).all("polygon").first?.attributes["points"])
    let tamePoints = try #require(SVGInspector.inspect(tame).all("polygon").first?.attributes["points"])
    #expect(wildPoints == tamePoints)

    let high = BarChart.svg(id: "b", title: "t", description: "d", bars: [("A", nil, 12, 0), ("B", nil, -3, 1)], scale: scale)
    let rects = SVGInspector.inspect(high).all("rect").filter { $0.attributes["fill-opacity"] != nil }
    #expect(rects.count == 2)
    #expect(rects.first?.attributes["width"] == "378.0")   // the full plot width
    #expect(rects.last?.attributes["width"] == "0.0")
    #expect(high.contains(">5.0</text>") && high.contains(">1.0</text>"))
    #expect(!high.contains(">12.0<") && !high.contains(">-3.0<"))
}

@Test func stylesDifferInColourDashAndMarker() {
    let series = (0..<5).map { ChartSeries(name: "S\($0)", values: [2, 3, 4], style: $0) }
    let svg = RadarChart.svg(id: "s", title: "t", description: "d", axes: Array(sampleAxes.prefix(3)), scale: scale, series: series)
    for colour in ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"] {
        #expect(svg.contains("stroke=\"\(colour)\""))
    }
    for dash in ["8 4", "2 3", "8 3 2 3", "14 5"] {
        #expect(svg.contains("stroke-dasharray=\"\(dash)\""))
    }
    #expect(svg.contains("fill-opacity=\"0.12\""))
    let doc = SVGInspector.inspect(svg)
    #expect(doc.parseError == nil)
    #expect(doc.all("polygon").count == 5)
    #expect(doc.elements.contains { $0.attributes["class"] == "chart-legend" })
    #expect(doc.all("g").filter { $0.attributes["class"] == "chart-legend-item" }.count == 5)
    // Styles wrap around instead of trapping.
    let wrapped = RadarChart.svg(id: "w", title: "t", description: "d", axes: Array(sampleAxes.prefix(3)), scale: scale,
                                 series: [ChartSeries(name: "x", values: [1, 2, 3], style: 7), ChartSeries(name: "y", values: [1, 2, 3], style: -1)])
    #expect(SVGInspector.inspect(wrapped).parseError == nil)
}

@Test func longLabelsWrapOntoAtMostThreeLines() {
    let wrapped = ChartText.wrap("Commercial model and outcome-based pricing with gain share")
    #expect(wrapped.lines.count == 3)
    #expect(wrapped.truncated)
    #expect(wrapped.lines.last?.hasSuffix("…") == true)
    #expect(ChartText.wrap("Talent").lines == ["Talent"])
    #expect(ChartText.wrap("AI core delivery model").lines == ["AI core delivery", "model"])
    // The full text survives in a tooltip when it was cut.
    #expect(radar().contains("<title>Commercial model and outcome-based pricing with gain share</title>"))
}

@Test func numbersUseOneFixedDecimal() {
    #expect(ChartFormat.number(3) == "3.0")
    #expect(ChartFormat.number(2.25) == "2.3")
    #expect(ChartFormat.number(-0.04) == "0.0")
    #expect(ChartFormat.number(-1.25) == "-1.3")
    #expect(ChartFormat.number(.nan) == "0.0")
    #expect(ChartFormat.tick(4) == "4")
}
