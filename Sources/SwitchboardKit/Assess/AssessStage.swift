import Foundation

/// The assessment stage: rubrics and scores from data files and front matter, checked, and
/// turned into comparison pages. Split in two: `load` reads the data before indexing (so the
/// generated pages are known to the link checker), `finish` checks references and builds the
/// pages once the site is linked.
struct AssessStage {
    var diagnostics: [Diagnostic] = []
    var pages: [Page] = []
    var assessments: [Assessment] = []

    static func load(config: HubConfig, root: String, entries: [Entry], dataFiles: [String], drafts: Bool) -> AssessStage {
        var stage = AssessStage()
        for assessmentConfig in config.assessments {
            let rubricFile = "content/" + assessmentConfig.rubric
            guard let text = stage.read(rubricFile, root: root, from: assessmentConfig.location) else { continue }
            let (loadedRubric, rubricDiagnostics) = RubricLoader.load(text: text, file: rubricFile)
            stage.diagnostics += rubricDiagnostics
            guard let rubric = loadedRubric else { continue }

            // Archetypes: entries of the named collection with a scores field for this assessment.
            var archetypes: [ScoredSubject] = []
            if let collection = assessmentConfig.archetypes, let schema = config.collection(named: collection) {
                let field = schema.fields.first { $0.type == .scores && $0.assessment == assessmentConfig.id }
                let members = entries.filter { $0.collection == collection && $0.kind == .entry && (drafts || !$0.draft) }
                    .sorted { IndexBuilder.precedes($0, $1, by: schema) }
                for entry in members {
                    var scores: [String: Double] = [:]
                    var evidence: [String: String] = [:]
                    if let field, case .scores(let list)? = entry.fields[field.name] {
                        stage.diagnostics += ScoreCheck.check(list, rubric: rubric, subject: entry.id,
                                                              at: entry.fieldLocations[field.name] ?? SourceLocation(file: entry.source, line: 1, column: 1),
                                                              scores: &scores, evidence: &evidence)
                    } else if field == nil {
                        stage.diagnostics.append(.error(.unknownAssessment, "collection '\(collection)' has no `type: scores` field for assessment '\(assessmentConfig.id)'",
                                                        at: schema.location, hint: "add a field like `scores: {type: scores, assessment: \(assessmentConfig.id)}`"))
                        break
                    }
                    archetypes.append(ScoredSubject(id: entry.id, title: entry.title, note: entry.summary, scores: scores,
                                                    evidence: evidence, pageID: entry.id, isArchetype: true))
                }
            }

            var vendors: [ScoredSubject] = []
            for vendorFile in assessmentConfig.vendors {
                let file = "content/" + vendorFile
                guard let text = stage.read(file, root: root, from: assessmentConfig.location) else { continue }
                let (loaded, d) = VendorLoader.load(text: text, file: file, rubric: rubric, pagePath: assessmentConfig.path)
                stage.diagnostics += d
                for vendor in loaded {
                    if vendors.contains(where: { $0.id == vendor.id }) {
                        stage.diagnostics.append(.error(.duplicateVendor, "the vendor '\(vendor.id)' is listed in more than one vendor file",
                                                        at: SourceLocation(file: file), hint: "vendor ids must be unique across files"))
                        continue
                    }
                    vendors.append(vendor)
                }
            }
            let assessment = Assessment(config: assessmentConfig, rubric: rubric, archetypes: archetypes, vendors: vendors)
            stage.assessments.append(assessment)
            stage.pages += AssessmentPages.pages(for: assessment)
        }
        return stage
    }

    private mutating func read(_ file: String, root: String, from location: SourceLocation) -> String? {
        // hub.yml can only name paths inside content/, but one of them may be a symbolic link:
        // like the scanner, never follow one out of the hub.
        let realRoot = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        let real = URL(fileURLWithPath: root + "/" + file).standardizedFileURL.resolvingSymlinksInPath().path
        guard real.hasPrefix(realRoot + "/") || !FileManager.default.fileExists(atPath: root + "/" + file) else {
            diagnostics.append(.error(.symlinkOutside, "'\(file)' is a symbolic link to outside the hub and is not read", at: location,
                                      hint: "copy the file into the hub instead of linking to it"))
            return nil
        }
        guard let bytes = FileBytes.contents(of: root + "/" + file) else {
            diagnostics.append(.error(.rubricInvalid, "no file '\(file)'", at: location,
                                      hint: "paths in `assessments:` are relative to content/"))
            return nil
        }
        switch SourceText.decode(bytes) {
        case .success(let text): return text
        case .failure(let p):
            diagnostics.append(Builder.decodeDiagnostic(p, file: file))
            return nil
        }
    }

    /// Checks the rubric's references, builds the pages' view models and joins them to the graph.
    mutating func finish(site: inout Site, diagnostics: inout [Diagnostic]) {
        let resolver = LinkResolver(index: site.index, baseURL: site.config.baseURL)
        for assessment in assessments {
            var refs: [String: [String: [String]]] = [:]   // dimension → kind → page ids
            for dimension in assessment.rubric.dimensions {
                for (kind, list) in [("questions", dimension.questions), ("kpis", dimension.kpis), ("addressed_by", dimension.addressedBy)] {
                    var ids: [String] = []
                    for ref in list {
                        switch resolver.resolveID(ref.value, at: ref.location, form: "rubric reference") {
                        case .success(let page): if !ids.contains(page.id) { ids.append(page.id) }
                        case .failure(let d): diagnostics.append(d)
                        }
                    }
                    refs[dimension.id, default: [:]][kind] = ids
                }
            }
            let builder = AssessmentPages(assessment: assessment, site: site, refs: refs)
            for (id, page) in builder.generatedPages() { site.assessmentPages[id] = page }
            builder.joinGraph(&site.graph)
            site.assessments.append(assessment)
        }
    }
}
