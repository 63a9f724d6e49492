/// Percent-encoding for URL path segments and query values (RFC 3986 §2.1, §2.3): every byte of
/// the UTF-8 except the unreserved set `A-Z a-z 0-9 - . _ ~` becomes `%XX` (uppercase hex), so
/// `/`, `?`, `&`, `=`, `+`, `#` and spaces inside an ID or a query cannot change the URL's shape.
enum PercentEncoding {
    static func encode(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `?a=1&b=x%20y` from the non-nil pairs, in order; `""` when all are nil.
    static func query(_ items: [(String, String?)]) -> String {
        var parts: [String] = []
        for case let (name, value?) in items {
            parts.append(encode(name) + "=" + encode(value))
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
