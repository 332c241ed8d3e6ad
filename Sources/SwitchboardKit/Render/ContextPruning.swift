/// Mustache treats an empty string as a value, so `{{#page.summary}}…{{/page.summary}}` would
/// render around nothing. Removing empty strings from the view model makes them behave like
/// absent values everywhere, which is what template authors expect.
enum ContextPruning {
    static func pruned(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var result: [String: Any] = [:]
            result.reserveCapacity(dictionary.count)
            for (key, item) in dictionary {
                if let s = item as? String, s.isEmpty { continue }
                result[key] = pruned(item)
            }
            return result
        }
        if let array = value as? [[String: Any]] { return array.map { pruned($0) } }
        if let array = value as? [Any] { return array.map { pruned($0) } }
        return value
    }
}
