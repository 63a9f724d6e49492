import AttacheClient
import AttacheJSON
import Testing

extension AttacheClient {
    /// POSTs `body` with `contentType` (nil: no Content-Type header) and returns whatever comes back.
    func post(_ path: String, _ body: [UInt8], contentType: String? = "application/json",
              headers: [(String, String)] = []) throws -> ClientResponse {
        var h = headers
        if let contentType { h.append(("Content-Type", contentType)) }
        return try request(method: "POST", path: path, headers: h, body: body)
    }

    func post(_ path: String, json: String, headers: [(String, String)] = []) throws -> ClientResponse {
        try post(path, Array(json.utf8), contentType: "application/json", headers: headers)
    }

    func get(_ path: String) throws -> ClientResponse {
        try request(method: "GET", path: path)
    }
}

extension ClientResponse {
    /// The body as JSON; records an issue and returns `.null` when it is not JSON.
    func jsonBody(sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        guard let v = json else {
            Issue.record("body is not JSON (status \(status)): \(text.prefix(300))", sourceLocation: sourceLocation)
            return .null
        }
        return v
    }
}

/// Checks an RFC 9457 problem response: the status, `application/problem+json`, a body whose `status` member
/// matches, a non-empty `detail`, and the `field` member when one is expected. Returns the body.
@discardableResult
func expectProblem(_ r: ClientResponse, status: Int, field: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    #expect(r.status == status, "status; body: \(r.text.prefix(300))", sourceLocation: sourceLocation)
    #expect(r.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
    let body = r.jsonBody(sourceLocation: sourceLocation)
    #expect(body["status"]?.intValue == Int64(status), sourceLocation: sourceLocation)
    #expect(body["type"]?.stringValue == "about:blank", sourceLocation: sourceLocation)
    #expect(body["title"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    let detail = body["detail"]?.stringValue ?? ""
    #expect(!detail.isEmpty, "a problem needs a detail", sourceLocation: sourceLocation)
    if let field {
        #expect(body["field"]?.stringValue == field, "field; detail: \(detail)", sourceLocation: sourceLocation)
    }
    return body
}

/// The same check for a response read off a raw socket.
@discardableResult
func expectProblem(_ r: RawResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    #expect(r.status == status, "status; body: \(r.text.prefix(300))", sourceLocation: sourceLocation)
    #expect(r.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
    let body = (try? JSONReader.parse(r.body)) ?? .null
    #expect(body["status"]?.intValue == Int64(status), sourceLocation: sourceLocation)
    #expect(body["detail"]?.stringValue?.isEmpty == false, "a problem needs a detail", sourceLocation: sourceLocation)
    return body
}

/// Reading analyses.
enum AnalysisJSON {
    /// The entity of `analysis` with this name, if any.
    static func entity(named name: String, in analysis: JSONValue) -> JSONValue? {
        analysis["entities"]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    /// Names of every entity of `analysis`.
    static func entityNames(_ analysis: JSONValue) -> [String] {
        analysis["entities"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    /// Every mention of every entity, with the entity's name.
    static func mentions(_ analysis: JSONValue) -> [(entity: String, mention: JSONValue)] {
        var out: [(String, JSONValue)] = []
        for e in analysis["entities"]?.arrayValue ?? [] {
            for m in e["mentions"]?.arrayValue ?? [] { out.append((e["name"]?.stringValue ?? "?", m)) }
        }
        return out
    }
}

/// `text` sliced by Unicode code-point offsets `[start, end)`, or nil when they are out of range.
func codePointSlice(_ text: String, _ start: Int, _ end: Int) -> String? {
    let scalars = Array(text.unicodeScalars)
    guard start >= 0, start <= end, end <= scalars.count else { return nil }
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[start..<end])
    return String(s)
}
