/// Opaque keyset cursors: the sort key of the last item of a page, length-prefixed and base64url-encoded.
///
/// Keyset (not offset) cursors stay exact while rows are inserted: the next page starts strictly after the last
/// key seen, so no item is repeated or skipped. A tag byte keeps search and timeline cursors apart.
enum Cursor {
    /// Digits of the query's SHA-256 kept in a scoped cursor: enough to tell queries apart, short enough for a URL.
    static let scopeHexDigits = 16

    /// The scope of a query: a short digest of its parameters (entity, filters) joined by NUL, which no parameter
    /// holds. A cursor carries it so that a cursor from one query is refused by another instead of silently
    /// skipping to a key that means something else there.
    static func scope(_ parameters: [String]) -> String {
        String(SHA256.hex(parameters.joined(separator: "\u{0}").utf8).prefix(scopeHexDigits))
    }

    /// A keyset cursor bound to the query whose scope is `scope`.
    static func encode(tag: UInt8, scope: String, _ fields: [String]) -> String {
        encode(tag: tag, fields + [scope])
    }

    /// The key fields of a scoped cursor; throws when the cursor is malformed or was made for another query.
    static func decode(tag: UInt8, scope: String, fieldCount: Int, _ cursor: String) throws(StoreError) -> [String] {
        var fields = try decode(tag: tag, fieldCount: fieldCount + 1, cursor)
        guard fields.removeLast() == scope else {
            throw .invalidArgument("this cursor belongs to another query (other entity or filters); start again without it")
        }
        return fields
    }

    static func encode(tag: UInt8, _ fields: [String]) -> String {
        var raw: [UInt8] = [tag]
        for f in fields {
            raw.append(contentsOf: String(f.utf8.count).utf8)
            raw.append(UInt8(ascii: ":"))
            raw.append(contentsOf: f.utf8)
        }
        return Base64URL.encode(raw)
    }

    static func decode(tag: UInt8, fieldCount: Int, _ cursor: String) throws(StoreError) -> [String] {
        let invalid = StoreError.invalidArgument("malformed cursor")
        guard let raw = Base64URL.decode(cursor), raw.first == tag else { throw invalid }
        var fields: [String] = []
        var i = 1
        while i < raw.count {
            var n = 0
            while i < raw.count, raw[i] != UInt8(ascii: ":") {
                guard raw[i] >= 48, raw[i] <= 57, n < 1_000_000 else { throw invalid }
                n = n * 10 + Int(raw[i] - 48)
                i += 1
            }
            guard i < raw.count, i + 1 + n <= raw.count else { throw invalid }
            fields.append(String(decoding: raw[(i + 1)..<(i + 1 + n)], as: UTF8.self))
            i += 1 + n
        }
        guard fields.count == fieldCount else { throw invalid }
        return fields
    }
}

/// RFC 4648 §5 base64url without padding.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for s in [18, 12, 6, 0] { out.append(alphabet[Int((v >> UInt32(s)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let v = UInt32(bytes[i]) << 16
            out.append(alphabet[Int((v >> 18) & 63)]); out.append(alphabet[Int((v >> 12) & 63)])
        } else if rest == 2 {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int((v >> 18) & 63)]); out.append(alphabet[Int((v >> 12) & 63)]); out.append(alphabet[Int((v >> 6) & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ s: String) -> [UInt8]? {
        var out = [UInt8]()
        var acc: UInt32 = 0
        var bits = 0
        for c in s.utf8 {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - 48 + 52)
            case UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "_"): v = 63
            default: return nil
            }
            acc = acc << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
                acc &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits must be zero padding of fewer than 6 bits.
        guard bits < 6, acc == 0 else { return nil }
        return out
    }
}
