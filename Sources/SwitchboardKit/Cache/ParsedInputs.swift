/// hub.yml and the templates as the last build in memory (`serve`) parsed them, handed to the
/// next build, which parses them again only when their text changed: on a small hub, parsing
/// them is most of what a rebuild after an edit costs. Never stored on disk.
struct ParsedInputs: Sendable {
    var configText: String
    var baseURLOverride: String?
    var config: HubConfig?
    var configDiagnostics: [Diagnostic]
    var templates: TemplateSet
    var templateDiagnostics: [Diagnostic]
}
