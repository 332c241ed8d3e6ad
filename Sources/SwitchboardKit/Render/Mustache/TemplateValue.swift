/// A value a template can show. Pages' view models are built as these directly
/// (`PageContexts`); generated pages build Swift dictionaries, converted once (`from`), so
/// rendering never casts or reflects.
public enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case number(String)
    case list([TemplateValue])
    case object(TemplateObject)

    /// Converts a view model. Empty strings and values of other types become absent: in a
    /// template `{{#page.summary}}…{{/page.summary}}` should render only when there is a
    /// summary, and an empty string is no summary.
    public static func from(_ any: Any) -> TemplateValue? {
        switch any {
        // First: parts of a view model converted once (the site, assets) arrive on every page.
        case let value as TemplateValue: return value
        case let s as String: return s.isEmpty ? nil : .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .number(String(i))
        case let d as Double: return .number(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d))
        case let dictionary as [String: Any]:
            var result = TemplateObject(minimumCapacity: dictionary.count)
            for (key, value) in dictionary {
                if let v = from(value) { result.append(uniqueKey: key, v) }
            }
            return .object(result)
        case let list as [[String: Any]]: return .list(list.compactMap { from($0) })
        case let list as [Any]: return .list(list.compactMap { from($0) })
        default: return nil
        }
    }

    /// A string as a value: nil (absent) when there is none or it is empty, as in `from`.
    static func text(_ string: String?) -> TemplateValue? {
        guard let string, !string.isEmpty else { return nil }
        return .string(string)
    }

    static func integer(_ value: Int) -> TemplateValue { .number(String(value)) }

    /// Sections render for everything but false, an empty list or nothing.
    var isTruthy: Bool {
        switch self {
        case .bool(let b): return b
        case .list(let items): return !items.isEmpty
        case .string(let s): return !s.isEmpty
        default: return true
        }
    }

    subscript(key: String) -> TemplateValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

extension TemplateValue {
    /// An object of the fields that have a value: a view model written as a literal with
    /// `.text(…)` values.
    static func object(compacting fields: KeyValuePairs<String, TemplateValue?>) -> TemplateValue {
        .object(TemplateObject(compacting: fields))
    }
}

extension TemplateObject {
    /// The keys of `fields` are distinct (they are written out in the code): each is appended
    /// without looking for it first.
    /// - Parameter room: keys the caller will add, so that the pairs are not grown for them.
    init(compacting fields: KeyValuePairs<String, TemplateValue?>, room: Int = 0) {
        self.init(minimumCapacity: fields.count + room)
        for (key, value) in fields { if let value { append(uniqueKey: key, value) } }
    }
}
