import Dispatch
import Glibc
import Logging

/// An HTTP/1.1 server on POSIX sockets and epoll: N event-loop threads accept, parse and
/// write; responders that are not cheap run on a worker pool. No SwiftNIO.
///
/// ```swift
/// let server = HTTPServer(configuration: config, responder: MyResponder(), logger: logger)
/// try server.start()
/// server.installSignalHandlers()
/// server.wait()
/// ```
public final class HTTPServer: Sendable {
    private enum Phase { case idle, running, stopping, stopped }

    private final class State: @unchecked Sendable {
        let lock = Lock()
        var phase = Phase.idle
        var port = 0
        var loops: [EventLoop] = []
        var loopThreads: [pthread_t] = []
        var pool: WorkerPool?
        var signalSources: [any DispatchSourceSignal] = []
        /// Serialises `wait()` callers; held while joining threads.
        let joinLock = Lock()
        var joined = false
    }

    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let logger: Logger
    private let state = State()

    /// Creates a server; nothing is bound until ``start()``.
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
    }

    /// Binds, listens and spawns the loop and worker threads; returns once listening, so a
    /// client may connect immediately. Throws ``SocketError`` (e.g. address in use), or when
    /// called twice.
    public func start() throws {
        try state.lock.withLock {
            guard state.phase == .idle else { throw SocketError(operation: "start (server already started)", code: EALREADY) }
            signal(SIGPIPE, SIG_IGN)
            let loopCount = max(1, configuration.eventLoopThreads)
            var listeners: [Int32] = []
            var pool: WorkerPool?
            var loops: [EventLoop] = []
            do {
                let backlog = Int32(clamping: configuration.listenBacklog)
                if configuration.port != 0 && loopCount > 1 {
                    try Sys.ensurePortFree(host: configuration.host, port: configuration.port)
                }
                let first = try Sys.listen(host: configuration.host, port: configuration.port, reusePort: loopCount > 1, backlog: backlog)
                listeners.append(first)
                let port = Sys.localPort(first)
                for _ in 1..<loopCount {
                    listeners.append(try Sys.listen(host: configuration.host, port: port, reusePort: true, backlog: backlog))
                }
                let workers = try WorkerPool(threadCount: configuration.workerThreads)
                pool = workers
                let context = ServerContext(configuration: configuration, responder: responder, logger: logger, pool: workers)
                for (index, fd) in listeners.enumerated() {
                    loops.append(try EventLoop(index: index, context: context, listenFD: fd))
                }
                for loop in loops {
                    state.loopThreads.append(try PosixThread.spawn(name: "attache-loop-\(loop.index)") { loop.run() })
                }
                state.port = port
            } catch {
                if state.loopThreads.isEmpty {
                    for fd in listeners { close(fd) }
                } else {
                    for loop in loops { loop.post(.shutdown) }
                    for thread in state.loopThreads { PosixThread.join(thread) }
                    state.loopThreads = []
                }
                pool?.shutdown()
                pool?.join()
                throw error
            }
            state.loops = loops
            state.pool = pool
            state.phase = .running
            logger.info("HTTP server listening", metadata: [
                "host": "\(configuration.host)", "port": "\(state.port)",
                "loops": "\(loops.count)", "workers": "\(configuration.workerThreads)",
            ])
        }
    }

    /// The bound port (useful with port 0); 0 before ``start()``.
    public var port: Int { state.lock.withLock { state.port } }

    /// Stops accepting, lets in-flight requests finish within
    /// ``HTTPServerConfiguration/shutdownGracePeriod`` (their responses carry
    /// `Connection: close`), closes idle connections at once and everything at the deadline.
    /// Returns immediately; idempotent; ``wait()`` blocks until it is done.
    public func shutdown() {
        let loops: [EventLoop] = state.lock.withLock {
            switch state.phase {
            case .idle:
                state.phase = .stopped
                return []
            case .running:
                state.phase = .stopping
                return state.loops
            case .stopping, .stopped:
                return []
            }
        }
        if !loops.isEmpty { logger.info("HTTP server shutting down") }
        for loop in loops { loop.post(.shutdown) }
    }

    /// Blocks until the server has fully stopped: every loop thread has exited and the
    /// workers have finished their current jobs. Returns at once if it never started.
    public func wait() {
        state.joinLock.lock()
        defer { state.joinLock.unlock() }
        guard !state.joined else { return }
        let (threads, pool, started) = state.lock.withLock { (state.loopThreads, state.pool, state.phase != .idle) }
        guard started else { return }
        for thread in threads { PosixThread.join(thread) }
        pool?.shutdown()
        pool?.join()
        state.lock.withLock { state.phase = .stopped }
        state.joined = true
        logger.info("HTTP server stopped")
    }

    /// Routes SIGTERM and SIGINT (or `signals`) to ``shutdown()`` through Dispatch signal
    /// sources, after setting their default action to ignore.
    public func installSignalHandlers(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                logger.info("received signal", metadata: ["signal": "\(number)"])
                shutdown()
            }
            source.resume()
            state.lock.withLock { state.signalSources.append(source) }
        }
    }
}
