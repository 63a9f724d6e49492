/// One page of a listing (`ArticleStore` pages, `GET /v1/articles`, `GET /v1/entities`). `nextCursor` is opaque
/// (base64url); nil on the last page.
public struct Page<T: Sendable>: Sendable {
    public var items: [T]
    public var nextCursor: String?
    public init(items: [T], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where T: Equatable {}
