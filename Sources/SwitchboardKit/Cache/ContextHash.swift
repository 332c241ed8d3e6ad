/// Hashes a view model (the dictionaries templates see) in a fixed order, so that a page whose
/// view model, template and body did not change can reuse its previous output: a page is a
/// pure function of exactly these inputs.
enum ContextHash {
    static func hash(_ value: Any, into h: inout ContentHash) {
        switch value {
        case let s as String:
            h.update([0x01]); h.update(s.utf8); h.update([0x00])
        case let b as Bool:
            h.update([b ? 0x02 : 0x03])
        case let i as Int:
            h.update([0x04]); h.update(String(i).utf8)
        case let d as Double:
            h.update([0x05]); h.update(String(d.bitPattern).utf8)
        case let dictionary as [String: Any]:
            h.update([0x06])
            for key in dictionary.keys.sorted() {
                h.update(key.utf8); h.update([0x00])
                hash(dictionary[key]!, into: &h)
            }
            h.update([0x07])
        case let array as [[String: Any]]:
            h.update([0x08])
            for item in array { hash(item, into: &h) }
            h.update([0x09])
        case let array as [Any]:
            h.update([0x08])
            for item in array { hash(item, into: &h) }
            h.update([0x09])
        default:
            h.update([0x0A]); h.update(String(describing: value).utf8)
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
