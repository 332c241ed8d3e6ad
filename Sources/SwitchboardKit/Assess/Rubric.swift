/// A rubric: the dimensions a provider is scored on, each with a weight and a descriptor for
/// every level of the scale, and references to the questions that probe it, the KPIs that
/// evidence it and the playbooks or roadmaps that address a low score.
public struct Rubric: Sendable {
    public struct Dimension: Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var weight: Double
        /// Descriptor per level, index 0 = `scale.lowerBound`.
        public var levels: [String]
        public var questions: [Located<String>]
        public var kpis: [Located<String>]
        public var addressedBy: [Located<String>]
        public var location: SourceLocation
    }

    public var title: String
    public var description: String
    public var scale: ClosedRange<Int>
    public var dimensions: [Dimension]
    /// Path relative to the hub root (`content/data/rubric.yml`).
    public var file: String

    public var totalWeight: Double { dimensions.reduce(0) { $0 + $1.weight } }

    public func dimension(_ id: String) -> Dimension? { dimensions.first { $0.id == id } }
}

enum RubricLoader {
    /// Reads a rubric from YAML or JSON text (JSON is read as YAML, which it is a subset of).
    static func load(text: String, file: String) -> (Rubric?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let root: YAMLNode
        switch YAMLReader.read(text, file: file, syntaxCode: .rubricInvalid) {
        case .failure(let d): return (nil, [d])
        case .success(nil):
            return (nil, [.error(.rubricInvalid, "the rubric file is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                 hint: "it needs `scale: {min: 1, max: 5}` and a list of `dimensions`")])
        case .success(let node?): root = node
        }
        guard let top = MappingReader(root, file: file, context: "the rubric", code: .rubricInvalid, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        top.checkKeys(allowed: ["title", "description", "scale", "dimensions"], diagnostics: &diagnostics)
        var scale = 1...5
        if let node = top["scale"], let s = MappingReader(node, file: file, context: "scale", code: .rubricInvalid, diagnostics: &diagnostics) {
            s.checkKeys(allowed: ["min", "max"], diagnostics: &diagnostics)
            let lo = s.integer("min", diagnostics: &diagnostics) ?? 1
            let hi = s.integer("max", diagnostics: &diagnostics) ?? 5
            // Bounded first: `hi - lo` overflows for far-apart numbers, and scores near Int.max
            // overflow the arithmetic of the comparison pages.
            let bounds = -1000...1000
            if bounds.contains(lo) && bounds.contains(hi) && hi > lo && hi - lo <= 20 { scale = lo...hi } else {
                diagnostics.append(.error(.rubricInvalid, "the scale must run from a smaller to a larger whole number (at most 20 steps, between -1000 and 1000)",
                                          at: s.location, hint: "for example `scale: {min: 1, max: 5}`"))
            }
        }
        var dimensions: [Rubric.Dimension] = []
        guard let list = top["dimensions"]?.items, !list.isEmpty else {
            diagnostics.append(.error(.rubricInvalid, "the rubric has no dimensions", at: top.location,
                                      hint: "add `dimensions:` with a list of {id, name, weight, levels}"))
            return (nil, diagnostics)
        }
        var ids = Set<String>()
        for node in list {
            guard let d = MappingReader(node, file: file, context: "a dimension", code: .rubricInvalid, diagnostics: &diagnostics) else { continue }
            d.checkKeys(allowed: ["id", "name", "description", "weight", "levels", "questions", "kpis", "addressed_by"], diagnostics: &diagnostics)
            guard let id = d.string("id", required: true, diagnostics: &diagnostics) else { continue }
            guard Slug.isValid(id), id == id.lowercased() else {
                diagnostics.append(.error(.rubricInvalid, "dimension id '\(id)' is not a slug", at: d.location(of: d["id"]!),
                                          hint: "use lower-case letters, digits and dashes, like '\(Slug.make(id))'"))
                continue
            }
            guard ids.insert(id).inserted else {
                diagnostics.append(.error(.rubricInvalid, "the dimension '\(id)' is declared twice", at: d.location(of: d["id"]!)))
                continue
            }
            let weight = d.number("weight", diagnostics: &diagnostics) ?? 1
            if weight <= 0 {
                diagnostics.append(.error(.rubricInvalid, "the weight of '\(id)' must be above zero", at: d.location(of: d["weight"]!)))
            } else if weight > 1_000_000 {
                // Sums of huge weights overflow to infinity, and the weighted scores to NaN.
                diagnostics.append(.error(.rubricInvalid, "the weight of '\(id)' must be at most 1000000", at: d.location(of: d["weight"]!),
                                          hint: "weights are relative: 1, 2 and 3 mean the same as 100, 200 and 300"))
            }
            var levels = [String](repeating: "", count: scale.count)
            if let levelNode = d["levels"] {
                readLevels(levelNode, dimension: id, scale: scale, file: file, into: &levels, diagnostics: &diagnostics)
            } else {
                diagnostics.append(.error(.rubricInvalid, "the dimension '\(id)' has no level descriptors", at: d.location,
                                          hint: "add `levels:` with a descriptor for each level \(scale.lowerBound)–\(scale.upperBound)"))
            }
            dimensions.append(Rubric.Dimension(
                id: id, name: d.string("name", required: true, diagnostics: &diagnostics) ?? id,
                description: d.string("description", diagnostics: &diagnostics) ?? "",
                weight: min(max(weight, 0), 1_000_000), levels: levels,
                questions: d.stringList("questions", diagnostics: &diagnostics) ?? [],
                kpis: d.stringList("kpis", diagnostics: &diagnostics) ?? [],
                addressedBy: d.stringList("addressed_by", diagnostics: &diagnostics) ?? [],
                location: d.location))
        }
        let rubric = Rubric(title: top.string("title", diagnostics: &diagnostics) ?? "Rubric",
                            description: top.string("description", diagnostics: &diagnostics) ?? "",
                            scale: scale, dimensions: dimensions, file: file)
        return (rubric, diagnostics)
    }

    private static func readLevels(_ node: YAMLNode, dimension: String, scale: ClosedRange<Int>, file: String,
                                   into levels: inout [String], diagnostics: inout [Diagnostic]) {
        let at = SourceLocation(file: file, line: node.line, column: node.column)
        if let items = node.items {
            // A list: one descriptor per level, from the lowest.
            guard items.count == scale.count else {
                diagnostics.append(.error(.rubricInvalid, "'\(dimension)' lists \(items.count) levels; the scale has \(scale.count)", at: at))
                return
            }
            for (i, item) in items.enumerated() { levels[i] = item.scalar ?? "" }
            return
        }
        guard let pairs = node.pairs else {
            diagnostics.append(.error(.rubricInvalid, "levels of '\(dimension)' must map each level to its descriptor", at: at))
            return
        }
        var seen = Set<Int>()
        for (key, value) in pairs {
            let keyAt = SourceLocation(file: file, line: key.line, column: key.column)
            guard let level = key.scalar.flatMap({ Int($0) }), scale.contains(level) else {
                diagnostics.append(.error(.scoreOutOfScale, "level '\(key.scalar ?? "")' of '\(dimension)' is outside the scale \(scale.lowerBound)–\(scale.upperBound)", at: keyAt))
                continue
            }
            guard let text = value.scalar, !value.isNull, !text.isEmpty else {
                diagnostics.append(.error(.rubricInvalid, "level \(level) of '\(dimension)' has no descriptor", at: keyAt))
                continue
            }
            levels[level - scale.lowerBound] = text
            seen.insert(level)
        }
        let missing = scale.filter { !seen.contains($0) }
        if !missing.isEmpty {
            diagnostics.append(.error(.rubricInvalid, "'\(dimension)' has no descriptor for level \(missing.map(String.init).joined(separator: ", "))", at: at,
                                      hint: "every level of the scale needs a descriptor"))
        }
    }
}
