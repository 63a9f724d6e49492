import AttacheHTTP

/// RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, a double quote, CR or LF, and a double
/// quote inside a quoted field doubled. One header row, then one row per item.
///
/// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or
/// CR as a formula, and sentences and names come from the articles, so anyone who can send an article could plant
/// one. Such a field gets a leading apostrophe (which spreadsheets show as text and do not display) and is quoted.
/// A plain decimal number (`-3.5`, a negative balance) is left as it is: it is no formula, and R and pandas must
/// still read it as a number.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    init(header: [String]) {
        row(header)
    }

    mutating func row(_ fields: [String?]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.append(f ?? "", to: &bytes)
        }
        bytes.append(contentsOf: [13, 10])
    }

    /// First bytes that make a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, CR.
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]

    /// Whether `field` would start a formula: it begins with one of `formulaStarts` and is not a plain decimal number.
    static func startsFormula(_ field: String) -> Bool {
        guard let first = field.utf8.first, formulaStarts.contains(first) else { return false }
        return !isPlainNumber(field)
    }

    /// An optional sign, digits, and optionally a point and more digits (`-3`, `+0.25`).
    static func isPlainNumber(_ field: String) -> Bool {
        var bytes = field.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, bytes.last != UInt8(ascii: ".") else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    static func append(_ field: String, to out: inout [UInt8]) {
        let guarded = startsFormula(field)
        let needsQuotes = guarded
            || field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else {
            out.append(contentsOf: field.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        if guarded { out.append(UInt8(ascii: "'")) }
        for b in field.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Several values in one cell (participants, sources), separated by `; `.
    static func list(_ values: [String]) -> String { values.joined(separator: "; ") }

    /// A 200 carrying the CSV; `nextCursor`, when the listing continues, goes in the `Next-Cursor` header (a CSV
    /// file has nowhere else to put it).
    func response(nextCursor: String? = nil) -> HTTPResponse {
        var h = HTTPHeaders()
        h.replace("Content-Type", "text/csv; charset=utf-8; header=present")
        if let nextCursor { h.replace("Next-Cursor", nextCursor) }
        return HTTPResponse(status: 200, headers: h, body: bytes)
    }
}

/// How a listing answers: JSON unless asked for CSV with `format=csv` or an `Accept` that prefers `text/csv`.
enum ResponseFormat: String {
    case json, csv

    static func of(_ c: RequestContext) throws(APIError) -> ResponseFormat {
        if let raw = c.queryValue("format"), !raw.isEmpty {
            guard let f = ResponseFormat(rawValue: raw) else { throw APIError.badRequest("format must be json or csv", field: "format") }
            return f
        }
        return prefersCSV(accept: c.request.headers.values("Accept").joined(separator: ",")) ? .csv : .json
    }

    /// True when the `Accept` header ranks `text/csv` above `application/json` (RFC 9110 §12.5.1 quality values;
    /// on a tie the one listed first wins). `*/*` and ranges that name neither leave JSON, the default.
    static func prefersCSV(accept: String) -> Bool {
        var csv: (q: Double, index: Int)?
        var json: (q: Double, index: Int)?
        for (i, range) in accept.split(separator: ",").enumerated() {
            let parts = range.split(separator: ";").map { $0.trimmingSpaces.lowercased() }
            guard let type = parts.first else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            if type == "text/csv", csv == nil { csv = (q, i) }
            if type == "application/json", json == nil { json = (q, i) }
        }
        guard let csv, csv.q > 0 else { return false }
        guard let json else { return true }
        return csv.q > json.q || (csv.q == json.q && csv.index < json.index)
    }
}
