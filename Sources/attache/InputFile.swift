import Foundation
import Glibc

/// Reads the whole of a file named on the command line, or of standard input, with failures said in one
/// line ("cannot read art.txt: no such file") rather than as Foundation's error dump.
enum InputFile {
    /// The bytes of the file at `path`, or of standard input when `path` is nil.
    static func read(_ path: String?) throws(CommandFailure) -> [UInt8] {
        guard let path else { return try readAll(STDIN_FILENO, name: "standard input") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandFailure("cannot read \(path): \(reason(errno))") }
        defer { close(fd) }
        return try readAll(fd, name: path)
    }

    /// The text of the file (or standard input), which must be UTF-8.
    static func text(_ path: String?) throws(CommandFailure) -> String {
        try text(of: read(path), from: path)
    }

    /// `bytes`, read from `path` (standard input when nil), as UTF-8 text.
    static func text(of bytes: [UInt8], from path: String?) throws(CommandFailure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("\(path ?? "standard input") is not valid UTF-8 text")
        }
        return text
    }

    /// Size of each read(2); any size works, this one keeps the syscalls few for articles of a few KB.
    private static let chunkBytes = 1 << 16

    private static func readAll(_ fd: Int32, name: String) throws(CommandFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read \(name): \(reason(errno))")
            }
            bytes += chunk[0..<n]
        }
    }

    /// A short lower-case reason for the common cases, the C library's wording for the rest.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
