/// A problem in a model or treebank file: the file, where in it (a line of a treebank, a byte offset of a
/// model), and what is wrong.
public struct ParseModelError: Error, CustomStringConvertible, Equatable {
    public enum Place: Equatable, Sendable {
        case line(Int)
        case offset(Int)
        case file
    }

    public var file: String
    public var place: Place
    public var message: String

    public init(file: String, place: Place, message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String {
        switch place {
        case .line(let line): "\(file):\(line): \(message)"
        case .offset(let offset): "\(file): at byte \(offset): \(message)"
        case .file: "\(file): \(message)"
        }
    }
}
