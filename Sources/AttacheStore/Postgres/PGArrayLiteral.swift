/// A PostgreSQL array in its text input form (`{"a","b",NULL}`), built element by element. The bulk write sends
/// each column of many rows as one array parameter, so one statement carries any number of rows with a fixed SQL
/// text (which can stay prepared) and no SQL built from values.
struct PGArrayLiteral {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private(set) var count = 0

    private mutating func separate() {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        count += 1
    }

    /// A quoted element: inside double quotes only `"` and `\` need a backslash.
    private mutating func appendQuoted(_ utf8: some Sequence<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func append(_ s: String?) {
        separate()
        guard let s else {
            bytes.append(contentsOf: "NULL".utf8)
            return
        }
        appendQuoted(s.utf8)
    }

    mutating func append(_ n: Int?) {
        separate()
        guard let n else {
            bytes.append(contentsOf: "NULL".utf8)
            return
        }
        bytes.append(contentsOf: String(n).utf8)
    }

    /// A `bytea` element in hex form (`\x0a1b…`), exact for any bytes.
    mutating func append(bytes value: [UInt8]) {
        separate()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + 2 * value.count)
        for b in value {
            text.append(hex[Int(b >> 4)])
            text.append(hex[Int(b & 0x0f)])
        }
        appendQuoted(text)
    }

    /// The literal, to bind as a text parameter cast to the array type in SQL (`$1::text[]`).
    var literal: String {
        String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self)
    }
}
