/// Reads content/hub.yml into a `HubConfig`, reporting every problem at its YAML node.
public enum HubConfigLoader {
    public static let path = "content/hub.yml"
    /// Front-matter keys every entry may use, whatever its collection.
    public static let commonFields = ["title", "summary", "tags", "draft", "weight", "aliases", "updated", "layout"]
    /// Top-level URL folders that Switchboard generates itself.
    public static let reservedNames: Set<String> = ["tags", "assets", "search", "map", "404", "index", "sitemap", "_index"]

    /// - Parameter baseURLOverride: `--base-url` from the command line; wins over hub.yml.
    public static func load(text: String, baseURLOverride: String? = nil) -> (HubConfig?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let file = path
        let root: YAMLNode
        switch YAMLReader.read(text, file: file, syntaxCode: .hubConfigSyntax) {
        case .failure(let d): return (nil, [d])
        case .success(nil):
            return (nil, [.error(.hubConfigInvalid, "hub.yml is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                 hint: "it needs at least `title:` and `base_url:`")])
        case .success(let node?): root = node
        }
        guard let top = MappingReader(root, file: file, context: "hub.yml", diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        top.checkKeys(allowed: ["title", "description", "base_url", "language", "markdown", "menus", "collections",
                                "graph", "assessments", "page_layout"], diagnostics: &diagnostics)

        let title = top.string("title", required: true, diagnostics: &diagnostics) ?? ""
        let description = top.string("description", diagnostics: &diagnostics) ?? ""
        let language = top.string("language", diagnostics: &diagnostics) ?? "en"

        var baseURL = BaseURL("http://localhost/")!
        if let override = baseURLOverride {
            if let parsed = BaseURL(override) { baseURL = parsed } else {
                diagnostics.append(.error(.badBaseURL, "--base-url '\(override)' is not an absolute http(s) URL", at: nil,
                                          hint: "write it like https://example.org/ or https://example.org/cx-hub/"))
            }
        } else if let text = top.string("base_url", required: true, diagnostics: &diagnostics) {
            if let parsed = BaseURL(text) { baseURL = parsed } else if let node = top["base_url"] {
                diagnostics.append(.error(.badBaseURL, "base_url '\(text)' is not an absolute http(s) URL", at: top.location(of: node),
                                          hint: "write it like https://example.org/ or https://example.org/cx-hub/"))
            }
        }

        var markdown = MarkdownOptions()
        if let node = top["markdown"], let m = MappingReader(node, file: file, context: "markdown", diagnostics: &diagnostics) {
            m.checkKeys(allowed: ["smart_punctuation", "unsafe_html", "hard_breaks", "toc_levels"], diagnostics: &diagnostics)
            if let v = m.bool("smart_punctuation", diagnostics: &diagnostics) { markdown.smartPunctuation = v }
            if let v = m.bool("unsafe_html", diagnostics: &diagnostics) { markdown.unsafeHTML = v }
            if let v = m.bool("hard_breaks", diagnostics: &diagnostics) { markdown.hardBreaks = v }
            if let v = m.integer("toc_levels", diagnostics: &diagnostics) {
                if (1...5).contains(v) { markdown.tocLevels = 2...(1 + v) } else if let n = m["toc_levels"] {
                    diagnostics.append(.error(.hubConfigInvalid, "markdown.toc_levels must be between 1 and 5", at: m.location(of: n)))
                }
            }
        }

        var graph = GraphOptions()
        if let node = top["graph"], let g = MappingReader(node, file: file, context: "graph", diagnostics: &diagnostics) {
            g.checkKeys(allowed: ["max_depth", "orphans", "related"], diagnostics: &diagnostics)
            if let v = g.integer("max_depth", diagnostics: &diagnostics) { graph.maxDepth = max(1, v) }
            if let v = g.bool("orphans", diagnostics: &diagnostics) { graph.warnOrphans = v }
            if let v = g.integer("related", diagnostics: &diagnostics) { graph.relatedCount = max(0, v) }
        }

        let collections = readCollections(top["collections"], file: file, diagnostics: &diagnostics)
        let menus = readMenus(top["menus"], file: file, diagnostics: &diagnostics)
        let assessments = readAssessments(top["assessments"], file: file, collections: collections, diagnostics: &diagnostics)
        let pageLayout = templateName("page_layout", in: top, default: "page", diagnostics: &diagnostics)

        // Field references to other collections and assessments must exist.
        let names = collections.map(\.name)
        for collection in collections {
            for field in collection.fields {
                if let target = field.collection, !names.contains(target) {
                    diagnostics.append(.error(.hubConfigInvalid, "field '\(field.name)' of '\(collection.name)' refers to unknown collection '\(target)'",
                                              at: field.location, hint: Suggestions.didYouMean(target, in: names)))
                }
                if let assessment = field.assessment, !assessments.contains(where: { $0.id == assessment }) {
                    diagnostics.append(.error(.unknownAssessment, "field '\(field.name)' of '\(collection.name)' names unknown assessment '\(assessment)'",
                                              at: field.location, hint: Suggestions.didYouMean(assessment, in: assessments.map(\.id))
                                                ?? "declare it under `assessments:` in hub.yml"))
                }
            }
        }

        let config = HubConfig(title: title, description: description, baseURL: baseURL, language: language,
                               markdown: markdown, menus: menus, collections: collections, graph: graph,
                               assessments: assessments, pageLayout: pageLayout)
        return (config, diagnostics)
    }

    // MARK: collections

    static func readCollections(_ node: YAMLNode?, file: String, diagnostics: inout [Diagnostic]) -> [CollectionSchema] {
        guard let node else { return [] }
        guard let pairs = node.pairs else {
            diagnostics.append(.error(.hubConfigInvalid, "collections must be a mapping from collection name to its settings",
                                      at: SourceLocation(file: file, line: node.line, column: node.column)))
            return []
        }
        var result: [CollectionSchema] = []
        var folders = Set<String>()
        for (key, value) in pairs {
            guard let name = key.scalar else { continue }
            let keyLocation = SourceLocation(file: file, line: key.line, column: key.column)
            guard Slug.isValid(name), name == name.lowercased() else {
                diagnostics.append(.error(.hubConfigInvalid, "collection name '\(name)' is not a slug", at: keyLocation,
                                          hint: "use lower-case letters, digits and dashes, like '\(Slug.make(name))'"))
                continue
            }
            if reservedNames.contains(name) {
                diagnostics.append(.error(.hubConfigInvalid, "'\(name)' is reserved for pages Switchboard generates", at: keyLocation,
                                          hint: "choose another collection name"))
                continue
            }
            let context = "collections.\(name)"
            let m = MappingReader(value, file: file, context: context, diagnostics: &diagnostics)
            m?.checkKeys(allowed: ["title", "description", "folder", "layout", "list_layout", "sort", "fields"], diagnostics: &diagnostics)
            let folder = m?.string("folder", diagnostics: &diagnostics) ?? name
            if !Slug.isValid(folder) || folder != folder.lowercased() {
                diagnostics.append(.error(.hubConfigInvalid, "folder '\(folder)' of collection '\(name)' is not a plain folder name",
                                          at: m.flatMap { $0["folder"] }.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? keyLocation,
                                          hint: "use a single lower-case folder name under content/"))
            }
            if !folders.insert(folder).inserted {
                diagnostics.append(.error(.hubConfigInvalid, "two collections use the folder '\(folder)'", at: keyLocation))
            }
            let layout = templateName("layout", in: m, default: "entry", diagnostics: &diagnostics)
            let layoutLocation = m.flatMap { $0["layout"] }.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? keyLocation
            var sortKey = m?.string("sort", diagnostics: &diagnostics) ?? "title"
            let descending = sortKey.hasPrefix("-")
            if descending { sortKey.removeFirst() }
            var fields: [FieldSchema] = []
            if let fieldsNode = m?["fields"] {
                fields = readFields(fieldsNode, collection: name, file: file, diagnostics: &diagnostics)
            }
            let sort: SortOrder
            switch sortKey {
            case "title": sort = .title
            case "weight": sort = .weight
            case "updated": sort = .updated
            default:
                sort = .field(sortKey)
                if !fields.contains(where: { $0.name == sortKey }), let n = m?["sort"] {
                    diagnostics.append(.error(.hubConfigInvalid, "collection '\(name)' sorts by '\(sortKey)', which is not one of its fields",
                                              at: SourceLocation(file: file, line: n.line, column: n.column),
                                              hint: Suggestions.didYouMean(sortKey, in: ["title", "weight", "updated"] + fields.map(\.name))
                                                ?? "sort by title, weight, updated or a field; prefix with - for descending"))
                }
            }
            result.append(CollectionSchema(
                name: name, folder: folder,
                title: m?.string("title", diagnostics: &diagnostics) ?? FieldSchema.humanise(name),
                description: m?.string("description", diagnostics: &diagnostics) ?? "",
                layout: layout, listLayout: templateName("list_layout", in: m, default: "list", diagnostics: &diagnostics),
                sort: sort, descending: descending, fields: fields, location: keyLocation, layoutLocation: layoutLocation))
        }
        return result
    }

    static func readFields(_ node: YAMLNode, collection: String, file: String, diagnostics: inout [Diagnostic]) -> [FieldSchema] {
        guard let pairs = node.pairs else {
            diagnostics.append(.error(.hubConfigInvalid, "fields of '\(collection)' must be a mapping from field name to its type",
                                      at: SourceLocation(file: file, line: node.line, column: node.column)))
            return []
        }
        var result: [FieldSchema] = []
        for (key, value) in pairs {
            guard let name = key.scalar else { continue }
            let keyLocation = SourceLocation(file: file, line: key.line, column: key.column)
            let context = "collections.\(collection).fields.\(name)"
            if commonFields.contains(name) {
                diagnostics.append(.error(.hubConfigInvalid, "'\(name)' is a common field of every entry and cannot be redeclared",
                                          at: keyLocation, hint: "remove it from the fields of '\(collection)'"))
                continue
            }
            guard name.first.map({ $0.isLetter }) == true,
                  name.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                diagnostics.append(.error(.hubConfigInvalid, "field name '\(name)' must start with a letter and hold only letters, digits, _ and -",
                                          at: keyLocation))
                continue
            }
            // Shorthand: `unit: string`.
            if let typeName = value.scalar {
                guard let type = FieldType(rawValue: typeName) else {
                    diagnostics.append(unknownType(typeName, at: SourceLocation(file: file, line: value.line, column: value.column)))
                    continue
                }
                result.append(FieldSchema(name: name, type: type, location: keyLocation))
                continue
            }
            guard let m = MappingReader(value, file: file, context: context, diagnostics: &diagnostics) else { continue }
            m.checkKeys(allowed: ["type", "required", "default", "label", "inverse_label", "values", "of", "collection", "assessment"],
                        diagnostics: &diagnostics)
            guard let typeName = m.string("type", required: true, diagnostics: &diagnostics) else { continue }
            guard let type = FieldType(rawValue: typeName) else {
                diagnostics.append(unknownType(typeName, at: m.location(of: m["type"]!)))
                continue
            }
            var field = FieldSchema(name: name, type: type, location: keyLocation)
            field.required = m.bool("required", diagnostics: &diagnostics) ?? false
            field.defaultValue = m["default"]
            if let label = m.string("label", diagnostics: &diagnostics) { field.label = label }
            field.inverseLabel = m.string("inverse_label", diagnostics: &diagnostics)
            field.values = m.stringList("values", diagnostics: &diagnostics)?.map(\.value) ?? []
            field.collection = m.string("collection", diagnostics: &diagnostics)
            field.assessment = m.string("assessment", diagnostics: &diagnostics)
            if let of = m.string("of", diagnostics: &diagnostics) {
                if let itemType = FieldType(rawValue: of), [.string, .text, .number, .integer, .bool, .date, .enum].contains(itemType) {
                    field.itemType = itemType
                } else {
                    diagnostics.append(.error(.hubConfigInvalid, "list items can be string, number, integer, bool, date or enum, not '\(of)'",
                                              at: m.location(of: m["of"]!)))
                }
            }
            if (type == .enum || (type == .list && field.itemType == .enum)) && field.values.isEmpty {
                diagnostics.append(.error(.hubConfigInvalid, "enum field '\(name)' needs `values: [...]`", at: keyLocation))
            }
            if type == .scores && field.assessment == nil {
                diagnostics.append(.error(.hubConfigInvalid, "scores field '\(name)' needs `assessment: <id>`", at: keyLocation,
                                          hint: "name one of the assessments declared under `assessments:`"))
            }
            result.append(field)
        }
        return result
    }

    static func unknownType(_ name: String, at location: SourceLocation) -> Diagnostic {
        let all = FieldType.allCases.map(\.rawValue)
        return .error(.hubConfigInvalid, "unknown field type '\(name)'", at: location,
                      hint: Suggestions.didYouMean(name, in: all) ?? "types: \(all.joined(separator: ", "))")
    }

    // MARK: menus

    static func readMenus(_ node: YAMLNode?, file: String, diagnostics: inout [Diagnostic]) -> [(name: String, items: [MenuItem])] {
        guard let node else { return [] }
        guard let pairs = node.pairs else {
            diagnostics.append(.error(.hubConfigInvalid, "menus must map a menu name to a list of {title, link}",
                                      at: SourceLocation(file: file, line: node.line, column: node.column)))
            return []
        }
        var result: [(String, [MenuItem])] = []
        for (key, value) in pairs {
            guard let name = key.scalar else { continue }
            guard let items = value.items else {
                diagnostics.append(.error(.hubConfigInvalid, "menu '\(name)' must be a list of {title, link}",
                                          at: SourceLocation(file: file, line: value.line, column: value.column)))
                continue
            }
            var menu: [MenuItem] = []
            for item in items {
                guard let m = MappingReader(item, file: file, context: "menus.\(name)", diagnostics: &diagnostics) else { continue }
                m.checkKeys(allowed: ["title", "link"], diagnostics: &diagnostics)
                guard let title = m.string("title", required: true, diagnostics: &diagnostics),
                      let link = m.string("link", required: true, diagnostics: &diagnostics) else { continue }
                menu.append(MenuItem(title: title, link: link, location: m.location(of: m["link"] ?? item)))
            }
            result.append((name, menu))
        }
        return result
    }

    // MARK: assessments

    static func readAssessments(_ node: YAMLNode?, file: String, collections: [CollectionSchema],
                                diagnostics: inout [Diagnostic]) -> [AssessmentConfig] {
        guard let node else { return [] }
        guard let pairs = node.pairs else {
            diagnostics.append(.error(.hubConfigInvalid, "assessments must map an assessment id to its settings",
                                      at: SourceLocation(file: file, line: node.line, column: node.column)))
            return []
        }
        var result: [AssessmentConfig] = []
        for (key, value) in pairs {
            guard let id = key.scalar else { continue }
            let keyLocation = SourceLocation(file: file, line: key.line, column: key.column)
            guard Slug.isValid(id) else {
                diagnostics.append(.error(.hubConfigInvalid, "assessment id '\(id)' is not a slug", at: keyLocation))
                continue
            }
            guard let m = MappingReader(value, file: file, context: "assessments.\(id)", diagnostics: &diagnostics) else { continue }
            m.checkKeys(allowed: ["title", "rubric", "path", "archetypes", "vendors"], diagnostics: &diagnostics)
            guard let rubric = m.string("rubric", required: true, diagnostics: &diagnostics) else { continue }
            // Data files are read from content/ only: never `../`, an absolute path or a hidden file.
            guard isContentPath(rubric) else {
                diagnostics.append(outsideContent(rubric, what: "rubric", of: id, at: m.location(of: m["rubric"]!)))
                continue
            }
            let path = m.string("path", diagnostics: &diagnostics) ?? id
            if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { !Slug.isValid(String($0)) }) || path.isEmpty {
                diagnostics.append(.error(.hubConfigInvalid, "path '\(path)' of assessment '\(id)' must be slugs joined by /",
                                          at: m.location(of: m["path"] ?? value)))
                continue
            }
            let archetypes = m.string("archetypes", diagnostics: &diagnostics)
            if let a = archetypes, !collections.contains(where: { $0.name == a }) {
                diagnostics.append(.error(.hubConfigInvalid, "assessment '\(id)' takes archetypes from unknown collection '\(a)'",
                                          at: m.location(of: m["archetypes"]!), hint: Suggestions.didYouMean(a, in: collections.map(\.name))))
            }
            var vendors: [String] = []
            for vendor in m.stringList("vendors", diagnostics: &diagnostics) ?? [] {
                guard isContentPath(vendor.value) else {
                    diagnostics.append(outsideContent(vendor.value, what: "vendor file", of: id, at: vendor.location))
                    continue
                }
                vendors.append(vendor.value)
            }
            result.append(AssessmentConfig(id: id, title: m.string("title", diagnostics: &diagnostics) ?? FieldSchema.humanise(id),
                                           rubric: rubric, path: path, archetypes: archetypes, vendors: vendors,
                                           location: keyLocation))
        }
        return result
    }

    /// A template name from hub.yml (`layout`, `list_layout`, `page_layout`), checked here so
    /// that the error points at hub.yml; an invalid one is replaced by the default.
    static func templateName(_ key: String, in m: MappingReader?, default fallback: String,
                             diagnostics: inout [Diagnostic]) -> String {
        guard let m, let name = m.string(key, diagnostics: &diagnostics) else { return fallback }
        guard TemplateSet.isValidName(name) else {
            diagnostics.append(.error(.badTemplateName, "'\(name)' is not a template name", at: m.location(of: m[key]!),
                                      hint: "name a template of templates/ without .mustache, like '\(fallback)'"))
            return fallback
        }
        return name
    }

    /// A relative path below content/: plain segments, none empty, `.`, `..` or hidden, no
    /// backslashes or control characters. What `assessments:` may name as a data file.
    static func isContentPath(_ path: String) -> Bool {
        !path.hasPrefix("/") && OutputFile.isSafe(path)
    }

    static func outsideContent(_ path: String, what: String, of id: String, at location: SourceLocation) -> Diagnostic {
        .error(.hubConfigInvalid, "\(what) '\(path)' of assessment '\(id)' is not a path inside content/", at: location,
               hint: "write a path relative to content/, like data/rubric.yml, without .. or a leading /")
    }
}
