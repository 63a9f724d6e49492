import Glibc

/// One accepted socket and its HTTP/1.1 state machine. Confined to its ``EventLoop``'s
/// thread; it is `@unchecked Sendable` only so a worker job can carry it back to that loop,
/// and the worker never touches it.
///
/// Requests on a connection are handled strictly one at a time, so pipelined responses
/// leave in request order. Bytes of later requests wait in `inbound`; past
/// `maxPipelinedBytes` the socket is no longer read until the response is written.
final class Connection: @unchecked Sendable {
    private enum State {
        case awaitingHead, readingBody, readingChunked, processing, draining, closed
    }

    let fd: Int32
    let generation: UInt32
    let counted: Bool
    private unowned let loop: EventLoop
    private let remoteAddress: String?

    private var state = State.awaitingHead
    private var inbound: [UInt8] = []
    private var inboundStart = 0
    private var scanned = 0
    private var outbound: [UInt8] = []
    private var outboundStart = 0

    private var head: HTTPRequestHead?
    private var isHeadRequest = false
    private var body: [UInt8] = []
    private var bodyRemaining = 0
    private var decoder = ChunkedDecoder(maxBodyBytes: 0)
    private var requestID: UInt64 = 0

    /// Bytes of the current head have arrived (so a timeout is a 408, not a silent close).
    private var headStarted = false
    private var headDeadline: UInt64 = 0
    private var idleDeadline: UInt64
    private var bodyDeadline: UInt64 = 0
    private var writeDeadline: UInt64 = 0
    private var lingerDeadline: UInt64 = 0

    private var closeAfterFlush = false
    private var peerClosed = false
    private var registeredEvents = Epoll.input
    private var drainedBytes = 0

    init(fd: Int32, generation: UInt32, loop: EventLoop, remoteAddress: String?, counted: Bool) {
        self.fd = fd
        self.generation = generation
        self.loop = loop
        self.remoteAddress = remoteAddress
        self.counted = counted
        idleDeadline = loop.now + nanos(loop.context.configuration.headerReadTimeout)
    }

    var epollData: UInt64 { UInt64(generation) << 32 | UInt64(UInt32(bitPattern: fd)) }

    private var config: HTTPServerConfiguration { loop.context.configuration }
    private var pendingOutput: Bool { outboundStart < outbound.count }
    private var buffered: Int { inbound.count - inboundStart }

    // MARK: Events

    func handle(events: UInt32) {
        if events & (Epoll.error | Epoll.hangUp) != 0 && events & Epoll.input == 0 {
            close()
            return
        }
        if events & Epoll.input != 0 { readable() }
        if events & Epoll.output != 0 && state != .closed && state != .draining {
            flush()
            if !pendingOutput && state == .awaitingHead {
                process()
                flush()
            }
        }
        updateInterest()
    }

