import AttacheCore
import AttacheHTTP
import AttacheJSON
import AttacheModel

/// Turns a request body into an article, with a 400 naming the field for anything wrong.
///
/// `application/json` (or any `+json` type): an object with `text` (required, non-empty string), and optional
/// `title`, `publishedAt` (alias `published`: `YYYY-MM-DD` or RFC 3339), `id` (1-200 characters of
/// `[A-Za-z0-9._~:-]`), `source`. Unknown members are ignored, so clients may send more than this
/// version reads. `text/plain` (UTF-8): the body is the text. Anything else: 415.
public enum ArticleRequestDecoder {
    public static let limits: JSONLimits = {
        var l = JSONLimits()
        l.maxDepth = 64
        return l
    }()

    public static func decode(_ request: HTTPRequest) throws(APIError) -> ArticleInput {
        let type = MediaType(request.headers["Content-Type"])
        if type.isJSON {
            let value: JSONValue
            do {
                value = try JSONReader.parse(request.body, limits: limits)
            } catch {
                throw APIError.badRequest("request body is not valid JSON: \(error.message) at byte \(error.offset)", field: error.field)
            }
            return try article(from: value, path: "")
        }
        if type.essence == "text/plain" {
            if let cs = type.charset, cs != "utf-8", cs != "utf8", cs != "us-ascii" {
                throw APIError(415, "text/plain bodies must be UTF-8, not \(cs)")
            }
            guard let text = String(validating: request.body, as: UTF8.self) else {
                throw APIError.badRequest("body is not valid UTF-8 at byte \(firstInvalidUTF8(request.body))", field: "text")
            }
            try checkText(text, field: "text")
            return ArticleInput(text: text)
        }
        if type.essence.isEmpty {
            throw APIError(415, "Content-Type is required: application/json or text/plain")
        }
        throw APIError(415, "unsupported Content-Type \(type.essence): use application/json or text/plain")
    }

    /// Reads one article object; `path` prefixes field names in errors ("articles[3].text").
    public static func article(from value: JSONValue, path: String) throws(APIError) -> ArticleInput {
        func name(_ f: String) -> String { path.isEmpty ? f : "\(path).\(f)" }
        guard case .object = value else {
            throw APIError.badRequest("\(path.isEmpty ? "request body" : path) must be a JSON object", field: path.isEmpty ? nil : path)
        }
        func optionalString(_ key: String) throws(APIError) -> String? {
            guard let v = value[key] else { return nil }
            if case .null = v { return nil }
            guard let s = v.stringValue else { throw APIError.badRequest("\(name(key)) must be a string", field: name(key)) }
            return s
        }
        guard let textValue = value["text"], !(textValue == .null) else {
            throw APIError.badRequest("\(name("text")) is required", field: name("text"))
        }
        guard let text = textValue.stringValue else { throw APIError.badRequest("\(name("text")) must be a string", field: name("text")) }
        try checkText(text, field: name("text"))
        let title = try optionalString("title")
        if let title, title.utf8.count > 2000 { throw APIError.badRequest("\(name("title")) is longer than 2000 bytes", field: name("title")) }
        var published = try optionalString("publishedAt")
        if published == nil { published = try optionalString("published") }
        if let p = published, !PublicationDate.isValid(p) {
            throw APIError.badRequest("\(name("publishedAt")) must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got \"\(p.prefix(40))\"", field: name("publishedAt"))
        }
        let id = try optionalString("id")
        if let id, !ArticleID.isValid(id) {
            throw APIError.badRequest("\(name("id")) must be 1-200 characters of A-Z a-z 0-9 . _ ~ : -", field: name("id"))
        }
        let source = try optionalString("source")
        return ArticleInput(id: id, title: title, text: text, publishedAt: published, source: source)
    }

    static func checkText(_ text: String, field: String) throws(APIError) {
        var blank = true
        for b in text.utf8 where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { blank = false; break }
        if blank { throw APIError.badRequest("\(field) must not be empty", field: field) }
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let len = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if len == 0 || i + len > bytes.count { return i }
            if String(validating: bytes[i..<i + len], as: UTF8.self) == nil { return i }
            i += len
        }
        return i
    }
}

/// Article ids are URL-safe so that `/v1/articles/{id}` needs no escaping.
public enum ArticleID {
    public static func isValid(_ s: String) -> Bool {
        let u = s.utf8
        guard !u.isEmpty, u.count <= 200 else { return false }
        return u.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~") || b == UInt8(ascii: ":")
        }
    }
}

/// `YYYY-MM-DD` or RFC 3339 `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, with real calendar days.
public enum PublicationDate {
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count >= 10, let y = num(0..<4), u[4] == UInt8(ascii: "-"), let m = num(5..<7), u[7] == UInt8(ascii: "-"),
              let d = num(8..<10), (1...12).contains(m), y >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return false }
        if u.count == 10 { return true }
        guard u.count >= 20, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t") || u[10] == 0x20,
              let hh = num(11..<13), u[13] == UInt8(ascii: ":"), let mm = num(14..<16), u[16] == UInt8(ascii: ":"),
              let ss = num(17..<19), hh < 24, mm < 60, ss <= 60 else { return false }
        var i = 19
        if u[i] == UInt8(ascii: ".") {
            i += 1
            let s0 = i
            while i < u.count, u[i] >= 48 && u[i] <= 57 { i += 1 }
            guard i > s0 else { return false }
        }
        guard i < u.count else { return false }
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") { return i + 1 == u.count }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), i + 6 == u.count,
              let oh = num(i + 1..<i + 3), u[i + 3] == UInt8(ascii: ":"), let om = num(i + 4..<i + 6), oh < 24, om < 60 else { return false }
        return true
    }
}

/// A parsed Content-Type: lower-cased essence ("application/json") and charset.
struct MediaType {
    var essence: String
    var charset: String?

    init(_ header: String?) {
        guard let header else { essence = ""; return }
        let parts = header.split(separator: ";")
        essence = parts.first.map { $0.trimmingSpaces.lowercased() } ?? ""
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingSpaces.lowercased() == "charset" {
                charset = kv[1].trimmingSpaces.lowercased().trimmingCharacters(in: "\"")
            }
        }
    }

    var isJSON: Bool { essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json")) }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }

    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
