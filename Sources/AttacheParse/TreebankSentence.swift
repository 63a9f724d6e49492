/// One sentence of a dependency treebank: words with their UPOS tag, head (1-based, 0 for the root) and
/// relation. Multiword-token lines (`3-4`) and empty nodes (`8.1`) of CoNLL-U are left out: the words are
/// the syntactic words the trees are built on.
public struct TreebankSentence: Sendable, Equatable {
    public var words: [String]
    public var tags: [String]
    public var heads: [Int]
    public var relations: [String]

    public init(words: [String], tags: [String], heads: [Int], relations: [String]) {
        self.words = words
        self.tags = tags
        self.heads = heads
        self.relations = relations
    }

    /// Reads CoNLL-U text (https://universaldependencies.org/format.html). Strict: a word line without ten
    /// tab-separated columns, an id out of sequence, or a head that is not a word of the sentence is an error
    /// naming `file` and the line.
    public static func readCoNLLU(_ text: String, file: String) throws -> [TreebankSentence] {
        var sentences: [TreebankSentence] = []
        var current = TreebankSentence(words: [], tags: [], heads: [], relations: [])
        var firstLine = 0
        func finish() throws {
            guard !current.words.isEmpty else { return }
            if let bad = current.heads.firstIndex(where: { $0 < 0 || $0 > current.words.count }) {
                throw ParseModelError(file: file, place: .line(firstLine + bad),
                                      message: "head \(current.heads[bad]) is not a word of the sentence")
            }
            sentences.append(current)
            current = TreebankSentence(words: [], tags: [], heads: [], relations: [])
        }
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty {
                try finish()
                continue
            }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 10 else {
                throw ParseModelError(file: file, place: .line(lineNumber),
                                      message: "expected 10 tab-separated columns, found \(columns.count)")
            }
            if columns[0].contains("-") || columns[0].contains(".") { continue }
            guard let id = Int(columns[0]), id == current.words.count + 1 else {
                throw ParseModelError(file: file, place: .line(lineNumber),
                                      message: "word id '\(columns[0])' out of sequence")
            }
            guard let head = Int(columns[6]) else {
                throw ParseModelError(file: file, place: .line(lineNumber), message: "head '\(columns[6])' is not a number")
            }
            if current.words.isEmpty { firstLine = lineNumber }
            current.words.append(String(columns[1]))
            current.tags.append(String(columns[3]))
            current.heads.append(head)
            current.relations.append(String(columns[7]))
        }
        try finish()
        return sentences
    }

    /// Whether the tree has no crossing arcs (the transition system can only build projective trees).
    public var isProjective: Bool {
        for (d, h) in heads.enumerated() {
            let dep = d + 1
            let (lo, hi) = (min(dep, h), max(dep, h))
            for (d2, h2) in heads.enumerated() {
                let dep2 = d2 + 1
                let (lo2, hi2) = (min(dep2, h2), max(dep2, h2))
                if (lo < lo2 && lo2 < hi && hi < hi2) || (lo2 < lo && lo < hi2 && hi2 < hi) { return false }
            }
        }
        return true
    }
}
