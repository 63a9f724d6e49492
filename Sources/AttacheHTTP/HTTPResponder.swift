/// The application seam: turns a complete request into a response.
///
/// The server calls it on a worker thread (so it may block, e.g. on a database) unless
/// ``isCheap(_:)`` says the request can be answered right on the event-loop thread.
public protocol HTTPResponder: Sendable {
    /// True when `respond(to:)` for this request is cheap (microseconds, never blocks), so it
    /// may run on the event-loop thread and skip the worker hand-off. Default: false.
    func isCheap(_ request: HTTPRequest) -> Bool
    /// The largest body this request may carry, decided from its head before the body is read (so a
    /// route with a small limit answers 413 without reading, or inviting, a large body). Nil: the server's
    /// `maxBodyBytes`. A value above the server's limit has no effect.
    func maxBodyBytes(for head: HTTPRequestHead) -> Int?
    /// Produces the response. May block when not cheap. Must not throw: errors become responses.
    func respond(to request: HTTPRequest) -> HTTPResponse
}

extension HTTPResponder {
    public func isCheap(_ request: HTTPRequest) -> Bool { false }
    public func maxBodyBytes(for head: HTTPRequestHead) -> Int? { nil }
}
