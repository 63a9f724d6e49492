/// An incremental decoder for `Transfer-Encoding: chunked` bodies (RFC 9112 §7.1), an
/// explicit state machine like picohttpparser's `phr_decode_chunked`.
///
/// Feed it whatever bytes arrived; it appends chunk data to `body` and never needs the
/// same byte twice. Chunk extensions and trailer fields are accepted and ignored, but both
/// are capped, chunk sizes are capped at 15 hex digits (no overflow), and the running body
/// size is checked against `maxBodyBytes` before any chunk's data is accepted.
public struct ChunkedDecoder: Sendable {
    /// The outcome of one ``decode(_:into:)`` call.
    public enum Result: Sendable, Equatable {
        /// Every input byte was consumed; the body is not finished yet.
        case incomplete
        /// The body ended after `consumed` input bytes; the rest belongs to the next request.
        case complete(consumed: Int)
        /// The body is malformed (400), too large (413) or has oversized trailers (431).
        case invalid(HTTPParseError)
    }

    private enum State: Sendable {
        case size, extensions, sizeLF, data, dataCR, dataLF, trailerStart, trailerLine, trailerLF, finalLF, done
    }

    /// Largest body accepted, bytes. Past it: 413.
    public let maxBodyBytes: Int
    /// Longest chunk-size line (size plus extensions), bytes. Past it: 400. Default 4096.
    public let maxLineBytes: Int
    /// Largest trailer section, bytes. Past it: 431. Default 16 KiB.
    public let maxTrailerBytes: Int

    private var state = State.size
    private var digits = 0
    private var chunkSize = 0
    private var remaining = 0
    private var lineBytes = 0
    private var trailerBytes = 0
    private var total = 0

    /// Maximum hex digits in a chunk size: 15 keeps the value below 2^60.
    public static let maxSizeDigits = 15

    public init(maxBodyBytes: Int, maxLineBytes: Int = 4096, maxTrailerBytes: Int = 16 * 1024) {
        self.maxBodyBytes = maxBodyBytes
        self.maxLineBytes = maxLineBytes
        self.maxTrailerBytes = maxTrailerBytes
    }

    /// Bytes of body decoded so far.
    public var decodedBytes: Int { total }

    /// Decodes as much of `input` as possible, appending chunk data to `body`.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into body: inout [UInt8]) -> Result {
        var i = 0
        let n = input.count
        while i < n {
            let c = input[i]
            switch state {
            case .size:
                if let value = hexValue(c) {
                    guard digits < Self.maxSizeDigits else { return .invalid(.bad("chunk size has too many hex digits")) }
                    chunkSize = chunkSize << 4 | value
                    digits += 1
                    lineBytes += 1
                } else if c == UInt8(ascii: ";") || c == sp || c == ht {
                    guard digits > 0 else { return .invalid(.bad("missing chunk size")) }
                    state = .extensions
                    lineBytes += 1
                } else if c == cr {
                    guard digits > 0 else { return .invalid(.bad("missing chunk size")) }
                    state = .sizeLF
                } else {
                    return .invalid(.bad(c == lf ? "bare LF after chunk size" : "invalid character in chunk size"))
                }
            case .extensions:
                if c == cr {
                    state = .sizeLF
                } else if c == lf {
                    return .invalid(.bad("bare LF in chunk extension"))
                } else if (c < 0x20 && c != ht) || c == 0x7F {
                    return .invalid(.bad("control character in chunk extension"))
                } else {
                    lineBytes += 1
                    guard lineBytes <= maxLineBytes else { return .invalid(.bad("chunk line exceeds \(maxLineBytes) bytes")) }
                }
            case .sizeLF:
                guard c == lf else { return .invalid(.bad("missing LF after chunk size")) }
                if chunkSize == 0 {
                    state = .trailerStart
                } else {
                    guard chunkSize <= maxBodyBytes - total else {
                        return .invalid(HTTPParseError(status: 413, detail: "chunked body exceeds the limit of \(maxBodyBytes) bytes"))
                    }
                    total += chunkSize
                    remaining = chunkSize
                    state = .data
                }
            case .data:
                let take = min(remaining, n - i)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<(i + take)]))
                remaining -= take
                i += take
                if remaining == 0 { state = .dataCR }
                continue
            case .dataCR:
                guard c == cr else { return .invalid(.bad("missing CRLF after chunk data")) }
                state = .dataLF
            case .dataLF:
                guard c == lf else { return .invalid(.bad("missing CRLF after chunk data")) }
                state = .size
                digits = 0
                chunkSize = 0
                lineBytes = 0
            case .trailerStart:
                if c == cr {
                    state = .finalLF
                } else if c == lf {
                    return .invalid(.bad("bare LF in trailer section"))
                } else if c == sp || c == ht {
                    return .invalid(.bad("obsolete line folding in trailer section"))
                } else {
                    state = .trailerLine
                    continue
                }
            case .trailerLine:
                if c == cr {
                    state = .trailerLF
                } else if c == lf {
                    return .invalid(.bad("bare LF in trailer section"))
                } else if (c < 0x20 && c != ht) || c == 0x7F {
                    return .invalid(.bad("control character in trailer section"))
                }
                trailerBytes += 1
                guard trailerBytes <= maxTrailerBytes else {
                    return .invalid(HTTPParseError(status: 431, detail: "trailer section exceeds \(maxTrailerBytes) bytes"))
                }
            case .trailerLF:
                guard c == lf else { return .invalid(.bad("bare CR in trailer section")) }
                state = .trailerStart
            case .finalLF:
                guard c == lf else { return .invalid(.bad("bare CR after last chunk")) }
                state = .done
                return .complete(consumed: i + 1)
            case .done:
                return .complete(consumed: i)
            }
            i += 1
        }
        return state == .done ? .complete(consumed: n) : .incomplete
    }

    /// Convenience over an array.
    public mutating func decode(_ input: [UInt8], into body: inout [UInt8]) -> Result {
        input.withUnsafeBytes { decode($0, into: &body) }
    }
}

@inline(__always) private func hexValue(_ c: UInt8) -> Int? {
    switch c {
    case 0x30...0x39: Int(c - 0x30)
    case 0x41...0x46: Int(c - 0x41 + 10)
    case 0x61...0x66: Int(c - 0x61 + 10)
    default: nil
    }
}
