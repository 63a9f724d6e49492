import AttacheJSON

/// Reads an article object, the one decoder of the wire format: the service, the CLI and the tests all read
/// articles through it, so that they agree on what an article is.
///
/// An object with `text` (required, non-blank string), and optional `title` (at most 2000 bytes),
/// `publishedAt` (alias `published`), `id` (1-200 characters of `[A-Za-z0-9._~:-]`) and `source`; members
/// may be `null`. Unknown members are ignored, so that clients may send more than this version reads.
public enum ArticleDecoder {
    /// Limits for parsing an article body: articles are flat, so deep nesting is an attack, not an article.
    public static let limits: JSONLimits = {
        var l = JSONLimits()
        l.maxDepth = 64
        return l
    }()

    /// Titles longer than this (in UTF-8 bytes) are refused: a headline, not a second text.
    public static let maxTitleBytes = 2000

    /// How `publishedAt` is held.
    public enum PublicationDates: Sendable {
        /// `YYYY-MM-DD` or an RFC 3339 timestamp with a real calendar day (what the API accepts).
        case checked
        /// Any string, as given: annotated corpora carry partial ("2024-03") and empty dates, which the
        /// analyzer understands.
        case asGiven
    }

    /// The article of `value`; `path` prefixes field names in errors ("articles[3].text").
    public static func article(from value: JSONValue, path: String = "",
                               publicationDates: PublicationDates = .checked) throws(WireFormatError) -> ArticleInput {
        let object = try WireObject(value, path: path)
        let text = try object.string("text")
        try checkText(text, field: object.name("text"))
        let title = try object.optionalString("title")
        if let title, title.utf8.count > maxTitleBytes {
            throw WireFormatError("\(object.name("title")) is longer than \(maxTitleBytes) bytes", field: object.name("title"))
        }
        var published = try object.optionalString("publishedAt")
        if published == nil { published = try object.optionalString("published") }
        if publicationDates == .checked, let p = published, !PublicationDate.isValid(p) {
            throw WireFormatError("\(object.name("publishedAt")) must be a date (YYYY-MM-DD) or an RFC 3339 timestamp, got \"\(p.prefix(40))\"",
                                  field: object.name("publishedAt"))
        }
        let id = try object.optionalString("id")
        if let id, !ArticleID.isValid(id) {
            throw WireFormatError("\(object.name("id")) must be 1-200 characters of A-Z a-z 0-9 . _ ~ : -", field: object.name("id"))
        }
        let source = try object.optionalString("source")
        return ArticleInput(id: id, title: title, text: text, publishedAt: published, source: source)
    }

    /// Refuses a text of only spaces, tabs and line breaks: there is nothing to analyse.
    public static func checkText(_ text: String, field: String) throws(WireFormatError) {
        var blank = true
        for b in text.utf8 where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { blank = false; break }
        if blank { throw WireFormatError("\(field) must not be empty", field: field) }
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
