/// The pages an assessment generates, and their view models: the archetype comparison, one
/// page per pair of archetypes, a scorecard per vendor, the vendor matrix, a page per
/// dimension and the self-assessment. Charts are inline SVG built here, each followed in
/// the templates by the data table it draws.
struct AssessmentPages {
    let assessment: Assessment
    let site: Site
    /// Dimension id → "questions" | "kpis" | "addressed_by" → resolved page ids.
    let refs: [String: [String: [String]]]

    var rubric: Rubric { assessment.rubric }
    var scale: ClosedRange<Double> { Double(rubric.scale.lowerBound)...Double(rubric.scale.upperBound) }

    // MARK: page list (known before linking)

    static func pages(for a: Assessment) -> [Page] {
        let dims = a.rubric.dimensions.map(\.id)
        var pages = [
            Page(id: a.overviewID, title: "The archetypes compared", kind: .assessment, sitePath: a.config.path + "/",
                 summary: "All archetypes side by side on every dimension of the \(a.rubric.title.lowercasedFirst) rubric, biggest differences first.",
                 anchors: Set(["archetypes", "totals", "dimensions", "scores-table", "pairs"] + dims)),
            Page(id: a.selfAssessmentID, title: "Self-assessment", kind: .assessment, sitePath: a.config.path + "/self-assessment/",
                 summary: "Score a provider on every dimension and see which archetype it is closest to.",
                 anchors: ["questionnaire", "scoring-rule", "result"]),
        ]
        if !a.vendors.isEmpty {
            pages.append(Page(id: a.matrixID, title: "Vendor matrix", kind: .assessment, sitePath: a.config.path + "/vendors/",
                              summary: "Every vendor on every dimension, with its weighted score and nearest archetype.",
                              anchors: ["matrix", "totals"]))
        }
        for (i, x) in a.archetypes.enumerated() {
            for y in a.archetypes[(i + 1)...] {
                let id = a.pairID(x, y)
                pages.append(Page(id: id, title: "\(x.title) vs \(y.title)", kind: .assessment, sitePath: id + "/",
                                  summary: "Where \(x.title.lowercasedFirst) and \(y.title.lowercasedFirst) differ, dimension by dimension.",
                                  anchors: Set(["scores-table"] + dims)))
            }
        }
        for v in a.vendors {
            pages.append(Page(id: v.pageID, title: "\(v.title): scorecard", kind: .assessment, sitePath: v.pageID + "/",
                              summary: v.note, anchors: Set(["nearest", "shortfalls", "scores-table"] + dims)))
        }
        for d in a.rubric.dimensions {
            let id = a.dimensionID(d.id)
            pages.append(Page(id: id, title: d.name, kind: .assessment, sitePath: id + "/", summary: d.description,
                              anchors: ["levels", "questions", "kpis", "remedies", "scores"]))
        }
        return pages
    }

    // MARK: helpers

    func url(_ id: String) -> String { site.index[id].map { site.config.baseURL.url($0.sitePath) } ?? "" }
    func title(_ id: String) -> String { site.index[id]?.title ?? id }

    func link(_ id: String) -> [String: Any] {
        var item: [String: Any] = ["title": title(id), "url": url(id)]
        if let page = site.index[id] {
            item["summary"] = page.summary ?? ""
            if let c = page.collection, let schema = site.config.collection(named: c) {
                item["kind"] = site.index[c]?.title ?? schema.title
            }
        }
        return item
    }

    func descriptor(_ d: Rubric.Dimension, _ score: Double) -> String {
        let level = Int(score.rounded()) - rubric.scale.lowerBound
        return d.levels.indices.contains(level) ? d.levels[level] : ""
    }

    func axes() -> [ChartAxis] {
        rubric.dimensions.map { ChartAxis(label: $0.name, url: url(assessment.dimensionID($0.id))) }
    }

