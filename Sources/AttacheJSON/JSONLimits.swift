/// Bounds the reader enforces so hostile input costs an error, not a crash or a long stall.
///
/// Every limit is checked while parsing and reported as a `JSONError` with the path of the
/// value that went over. The total input size is the caller's business (the HTTP layer caps the
/// body); these bound what a document of that size can make the reader do.
public struct JSONLimits: Sendable, Equatable {
    /// Deepest nesting of arrays and objects; the top-level container is depth 1. Default 128.
    /// The reader recurses once per level, so keep this well below what the thread stack allows
    /// (roughly a few hundred bytes of stack per level).
    public var maxDepth = 128
    /// Longest string, in bytes of decoded UTF-8 (after escapes). Default 16 MiB (`16 << 20`).
    public var maxStringBytes = 16 << 20
    /// Most members in one object or elements in one array. Default 100,000.
    public var maxMembers = 100_000
    /// Longest number literal, in bytes. Default 1,024: no legitimate number is near this, and it
    /// keeps a megabyte of digits from reaching the float converter.
    public var maxNumberBytes = 1_024

    /// The defaults above.
    public init() {}
}
