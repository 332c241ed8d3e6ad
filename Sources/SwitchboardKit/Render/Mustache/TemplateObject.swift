/// A view-model object: its keys and values as pairs, in the order they were set. A page's
/// view model is a few hundred small objects (links, headings, menu items), each built once
/// and read a few times; found by comparing names, their handful of keys cost no hashing, and
/// each object is one array.
public struct TemplateObject: Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var pairs: [(key: String, value: TemplateValue)] = []

    public init() {}

    init(minimumCapacity: Int) { pairs.reserveCapacity(minimumCapacity) }

    /// A later pair with the same key replaces the earlier one, as a later assignment would.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        pairs.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public var count: Int { pairs.count }

    public subscript(key: String) -> TemplateValue? {
        get {
            // By position: `for pair in pairs` would copy every pair it passes over.
            for i in pairs.indices where Self.same(pairs[i].key, key) { return pairs[i].value }
            return nil
        }
        set {
            if let i = pairs.indices.first(where: { Self.same(pairs[$0].key, key) }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    /// Keys are compared by length first: most keys an object is searched for differ from
    /// most of its keys in length, and a String comparison that fails costs a call into the
    /// standard library's Unicode-aware compare. So two spellings of a key that are
    /// canonically equivalent but of different lengths in UTF-8 (é precomposed or not) are
    /// different keys — as in Mustache's reference implementation, which compares code units.
    @inline(__always)
    private static func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

    /// Adds a pair whose key the object does not have yet (the keys of a Swift dictionary),
    /// without looking for it: an object of many keys is then made in linear time.
    mutating func append(uniqueKey key: String, _ value: TemplateValue) {
        assert(!pairs.contains { $0.key == key }, "'\(key)' is already a key of the object")
        pairs.append((key, value))
    }

    mutating func reserveCapacity(_ count: Int) { pairs.reserveCapacity(count) }

    /// Sets every pair of `other`, replacing values under the same keys.
    mutating func merge(_ other: TemplateObject) {
        pairs.reserveCapacity(pairs.count + other.count)
        for (key, value) in other.pairs { self[key] = value }
    }
}
