extension HTTPResponse {
    /// True when RFC 9110 forbids a body (and, for 1xx/204, a Content-Length) on this status.
    var forbidsBody: Bool { status < 200 || status == 204 || status == 304 }

    /// Appends the wire form (status line, headers, blank line, body) to `out`, so that the
    /// whole response leaves in one `send`.
    ///
    /// - Parameters:
    ///   - date: the preformatted IMF-fixdate for the `Date` header.
    ///   - omitBody: true for HEAD: headers keep the body's Content-Length, no body bytes.
    ///   - keepAlive: false adds `Connection: close`.
    ///   - http10KeepAlive: adds `Connection: keep-alive` (HTTP/1.0 client asked for it).
    /// - Returns: false when the responder itself asked for `Connection: close`.
    func serialize(into out: inout [UInt8], date: [UInt8], omitBody: Bool,
                   keepAlive: Bool, http10KeepAlive: Bool) -> Bool {
        let status = (100...999).contains(self.status) ? self.status : 500
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        out.append(UInt8(truncatingIfNeeded: 0x30 + status / 100))
        out.append(UInt8(truncatingIfNeeded: 0x30 + status / 10 % 10))
        out.append(UInt8(truncatingIfNeeded: 0x30 + status % 10))
        out.append(0x20)
        out.append(contentsOf: standardReasonPhrase(status).utf8)
        out.append(contentsOf: crlf)

        var hasDate = false, hasServer = false, responderKeepsAlive = true
        for (name, value) in headers {
            guard isToken(name) else { continue }
            if HTTPHeaders.namesEqual(name, "content-length") || HTTPHeaders.namesEqual(name, "transfer-encoding") {
                continue
            }
            if HTTPHeaders.namesEqual(name, "connection") {
                if hasToken(value, "close") { responderKeepsAlive = false }
                continue
            }
            if !hasDate, HTTPHeaders.namesEqual(name, "date") { hasDate = true }
            if !hasServer, HTTPHeaders.namesEqual(name, "server") { hasServer = true }
            appendField(name, value, to: &out)
        }
        if !hasServer { out.append(contentsOf: "Server: attache\r\n".utf8) }
        if !hasDate {
            out.append(contentsOf: "Date: ".utf8)
            out.append(contentsOf: date)
            out.append(contentsOf: crlf)
        }
        let noBody = forbidsBody
        if !noBody || status == 304 {
            // 304 keeps no Content-Length either: it would describe the selected representation.
            if status != 304 {
                out.append(contentsOf: "Content-Length: ".utf8)
                out.append(contentsOf: String(body.count).utf8)
                out.append(contentsOf: crlf)
            }
        }
        if !(keepAlive && responderKeepsAlive) {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if http10KeepAlive {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: crlf)
        if !omitBody && !noBody { out.append(contentsOf: body) }
        return responderKeepsAlive
    }
}

private let crlf: [UInt8] = [0x0D, 0x0A]

/// Appends `name: value\r\n`, replacing control characters in the value by spaces so a
/// responder cannot split the response (CWE-113).
private func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
    out.append(contentsOf: name.utf8)
    out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
    let utf8 = value.utf8
    if utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
        for byte in utf8 { out.append(sanitizedFieldByte(byte)) }
    } else {
        out.append(contentsOf: utf8)
    }
    out.append(contentsOf: crlf)
}

@inline(__always) private func sanitizedFieldByte(_ byte: UInt8) -> UInt8 {
    (byte < 0x20 && byte != 0x09) || byte == 0x7F ? 0x20 : byte
}

func isToken(_ string: String) -> Bool {
    !string.isEmpty && string.utf8.allSatisfy(isTokenByte)
}

/// True when the comma-separated list `value` contains `token` (ASCII case-insensitive).
func hasToken(_ value: String, _ token: String) -> Bool {
    var found = false
    forEachListElement(Array(value.utf8)) { element in
        if element.count == token.utf8.count,
           zip(element, token.utf8).allSatisfy({ asciiLower($0) == asciiLower($1) }) {
            found = true
        }
    }
    return found
}

/// Calls `body` with each element of a comma-separated list, trimmed of spaces and tabs;
/// empty elements are skipped (RFC 9110 §5.6.1).
func forEachListElement(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
    var start = 0
    while start <= bytes.count {
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: ",") { end += 1 }
        var a = start, b = end
        while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
        while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09) { b -= 1 }
        if a < b { body(bytes[a..<b]) }
        start = end + 1
    }
}
