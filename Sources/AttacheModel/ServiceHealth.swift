import AttacheJSON

/// The answer of `GET /health` (`Health` in openapi.yaml): the process is up, and which version it runs.
public struct ServiceHealth: Sendable, Equatable {
    /// Always "ok" from a live server.
    public var status: String
    public var version: String

    public init(status: String, version: String) {
        self.status = status
        self.version = version
    }

    /// The health of a response body.
    public init(json value: JSONValue) throws(WireFormatError) {
        let o = try WireObject(value)
        self.init(status: try o.string("status"), version: try o.string("version"))
    }
}