    func series(_ subjects: [ScoredSubject], styles: [Int]? = nil) -> [ChartSeries] {
        subjects.enumerated().map { i, s in
            ChartSeries(name: s.title, values: rubric.dimensions.map { s.scores[$0.id] ?? scale.lowerBound },
                        style: styles?[i] ?? i % 5)
        }
    }

    func scoreText(_ s: ScoredSubject, _ d: Rubric.Dimension) -> String {
        s.scores[d.id].map(Scoring.format) ?? "–"
    }

    /// Rows of a scores table: one per dimension, a cell per subject.
    func scoresTable(_ subjects: [ScoredSubject], dimensions: [Rubric.Dimension]) -> [String: Any] {
        [
            "columns": subjects.map { ["title": $0.title, "url": url($0.pageID)] },
            "rows": dimensions.map { d -> [String: Any] in
                ["name": d.name, "url": url(assessment.dimensionID(d.id)), "weight": Scoring.format(d.weight),
                 "cells": subjects.map { ["score": scoreText($0, d)] }]
            },
            "totals": subjects.map { ["score": Scoring.format(Scoring.weightedScore($0, rubric: rubric))] },
        ]
    }

    var scaleText: String { "\(rubric.scale.lowerBound)–\(rubric.scale.upperBound)" }

    // MARK: pages

    func generatedPages() -> [(String, GeneratedPage)] {
        var result: [(String, GeneratedPage)] = [(assessment.overviewID, overview()), (assessment.selfAssessmentID, selfAssessment())]
        if !assessment.vendors.isEmpty { result.append((assessment.matrixID, matrix())) }
        let archetypes = assessment.archetypes
        for (i, x) in archetypes.enumerated() {
            for y in archetypes[(i + 1)...] { result.append((assessment.pairID(x, y), pair(x, y))) }
        }
        for v in assessment.vendors { result.append((v.pageID, scorecard(v))) }
        for d in rubric.dimensions { result.append((assessment.dimensionID(d.id), dimension(d))) }
        return result
    }

    func common() -> [String: Any] {
        [
            "rubric_title": rubric.title, "rubric_description": rubric.description, "scale": scaleText,
            "scale_min": rubric.scale.lowerBound, "scale_max": rubric.scale.upperBound,
            "overview_url": url(assessment.overviewID), "matrix_url": url(assessment.matrixID),
            "self_assessment_url": url(assessment.selfAssessmentID), "has_vendors": !assessment.vendors.isEmpty,
            "assessment_title": assessment.config.title,
            "dimension_links": rubric.dimensions.map { ["title": $0.name, "url": url(assessment.dimensionID($0.id)), "weight": Scoring.format($0.weight)] },
        ]
    }

