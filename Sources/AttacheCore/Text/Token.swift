/// One token of the text: a word, number, punctuation mark or possessive marker, as byte offsets.
///
/// Tokens never hold strings: `key` is the folded hash for dictionary look-ups and `flags` the shape
/// facts the recognizers ask for, so a whole article is one array of small values.
public struct Token: Sendable {
    public enum Kind: UInt8, Sendable {
        case word, number, punct
        /// "'s" or the bare apostrophe of "allies'": attached to the previous word.
        case possessive
    }

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// First letter upper-case ("Putin", "U.S.", "McCain").
        public static let capitalized = Flags(rawValue: 1 << 0)
        /// Every letter upper-case and at least one letter ("NATO", "MOSCOW").
        public static let allCaps = Flags(rawValue: 1 << 1)
        /// First letter lower-case.
        public static let lowercase = Flags(rawValue: 1 << 2)
        /// White space (or the start of the text) before the token.
        public static let spaceBefore = Flags(rawValue: 1 << 3)
        /// A line break before the token.
        public static let newlineBefore = Flags(rawValue: 1 << 4)
        /// A blank line (paragraph break) before the token.
        public static let paragraphBefore = Flags(rawValue: 1 << 5)
        /// Joined to the previous word by a hyphen with no spaces ("US-led": "led").
        public static let hyphenBefore = Flags(rawValue: 1 << 6)
        /// Ends with an abbreviation dot that belongs to the token ("U.S.", "Gen.", "Jan.").
        public static let dotted = Flags(rawValue: 1 << 7)
        /// The token is a single letter followed by a dot ("S." in "S. Jaishankar").
        public static let initial = Flags(rawValue: 1 << 8)
        /// Opening quote mark.
        public static let openQuote = Flags(rawValue: 1 << 9)
        /// Closing quote mark.
        public static let closeQuote = Flags(rawValue: 1 << 10)
        /// Contains a non-ASCII byte.
        public static let nonASCII = Flags(rawValue: 1 << 11)
        /// A word with a digit or an inner apostrophe ("G20", "O'Brien"), not letters alone.
        public static let mixed = Flags(rawValue: 1 << 12)
    }

    /// Byte offsets into the UTF-8 text, end exclusive.
    public var start: Int32
    public var end: Int32
    public var kind: Kind
    public var flags: Flags
    /// Hash of the folded token (see `Folding`).
    public var key: UInt64
    /// Sentence index, filled by the sentence splitter.
    public var sentence: Int32 = 0

    @inline(__always) public func has(_ f: Flags) -> Bool { flags.contains(f) }
    @inline(__always) public var isWord: Bool { kind == .word }
    @inline(__always) public var length: Int { Int(end - start) }
}
