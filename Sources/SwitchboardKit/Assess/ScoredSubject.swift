/// Something scored against a rubric: an archetype entry or a vendor from a data file.
public struct ScoredSubject: Sendable {
    public var id: String
    public var title: String
    public var note: String?
    /// Dimension id → score on the rubric's scale.
    public var scores: [String: Double]
    public var evidence: [String: String]
    /// The page that shows the subject (the archetype entry, or the vendor's scorecard).
    public var pageID: String
    public var isArchetype: Bool
}

/// The arithmetic of comparisons, in one place so pages, charts and the self-assessment
/// script agree. Documented in docs/assessments.md.
enum Scoring {
    /// Σ weight·score / Σ weight over the dimensions the subject has a score for.
    static func weightedScore(_ subject: ScoredSubject, rubric: Rubric) -> Double {
        var sum = 0.0, weights = 0.0
        for d in rubric.dimensions {
            guard let s = subject.scores[d.id] else { continue }
            sum += d.weight * s
            weights += d.weight
        }
        return weights > 0 ? sum / weights : 0
    }

    /// Weighted Euclidean distance: sqrt(Σ w·(a−b)² / Σ w), in scale points. 0 means identical
    /// on every dimension; 1 means one point apart on average (weighted, root-mean-square).
    static func distance(_ a: ScoredSubject, _ b: ScoredSubject, rubric: Rubric) -> Double {
        var sum = 0.0, weights = 0.0
        for d in rubric.dimensions {
            guard let x = a.scores[d.id], let y = b.scores[d.id] else { continue }
            sum += d.weight * (x - y) * (x - y)
            weights += d.weight
        }
        return weights > 0 ? (sum / weights).squareRoot() : 0
    }

    /// The archetypes by distance, nearest first (ties keep the archetypes' order).
    static func ranked(_ subject: ScoredSubject, among archetypes: [ScoredSubject], rubric: Rubric) -> [(ScoredSubject, Double)] {
        archetypes.enumerated()
            .map { ($0.offset, $0.element, distance(subject, $0.element, rubric: rubric)) }
            .sorted { ($0.2, $0.0) < ($1.2, $1.0) }
            .map { ($0.1, $0.2) }
    }

    /// Share of the scale reached, 0–100.
    static func percent(_ score: Double, scale: ClosedRange<Int>) -> Int {
        let span = Double(scale.upperBound - scale.lowerBound)
        let percent = ((score - Double(scale.lowerBound)) / span * 100).rounded()
        // Int(_:) traps on NaN, infinity and huge values: never let a number crash a build.
        return span > 0 && percent.isFinite && abs(percent) < 1e15 ? Int(percent) : 0
    }

    static func format(_ value: Double) -> String {
        guard (value * 10).rounded().isFinite, abs(value) < 1e14 else { return "–" }
        let tenths = Int((value * 10).rounded())
        let magnitude = abs(tenths)
        return "\(tenths < 0 ? "-" : "")\(magnitude / 10).\(magnitude % 10)"
    }
}