    func overview() -> GeneratedPage {
        let archetypes = assessment.archetypes
        // Biggest spread between archetypes first; rubric order breaks ties.
        let ordered = rubric.dimensions.enumerated().map { i, d -> (Int, Rubric.Dimension, Double) in
            let values = archetypes.compactMap { $0.scores[d.id] }
            return (i, d, (values.max() ?? 0) - (values.min() ?? 0))
        }.sorted { ($1.2, $0.0) < ($0.2, $1.0) }
        var ctx = common()
        ctx["archetypes"] = archetypes.map { a -> [String: Any] in
            let total = Scoring.weightedScore(a, rubric: rubric)
            return ["title": a.title, "url": url(a.pageID), "summary": a.note ?? "", "total": Scoring.format(total),
                    "percent": Scoring.percent(total, scale: rubric.scale)]
        }
        ctx["dimensions"] = ordered.map { _, d, spread -> [String: Any] in
            ["id": d.id, "name": d.name, "url": url(assessment.dimensionID(d.id)), "description": d.description,
             "weight": Scoring.format(d.weight), "spread": Scoring.format(spread),
             "cells": archetypes.map { a -> [String: Any] in
                 ["title": a.title, "url": url(a.pageID), "score": scoreText(a, d),
                  "descriptor": a.scores[d.id].map { descriptor(d, $0) } ?? "", "evidence": a.evidence[d.id] ?? ""]
             }]
        }
        ctx["radar"] = RadarChart.svg(id: "sb-radar-archetypes", title: "The archetypes on every dimension",
                                      description: "Radar chart of each archetype's score (\(scaleText)) on the \(rubric.dimensions.count) dimensions; the table below gives the same numbers.",
                                      axes: axes(), scale: scale, series: series(archetypes))
        ctx["totals_chart"] = BarChart.svg(id: "sb-bars-archetypes", title: "Weighted score of each archetype",
                                           description: "Bar chart of the weighted scores; the table below gives the same numbers.",
                                           bars: archetypes.enumerated().map { i, a in (a.title, url(a.pageID), Scoring.weightedScore(a, rubric: rubric), i % 5) },
                                           scale: scale)
        ctx["table"] = scoresTable(archetypes, dimensions: rubric.dimensions)
        var pairs: [[String: Any]] = []
        for (i, x) in archetypes.enumerated() {
            for y in archetypes[(i + 1)...] { pairs.append(["title": "\(x.title) vs \(y.title)", "url": url(assessment.pairID(x, y))]) }
        }
        ctx["pairs"] = pairs
        ctx["vendors"] = assessment.vendors.map { ["title": $0.title, "url": url($0.pageID)] }
        var links = archetypes.map(\.pageID) + rubric.dimensions.map { assessment.dimensionID($0.id) } + [assessment.selfAssessmentID]
        links += archetypes.indices.flatMap { i in archetypes[(i + 1)...].map { assessment.pairID(archetypes[i], $0) } }
        if !assessment.vendors.isEmpty { links.append(assessment.matrixID) }
        return GeneratedPage(template: "compare", context: ctx, links: links)
    }

    func pair(_ x: ScoredSubject, _ y: ScoredSubject) -> GeneratedPage {
        let ordered = rubric.dimensions.enumerated().map { i, d in (i, d, abs((x.scores[d.id] ?? 0) - (y.scores[d.id] ?? 0))) }
            .sorted { ($1.2, $0.0) < ($0.2, $1.0) }
        var ctx = common()
        ctx["a"] = ["title": x.title, "url": url(x.pageID), "total": Scoring.format(Scoring.weightedScore(x, rubric: rubric))]
        ctx["b"] = ["title": y.title, "url": url(y.pageID), "total": Scoring.format(Scoring.weightedScore(y, rubric: rubric))]
        ctx["distance"] = Scoring.format(Scoring.distance(x, y, rubric: rubric))
        ctx["dimensions"] = ordered.map { _, d, diff -> [String: Any] in
            ["id": d.id, "name": d.name, "url": url(assessment.dimensionID(d.id)), "difference": Scoring.format(diff),
             "same": diff == 0,
             "a_score": scoreText(x, d), "a_descriptor": x.scores[d.id].map { descriptor(d, $0) } ?? "", "a_evidence": x.evidence[d.id] ?? "",
             "b_score": scoreText(y, d), "b_descriptor": y.scores[d.id].map { descriptor(d, $0) } ?? "", "b_evidence": y.evidence[d.id] ?? ""]
        }
        ctx["radar"] = RadarChart.svg(id: "sb-radar-pair", title: "\(x.title) and \(y.title) on every dimension",
                                      description: "Radar chart of both archetypes' scores (\(scaleText)); the table below gives the same numbers.",
                                      axes: axes(), scale: scale, series: series([x, y]))
        ctx["table"] = scoresTable([x, y], dimensions: rubric.dimensions)
        return GeneratedPage(template: "compare-pair", context: ctx,
                             links: [x.pageID, y.pageID, assessment.overviewID] + rubric.dimensions.map { assessment.dimensionID($0.id) })
    }

