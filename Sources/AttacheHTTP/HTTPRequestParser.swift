/// A stateless HTTP/1.x request-head parser in the manner of picohttpparser: bytes in, no
/// I/O, explicit limits (RFC 9112 §2–§7, RFC 9110 §5).
///
/// It is strict where leniency enables request smuggling or header injection: bare CR or
/// LF, obs-fold, whitespace before the colon, control characters, Content-Length together
/// with Transfer-Encoding, conflicting or malformed Content-Length, and a final coding other
/// than `chunked` are all refused.
public enum HTTPRequestParser {
    /// Parses one request head from the start of `buffer`.
    ///
    /// - Parameter previousLength: the buffer length at the previous call that returned
    ///   `.incomplete` (0 the first time). The search for the end of the head restarts just
    ///   before it, so a client dripping one byte at a time costs O(n) overall, not O(n²)
    ///   (picohttpparser's `last_len`, a countermeasure against slowloris).
    public static func parse(_ buffer: UnsafeRawBufferPointer, limits: HTTPParserLimits = HTTPParserLimits(),
                             previousLength: Int = 0) -> HTTPParseResult {
        let n = buffer.count
        // RFC 9112 §2.2: ignore empty lines before the request line.
        var start = 0
        while start < n {
            if buffer[start] == cr {
                if start + 1 == n { return .incomplete }
                guard buffer[start + 1] == lf else { return .invalid(.bad("bare CR in request line")) }
                start += 2
            } else if buffer[start] == lf {
                return .invalid(.bad("bare LF before request line"))
            } else {
                break
            }
        }
        let limit = limits.maxHeadBytes
        var headEnd = -1
        var j = max(start, previousLength - 3)
        let scanEnd = min(n, limit)
        while j < scanEnd {
            if buffer[j] == lf {
                if j + 1 < n && buffer[j + 1] == lf { headEnd = j + 2; break }
                if j + 2 < n && buffer[j + 1] == cr && buffer[j + 2] == lf { headEnd = j + 3; break }
            }
            j += 1
        }
        if headEnd < 0 || headEnd > limit {
            if headEnd > limit || n >= limit {
                return .invalid(HTTPParseError(status: 431, detail: "header section exceeds \(limit) bytes"))
            }
            // Refuse early what can never become a request (e.g. a TLS handshake).
            var m = start
            while m < n && isTokenByte(buffer[m]) { m += 1 }
            if m < n && (buffer[m] != sp || m == start) { return .invalid(.bad("invalid method token")) }
            return .incomplete
        }
        return parseHead(buffer, start: start, end: headEnd, limits: limits)
    }

    /// Convenience over an array.
    public static func parse(_ bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits(),
                             previousLength: Int = 0) -> HTTPParseResult {
        bytes.withUnsafeBytes { parse($0, limits: limits, previousLength: previousLength) }
    }

