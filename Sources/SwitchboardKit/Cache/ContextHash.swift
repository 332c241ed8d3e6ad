/// Hashes a view model (the values templates see) in a fixed order, so that a page whose
/// view model, template and body did not change can reuse its previous output: a page is a
/// pure function of exactly these inputs.
enum ContextHash {
    static func hash(_ value: TemplateValue, into h: inout ContentHash) {
        switch value {
        case .string(let s):
            h.update([0x01]); h.update(s.utf8); h.update([0x00])
        case .bool(let b):
            h.update([b ? 0x02 : 0x03])
        case .number(let n):
            h.update([0x04]); h.update(n.utf8); h.update([0x00])
        case .object(let dictionary):
            h.update([0x06])
            for key in dictionary.keys.sorted() {
                h.update(key.utf8); h.update([0x00])
                hash(dictionary[key]!, into: &h)
            }
            h.update([0x07])
        case .list(let items):
            h.update([0x08])
            for item in items { hash(item, into: &h) }
            h.update([0x09])
        }
    }
}

extension ContentHash {
    mutating func update(_ value: UInt64) {
        update((0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) })
    }

    mutating func update(_ string: String) {
        update(string.utf8)
        update([0x00])
    }
}
