/// Hashes a view model (the values templates see) in a fixed order, so that a page whose
/// view model, template and body did not change can reuse its previous output: a page is a
/// pure function of exactly these inputs.
enum ContextHash {
    static func hash(_ value: TemplateValue, into h: inout ContentHash) {
        switch value {
        case .string(let s):
            h.update(byte: 0x01); h.update(s.utf8); h.update(byte: 0x00)
        case .bool(let b):
            h.update(byte: b ? 0x02 : 0x03)
        case .number(let n):
            h.update(byte: 0x04); h.update(n.utf8); h.update(byte: 0x00)
        case .object(let dictionary):
            // A dictionary's order differs from run to run. Rather than sort the keys of every
            // object of every page, each pair is hashed on its own and the results summed: the
            // same in any order.
            var pairs: UInt64 = 0
            for (key, value) in dictionary {
                var pair = ContentHash()
                pair.update(key.utf8); pair.update(byte: 0x00)
                hash(value, into: &pair)
                pairs &+= pair.value
            }
            h.update(byte: 0x06); h.update(pairs); h.update(byte: 0x07)
        case .list(let items):
            h.update(byte: 0x08)
            for item in items { hash(item, into: &h) }
            h.update(byte: 0x09)
        }
    }
}

extension ContentHash {
    mutating func update(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { update(byte: UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func update(_ string: String) {
        update(string.utf8)
        update(byte: 0x00)
    }
}