    /// Parses a head known to end with LF at `end - 1`, so every scan below stops in bounds.
    private static func parseHead(_ b: UnsafeRawBufferPointer, start: Int, end: Int,
                                  limits: HTTPParserLimits) -> HTTPParseResult {
        // Request line: method SP request-target SP HTTP-version CRLF (RFC 9112 §3).
        var i = start
        while isTokenByte(b[i]) { i += 1 }
        guard i > start, b[i] == sp else { return .invalid(.bad("invalid method token")) }
        let method = string(b, start, i)
        i += 1
        let targetStart = i
        while b[i] != sp {
            let c = b[i]
            if c == cr || c == lf { return .invalid(.bad("malformed request line")) }
            if c < 0x21 || c >= 0x7F { return .invalid(.bad("invalid character in request-target")) }
            if c == UInt8(ascii: "#") { return .invalid(.bad("fragment in request-target")) }
            i += 1
        }
        guard i > targetStart else { return .invalid(.bad("empty request-target")) }
        let targetEnd = i
        i += 1
        guard end - i >= 10, b[i] == UInt8(ascii: "H"), b[i + 1] == UInt8(ascii: "T"), b[i + 2] == UInt8(ascii: "T"),
              b[i + 3] == UInt8(ascii: "P"), b[i + 4] == UInt8(ascii: "/"), isDigit(b[i + 5]),
              b[i + 6] == UInt8(ascii: "."), isDigit(b[i + 7]) else {
            return .invalid(.bad("malformed HTTP version"))
        }
        let major = b[i + 5] - 0x30, minor = b[i + 7] - 0x30
        if b[i + 8] != cr {
            return .invalid(.bad(b[i + 8] == lf ? "bare LF in request line" : "malformed HTTP version"))
        }
        guard b[i + 9] == lf else { return .invalid(.bad("bare CR in request line")) }
        let version: HTTPVersion
        switch (major, minor) {
        case (1, 1): version = .http11
        case (1, 0): version = .http10
        default: return .invalid(HTTPParseError(status: 505, detail: "HTTP/\(major).\(minor) is not supported"))
        }
        i += 10

        // Request-target: origin-form, or "*" for OPTIONS (RFC 9112 §3.2).
        var path: String, query: String?
        if targetEnd - targetStart == 1 && b[targetStart] == UInt8(ascii: "*") {
            guard method == "OPTIONS" else { return .invalid(.bad("asterisk-form request-target is only allowed for OPTIONS")) }
            path = "*"
            query = nil
        } else {
            guard b[targetStart] == UInt8(ascii: "/") else {
                return .invalid(.bad("request-target must be in origin-form"))
            }
            var q = targetStart
            while q < targetEnd && b[q] != UInt8(ascii: "?") { q += 1 }
            path = string(b, targetStart, q)
            query = q < targetEnd ? string(b, q + 1, targetEnd) : nil
        }
        let target = query == nil ? path : string(b, targetStart, targetEnd)

        // Header fields (RFC 9112 §5, RFC 9110 §5.5).
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(8)
        var facts = FramingFacts()
        while true {
            let c = b[i]
            if c == cr {
                guard b[i + 1] == lf else { return .invalid(.bad("bare CR in header section")) }
                i += 2
                break
            }
            if c == lf { return .invalid(.bad("bare LF in header section")) }
            if c == sp || c == ht { return .invalid(.bad("obsolete line folding in header section")) }
            let nameStart = i
            while isTokenByte(b[i]) { i += 1 }
            guard b[i] == UInt8(ascii: ":") else {
                if b[i] == sp || b[i] == ht { return .invalid(.bad("whitespace between header name and colon")) }
                return .invalid(.bad("invalid character in header name"))
            }
            guard i > nameStart else { return .invalid(.bad("empty header name")) }
            let nameEnd = i
            i += 1
            while b[i] == sp || b[i] == ht { i += 1 }
            let valueStart = i
            var valueEnd = i
            while true {
                let v = b[i]
                if v == cr { break }
                if v == lf { return .invalid(.bad("bare LF in header section")) }
                if (v < 0x20 && v != ht) || v == 0x7F { return .invalid(.bad("control character in header value")) }
                i += 1
                if v != sp && v != ht { valueEnd = i }
            }
            guard b[i + 1] == lf else { return .invalid(.bad("bare CR in header section")) }
            i += 2
            if fields.count == limits.maxHeaderCount {
                return .invalid(HTTPParseError(status: 431, detail: "more than \(limits.maxHeaderCount) header fields"))
            }
            if let error = facts.note(b, name: nameStart..<nameEnd, value: valueStart..<valueEnd) {
                return .invalid(error)
            }
            fields.append((name: string(b, nameStart, nameEnd), value: string(b, valueStart, valueEnd)))
        }
        guard i == end else { return .invalid(.bad("malformed header section")) }

        switch facts.decide(version: version, limits: limits) {
        case .failure(let error):
            return .invalid(error)
        case .success(let framing):
            var headers = HTTPHeaders()
            headers.fields = fields
            let keepAlive = version == .http11 ? !facts.connectionClose : (facts.connectionKeepAlive && !facts.connectionClose)
            let head = HTTPRequestHead(method: method, target: target, path: path, query: query, version: version,
                                       headers: headers, framing: framing, keepAlive: keepAlive,
                                       expectsContinue: facts.expectsContinue && version == .http11)
            return .complete(head, headLength: end)
        }
    }
}

/// What the framing-relevant fields said, gathered while scanning.
private struct FramingFacts {
    var contentLength: Int?
    var transferEncodingSeen = false
    var codings = 0, chunkedCount = 0, lastIsChunked = false
    var otherCoding: String?
    var hostCount = 0
    var connectionClose = false, connectionKeepAlive = false
    var expectsContinue = false
    var unsupportedExpectation: String?