    func scorecard(_ v: ScoredSubject) -> GeneratedPage {
        var ctx = common()
        let total = Scoring.weightedScore(v, rubric: rubric)
        ctx["vendor"] = ["title": v.title, "note": v.note ?? "", "total": Scoring.format(total), "percent": Scoring.percent(total, scale: rubric.scale)]
        let ranked = Scoring.ranked(v, among: assessment.archetypes, rubric: rubric)
        var links = [assessment.matrixID, assessment.overviewID]
        if let (nearest, distance) = ranked.first {
            ctx["nearest"] = ["title": nearest.title, "url": url(nearest.pageID), "distance": Scoring.format(distance)]
            ctx["has_nearest"] = true
            ctx["distances"] = ranked.map { ["title": $0.0.title, "url": url($0.0.pageID), "distance": Scoring.format($0.1)] }
            ctx["radar"] = RadarChart.svg(id: "sb-radar-vendor", title: "\(v.title) against \(nearest.title)",
                                          description: "Radar chart of the vendor's scores and those of its nearest archetype (\(scaleText)); the table below gives the same numbers.",
                                          axes: axes(), scale: scale, series: series([v, nearest]))
            ctx["table"] = scoresTable([v, nearest], dimensions: rubric.dimensions)
            links.append(nearest.pageID)
        }
        // Falls short: below the best archetype's score on the dimension, biggest weighted gap first.
        var shortfalls: [(Double, Int, [String: Any])] = []
        for (i, d) in rubric.dimensions.enumerated() {
            guard let score = v.scores[d.id] else { continue }
            let target = assessment.archetypes.compactMap { $0.scores[d.id] }.max() ?? scale.upperBound
            let gap = target - score
            guard gap >= 1 else { continue }
            let questions = refs[d.id]?["questions"] ?? []
            let remedies = refs[d.id]?["addressed_by"] ?? []
            links += questions + remedies + [assessment.dimensionID(d.id)]
            shortfalls.append((gap * d.weight, i, [
                "name": d.name, "url": url(assessment.dimensionID(d.id)), "score": Scoring.format(score),
                "target": Scoring.format(target), "gap": Scoring.format(gap),
                "current": descriptor(d, score), "target_descriptor": descriptor(d, target),
                "evidence": v.evidence[d.id] ?? "",
                "questions": questions.map(link), "remedies": remedies.map(link),
                "has_questions": !questions.isEmpty, "has_remedies": !remedies.isEmpty,
            ]))
        }
        shortfalls.sort { ($1.0, $0.1) < ($0.0, $1.1) }
        ctx["shortfalls"] = shortfalls.map(\.2)
        ctx["has_shortfalls"] = !shortfalls.isEmpty
        ctx["evidence"] = rubric.dimensions.map { d -> [String: Any] in
            ["name": d.name, "url": url(assessment.dimensionID(d.id)), "score": scoreText(v, d),
             "descriptor": v.scores[d.id].map { descriptor(d, $0) } ?? "", "evidence": v.evidence[d.id] ?? ""]
        }
        return GeneratedPage(template: "vendor", context: ctx, links: links)
    }

    func matrix() -> GeneratedPage {
        var ctx = common()
        let vendors = assessment.vendors
        ctx["table"] = scoresTable(vendors, dimensions: rubric.dimensions)
        ctx["vendors"] = vendors.map { v -> [String: Any] in
            let nearest = Scoring.ranked(v, among: assessment.archetypes, rubric: rubric).first
            var item: [String: Any] = ["title": v.title, "url": url(v.pageID), "note": v.note ?? "",
                                       "total": Scoring.format(Scoring.weightedScore(v, rubric: rubric))]
            if let (archetype, distance) = nearest {
                item["nearest"] = ["title": archetype.title, "url": url(archetype.pageID), "distance": Scoring.format(distance)]
            }
            return item
        }
        let subjects = assessment.archetypes + vendors
        ctx["totals_chart"] = BarChart.svg(id: "sb-bars-vendors", title: "Weighted score of each vendor and archetype",
                                           description: "Bar chart of weighted scores (\(scaleText)); the tables give the same numbers.",
                                           bars: subjects.map { s in (s.title, url(s.pageID), Scoring.weightedScore(s, rubric: rubric), s.isArchetype ? 1 : 0) },
                                           scale: scale)
        return GeneratedPage(template: "vendors", context: ctx, links: vendors.map(\.pageID) + assessment.archetypes.map(\.pageID))
    }

