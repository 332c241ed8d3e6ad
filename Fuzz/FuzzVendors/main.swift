// Assessment data: a vendor file read as CSV and as YAML against a fixed rubric, the vendors
// scored and ranked; and the same text read as a rubric, with fixed subjects scored on it.
@testable import SwitchboardKit
import FuzzSupport

let rubricYAML = """
title: Maturity
scale: {min: 1, max: 5}
dimensions:
  - {id: ai-core, name: AI, weight: 2, levels: [a, b, c, d, e]}
  - {id: commercial, name: Commercial, weight: 0.5, levels: [a, b, c, d, e]}
  - {id: people, name: People, levels: [a, b, c, d, e]}
"""
let rubric = RubricLoader.load(text: rubricYAML, file: "content/data/rubric.yml").0!
let archetypes = [
    ScoredSubject(id: "archetypes/labour", title: "Labour", note: nil, scores: ["ai-core": 1, "commercial": 1, "people": 2],
                  evidence: [:], pageID: "archetypes/labour", isArchetype: true),
    ScoredSubject(id: "archetypes/ai", title: "AI", note: nil, scores: ["ai-core": 5, "commercial": 4],
                  evidence: [:], pageID: "archetypes/ai", isArchetype: true),
]

func score(_ subjects: [ScoredSubject], on rubric: Rubric) {
    for subject in subjects {
        let weighted = Scoring.weightedScore(subject, rubric: rubric)
        require(weighted.isFinite, "a weighted score is a number: \(subject.scores)")
        _ = Scoring.format(weighted)
        _ = Scoring.percent(weighted, scale: rubric.scale)
        for (other, distance) in Scoring.ranked(subject, among: archetypes, rubric: rubric) {
            require(distance.isFinite && distance >= 0, "a distance is a number: \(other.id)")
            _ = Scoring.format(distance)
        }
    }
}

FuzzDriver.main { bytes in
    guard case .success(let text) = SourceText.decode(Array(bytes)) else { return }
    _ = CSVTable.parse(text)
    let (vendors, diagnostics) = VendorLoader.load(text: text, file: "content/data/vendors.csv", rubric: rubric, pagePath: "compare")
    for vendor in vendors {
        require(Slug.isValid(vendor.id), "a vendor id is a slug: \(vendor.id)")
        for (dimension, value) in vendor.scores {
            require(rubric.dimension(dimension) != nil && value >= 1 && value <= 5, "a kept score is on the scale: \(dimension) \(value)")
        }
    }
    for d in diagnostics { require(d.location?.file == "content/data/vendors.csv", "a diagnostic names the file: \(d)") }
    score(vendors, on: rubric)
    let (yamlVendors, _) = VendorLoader.load(text: text, file: "content/data/vendors.yml", rubric: rubric, pagePath: "compare")
    score(yamlVendors, on: rubric)
    if case (let other?, _) = RubricLoader.load(text: text, file: "content/data/other.yml") {
        require(other.scale.count >= 2 && other.scale.count <= 21, "a scale has 2 to 21 levels: \(other.scale)")
        for d in other.dimensions { require(d.weight.isFinite && d.weight >= 0, "a weight is a number: \(d.weight)") }
        score(archetypes + yamlVendors, on: other)
    }
}
