import Foundation
import Glibc

/// Why a raw-socket step failed.
struct RawSocketError: Error, CustomStringConvertible {
    var description: String

    init(_ operation: String, errno code: Int32 = errno) {
        description = "\(operation): \(String(cString: strerror(code))) (errno \(code))"
    }

    init(message: String) { description = message }
}

/// One HTTP/1.1 response as read off the wire.
struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    /// The first value of `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP connection to 127.0.0.1 for tests that need control over the bytes: pipelining, chunked
/// bodies, HTTP/1.0, slow clients, malformed framing. Reads time out after `timeout` seconds (SO_RCVTIMEO).
final class RawConnection {
    let fd: Int32
    /// Bytes received but not consumed by a `readResponse`.
    private var buffer: [UInt8] = []
    private var sawEOF = false

    init(port: Int, timeout: Double) throws {
        fd = try Self.connectedSocket(port: port, timeout: timeout)
    }

    /// Opens and connects the socket before `self` exists, so a failure closes it exactly once (a second close
    /// could hit a descriptor another test has just been given).
    private static func connectedSocket(port: Int, timeout: Double) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawSocketError("socket") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let e = errno
            Glibc.close(fd)
            throw RawSocketError("connect", errno: e)
        }
        return fd
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw RawSocketError("send") }
            sent += n
        }
    }

    /// Reads more bytes into the buffer; false at end of stream (or a reset). Throws on timeout.
    private func fill() throws -> Bool {
        if sawEOF { return false }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 { sawEOF = true; return false }
            if errno == EINTR { continue }
            if errno == ECONNRESET { sawEOF = true; return false }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw RawSocketError(message: "timed out waiting for the server") }
            throw RawSocketError("recv")
        }
    }

    /// Reads one response (a `100 Continue` counts as one). The server frames every response with
    /// Content-Length; `bodyExpected: false` (HEAD) reads the head only.
    func readResponse(bodyExpected: Bool = true) throws -> RawResponse {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if buffer.count >= 4 {
                for i in 0...(buffer.count - 4) where buffer[i..<i + 4].elementsEqual(terminator) {
                    headEnd = i
                    break
                }
            }
            if headEnd == nil {
                guard try fill() else { throw RawSocketError(message: "connection closed before a complete response head") }
            }
        }
        let head = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw RawSocketError(message: "malformed status line: \(statusLine)")
        }
        var headers: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        guard bodyExpected, status >= 200, status != 204, status != 304 else { return response }
        guard let lengthText = response.header("Content-Length"), let length = Int(lengthText) else {
            throw RawSocketError(message: "response without Content-Length: \(statusLine)")
        }
        while buffer.count < length {
            guard try fill() else { throw RawSocketError(message: "connection closed inside a response body") }
        }
        response.body = Array(buffer[0..<length])
        buffer.removeFirst(length)
        return response
    }

    /// True when the server closes the connection (EOF or reset) before `timeout`, with no further bytes.
    /// Bytes received in the meantime make it false.
    func closedByPeer() -> Bool {
        guard buffer.isEmpty else { return false }
        do {
            return try !fill()
        } catch {
            return false
        }
    }

    /// Bytes that arrived beyond the responses read so far (for "nothing more was sent" checks).
    var unread: [UInt8] { buffer }
}
