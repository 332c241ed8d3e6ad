/// The result of the assessment stage for one assessment declared in hub.yml.
public struct Assessment: Sendable {
    public var config: AssessmentConfig
}
