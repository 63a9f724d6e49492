import AttacheJSON
import CCurl
import Foundation  // NSLock only

/// Blocking HTTP client for the Attache API, over one reused libcurl easy handle.
///
/// Reusing the handle keeps the connection alive between calls (libcurl's connection cache
/// survives `curl_easy_reset`). Calls are serialised by a lock, so one client can be shared
/// between threads but performs one request at a time; use one client per thread for
/// parallel load.
///
/// `request(method:path:headers:body:)` returns any status as a `ClientResponse`; the typed
/// calls (in `AttacheClient+API.swift`) throw `AttacheClientError.http` for non-2xx answers.
public final class AttacheClient: @unchecked Sendable {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:8080`.
    public let baseURL: String
    /// Sent as `Authorization: Bearer <apiKey>` on every request when set.
    public let apiKey: String?
    /// Whole-request timeout in seconds (connect + transfer). Default 30.
    public let timeout: Double

    private let handle: UnsafeMutableRawPointer
    /// Guards `handle` (a curl easy handle must not be used by two threads at once).
    private let lock = NSLock()

    /// `curl_global_init` must run once before any other curl call; a static `let` is
    /// initialised exactly once, thread-safely.
    private static let globalInit: CURLcode = attache_curl_global_init_default()

    /// A client for the service at `baseURL` (scheme, host, port, optional path prefix).
    /// - Parameters:
    ///   - apiKey: bearer token for `Authorization`, or `nil` to send none.
    ///   - timeout: whole-request timeout in seconds (default 30).
    public init(baseURL: String, apiKey: String? = nil, timeout: Double = 30) {
        precondition(Self.globalInit == CURLE_OK, "curl_global_init failed")
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.timeout = timeout
        guard let h = curl_easy_init() else { fatalError("curl_easy_init failed (out of memory)") }
        self.handle = h
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    /// Sends one request and returns the response whatever its status.
    ///
    /// - Parameters:
    ///   - method: `GET`, `POST`, `DELETE`, ... (`HEAD` asks for no body).
    ///   - path: path and query, already percent-encoded, e.g. `/v1/entities?q=Macron`.
    ///   - headers: extra request headers, in order.
    ///   - body: request body; sent for any method but `GET` and `HEAD` (`POST` without a body
    ///     sends an empty one).
    /// - Throws: `AttacheClientError.curl` when no HTTP response was received.
    public func request(method: String, path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws -> ClientResponse {
        let url = baseURL + (path.hasPrefix("/") ? path : "/" + path)
        let sink = ResponseSink()
        lock.lock()
        defer { lock.unlock() }

        curl_easy_reset(handle)
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        if let apiKey { list = curl_slist_append(list, "Authorization: Bearer \(apiKey)") }
        let sendsBody = method != "GET" && method != "HEAD" && (body != nil || method == "POST")
        // Without this, curl sends `Expect: 100-continue` for bodies over 1 KiB and waits for
        // the interim response; an empty value removes the header.
        if sendsBody { list = curl_slist_append(list, "Expect:") }

        var code = attache_curl_setopt_str(handle, CURLOPT_URL, url)
        guard code == CURLE_OK else { throw curlError(code, detail: "") }
        _ = attache_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = attache_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
        _ = attache_curl_setopt_ptr(handle, CURLOPT_HTTPHEADER, list)
        _ = attache_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, ResponseSink.onBody)
        _ = attache_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, ResponseSink.onHeader)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = attache_curl_setopt_ptr(handle, CURLOPT_WRITEDATA, context)
        _ = attache_curl_setopt_ptr(handle, CURLOPT_HEADERDATA, context)
        switch method {
        case "GET": _ = attache_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "HEAD": _ = attache_curl_setopt_long(handle, CURLOPT_NOBODY, 1)
        case "POST": _ = attache_curl_setopt_long(handle, CURLOPT_POST, 1)
        default: _ = attache_curl_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method)
        }

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        let payload = body ?? []
        code = withExtendedLifetime(sink) {
            errorBuffer.withUnsafeMutableBufferPointer { eb in
                _ = attache_curl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, eb.baseAddress)
                return payload.withUnsafeBytes { raw in
                    if sendsBody {
                        // POSTFIELDS is not copied: the bytes must outlive curl_easy_perform, which
                        // they do inside this closure. A zero-length body still needs a non-null
                        // pointer, or curl falls back to reading stdin.
                        let empty: StaticString = ""
                        let pointer = raw.baseAddress ?? UnsafeRawPointer(empty.utf8Start)
                        _ = attache_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
                        _ = attache_curl_setopt_ptr(handle, CURLOPT_POSTFIELDS, pointer)
                    }
                    let result = curl_easy_perform(handle)
                    // Nothing may point into this closure's buffers after it returns.
                    _ = attache_curl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, nil)
                    _ = attache_curl_setopt_ptr(handle, CURLOPT_POSTFIELDS, nil)
                    return result
                }
            }
        }
        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw curlError(code, detail: detail)
        }
        var status = 0
        _ = attache_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return ClientResponse(status: status, headers: sink.headers, body: sink.body)
    }

    private func curlError(_ code: CURLcode, detail: String) -> AttacheClientError {
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return .curl(code: Int(code.rawValue), message: message)
    }
}

/// Collects what curl hands to the write and header callbacks for one transfer. Passed to C
/// as an unretained pointer; the request keeps it alive across `curl_easy_perform`.
final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(String, String)] = []

    static let onBody: attache_curl_data_cb = { data, size, count, context in
        let n = size * count
        guard let data, let context else { return n }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        data.withMemoryRebound(to: UInt8.self, capacity: n) {
            sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
        }
        return n
    }

    /// Called once per header line, status line and final blank line included. A new status
    /// line (after `100 Continue`, say) starts a new header block.
    static let onHeader: attache_curl_data_cb = { data, size, count, context in
        let n = size * count
        guard let data, let context else { return n }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let line = data.withMemoryRebound(to: UInt8.self, capacity: n) { UnsafeBufferPointer(start: $0, count: n) }
        sink.addHeaderLine(line)
        return n
    }

    func addHeaderLine(_ line: UnsafeBufferPointer<UInt8>) {
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        var start = line.startIndex
        var end = colon
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        start = colon + 1
        end = line.endIndex
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        let value = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        headers.append((name, value))
    }
}
