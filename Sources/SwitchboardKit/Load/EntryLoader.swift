/// Turns one Markdown source file into an `Entry`: decodes it, splits and validates the
/// front matter against its collection's schema, and analyses the Markdown.
///
/// An entry with errors is still returned (with what could be read) so that links to it
/// resolve and the author is not shown a cascade of follow-on errors elsewhere.
public enum EntryLoader {
    /// Where a content file belongs, from its path alone.
    public struct Placement: Sendable, Hashable {
        public var id: String
        public var kind: Entry.Kind
        public var collection: String?
        public var slug: String
    }

    /// - Parameter relativePath: path under content/, with `/` separators (`kpis/aht.md`).
    public static func placement(of relativePath: String, config: HubConfig) -> Result<Placement, Diagnostic> {
        let source = "content/" + relativePath
        // Split on the byte: the file system separates folders at every `/`, even one a
        // combining mark follows (which a split by characters would not see).
        var components = relativePath.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        guard var fileName = components.popLast(), fileName.hasSuffix(".md") else {
            return .failure(.error(.badSlug, "not a Markdown file", at: SourceLocation(file: source)))
        }
        fileName.removeLast(3)
        if components.isEmpty {
            if fileName == "index" { return .success(Placement(id: "index", kind: .home, collection: nil, slug: "index")) }
            let slug = Slug.make(fileName)
            guard !slug.isEmpty else { return .failure(badName(fileName, source)) }
            if HubConfigLoader.reservedNames.contains(slug) || config.collections.contains(where: { $0.name == slug }) {
                return .failure(.error(.duplicateID, "the page '\(slug)' would take the URL of a collection or of a generated page",
                                       at: SourceLocation(file: source, line: 1, column: 1), hint: "rename the file"))
            }
            return .success(Placement(id: slug, kind: .page, collection: nil, slug: slug))
        }
        guard let collection = config.collection(inFolder: components[0]) else {
            let folders = config.collections.map(\.folder)
            return .failure(.error(.unknownCollection, "the folder '\(components[0])' is not a collection declared in hub.yml",
                                   at: SourceLocation(file: source, line: 1, column: 1),
                                   hint: Suggestions.didYouMean(components[0], in: folders).map { "\($0) Or declare it under `collections:`" }
                                       ?? "declare a collection with `folder: \(components[0])` under `collections:` in hub.yml, or move the file"))
        }
        if components.count == 1 && fileName == "_index" {
            return .success(Placement(id: collection.name, kind: .sectionIntro, collection: collection.name, slug: collection.name))
        }
        var segments = [collection.name]
        for folder in components.dropFirst() {
            let s = Slug.make(folder)
            guard !s.isEmpty else { return .failure(badName(folder, source)) }
            segments.append(s)
        }
        let slug = Slug.make(fileName)
        guard !slug.isEmpty else { return .failure(badName(fileName, source)) }
        segments.append(slug)
        return .success(Placement(id: segments.joined(separator: "/"), kind: .entry, collection: collection.name, slug: slug))
    }

    private static func badName(_ name: String, _ source: String) -> Diagnostic {
        .error(.badSlug, "'\(name)' has no letters or digits to make a URL from", at: SourceLocation(file: source, line: 1, column: 1),
               hint: "rename it with letters or digits")
    }

