import Glibc
import Logging

/// What every loop shares: configuration, responder, worker pool, the global connection count.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let limits: HTTPParserLimits
    let responder: any HTTPResponder
    let logger: Logger
    let pool: WorkerPool
    let counter: ConnectionCounter

    init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger, pool: WorkerPool) {
        self.configuration = configuration
        self.limits = configuration.parserLimits
        self.responder = responder
        self.logger = logger
        self.pool = pool
        self.counter = ConnectionCounter(limit: configuration.maxConnections)
    }
}

/// Open connections across all loops, against ``HTTPServerConfiguration/maxConnections``.
final class ConnectionCounter: @unchecked Sendable {
    private let lock = Lock()
    private var count = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func tryAcquire() -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() { lock.withLock { count -= 1 } }

    var current: Int { lock.withLock { count } }
}

/// Messages posted to a loop from other threads.
enum LoopMessage: Sendable {
    /// A worker finished request `id` of `connection`.
    case response(Connection, UInt64, HTTPResponse)
    /// Begin graceful shutdown.
    case shutdown
}

/// One thread, one level-triggered epoll instance, one SO_REUSEPORT listener, and every
/// connection it accepted. All connection state is touched only on this thread; other
/// threads talk to it through ``post(_:)`` (a locked inbox plus an eventfd wake-up).
final class EventLoop: @unchecked Sendable {
    private static let listenTag: UInt64 = 1 << 63 | 1
    private static let wakeTag: UInt64 = 1 << 63 | 2
    private static let maxRejecting = 256

    let context: ServerContext
    let index: Int

    // Cross-thread state, under inboxLock.
    private let inboxLock = Lock()
    private var inbox: [LoopMessage] = []
    private var inboxClosed = false
    private let wakeFD: Int32

    // Loop-thread state.
    let epoll: Epoll
    private var listenFD: Int32
    private var listening = false
    private var connections: [Connection?] = []
    private var liveCount = 0
    private var rejectingCount = 0
    private var generation: UInt32 = 0
    private(set) var now: UInt64 = Sys.monotonicNanos()
    private var dateCache = HTTPDateCache()
    let scratch: UnsafeMutableRawBufferPointer
    private let events = Epoll.EventBuffer(capacity: 256)
    private(set) var shuttingDown = false
    private var graceDeadline: UInt64 = 0
    private let sweepInterval: UInt64
    private var nextSweep: UInt64 = 0
    private var acceptResumesAt: UInt64 = 0

    init(index: Int, context: ServerContext, listenFD: Int32) throws {
        self.index = index
        self.context = context
        self.listenFD = listenFD
        epoll = try Epoll()
        wakeFD = Sys.eventfd(0, Sys.closeOnExec | Sys.nonBlocking)
        guard wakeFD >= 0 else {
            epoll.close()
            throw SocketError(operation: "eventfd")
        }
        scratch = .allocate(byteCount: 64 * 1024, alignment: 16)
        let c = context.configuration
        let shortest = [c.headerReadTimeout, c.bodyReadTimeout, c.idleTimeout, c.writeTimeout, c.lingerTimeout].min()!
        sweepInterval = UInt64(min(0.25, max(0.005, shortest / 4)) * 1e9)
        _ = epoll.add(wakeFD, events: Epoll.input, data: Self.wakeTag)
        listening = epoll.add(listenFD, events: Epoll.input, data: Self.listenTag)
    }

    deinit {
        scratch.deallocate()
    }

    // MARK: Cross-thread

