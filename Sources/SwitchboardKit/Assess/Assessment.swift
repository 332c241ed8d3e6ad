/// One assessment after loading: its rubric and its scored subjects.
public struct Assessment: Sendable {
    public var config: AssessmentConfig
    public var rubric: Rubric
    /// Archetype entries, in their collection's order.
    public var archetypes: [ScoredSubject]
    public var vendors: [ScoredSubject]

    /// Site ids of the generated pages.
    var overviewID: String { config.path }
    var matrixID: String { config.path + "/vendors" }
    var selfAssessmentID: String { config.path + "/self-assessment" }
    func dimensionID(_ d: String) -> String { config.path + "/dimensions/" + d }
    func pairID(_ a: ScoredSubject, _ b: ScoredSubject) -> String { config.path + "/" + a.slug + "-vs-" + b.slug }
}

extension ScoredSubject {
    /// The last segment of the id: the archetype's slug or the vendor's id.
    var slug: String { String(id.split(separator: "/").last ?? Substring(id)) }
}
