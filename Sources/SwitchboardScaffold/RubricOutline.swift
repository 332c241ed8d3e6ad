import Foundation
import SwitchboardKit

/// Just enough of an assessment's rubric to write a `scores` skeleton: its dimension ids and
/// scale. Read leniently: a rubric that does not parse gives no skeleton (the build reports
/// what is wrong with it), and the field is then written empty with a comment.
struct RubricOutline: Sendable, Equatable {
    var file: String
    var dimensions: [String]
    var scale: ClosedRange<Int>

    /// Outlines by assessment id.
    static func read(root: String, config: HubConfig) -> [String: RubricOutline] {
        var outlines: [String: RubricOutline] = [:]
        for assessment in config.assessments {
            let file = "content/" + assessment.rubric
            guard let data = FileManager.default.contents(atPath: root + "/" + file),
                  case .success(let node?) = YAMLReader.read(String(decoding: data, as: UTF8.self), file: file) else { continue }
            let dimensions = node["dimensions"]?.items?.compactMap { $0["id"]?.scalar } ?? []
            guard !dimensions.isEmpty else { continue }
            let low = node["scale"]?["min"]?.scalar.flatMap { Int($0) } ?? 1
            let high = node["scale"]?["max"]?.scalar.flatMap { Int($0) } ?? 5
            outlines[assessment.id] = RubricOutline(file: file, dimensions: dimensions, scale: low...max(low, high))
        }
        return outlines
    }
}