    func dimension(_ d: Rubric.Dimension) -> GeneratedPage {
        var ctx = common()
        let subjects = assessment.archetypes + assessment.vendors
        ctx["dimension"] = ["id": d.id, "name": d.name, "description": d.description, "weight": Scoring.format(d.weight)]
        ctx["levels"] = d.levels.enumerated().map { i, text -> [String: Any] in
            let level = Double(rubric.scale.lowerBound + i)
            return ["level": rubric.scale.lowerBound + i, "descriptor": text,
                    "archetypes": assessment.archetypes.filter { $0.scores[d.id].map { $0.rounded() == level } ?? false }.map { ["title": $0.title, "url": url($0.pageID)] },
                    "vendors": assessment.vendors.filter { $0.scores[d.id].map { $0.rounded() == level } ?? false }.map { ["title": $0.title, "url": url($0.pageID)] }]
        }
        let questions = refs[d.id]?["questions"] ?? [], kpis = refs[d.id]?["kpis"] ?? [], remedies = refs[d.id]?["addressed_by"] ?? []
        ctx["questions"] = questions.map(link)
        ctx["kpis"] = kpis.map(link)
        ctx["remedies"] = remedies.map(link)
        ctx["has_questions"] = !questions.isEmpty
        ctx["has_kpis"] = !kpis.isEmpty
        ctx["has_remedies"] = !remedies.isEmpty
        ctx["scores"] = subjects.map { s -> [String: Any] in
            ["title": s.title, "url": url(s.pageID), "score": scoreText(s, d), "evidence": s.evidence[d.id] ?? "",
             "kind": s.isArchetype ? "Archetype" : "Vendor"]
        }
        ctx["chart"] = BarChart.svg(id: "sb-bars-dimension", title: "Scores on \(d.name)",
                                    description: "Bar chart of each archetype's and vendor's score on this dimension; the table below gives the same numbers.",
                                    bars: subjects.map { s in (s.title, url(s.pageID), s.scores[d.id] ?? scale.lowerBound, s.isArchetype ? 1 : 0) },
                                    scale: scale)
        return GeneratedPage(template: "dimension", context: ctx,
                             links: questions + kpis + remedies + subjects.map(\.pageID) + [assessment.overviewID])
    }

    func selfAssessment() -> GeneratedPage {
        var ctx = common()
        ctx["dimensions"] = rubric.dimensions.map { d -> [String: Any] in
            ["id": d.id, "name": d.name, "description": d.description, "weight": Scoring.format(d.weight),
             "url": url(assessment.dimensionID(d.id)),
             "levels": d.levels.enumerated().map { i, text in
                 ["level": rubric.scale.lowerBound + i, "descriptor": text, "input_id": "sb-\(d.id)-\(rubric.scale.lowerBound + i)"]
             }]
        }
        ctx["archetypes"] = assessment.archetypes.map { ["title": $0.title, "url": url($0.pageID)] }
        ctx["data"] = HTMLEscaping.scriptSafeJSON(selfAssessmentData())
        ctx["total_weight"] = Scoring.format(rubric.totalWeight)
        return GeneratedPage(template: "self-assessment", context: ctx,
                             links: assessment.archetypes.map(\.pageID) + rubric.dimensions.map { assessment.dimensionID($0.id) })
    }

