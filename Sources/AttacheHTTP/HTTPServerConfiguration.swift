import Glibc

/// Every knob of ``HTTPServer``, with its default and unit. Limits exist so that no client,
/// however slow or malicious, can make the server hold unbounded memory or threads.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind: an IP literal or a resolvable name. Default "127.0.0.1".
    public var host = "127.0.0.1"
    /// TCP port. Default 8080; 0 picks an ephemeral port (read it back from ``HTTPServer/port``).
    public var port = 8080
    /// Bytes of request line plus header section (blank line included). Past it: 431. Default 16 KiB.
    public var maxRequestHeadBytes = 16 * 1024
    /// Header fields per request. Past it: 431. Default 100.
    public var maxHeaderCount = 100
    /// Request body bytes. Past it: 413, decided from Content-Length before reading the body,
    /// or as a chunked body accumulates. Default 1 MiB.
    public var maxBodyBytes = 1 << 20
    /// Seconds from the first byte of a request head to its end; past it: 408 and close
    /// (slowloris). A fresh connection that sends nothing is closed silently after it. Default 10.
    public var headerReadTimeout: Double = 10
    /// Seconds from the end of the head to the end of the body; past it: 408 and close. Default 30.
    public var bodyReadTimeout: Double = 30
    /// Seconds a keep-alive connection may sit idle between requests before it is closed
    /// silently. Default 60.
    public var idleTimeout: Double = 60
    /// Seconds a response may wait for a client that does not read it; then close. Default 30.
    public var writeTimeout: Double = 30
    /// Seconds to keep reading (and discarding) after sending a final response and
    /// half-closing, so the response is not destroyed by a TCP reset. Default 2.
    public var lingerTimeout: Double = 2
    /// Open connections across all loops. Past it, a new connection is answered 503
    /// problem+json and closed. Default 10 000.
    public var maxConnections = 10_000
    /// Event-loop threads (one epoll each, with its own SO_REUSEPORT listener).
    /// Default: the number of online cores.
    public var eventLoopThreads = HTTPServerConfiguration.onlineCores
    /// Threads running responders that are not cheap. Default: max(4, 2 × cores).
    public var workerThreads = max(4, 2 * HTTPServerConfiguration.onlineCores)
    /// Seconds ``HTTPServer/shutdown()`` lets in-flight requests finish before closing
    /// everything. Default 10.
    public var shutdownGracePeriod: Double = 10
    /// Unparsed bytes a connection may buffer while its response is outstanding (pipelining);
    /// past it, the server stops reading that socket until the response is written. Default 64 KiB.
    public var maxPipelinedBytes = 64 * 1024
    /// Present HEAD requests to the responder as GET (RFC 9110 §9.3.2: same headers); the
    /// server then sends the GET's headers and Content-Length without the body. Default true.
    public var presentsHeadAsGet = true
    /// listen(2) backlog per listener. Default 1024.
    public var listenBacklog = 1024

    public init() {}

    /// Cores currently online (at least 1).
    public static var onlineCores: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    var parserLimits: HTTPParserLimits {
        HTTPParserLimits(maxHeadBytes: maxRequestHeadBytes, maxHeaderCount: maxHeaderCount, maxBodyBytes: maxBodyBytes)
    }
}