    private func readable() {
        if state == .draining {
            drain()
            return
        }
        guard state != .closed else { return }
        let scratch = loop.scratch
        let n = recv(fd, scratch.baseAddress, scratch.count, 0)
        if n > 0 {
            inbound.append(contentsOf: UnsafeRawBufferPointer(start: scratch.baseAddress, count: n))
            process()
            flush()
        } else if n == 0 {
            peerClosed = true
            if state == .processing || pendingOutput {
                closeAfterFlush = true  // answer what was asked, then close
            } else {
                close()
            }
        } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            close()
        }
    }

    /// A worker finished request `id`.
    func responseReady(id: UInt64, response: HTTPResponse) {
        guard state == .processing, id == requestID else { return }
        complete(response)
        process()
        flush()
        updateInterest()
    }

    // MARK: Request state machine

    /// Parses and dispatches as many buffered requests as possible, one at a time.
    private func process() {
        while !closeAfterFlush && outbound.count - outboundStart < 256 * 1024 {
            switch state {
            case .awaitingHead:
                guard buffered > 0 else {
                    compactInbound()
                    return
                }
                if !headStarted {
                    headStarted = true
                    headDeadline = loop.now + nanos(config.headerReadTimeout)
                }
                let result = inbound.withUnsafeBytes {
                    HTTPRequestParser.parse(UnsafeRawBufferPointer(rebasing: $0[inboundStart...]),
                                            limits: loop.context.limits, previousLength: scanned)
                }
                switch result {
                case .incomplete:
                    scanned = buffered
                    compactInbound()
                    return
                case .invalid(let error):
                    fail(error)
                    return
                case .complete(var head, let length):
                    inboundStart += length
                    scanned = 0
                    headStarted = false
                    isHeadRequest = head.method == "HEAD"
                    if isHeadRequest && config.presentsHeadAsGet { head.method = "GET" }
                    startBody(head)
                }
            case .readingBody:
                let take = min(buffered, bodyRemaining)
                if take > 0 {
                    body.append(contentsOf: inbound[inboundStart..<(inboundStart + take)])
                    inboundStart += take
                    bodyRemaining -= take
                }
                guard bodyRemaining == 0 else {
                    compactInbound()
                    return
                }
                dispatch()
            case .readingChunked:
                let result = inbound.withUnsafeBytes {
                    decoder.decode(UnsafeRawBufferPointer(rebasing: $0[inboundStart...]), into: &body)
                }
                switch result {
                case .incomplete:
                    inboundStart = inbound.count
                    compactInbound()
                    return
                case .complete(let consumed):
                    inboundStart += consumed
                    dispatch()
                case .invalid(let error):
                    fail(error)
                    return
                }
            case .processing, .draining, .closed:
                return
            }
        }
    }

    private func startBody(_ head: HTTPRequestHead) {
        self.head = head
        body = []
        let limit = min(config.maxBodyBytes, loop.context.responder.maxBodyBytes(for: head) ?? config.maxBodyBytes)
        if case .contentLength(let length) = head.framing, length > limit {
            fail(HTTPParseError(status: 413, detail: "body of \(length) bytes exceeds the limit of \(limit) bytes for \(head.method) \(head.path.prefix(100))"))
            return
        }
        switch head.framing {
        case .none:
            dispatch()
            return
        case .contentLength(let length):
            bodyRemaining = length
            // Grow with the bytes that actually arrive: a declared length alone must not
            // make idle connections pin maxBodyBytes each.
            body.reserveCapacity(min(length, 64 * 1024))
            state = .readingBody
        case .chunked:
            decoder = ChunkedDecoder(maxBodyBytes: limit, maxTrailerBytes: config.maxRequestHeadBytes)
            state = .readingChunked
        }
        bodyDeadline = loop.now + nanos(config.bodyReadTimeout)
        // RFC 9110 §10.1.1: the length is acceptable (the parser checked it), so invite the
        // body, unless the client already started sending it.
        if head.expectsContinue && buffered == 0 {
            outbound.append(contentsOf: continueLine)
        }
    }

    private func dispatch() {
        guard let head else { return }
        let request = HTTPRequest(head: head, body: body, remoteAddress: remoteAddress)
        body = []
        state = .processing
        requestID &+= 1
        let responder = loop.context.responder
        if responder.isCheap(request) {
            complete(responder.respond(to: request))
        } else {
            let id = requestID, loop = self.loop
            loop.context.pool.submit { [self] in
                loop.post(.response(self, id, responder.respond(to: request)))
            }
        }
    }

    /// Serializes the response for the current request and returns to reading heads.
    private func complete(_ response: HTTPResponse) {
        guard let head else { return }
        self.head = nil
        var keepAlive = head.keepAlive && !loop.shuttingDown && !peerClosed
        let responderKeepsAlive = response.serialize(
            into: &outbound, date: loop.httpDate(), omitBody: isHeadRequest,
            keepAlive: keepAlive, http10KeepAlive: head.version == .http10 && keepAlive)
        keepAlive = keepAlive && responderKeepsAlive
        state = .awaitingHead
        if keepAlive {
            idleDeadline = loop.now + nanos(config.idleTimeout)
        } else {
            closeAfterFlush = true
        }
    }

    /// Answers a request that cannot be served (or a timed-out one) and closes afterwards.
    private func fail(_ error: HTTPParseError) {
        loop.context.logger.debug("refusing request", metadata: [
            "status": "\(error.status)", "detail": "\(error.detail)", "remote": "\(remoteAddress ?? "?")",
        ])
        head = nil
        body = []
        state = .awaitingHead
        _ = HTTPResponse.problem(status: error.status, detail: error.detail).serialize(
            into: &outbound, date: loop.httpDate(), omitBody: false, keepAlive: false, http10KeepAlive: false)
        closeAfterFlush = true
    }

    /// Sends a refusal to a connection accepted past `maxConnections`, then closes it.
    func reject(_ error: HTTPParseError) {
        fail(error)
        flush()
        updateInterest()
    }

    // MARK: Output

    /// Writes pending output with as few `send` calls as the kernel allows (normally one
    /// per batch of responses); registers for writability if the socket is full.
    private func flush() {
        guard state != .closed && state != .draining else { return }
        var progressed = false
        while pendingOutput {
            let n = outbound.withUnsafeBytes {
                send(fd, $0.baseAddress! + outboundStart, $0.count - outboundStart, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                outboundStart += n
                progressed = true
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                // The client has `writeTimeout` to make room, renewed whenever it reads some.
                if progressed || writeDeadline <= loop.now { writeDeadline = loop.now + nanos(config.writeTimeout) }
                return
            }
            close()  // EPIPE, ECONNRESET, ...
            return
        }
        if outbound.capacity > 256 * 1024 { outbound = [] } else { outbound.removeAll(keepingCapacity: true) }
        outboundStart = 0
        writeDeadline = 0
        if closeAfterFlush && state != .processing {
            if peerClosed { close() } else { lingeringClose() }
        }
    }

    /// Half-closes and discards input for a short while, so a client still sending does not
    /// provoke a TCP reset that would destroy the response in flight.
    private func lingeringClose() {
        shutdown(fd, Int32(SHUT_WR))
        state = .draining
        inbound = []
        inboundStart = 0
        lingerDeadline = loop.now + nanos(config.lingerTimeout)
    }

    private func drain() {
        let scratch = loop.scratch
        while true {
            let n = recv(fd, scratch.baseAddress, scratch.count, 0)
            if n > 0 {
                drainedBytes += n
                if drainedBytes > 1 << 20 { close(); return }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            close()
            return
        }
    }

    /// Keeps the epoll registration in line with what the connection needs: input unless the
    /// pipeline buffer is full (or the peer is gone), output while a write is pending.
    private func updateInterest() {
        guard state != .closed else { return }
        var wanted: UInt32 = 0
        let waiting = state == .processing || pendingOutput
        if state == .draining || (!peerClosed && !(waiting && buffered >= config.maxPipelinedBytes)) {
            wanted |= Epoll.input
        }
        if pendingOutput && state != .draining { wanted |= Epoll.output }
        if wanted != registeredEvents {
            registeredEvents = wanted
            _ = loop.epoll.modify(fd, events: wanted, data: epollData)
        }
    }

    private func compactInbound() {
        if inboundStart == inbound.count {
            if inbound.capacity > 64 * 1024 { inbound = [] } else { inbound.removeAll(keepingCapacity: true) }
            inboundStart = 0
        } else if inboundStart > 0 && inboundStart * 2 >= inbound.count {
            inbound.removeFirst(inboundStart)
            inboundStart = 0
        }
    }

    // MARK: Timeouts and shutdown

    func checkTimeout(now: UInt64) {
        switch state {
        case .closed:
            return
        case .draining:
            if now >= lingerDeadline { close() }
            return
        default:
            break
        }
        if pendingOutput {
            if now >= writeDeadline { close() }
            return
        }
        switch state {
        case .readingBody, .readingChunked:
            if now >= bodyDeadline {
                fail(HTTPParseError(status: 408, detail: "request body not received within \(format(config.bodyReadTimeout)) s"))
                flush()
            }
        case .awaitingHead:
            if headStarted {
                if now >= headDeadline {
                    fail(HTTPParseError(status: 408, detail: "request header not received within \(format(config.headerReadTimeout)) s"))
                    flush()
                }
            } else if now >= idleDeadline {
                close()
            }
        default:
            return
        }
        updateInterest()
    }

    /// Graceful shutdown: idle connections close now; the others finish their current
    /// request (answered with `Connection: close`) within the grace period.
    func serverIsShuttingDown() {
        guard state == .awaitingHead, !headStarted, !pendingOutput else { return }
        close()
    }

    func close() {
        guard state != .closed else { return }
        state = .closed
        Glibc.close(fd)
        inbound = []
        outbound = []
        body = []
        head = nil
        loop.unregister(self)
    }
}

private let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

@inline(__always) private func nanos(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }

private func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
}
