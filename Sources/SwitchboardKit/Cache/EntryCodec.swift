/// How loaded entries (front matter, Markdown analysis and their diagnostics) are stored in
/// the build cache, so an unchanged file is not parsed again.
enum EntryCodec {
    static func write(_ e: Entry, _ w: inout ByteWriter) {
        w.string(e.id)
        w.int(kindCode(e.kind))
        w.optional(e.collection) { $0.string($1) }
        w.string(e.slug)
        w.string(e.source)
        w.string(e.title)
        w.optional(e.summary) { $0.string($1) }
        w.array(e.tags) { $0.string($1) }
        w.bool(e.draft)
        w.optional(e.weight) { $0.int($1) }
        w.array(e.aliases) { located(&$0, $1) }
        w.optional(e.updated) { date(&$0, $1) }
        w.optional(e.layout) { located(&$0, $1) }
        w.array(e.fields.keys.sorted()) { w, key in
            w.string(key)
            field(&w, e.fields[key]!)
        }
        w.array(e.fieldLocations.keys.sorted()) { w, key in
            w.string(key)
            location(&w, e.fieldLocations[key]!)
        }
        w.uint64(e.sourceHash)
        w.int(e.bodyLineOffset)
        analysis(&w, e.markdown)
    }

    static func read(_ r: inout ByteReader) -> Entry {
        let id = r.string()
        let kind = kind(r.int())
        let collection = r.optional { $0.string() }
        let slug = r.string(), source = r.string(), title = r.string()
        let summary = r.optional { $0.string() }
        let tags = r.array { $0.string() }
        let draft = r.bool()
        let weight = r.optional { $0.int() }
        let aliases = r.array { located(&$0) }
        let updated = r.optional { date(&$0) }
        let layout = r.optional { located(&$0) }
        var fields: [String: FieldValue] = [:]
        for (k, v) in r.array({ r in (r.string(), field(&r)) }) { fields[k] = v }
        var locations: [String: SourceLocation] = [:]
        for (k, v) in r.array({ r in (r.string(), location(&r)) }) { locations[k] = v }
        let sourceHash = r.uint64()
        let offset = r.int()
        let markdown = analysis(&r)
        return Entry(id: id, kind: kind, collection: collection, slug: slug, source: source, title: title, summary: summary,
                     tags: tags, draft: draft, weight: weight, aliases: aliases, updated: updated, layout: layout, fields: fields,
                     fieldLocations: locations, sourceHash: sourceHash, bodyLineOffset: offset, markdown: markdown)
    }

    // MARK: parts

    static func kindCode(_ k: Entry.Kind) -> Int {
        switch k { case .entry: 0; case .sectionIntro: 1; case .home: 2; case .page: 3 }
    }

    static func kind(_ code: Int) -> Entry.Kind {
        switch code { case 1: .sectionIntro; case 2: .home; case 3: .page; default: .entry }
    }

    static func location(_ w: inout ByteWriter, _ l: SourceLocation) {
        w.string(l.file); w.int(l.line); w.int(l.column)
    }

    static func location(_ r: inout ByteReader) -> SourceLocation {
        SourceLocation(file: r.string(), line: r.int(), column: r.int())
    }

    static func located(_ w: inout ByteWriter, _ l: Located<String>) {
        w.string(l.value); location(&w, l.location)
    }

    static func located(_ r: inout ByteReader) -> Located<String> {
        Located(r.string(), at: location(&r))
    }

    static func date(_ w: inout ByteWriter, _ d: CalendarDate) { w.string(d.description) }

    static func date(_ r: inout ByteReader) -> CalendarDate {
        let text = r.string()
        if let d = CalendarDate(text) { return d }
        r = .failing  // unreadable: make the whole read fail
        return CalendarDate("2000-01-01")!
    }

    static func field(_ w: inout ByteWriter, _ v: FieldValue) {
        switch v {
        case .string(let s): w.int(0); w.string(s)
        case .number(let d): w.int(1); w.double(d)
        case .integer(let i): w.int(2); w.int(i)
        case .bool(let b): w.int(3); w.bool(b)
        case .date(let d): w.int(4); date(&w, d)
        case .list(let items): w.int(5); w.array(items) { field(&$0, $1) }
        case .ref(let r): w.int(6); located(&w, r)
        case .refs(let rs): w.int(7); w.array(rs) { located(&$0, $1) }
        case .scores(let scores):
            w.int(8)
            w.array(scores) { w, s in
                located(&w, s.dimension); w.double(s.score); w.optional(s.evidence) { $0.string($1) }; location(&w, s.location)
            }
        }
    }

    static func field(_ r: inout ByteReader) -> FieldValue {
        switch r.int() {
        case 0: return .string(r.string())
        case 1: return .number(r.double())
        case 2: return .integer(r.int())
        case 3: return .bool(r.bool())
        case 4: return .date(date(&r))
        case 5: return .list(r.array { field(&$0) })
        case 6: return .ref(located(&r))
        case 7: return .refs(r.array { located(&$0) })
        case 8:
            return .scores(r.array { r in
                let dimension = located(&r), score = r.double(), evidence = r.optional { $0.string() }
                return Score(dimension: dimension, score: score, evidence: evidence, location: location(&r))
            })
        default:
            r = .failing
            return .string("")
        }
    }

    static func analysis(_ w: inout ByteWriter, _ a: MarkdownAnalysis) {
        w.array(a.headings) { w, h in w.string(h.id); w.string(h.text); w.int(h.level); w.int(h.line) }
        w.array(a.links) { w, l in
            w.string(l.target); w.int(l.form == .markdown ? 0 : l.form == .wikilink ? 1 : 2); w.bool(l.hasLabel)
            w.string(l.label); w.int(l.line); w.int(l.column); w.string(l.contextBefore); w.string(l.contextAfter)
        }
        w.array(a.droppedHTML) { location(&$0, $1) }
        w.array(a.overflowingRows) { location(&$0, $1) }
        w.array(a.unsafeURLs) { location(&$0, $1) }
        w.string(a.plainText)
    }

    static func analysis(_ r: inout ByteReader) -> MarkdownAnalysis {
        var a = MarkdownAnalysis()
        a.headings = r.array { r in MarkdownHeading(id: r.string(), text: r.string(), level: r.int(), line: r.int()) }
        a.links = r.array { r in
            let target = r.string(), formCode = r.int(), hasLabel = r.bool(), label = r.string()
            let line = r.int(), column = r.int(), before = r.string(), after = r.string()
            return MarkdownLink(target: target, form: formCode == 0 ? .markdown : formCode == 1 ? .wikilink : .image,
                                hasLabel: hasLabel, label: label, line: line, column: column,
                                contextBefore: before, contextAfter: after)
        }
        a.droppedHTML = r.array { location(&$0) }
        a.overflowingRows = r.array { location(&$0) }
        a.unsafeURLs = r.array { location(&$0) }
        a.plainText = r.string()
        return a
    }

    static func diagnostic(_ w: inout ByteWriter, _ d: Diagnostic) {
        w.bool(d.severity == .error); w.string(d.code.id); w.string(d.message)
        w.optional(d.hint) { $0.string($1) }
        w.optional(d.location) { location(&$0, $1) }
    }

    static func diagnostic(_ r: inout ByteReader) -> Diagnostic {
        let error = r.bool(), codeID = r.string(), message = r.string()
        let hint = r.optional { $0.string() }
        let loc = r.optional { location(&$0) }
        let code = DiagnosticCode.all.first { $0.id == codeID } ?? .unreadableFile
        return Diagnostic(error ? .error : .warning, code, message, at: loc, hint: hint)
    }
}