    /// Queues `message` for the loop thread and wakes it. Dropped once the loop has exited.
    func post(_ message: LoopMessage) {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        guard !inboxClosed else { return }
        inbox.append(message)
        if inbox.count == 1 {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    // MARK: Loop thread

    /// Runs until shutdown has closed every connection.
    func run() {
        nextSweep = now + sweepInterval
        while true {
            let wait = nextSweep > now ? Int32(min(1000, (nextSweep - now + 999_999) / 1_000_000)) : 0
            let ready = epoll.wait(events, timeoutMilliseconds: wait)
            now = Sys.monotonicNanos()
            if ready < 0 && errno != EINTR {
                context.logger.error("epoll_wait failed", metadata: ["error": "\(SocketError(operation: "epoll_wait"))"])
                break
            }
            for k in 0..<max(0, ready) {
                let data = events.data(k)
                if data == Self.listenTag {
                    acceptConnections()
                } else if data == Self.wakeTag {
                    drainInbox()
                } else {
                    let fd = Int(data & 0xFFFF_FFFF)
                    guard fd < connections.count, let connection = connections[fd],
                          connection.generation == UInt32(truncatingIfNeeded: data >> 32) else { continue }
                    connection.handle(events: events.events(k))
                }
            }
            if now >= nextSweep {
                sweep()
                nextSweep = now + sweepInterval
            }
            if shuttingDown && liveCount == 0 { break }
        }
        finish()
    }

    /// The `Date` header value for responses written now.
    func httpDate() -> [UInt8] { dateCache.current() }

    func register(_ connection: Connection) -> Bool {
        guard epoll.add(connection.fd, events: Epoll.input, data: connection.epollData) else { return false }
        let fd = Int(connection.fd)
        if fd >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: fd + 1 - connections.count))
        }
        connections[fd] = connection
        liveCount += 1
        if !connection.counted { rejectingCount += 1 }
        return true
    }

    /// Called by a connection as it closes its descriptor.
    func unregister(_ connection: Connection) {
        let fd = Int(connection.fd)
        if fd < connections.count, connections[fd] === connection { connections[fd] = nil }
        liveCount -= 1
        if connection.counted { context.counter.release() } else { rejectingCount -= 1 }
    }

    private func acceptConnections() {
        for _ in 0..<64 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Sys.accept4(listenFD, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if fd < 0 {
                let code = errno
                switch code {
                case EAGAIN, EWOULDBLOCK:
                    return
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                default:
                    // EMFILE/ENFILE/ENOBUFS/ENOMEM: the listener stays readable, so stop
                    // polling it for a moment rather than spinning.
                    context.logger.info("accept failed; pausing accepts for 100 ms",
                                        metadata: ["error": "\(SocketError(operation: "accept4", code: code))"])
                    epoll.remove(listenFD)
                    listening = false
                    acceptResumesAt = now + 100_000_000
                    return
                }
            }
            Sys.setNoDelay(fd)
            generation &+= 1
            let counted = context.counter.tryAcquire()
            if !counted && rejectingCount >= Self.maxRejecting {
                close(fd)
                continue
            }
            let connection = Connection(fd: fd, generation: generation, loop: self,
                                        remoteAddress: Sys.address(of: storage), counted: counted)
            guard register(connection) else {
                close(fd)
                if counted { context.counter.release() }
                continue
            }
            if !counted {
                connection.reject(HTTPParseError(status: 503, detail: "the server is at its limit of \(context.counter.limit) connections"))
            }
        }
    }

    private func drainInbox() {
        var counter: UInt64 = 0
        _ = read(wakeFD, &counter, 8)
        inboxLock.lock()
        let messages = inbox
        inbox.removeAll(keepingCapacity: true)
        inboxLock.unlock()
        for message in messages {
            switch message {
            case .response(let connection, let id, let response):
                connection.responseReady(id: id, response: response)
            case .shutdown:
                beginShutdown()
            }
        }
    }

    private func beginShutdown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        graceDeadline = now + UInt64(max(0, context.configuration.shutdownGracePeriod) * 1e9)
        stopListening()
        for case let connection? in connections { connection.serverIsShuttingDown() }
    }

    private func stopListening() {
        if listening { epoll.remove(listenFD) }
        listening = false
        if listenFD >= 0 {
            close(listenFD)
            listenFD = -1
        }
    }

    private func sweep() {
        if shuttingDown && now >= graceDeadline {
            for case let connection? in connections { connection.close() }
            return
        }
        for case let connection? in connections { connection.checkTimeout(now: now) }
        if !listening && !shuttingDown && acceptResumesAt != 0 && now >= acceptResumesAt {
            listening = epoll.add(listenFD, events: Epoll.input, data: Self.listenTag)
            acceptResumesAt = 0
        }
    }

    private func finish() {
        stopListening()
        for case let connection? in connections { connection.close() }
        inboxLock.withLock {
            inboxClosed = true
            inbox.removeAll()
            close(wakeFD)
        }
        epoll.close()
    }
}