    /// What the self-assessment script needs, as JSON (escaped for `<script>` by the caller).
    func selfAssessmentData() -> String {
        let dims = rubric.dimensions.map { d -> String in
            let remedies = (refs[d.id]?["addressed_by"] ?? []).map { id -> String in
                let kind = site.index[id]?.collection.flatMap { site.config.collection(named: $0)?.title } ?? "Page"
                return "{\"title\":\(JSON.string(title(id))),\"url\":\(JSON.string(url(id))),\"kind\":\(JSON.string(kind))}"
            }
            return "{\"id\":\(JSON.string(d.id)),\"name\":\(JSON.string(d.name)),\"weight\":\(JSON.number(d.weight)),"
                + "\"url\":\(JSON.string(url(assessment.dimensionID(d.id)))),"
                + "\"levels\":[\(d.levels.map(JSON.string).joined(separator: ","))],\"remedies\":[\(remedies.joined(separator: ","))]}"
        }
        let archetypes = assessment.archetypes.map { a -> String in
            let scores = rubric.dimensions.compactMap { d in a.scores[d.id].map { "\(JSON.string(d.id)):\(JSON.number($0))" } }
            return "{\"id\":\(JSON.string(a.id)),\"title\":\(JSON.string(a.title)),\"url\":\(JSON.string(url(a.pageID))),\"scores\":{\(scores.joined(separator: ","))}}"
        }
        return "{\"scale\":{\"min\":\(rubric.scale.lowerBound),\"max\":\(rubric.scale.upperBound)},"
            + "\"dimensions\":[\(dims.joined(separator: ","))],\"archetypes\":[\(archetypes.joined(separator: ","))]}"
    }

    // MARK: graph

    /// Rubric references and comparisons join the link graph: a question shows the dimension
    /// that it probes, an archetype shows the comparisons it appears in.
    func joinGraph(_ graph: inout LinkGraph) {
        func add(_ source: String, _ target: String, _ sentence: String, relation: String?) {
            graph.edges.append(LinkGraph.Edge(source: source, target: target, kind: .link))
            graph.backlinks[target, default: []].append(LinkGraph.Backlink(source: source, link: nil, note: sentence))
            if let relation {
                if let i = graph.relations[target]?.firstIndex(where: { $0.label == relation }) {
                    graph.relations[target]![i].targets.append(source)
                } else {
                    graph.relations[target, default: []].append(LinkGraph.Relation(label: relation, field: "rubric", inverse: true, targets: [source]))
                }
            }
        }
        for d in rubric.dimensions {
            let id = assessment.dimensionID(d.id)
            for q in refs[d.id]?["questions"] ?? [] { add(id, q, "A question that probes this rubric dimension.", relation: "Rubric dimension it probes") }
            for k in refs[d.id]?["kpis"] ?? [] { add(id, k, "A KPI that evidences this rubric dimension.", relation: "Rubric dimension it evidences") }
            for r in refs[d.id]?["addressed_by"] ?? [] { add(id, r, "Addresses a low score on this rubric dimension.", relation: "Rubric dimension it addresses") }
        }
        let archetypes = assessment.archetypes
        for a in archetypes {
            add(assessment.overviewID, a.pageID, "Compared with the other archetypes on every dimension.", relation: nil)
            for b in archetypes where b.id != a.id {
                let pair = archetypes.firstIndex(where: { $0.id == a.id })! < archetypes.firstIndex(where: { $0.id == b.id })!
                    ? assessment.pairID(a, b) : assessment.pairID(b, a)
                add(pair, a.pageID, "Compared one to one with \(b.title.lowercasedFirst).", relation: nil)
            }
        }
        for v in assessment.vendors {
            if let nearest = Scoring.ranked(v, among: archetypes, rubric: rubric).first?.0 {
                add(v.pageID, nearest.pageID, "\(v.title) is nearest to this archetype.", relation: "Vendors nearest to it")
            }
        }
    }
}

extension String {
    /// "The fast follower" → "the fast follower", for titles used mid-sentence.
    var lowercasedFirst: String {
        guard let first = first else { return self }
        let word = prefix { $0 != " " }
        // Leave acronyms (AI, BPO) alone.
        if word.count > 1 && word.allSatisfy({ $0.isUppercase || !$0.isLetter }) { return self }
        return first.lowercased() + dropFirst()
    }
}
