import AttacheJSON

extension Page {
    /// The page of a listing's response body, `{"items": [...], "nextCursor"}`, each item read by `item`.
    public init(json value: JSONValue, item: (WireObject) throws(WireFormatError) -> T) throws(WireFormatError) {
        let o = try WireObject(value)
        items = try o.objects("items").map(item)
        nextCursor = try o.optionalString("nextCursor")
    }
}