    /// - Parameter template: keep the body rendered with its links left to fill in
    ///   (`MarkdownAnalysis.template`), for a build that will render its page.
    public static func load(text: String, placement: Placement, source: String, config: HubConfig,
                            template: Bool = false) -> (Entry, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let start = SourceLocation(file: source, line: 1, column: 1)
        var entry = Entry(id: placement.id, kind: placement.kind, collection: placement.collection, slug: placement.slug,
                          source: source, title: FieldSchema.humanise(placement.slug), summary: nil, tags: [], draft: false,
                          weight: nil, aliases: [], updated: nil, layout: nil, fields: [:], bodyLineOffset: 0,
                          markdown: MarkdownAnalysis())
        var body = text

        var mapping: YAMLNode?
        switch FrontMatter.split(text) {
        case .failure(.unclosed(let line)):
            diagnostics.append(.error(.unclosedFrontMatter, "front matter opened with --- is never closed",
                                      at: SourceLocation(file: source, line: line, column: 1),
                                      hint: "add a line with only --- after the last front-matter key"))
            entry.markdown = analyse(body, lineOffset: entry.bodyLineOffset, file: source, config: config)
            return (entry, diagnostics)
        case .success(let split):
            body = split.body
            entry.bodyLineOffset = split.bodyLineOffset
            if let yaml = split.yaml {
                switch YAMLReader.read(yaml, file: source, lineOffset: split.yamlFirstLine - 1) {
                case .failure(let d):
                    diagnostics.append(d)
                    entry.markdown = analyse(body, lineOffset: entry.bodyLineOffset, file: source, config: config)
                    return (entry, diagnostics)
                case .success(let node):
                    mapping = node
                }
            }
        }

        let schema = placement.collection.flatMap { config.collection(named: $0) }
        let fields = placement.kind == .entry ? schema?.fields ?? [] : []
        var validator = FieldValidator(file: source)
        var seen = Set<String>()

        if let mapping, !mapping.isNull {
            guard let pairs = mapping.pairs else {
                diagnostics.append(.error(.frontMatterNotMapping, "front matter must be `key: value` lines, found \(mapping.kindName)",
                                          at: validator.at(mapping), hint: "start with `title: Your title`"))
                entry.markdown = analyse(body, lineOffset: entry.bodyLineOffset, file: source, config: config)
                return (entry, diagnostics)
            }
            for (keyNode, value) in pairs {
                guard let key = keyNode.scalar else {
                    diagnostics.append(.error(.frontMatterNotMapping, "front-matter keys must be plain text", at: validator.at(keyNode)))
                    continue
                }
                seen.insert(key)
                entry.fieldLocations[key] = validator.at(keyNode)
                // By position: `first(where:)` would copy each field's schema it passes over.
                if let f = fields.indices.first(where: { fields[$0].name == key }) {
                    if value.isNull { continue }  // reported below if required
                    if let v = validator.validate(value, as: fields[f]) { entry.fields[key] = v }
                    continue
                }
                guard HubConfigLoader.commonFields.contains(key) else {
                    let allowed = HubConfigLoader.commonFields + fields.map(\.name)
                    let place = schema.map { "collection '\($0.name)'" } ?? "this page"
                    diagnostics.append(.error(.unknownKey, "unknown front-matter key '\(key)' for \(place)", at: validator.at(keyNode),
                                              hint: Suggestions.didYouMean(key, in: allowed).map { $0 }
                                                ?? "allowed keys: \(allowed.joined(separator: ", "))"))
                    continue
                }
                readCommon(key, value, into: &entry, validator: &validator)
            }
        }

        if let titleNode = mapping?["title"] {
            if titleNode.isNull || titleNode.scalar?.trimmingSpaces().isEmpty == true {
                diagnostics.append(.error(.missingRequired, "'title' is empty", at: validator.at(titleNode),
                                          hint: "every page needs a title: `title: \(entry.title)`"))
            }
        } else {
            diagnostics.append(.error(.missingRequired, "missing required field 'title'", at: start,
                                      hint: mapping == nil ? "start the file with front matter:\n---\ntitle: \(entry.title)\n---"
                                                           : "add `title: …` to the front matter"))
        }
        for f in fields.indices where entry.fields[fields[f].name] == nil {
            let field = fields[f]  // copied only for the fields missing from the front matter
            if let defaultNode = field.defaultValue {
                var defaults = FieldValidator(file: HubConfigLoader.path)
                if let v = defaults.validate(defaultNode, as: field) { entry.fields[field.name] = v }
                diagnostics += defaults.diagnostics
            } else if field.required {
                let present = mapping?[field.name]
                // A value that is there but invalid has been reported already.
                if let present, !present.isNull { continue }
                diagnostics.append(.error(.missingRequired,
                                          present != nil ? "required field '\(field.name)' is empty" : "missing required field '\(field.name)'",
                                          at: present.map { validator.at($0) } ?? start,
                                          hint: "add `\(field.name): …` (\(describe(field)))"))
            }
        }
        diagnostics += validator.diagnostics
        entry.markdown = analyse(body, lineOffset: entry.bodyLineOffset, file: source, config: config, template: template)
        return (entry, diagnostics)
    }

    static func describe(_ field: FieldSchema) -> String {
        switch field.type {
        case .enum: return "one of: \(field.values.joined(separator: ", "))"
        case .list: return "a list of \(field.itemType.rawValue)"
        case .ref: return "an id of \(field.collection ?? "any collection")"
        case .refs: return "a list of ids of \(field.collection ?? "any collection")"
        case .date: return "a date, YYYY-MM-DD"
        default: return field.type.rawValue
        }
    }

    private static func readCommon(_ key: String, _ value: YAMLNode, into entry: inout Entry, validator: inout FieldValidator) {
        let at = validator.at(value)
        switch key {
        case "title":
            if case .scalar(let s, _) = value.kind, !value.isNull {
                if !s.trimmingSpaces().isEmpty { entry.title = s.trimmingSpaces() }
            } else if !value.isNull {
                validator.wrongType(value, field: "title", expected: "text")
            }
        case "summary":
            if value.isNull { return }
            if let s = value.scalar { entry.summary = s.trimmingSpaces() } else { validator.wrongType(value, field: "summary", expected: "text") }
        case "layout":
            if value.isNull { return }
            if let s = value.scalar { entry.layout = Located(s, at: at) } else { validator.wrongType(value, field: "layout", expected: "a template name") }
        case "tags":
            if value.isNull { return }
            if case .list(let items)? = validator.validate(value, as: FieldSchema(name: "tags", type: .list, location: at)) {
                entry.tags = items.compactMap { if case .string(let s) = $0 { return s.trimmingSpaces() } else { return nil } }
            }
        case "aliases":
            if value.isNull { return }
            if case .refs(let items)? = validator.validate(value, as: FieldSchema(name: "aliases", type: .refs, location: at)) {
                entry.aliases = items
            }
        case "draft":
            if case .bool(let b)? = validator.validate(value, as: FieldSchema(name: "draft", type: .bool, location: at)) { entry.draft = b }
        case "weight":
            if case .integer(let i)? = validator.validate(value, as: FieldSchema(name: "weight", type: .integer, location: at)) { entry.weight = i }
        case "updated":
            if case .date(let d)? = validator.validate(value, as: FieldSchema(name: "updated", type: .date, location: at)) { entry.updated = d }
        default:
            break
        }
    }

    /// Takes the two things it needs of the entry rather than the entry: passing the entry
    /// while assigning to one of its fields copied all of it.
    static func analyse(_ body: String, lineOffset: Int, file: String, config: HubConfig, template: Bool = false) -> MarkdownAnalysis {
        MarkdownRenderer.analyse(body, options: config.markdown, lineOffset: lineOffset, file: file,
                                 template: template)
    }
}
