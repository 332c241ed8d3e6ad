/// Hashes a view model (the values templates see) in a fixed order, so that a page whose
/// view model, template and body did not change can reuse its previous output: a page is a
/// pure function of exactly these inputs.
enum ContextHash {
    static func hash(_ value: TemplateValue, into h: inout ContentHash) {
        switch value {
        case .string(let s):
            h.update(byte: 0x01); h.update(s)
        case .bool(let b):
            h.update(byte: b ? 0x02 : 0x03)
        case .number(let n):
            h.update(byte: 0x04); h.update(n)
        case .object(let object):
            // Objects converted from Swift dictionaries (`TemplateValue.from`) have their pairs
            // in an order that differs from run to run: the pairs are hashed in any order.
            let pairs = ContentHash.unordered(object.pairs) { pair, element in
                pair.update(element.key)
                hash(element.value, into: &pair)
            }
            h.update(byte: 0x06); h.update(pairs); h.update(byte: 0x07)
        case .list(let items):
            h.update(byte: 0x08)
            for item in items { hash(item, into: &h) }
            h.update(byte: 0x09)
        }
    }
}
