/// Why a request was refused before reaching the responder: the status to answer and a
/// human-readable detail that goes into the problem+json body. The connection is closed
/// after such a response, since the framing of anything that follows cannot be trusted.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400, 408, 413, 417, 431, 501 or 505.
    public var status: Int
    /// What was wrong, e.g. "Content-Length and Transfer-Encoding both present".
    public var detail: String

    public init(status: Int, detail: String) {
        self.status = status
        self.detail = detail
    }

    public var description: String { "\(status) \(detail)" }

    static func bad(_ detail: String) -> HTTPParseError { HTTPParseError(status: 400, detail: detail) }
}
