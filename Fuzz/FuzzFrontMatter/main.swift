// Front matter: decoding the bytes of a file, splitting off the front matter, reading its YAML
// and validating it against a schema with every field type; and the same text read as hub.yml.
@testable import SwitchboardKit
import FuzzSupport

let hubYAML = """
title: Fuzz
base_url: https://example.org/hub/
collections:
  kpis:
    fields:
      unit: {type: string, required: true}
      note: text
      level: {type: enum, values: [a, b], default: a}
      n: number
      i: integer
      flag: bool
      since: date
      parts: {type: list, of: integer}
      labels: {type: list, of: enum, values: [x, y]}
      rel: {type: ref, collection: kpis}
      rels: refs
      scores: {type: scores, assessment: m}
assessments:
  m: {rubric: data/rubric.yml}
"""
let config = HubConfigLoader.load(text: hubYAML).0!
let placement = EntryLoader.Placement(id: "kpis/x", kind: .entry, collection: "kpis", slug: "x")
let source = "content/kpis/x.md"

FuzzDriver.main { bytes in
    guard case .success(let text) = SourceText.decode(Array(bytes)) else { return }
    let lines = text.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    if case .success(let split) = FrontMatter.split(text) {
        require(split.bodyLineOffset <= lines, "the body starts inside the file")
        if let yaml = split.yaml { _ = YAMLReader.read(yaml, file: source, lineOffset: split.yamlFirstLine - 1) }
    }
    let (entry, diagnostics) = EntryLoader.load(text: text, placement: placement, source: source, config: config)
    require(entry.id == "kpis/x", "the id comes from the path")
    for d in diagnostics {
        let place = d.location
        require(place?.file == source || place?.file == HubConfigLoader.path, "a diagnostic names the file: \(d)")
        require((place?.line ?? 0) >= 0 && (place?.line ?? 0) <= lines + 1, "a diagnostic's line is in the file: \(d)")
        require((place?.column ?? 0) >= 0, "a diagnostic's column is not negative: \(d)")
    }
    _ = HubConfigLoader.load(text: text)
}
