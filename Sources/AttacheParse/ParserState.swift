/// A transition of the arc-standard system (Nivre 2004): shift the next word onto the stack, or join the two
/// top words of the stack with a labelled arc, pointing left (the second word depends on the top, which
/// stays) or right (the top depends on the second, and is popped).
public enum Transition: Equatable, Sendable {
    case shift
    case left(Int)
    case right(Int)

    /// The classifier's class of this transition: 0 shift, then a left and a right class per label.
    public var classIndex: Int {
        switch self {
        case .shift: 0
        case .left(let label): 1 + 2 * label
        case .right(let label): 2 + 2 * label
        }
    }

    public init(classIndex: Int) {
        if classIndex == 0 { self = .shift }
        else if classIndex % 2 == 1 { self = .left((classIndex - 1) / 2) }
        else { self = .right((classIndex - 2) / 2) }
    }

    /// Classes of a system over `labelCount` labels.
    public static func classCount(labelCount: Int) -> Int { 1 + 2 * labelCount }
}

/// The configuration of the arc-standard system over a sentence of `count` words, numbered from 1; 0 is the
/// artificial root, which starts on the stack. It ends (after exactly 2 × count transitions) when every word
/// has a head and only the root is left: the result is always a tree.
public struct ParserState: Sendable {
    public let count: Int
    /// Word numbers, the top last; `stack[0]` is always the root.
    public private(set) var stack: [Int] = [0]
    /// The first word of the buffer; the buffer is empty when it is past `count`.
    public private(set) var next = 1
    /// Head of each word (index 0 unused), -1 while unattached.
    public private(set) var heads: [Int]
    /// Label index of each word's arc, -1 while unattached.
    public private(set) var labels: [Int]
    /// The leftmost left dependent and rightmost right dependent attached so far, -1 for none.
    public private(set) var leftmost: [Int]
    public private(set) var rightmost: [Int]
    /// How many left and right dependents each word has so far.
    public private(set) var leftCount: [Int]
    public private(set) var rightCount: [Int]

    public init(count: Int) {
        self.count = count
        heads = Array(repeating: -1, count: count + 1)
        labels = heads
        leftmost = heads
        rightmost = heads
        leftCount = Array(repeating: 0, count: count + 1)
        rightCount = leftCount
    }

    public var isTerminal: Bool { next > count && stack.count == 1 }

    /// The word `depth` places below the top of the stack (0 is the top), or nil.
    public func stackWord(_ depth: Int) -> Int? { stack.count > depth ? stack[stack.count - 1 - depth] : nil }

    /// The word `offset` places into the buffer, or nil.
    public func bufferWord(_ offset: Int) -> Int? { next + offset <= count ? next + offset : nil }

    /// Preconditions: shift needs a word in the buffer; a left arc needs two stack words, the lower not the
    /// root; a right arc needs two stack words, and attaches a word to the root only once the buffer is empty,
    /// so that the root gets a single dependent.
    public func allows(_ transition: Transition) -> Bool {
        switch transition {
        case .shift: next <= count
        case .left: stack.count >= 3
        case .right: stack.count >= 3 || (stack.count == 2 && next > count)
        }
    }

    /// Applies `transition`, which `allows` must accept.
    public mutating func apply(_ transition: Transition) {
        precondition(allows(transition))
        switch transition {
        case .shift:
            stack.append(next)
            next += 1
        case .left(let label):
            let head = stack.removeLast()
            let dependent = stack.removeLast()
            attach(dependent, to: head, label: label)
            leftmost[head] = dependent  // each new left dependent lies further left
            leftCount[head] += 1
            stack.append(head)
        case .right(let label):
            let dependent = stack.removeLast()
            let head = stack[stack.count - 1]
            attach(dependent, to: head, label: label)
            rightmost[head] = dependent  // each new right dependent lies further right
            rightCount[head] += 1
        }
    }

    private mutating func attach(_ dependent: Int, to head: Int, label: Int) {
        heads[dependent] = head
        labels[dependent] = label
    }

    /// The static oracle's transition towards the gold tree (`goldHeads` and `goldLabels` indexed from 1,
    /// index 0 unused): a left arc as soon as the second word's head is the top, a right arc once the top has
    /// all its dependents, else shift. Nil when no transition leads to the gold tree (a non-projective tree).
    public func oracle(goldHeads: [Int], goldLabels: [Int], goldDependents: [Int]) -> Transition? {
        if let s0 = stackWord(0), let s1 = stackWord(1) {
            if s1 != 0 && goldHeads[s1] == s0 { return .left(goldLabels[s1]) }
            if goldHeads[s0] == s1 && leftCount[s0] + rightCount[s0] == goldDependents[s0]
                && allows(.right(0)) {
                return .right(goldLabels[s0])
            }
        }
        return allows(.shift) ? .shift : nil
    }
}
