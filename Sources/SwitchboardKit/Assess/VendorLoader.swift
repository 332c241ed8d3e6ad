/// Reads the vendors of an assessment from CSV (one row per vendor, one column per
/// dimension, optional `evidence:<dimension>` and `note` columns) or from YAML/JSON
/// (a list of `{id, name, note, scores: {dimension: score or {score, evidence}}}`).
enum VendorLoader {
    static func load(text: String, file: String, rubric: Rubric, pagePath: String) -> ([ScoredSubject], [Diagnostic]) {
        if file.lowercased().hasSuffix(".csv") {
            return loadCSV(text: text, file: file, rubric: rubric, pagePath: pagePath)
        }
        return loadYAML(text: text, file: file, rubric: rubric, pagePath: pagePath)
    }

    /// `A`, `B`, … `Z`, `AA`: how a spreadsheet names column `index` (0-based).
    static func columnLetter(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    static func loadCSV(text: String, file: String, rubric: Rubric, pagePath: String) -> ([ScoredSubject], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let table: CSVTable
        switch CSVTable.parse(text) {
        case .success(let t): table = t
        case .failure(.unclosedQuote(let line, let column)):
            return ([], [.error(.csvSyntax, "a quoted cell is never closed", at: SourceLocation(file: file, line: line, column: column),
                                hint: "close the cell with \" (write \"\" for a quote inside it)")])
        case .failure(.textAfterQuote(let line, let column)):
            return ([], [.error(.csvSyntax, "text after the closing quote of a cell", at: SourceLocation(file: file, line: line, column: column),
                                hint: "put the whole cell inside the quotes, and write \"\" for a quote inside it")])
        }
        guard let header = table.rows.first else {
            return ([], [.error(.csvSyntax, "the vendor file is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                hint: "the first row names the columns: id,name,note,<dimension ids>")])
        }
        let names = header.cells.map { $0.trimmingSpaces() }
        let dimensionIDs = rubric.dimensions.map(\.id)
        let known = ["id", "name", "note"] + dimensionIDs + dimensionIDs.map { "evidence:" + $0 }
        for (i, name) in names.enumerated() where !known.contains(name) {
            let bare = name.hasPrefix("evidence:") ? String(name.dropFirst("evidence:".count)) : name
            diagnostics.append(.error(.unknownDimension, "column '\(name)' (\(columnLetter(i))) is not a dimension of the rubric",
                                      at: SourceLocation(file: file, line: header.line, column: i + 1),
                                      hint: Suggestions.didYouMean(bare, in: dimensionIDs) ?? "dimensions: \(dimensionIDs.joined(separator: ", "))"))
        }
        for (i, name) in names.enumerated() where names.firstIndex(of: name) != i {
            diagnostics.append(.error(.csvSyntax, "column '\(name)' appears twice", at: SourceLocation(file: file, line: header.line, column: i + 1)))
        }
        guard let idColumn = names.firstIndex(of: "id") else {
            diagnostics.append(.error(.csvSyntax, "the header has no 'id' column", at: SourceLocation(file: file, line: header.line, column: 1),
                                      hint: "the first row names the columns: id,name,note,<dimension ids>"))
            return ([], diagnostics)
        }
        let missingColumns = dimensionIDs.filter { !names.contains($0) }
        if !missingColumns.isEmpty {
            diagnostics.append(.error(.missingDimension, "the header has no column for \(missingColumns.map { "'\($0)'" }.joined(separator: ", "))",
                                      at: SourceLocation(file: file, line: header.line, column: 1),
                                      hint: "add a column per rubric dimension"))
        }
        var vendors: [ScoredSubject] = []
        var seen: [String: Int] = [:]
        for row in table.rows.dropFirst() {
            if row.cells.count != names.count {
                diagnostics.append(.error(.raggedRow, "row \(row.line) has \(row.cells.count) cells; the header has \(names.count)",
                                          at: SourceLocation(file: file, line: row.line, column: min(row.cells.count, names.count) + 1),
                                          hint: "check for a missing or extra comma; quote cells that contain commas"))
                continue
            }
            func cell(_ name: String) -> String? {
                names.firstIndex(of: name).map { row.cells[$0].trimmingSpaces() }
            }
            let id = row.cells[idColumn].trimmingSpaces()
            let idAt = SourceLocation(file: file, line: row.line, column: idColumn + 1)
            guard Slug.isValid(id), id == id.lowercased() else {
                diagnostics.append(.error(.csvSyntax, "row \(row.line): vendor id '\(id)' is not a slug", at: idAt,
                                          hint: id.isEmpty ? "give every vendor an id" : "use lower-case letters, digits and dashes, like '\(Slug.make(id))'"))
                continue
            }
            if let first = seen[id] {
                diagnostics.append(.error(.duplicateVendor, "row \(row.line): the vendor '\(id)' is already in row \(first)", at: idAt,
                                          hint: "vendor ids must be unique; merge the rows or rename one"))
                continue
            }
            seen[id] = row.line
            var scores: [String: Double] = [:]
            var evidence: [String: String] = [:]
            for d in rubric.dimensions {
                guard let column = names.firstIndex(of: d.id) else { continue }
                let raw = row.cells[column].trimmingSpaces()
                let at = SourceLocation(file: file, line: row.line, column: column + 1)
                let place = "row \(row.line), column '\(d.id)' (\(columnLetter(column)))"
                if raw.isEmpty {
                    diagnostics.append(.error(.missingDimension, "\(place): no score", at: at,
                                              hint: "score every dimension from \(rubric.scale.lowerBound) to \(rubric.scale.upperBound)"))
                    continue
                }
                guard let value = Double(raw), value.isFinite else {
                    diagnostics.append(.error(.scoreNotNumeric, "\(place): '\(raw)' is not a number", at: at,
                                              hint: "write a number from \(rubric.scale.lowerBound) to \(rubric.scale.upperBound)"))
                    continue
                }
                guard value >= Double(rubric.scale.lowerBound), value <= Double(rubric.scale.upperBound) else {
                    diagnostics.append(.error(.scoreOutOfScale, "\(place): \(raw) is outside the scale \(rubric.scale.lowerBound)–\(rubric.scale.upperBound)",
                                              at: at, hint: "the rubric's scale runs from \(rubric.scale.lowerBound) to \(rubric.scale.upperBound)"))
                    continue
                }
                scores[d.id] = value
                if let e = cell("evidence:" + d.id), !e.isEmpty { evidence[d.id] = e }
            }
            let name = cell("name").flatMap { $0.isEmpty ? nil : $0 } ?? FieldSchema.humanise(id)
            vendors.append(ScoredSubject(id: id, title: name, note: cell("note").flatMap { $0.isEmpty ? nil : $0 },
                                         scores: scores, evidence: evidence, pageID: "\(pagePath)/vendors/\(id)", isArchetype: false))
        }
        return (vendors, diagnostics)
    }

    static func loadYAML(text: String, file: String, rubric: Rubric, pagePath: String) -> ([ScoredSubject], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let root: YAMLNode
        switch YAMLReader.read(text, file: file, syntaxCode: .csvSyntax) {
        case .failure(let d): return ([], [d])
        case .success(nil): return ([], [])
        case .success(let node?): root = node
        }
        let list = root.items ?? root["vendors"]?.items
        guard let list else {
            return ([], [.error(.csvSyntax, "a vendor file holds a list of vendors (or `vendors:` with a list)",
                                at: SourceLocation(file: file, line: root.line, column: root.column))])
        }
        var vendors: [ScoredSubject] = []
        var seen = Set<String>()
        let scoresField = FieldSchema(name: "scores", type: .scores, location: SourceLocation(file: file))
        for node in list {
            guard let m = MappingReader(node, file: file, context: "a vendor", code: .csvSyntax, diagnostics: &diagnostics) else { continue }
            m.checkKeys(allowed: ["id", "name", "note", "scores"], diagnostics: &diagnostics)
            guard let id = m.string("id", required: true, diagnostics: &diagnostics) else { continue }
            let idAt = m.location(of: m["id"]!)
            guard Slug.isValid(id), id == id.lowercased() else {
                diagnostics.append(.error(.csvSyntax, "vendor id '\(id)' is not a slug", at: idAt))
                continue
            }
            guard seen.insert(id).inserted else {
                diagnostics.append(.error(.duplicateVendor, "the vendor '\(id)' appears twice", at: idAt))
                continue
            }
            var validator = FieldValidator(file: file)
            var scores: [String: Double] = [:]
            var evidence: [String: String] = [:]
            if let scoresNode = m["scores"], case .scores(let list)? = validator.validate(scoresNode, as: scoresField) {
                diagnostics += ScoreCheck.check(list, rubric: rubric, subject: id, at: m.location(of: m.keyNode("scores")!),
                                                scores: &scores, evidence: &evidence)
            } else {
                diagnostics.append(.error(.missingDimension, "vendor '\(id)' has no scores", at: m.location))
            }
            diagnostics += validator.diagnostics
            vendors.append(ScoredSubject(id: id, title: m.string("name", diagnostics: &diagnostics) ?? FieldSchema.humanise(id),
                                         note: m.string("note", diagnostics: &diagnostics), scores: scores, evidence: evidence,
                                         pageID: "\(pagePath)/vendors/\(id)", isArchetype: false))
        }
        return (vendors, diagnostics)
    }
}

/// Checks a subject's scores against the rubric: every dimension scored once, known, on scale.
enum ScoreCheck {
    static func check(_ list: [Score], rubric: Rubric, subject: String, at location: SourceLocation,
                      scores: inout [String: Double], evidence: inout [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let ids = rubric.dimensions.map(\.id)
        for score in list {
            guard ids.contains(score.dimension.value) else {
                diagnostics.append(.error(.unknownDimension, "'\(score.dimension.value)' is not a dimension of the rubric",
                                          at: score.dimension.location,
                                          hint: Suggestions.didYouMean(score.dimension.value, in: ids) ?? "dimensions: \(ids.joined(separator: ", "))"))
                continue
            }
            guard score.score >= Double(rubric.scale.lowerBound), score.score <= Double(rubric.scale.upperBound) else {
                diagnostics.append(.error(.scoreOutOfScale, "the score \(Scoring.format(score.score)) of '\(score.dimension.value)' is outside the scale \(rubric.scale.lowerBound)–\(rubric.scale.upperBound)",
                                          at: score.location, hint: "score from \(rubric.scale.lowerBound) to \(rubric.scale.upperBound)"))
                continue
            }
            scores[score.dimension.value] = score.score
            if let e = score.evidence { evidence[score.dimension.value] = e }
        }
        let missing = ids.filter { id in !list.contains { $0.dimension.value == id } }
        if !missing.isEmpty {
            diagnostics.append(.error(.missingDimension, "'\(subject)' has no score for \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                                      at: location, hint: "score every dimension of the rubric"))
        }
        return diagnostics
    }
}
