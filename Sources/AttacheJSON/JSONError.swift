/// Why a document was rejected, where, and in which value: enough for a precise HTTP 400
/// such as "field `text`: invalid UTF-8 in string at byte 1234".
///
/// The message never quotes input beyond a single character, so it is safe to send back.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. "invalid UTF-8 in string", "unexpected character 'x'",
    /// "nesting deeper than 128".
    public var message: String
    /// Byte offset into the input where the problem was found (0-based).
    public var offset: Int
    /// JSONPath-style location of the value being read: `$`, `$.text`, `$.articles[3].title`.
    /// Keys that are not plain identifiers use bracket form: `$["a b"]`. A problem inside an
    /// object key reports the object's path.
    public var path: String
    /// The last object key on `path` (`"title"` for `$.articles[3].title`, `"articles"` for
    /// `$.articles[3]`), or `nil` when the path has no key. Meant for API error messages.
    public var field: String?

    /// A fully specified error.
    public init(message: String, offset: Int, path: String = "$", field: String? = nil) {
        self.message = message
        self.offset = offset
        self.path = path
        self.field = field
    }

    /// `"$.text: invalid UTF-8 in string at byte 1234"`.
    public var description: String { "\(path): \(message) at byte \(offset)" }
}
