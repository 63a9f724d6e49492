import AttacheHTTP
import AttacheJSON
import AttacheModel

/// Turns a request body into an article, with a 400 naming the field for anything wrong.
///
/// `application/json` (or any `+json` type): an article object as `ArticleDecoder` reads it. `text/plain`
/// (UTF-8): the body is the text. Anything else: 415.
public enum ArticleRequestDecoder {
    public static func decode(_ request: HTTPRequest) throws(APIError) -> ArticleInput {
        let type = MediaType(request.headers["Content-Type"])
        if type.isJSON {
            let value: JSONValue
            do {
                value = try JSONReader.parse(request.body, limits: ArticleDecoder.limits)
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
            do {
                try ArticleDecoder.checkText(text, field: "text")
            } catch {
                throw APIError.badRequest(error)
            }
            return ArticleInput(text: text)
        }
        if type.essence.isEmpty {
            throw APIError(415, "Content-Type is required: application/json or text/plain")
        }
        throw APIError(415, "unsupported Content-Type \(type.essence): use application/json or text/plain")
    }

    /// Reads one article object; `path` prefixes field names in errors ("articles[3].text").
    public static func article(from value: JSONValue, path: String) throws(APIError) -> ArticleInput {
        do {
            return try ArticleDecoder.article(from: value, path: path)
        } catch {
            throw APIError.badRequest(error)
        }
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

extension APIError {
    /// A refused article member as a 400 that names it.
    static func badRequest(_ e: WireFormatError) -> APIError { .badRequest(e.message, field: e.field) }
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
