/// A response produced by an ``HTTPResponder`` or by the server itself.
///
/// The server always frames it: it sets `Content-Length` from `body` (dropping any
/// `Content-Length`/`Transfer-Encoding` given here), adds `Date` and `Server: attache` unless
/// present, and omits the body for HEAD, 1xx, 204 and 304 (RFC 9110 §6.4.1).
public struct HTTPResponse: Sendable {
    /// Status code, 100...999.
    public var status: Int
    /// Header fields to send, in order.
    public var headers: HTTPHeaders
    /// The full body.
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An RFC 9457 problem details response: `application/problem+json` with
    /// `{"type":"about:blank","title":…,"status":…,"detail":…}` plus `extra` string members.
    /// `title` defaults to the status's reason phrase.
    public static func problem(status: Int, title: String? = nil, detail: String,
                               extra: [(String, String)] = [], headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var json: [UInt8] = []
        json.reserveCapacity(96 + detail.utf8.count)
        json.append(contentsOf: #"{"type":"about:blank","title":"#.utf8)
        appendJSONString(title ?? standardReasonPhrase(status), to: &json)
        json.append(contentsOf: #","status":"#.utf8)
        json.append(contentsOf: String(status).utf8)
        json.append(contentsOf: #","detail":"#.utf8)
        appendJSONString(detail, to: &json)
        for (name, value) in extra {
            json.append(UInt8(ascii: ","))
            appendJSONString(name, to: &json)
            json.append(UInt8(ascii: ":"))
            appendJSONString(value, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        var headers = headers
        headers.replace("Content-Type", "application/problem+json")
        return HTTPResponse(status: status, headers: headers, body: json)
    }

    /// The standard reason phrase for `status` (RFC 9110 §15), or "Unknown".
    public static func reasonPhrase(_ status: Int) -> String {
        standardReasonPhrase(status)
    }
}

/// Appends `string` as a JSON string literal (RFC 8259 §7), escaping quotes, backslash and
/// control characters.
func appendJSONString(_ string: String, to out: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20:
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        default: out.append(byte)
        }
    }
    out.append(UInt8(ascii: "\""))
}

func standardReasonPhrase(_ status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 101: "Switching Protocols"
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 206: "Partial Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 410: "Gone"
    case 411: "Length Required"
    case 412: "Precondition Failed"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 415: "Unsupported Media Type"
    case 417: "Expectation Failed"
    case 422: "Unprocessable Content"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: "Unknown"
    }
}
