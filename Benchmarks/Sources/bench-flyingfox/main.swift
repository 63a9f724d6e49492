import BenchSupport
import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// A minimal FlyingFox app: the two routes on FlyingFox's own epoll socket pool. FlyingFox offers no option
// for TCP_NODELAY and writes a response's head and body with two separate writes, so without it every
// keep-alive response waits for Nagle plus the client's delayed ACK (about 40 ms). The pool below wraps
// the default one and sets TCP_NODELAY on every socket the first time the pool sees it: the listening
// socket is the first (its accept() finds no client yet), and Linux copies the option to each accepted
// socket. Usage: bench-flyingfox --port P.

/// The default epoll pool, plus TCP_NODELAY on each file descriptor the first time it is suspended.
struct NoDelayPool: AsyncSocketPool {
    let inner: any AsyncSocketPool = HTTPServer.defaultPool()
    let seen = SeenDescriptors()

    func prepare() async throws { try await inner.prepare() }
    func run() async throws { try await inner.run() }
    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        let fd = socket.file.rawValue
        if seen.insert(fd) {
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        try await inner.suspendSocket(socket, untilReadyFor: events)
    }
}

/// File descriptors already given TCP_NODELAY (a reused number belongs to a socket accepted from the
/// listener, which inherited the option).
final class SeenDescriptors: @unchecked Sendable {
    private var set = Set<Int32>()
    private let lock = NSLock()
    /// True when `fd` was not seen before.
    func insert(_ fd: Int32) -> Bool { lock.withLock { set.insert(fd).inserted } }
}

let args = ServerArguments(CommandLine.arguments)
let engine = try EngineEndpoint()
let address = try sockaddr_in.inet(ip4: args.host, port: UInt16(args.port))
let server = HTTPServer(config: .init(address: address, pool: NoDelayPool(), logger: .disabled))

await server.appendRoute("GET /health") { _ in
    HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(EngineEndpoint.healthBody))
}
await server.appendRoute("POST /v1/analyze") { request in
    let body = try await request.bodyData
    let reply = engine.analyze(body: [UInt8](body))
    return HTTPResponse(statusCode: HTTPStatusCode(reply.status, phrase: reply.status == 200 ? "OK" : "Bad Request"),
                        headers: [.contentType: "application/json"], body: Data(reply.body))
}
print("bench-flyingfox listening on \(args.host):\(args.port)")
try await server.run()
