import Foundation
import Glibc

/// A raw, blocking TCP client for the hostile-client battery: it sends exactly the bytes it is
/// given (NULs, invalid UTF-8, half requests), can reset the connection, and reads with a receive
/// timeout so a server that stops answering fails the test instead of hanging it.
///
/// `@unchecked Sendable`: one thread may write while another reads (a socket allows that); the
/// receive buffer is touched only by the reading thread.
final class HostileSocket: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One parsed HTTP/1.1 response.
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    /// Connects to 127.0.0.1:`port`; every read gives up after `timeout` seconds. A
    /// `receiveBuffer` (bytes, set before connecting) keeps the server's writes from completing
    /// while this side does not read.
    init(port: Int, timeout: Double = 10, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        setReceiveTimeout(timeout)
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let e = errno
            Glibc.close(fd)
            throw Failure(description: "connect: errno \(e)")
        }
    }

    deinit { if !closed { Glibc.close(fd) } }

    func setReceiveTimeout(_ seconds: Double) {
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends every byte; throws when the peer has closed or reset the connection.
    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += n
        }
    }

    /// Half-closes: the server sees end of input.
    func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Closes with SO_LINGER {on, 0}: the kernel sends a TCP RST instead of a FIN.
    func reset() {
        guard !closed else { return }
        var lg = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, socklen_t(MemoryLayout<linger>.size))
        Glibc.close(fd)
        closed = true
    }

    /// Closes normally (FIN).
    func close() {
        guard !closed else { return }
        Glibc.close(fd)
        closed = true
    }

    /// Reads more bytes; false at end of stream (or a reset), throws on timeout.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[..<n])
                return true
            }
            if n == 0 { return false }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return false }
            throw Failure(description: errno == EAGAIN || errno == EWOULDBLOCK ? "read timed out" : "recv: errno \(errno)")
        }
    }

    /// Reads one response (Content-Length framed, as the server always frames them).
    func readResponse() throws -> Response {
        var headEnd = 0
        while true {
            if let end = findHeadEnd() { headEnd = end; break }
            guard try fill() else {
                throw Failure(description: buffer.isEmpty ? "connection closed without a response" : "connection closed inside a response head")
            }
        }
        let head = String(decoding: buffer[..<(headEnd - 4)], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head.prefix(200))")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "bad header line \(line)") }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        var length = 0
        if let cl = headers.first(where: { $0.name.lowercased() == "content-length" }) { length = Int(cl.value) ?? 0 }
        if status == 100 {  // interim: drop it and read the final response
            buffer.removeFirst(headEnd)
            return try readResponse()
        }
        while buffer.count < headEnd + length {
            guard try fill() else { throw Failure(description: "connection closed inside a response body") }
        }
        let body = Array(buffer[headEnd..<(headEnd + length)])
        buffer.removeFirst(headEnd + length)
        return Response(status: status, headers: headers, body: body)
    }

    /// True when the server closes (or resets) the connection within `seconds` without sending
    /// anything more than what is already buffered.
    func closesWithin(_ seconds: Double) -> Bool {
        setReceiveTimeout(seconds)
        do {
            while try fill() {}
            return true
        } catch {
            return false
        }
    }

    /// Bytes received and not yet parsed as a response.
    var unread: [UInt8] { buffer }

    private func findHeadEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4)
        where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i + 4
        }
        return nil
    }
}