    mutating func note(_ b: UnsafeRawBufferPointer, name: Range<Int>, value: Range<Int>) -> HTTPParseError? {
        switch name.count {
        case 4 where equalsLower(b, name, "host"):
            hostCount += 1
        case 6 where equalsLower(b, name, "expect"):
            if equalsLower(b, value, "100-continue") { expectsContinue = true } else {
                unsupportedExpectation = string(b, value.lowerBound, value.upperBound)
            }
        case 10 where equalsLower(b, name, "connection"):
            forEachElement(b, value) { element in
                if equalsLower(b, element, "close") { connectionClose = true }
                if equalsLower(b, element, "keep-alive") { connectionKeepAlive = true }
            }
        case 14 where equalsLower(b, name, "content-length"):
            // RFC 9112 §6.3: 1*DIGIT only; no sign, spaces or lists. 18 digits cannot overflow.
            guard !value.isEmpty, value.count <= 18, value.allSatisfy({ isDigit(b[$0]) }) else {
                return .bad("malformed Content-Length")
            }
            let length = value.reduce(0) { $0 * 10 + Int(b[$1] - 0x30) }
            if let previous = contentLength, previous != length { return .bad("conflicting Content-Length values") }
            contentLength = length
        case 17 where equalsLower(b, name, "transfer-encoding"):
            transferEncodingSeen = true
            forEachElement(b, value) { element in
                codings += 1
                if equalsLower(b, element, "chunked") {
                    chunkedCount += 1
                    lastIsChunked = true
                } else {
                    lastIsChunked = false
                    if otherCoding == nil { otherCoding = string(b, element.lowerBound, element.upperBound) }
                }
            }
        default:
            break
        }
        return nil
    }

    func decide(version: HTTPVersion, limits: HTTPParserLimits) -> Result<HTTPBodyFraming, HTTPParseError> {
        if version == .http11 && hostCount == 0 { return .failure(.bad("missing Host header")) }
        if hostCount > 1 { return .failure(.bad("multiple Host headers")) }
        var framing = HTTPBodyFraming.none
        if transferEncodingSeen {
            if contentLength != nil { return .failure(.bad("Content-Length and Transfer-Encoding both present")) }
            if version == .http10 { return .failure(.bad("Transfer-Encoding in an HTTP/1.0 request")) }
            if codings == 0 { return .failure(.bad("empty Transfer-Encoding")) }
            if !lastIsChunked && chunkedCount > 0 {
                return .failure(.bad("chunked must be the final transfer coding"))
            }
            if let other = otherCoding {
                return .failure(HTTPParseError(status: 501, detail: "transfer coding '\(other)' is not implemented"))
            }
            if chunkedCount > 1 { return .failure(.bad("chunked applied more than once")) }
            framing = .chunked
        } else if let length = contentLength {
            if length > limits.maxBodyBytes {
                return .failure(HTTPParseError(status: 413, detail: "body of \(length) bytes exceeds the limit of \(limits.maxBodyBytes) bytes"))
            }
            framing = length == 0 ? .none : .contentLength(length)
        }
        if let expectation = unsupportedExpectation {
            return .failure(HTTPParseError(status: 417, detail: "expectation '\(expectation)' is not supported"))
        }
        return .success(framing)
    }
}

// MARK: - Byte helpers

let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, sp: UInt8 = 0x20, ht: UInt8 = 0x09

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

/// tchar (RFC 9110 §5.6.2).
@inline(__always) func isTokenByte(_ c: UInt8) -> Bool {
    switch c {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
    default: false
    }
}

@inline(__always) private func string(_ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
}

/// ASCII case-insensitive comparison of `b[range]` with a lowercase literal.
private func equalsLower(_ b: UnsafeRawBufferPointer, _ range: Range<Int>, _ literal: StaticString) -> Bool {
    guard range.count == literal.utf8CodeUnitCount else { return false }
    let p = literal.utf8Start
    for k in 0..<range.count where asciiLower(b[range.lowerBound + k]) != p[k] { return false }
    return true
}

/// Each non-empty, OWS-trimmed element of a comma-separated list within `b[range]`.
private func forEachElement(_ b: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
    var s = range.lowerBound
    while s <= range.upperBound {
        var e = s
        while e < range.upperBound && b[e] != UInt8(ascii: ",") { e += 1 }
        var x = s, y = e
        while x < y && (b[x] == sp || b[x] == ht) { x += 1 }
        while y > x && (b[y - 1] == sp || b[y - 1] == ht) { y -= 1 }
        if x < y { body(x..<y) }
        s = e + 1
    }
}
