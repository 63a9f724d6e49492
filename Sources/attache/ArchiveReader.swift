import AttacheJSON
import AttacheModel
import AttacheService
import Foundation
import Glibc

/// Reads an archive a chunk of entries at a time: JSON Lines of articles (the body of `POST /v1/articles`, one
/// per line) or a folder of `.txt`/`.md` files. Memory stays bounded by the chunk, whatever the archive's size.
protocol ArchiveReader {
    /// Up to `count` raw entries; empty at the end. Parsing is left to `ArchiveEntries.parse`, which runs on all cores.
    mutating func next(_ count: Int) throws(CommandFailure) -> [RawEntry]
    /// How far the reading is, 0...1 (bytes of a file, files of a folder), for the ETA.
    var fractionDone: Double { get }
}

/// An entry as read: a JSON line or a file's text, or a reading problem already known (a line too long).
enum RawEntry {
    case jsonLine(location: String, bytes: ArraySlice<UInt8>)
    case file(location: String, id: String?, name: String, bytes: [UInt8])
    case bad(location: String, message: String)

    var location: String {
        switch self {
        case .jsonLine(let l, _), .file(let l, _, _, _), .bad(let l, _): l
        }
    }
}

/// JSON Lines from a file descriptor, read in large blocks; a line longer than `maxLineBytes` is reported and
/// skipped without being kept in memory.
struct JSONLinesReader: ArchiveReader {
    let name: String
    private let fd: Int32
    private let totalBytes: Int
    private let maxLineBytes: Int
    private var consumed = 0
    private var buffer: [UInt8] = []
    private var lineNumber = 0
    private var skippingLongLine = false
    private var atEnd = false

    /// Size of each read(2).
    static let blockBytes = 1 << 20

    init(path: String, maxLineBytes: Int) throws(CommandFailure) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandFailure("cannot read \(path): \(InputFile.reason(errno))") }
        var st = stat()
        totalBytes = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        name = path
        self.maxLineBytes = maxLineBytes
    }

    /// Bytes handed out as entries (read from the file, less what waits in the buffer) over the file's size.
    var fractionDone: Double { totalBytes > 0 ? min(1, Double(consumed - buffer.count) / Double(totalBytes)) : 0 }

    mutating func next(_ count: Int) throws(CommandFailure) -> [RawEntry] {
        var entries: [RawEntry] = []
        var start = 0
        while entries.count < count {
            if let nl = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                let line = buffer[start..<nl]
                start = nl + 1
                if skippingLongLine {
                    skippingLongLine = false
                    continue
                }
                if let e = entry(line) { entries.append(e) }
                continue
            }
            // No complete line left: keep the tail, read more.
            buffer.removeFirst(start)
            start = 0
            if buffer.count > maxLineBytes {
                if !skippingLongLine {
                    entries.append(.bad(location: "\(name):\(lineNumber + 1)", message: "line is longer than \(maxLineBytes) bytes"))
                }
                skippingLongLine = true
                buffer.removeAll(keepingCapacity: true)
            }
            if atEnd {
                if !buffer.isEmpty {
                    lineNumber += 1
                    if !skippingLongLine, let e = entry(buffer[...]) { entries.append(e) }
                    buffer.removeAll()
                }
                break
            }
            try readBlock()
        }
        buffer.removeFirst(start)
        return entries
    }

    private func entry(_ line: ArraySlice<UInt8>) -> RawEntry? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        return .jsonLine(location: "\(name):\(lineNumber)", bytes: line)
    }

    private mutating func readBlock() throws(CommandFailure) {
        let old = buffer.count
        buffer += repeatElement(0, count: Self.blockBytes)
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, Self.blockBytes) }
        } while n < 0 && errno == EINTR
        guard n >= 0 else { throw CommandFailure("cannot read \(name): \(InputFile.reason(errno))") }
        buffer.removeLast(Self.blockBytes - n)
        consumed += n
        if n == 0 { atEnd = true }
    }

    func close() { Glibc.close(fd) }
}

/// The `.txt` and `.md` files under a folder, in path order. An article's id is its path below the folder without
/// the extension, `/` written `:` ("2024/05/talks.txt" is `2024:05:talks`), when that is a valid id; else the
/// content hash. A Markdown file whose first line is `# Heading` has that heading as its title.
struct FolderReader: ArchiveReader {
    let files: [String]
    let root: String
    let maxFileBytes: Int
    private var nextIndex = 0

    static let extensions: Set<String> = ["txt", "md"]

    init(path: String, maxFileBytes: Int) throws(CommandFailure) {
        root = path
        self.maxFileBytes = maxFileBytes
        guard let walker = FileManager.default.enumerator(atPath: path) else { throw CommandFailure("cannot read the folder \(path)") }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if Self.extensions.contains((relative as NSString).pathExtension.lowercased()) { found.append(relative) }
        }
        files = found.sorted()
    }

    var fractionDone: Double { files.isEmpty ? 1 : Double(nextIndex) / Double(files.count) }

    mutating func next(_ count: Int) throws(CommandFailure) -> [RawEntry] {
        var entries: [RawEntry] = []
        while entries.count < count && nextIndex < files.count {
            let relative = files[nextIndex]
            nextIndex += 1
            let path = (root as NSString).appendingPathComponent(relative)
            let location = path
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size > maxFileBytes {
                entries.append(.bad(location: location, message: "file is larger than \(maxFileBytes) bytes"))
                continue
            }
            do {
                entries.append(.file(location: location, id: Self.id(relative), name: relative, bytes: try InputFile.read(path)))
            } catch {
                entries.append(.bad(location: location, message: error.message))
            }
        }
        return entries
    }

    /// `2024/05/talks.txt` → `2024:05:talks`, or nil when that is not a valid article id.
    static func id(_ relative: String) -> String? {
        let id = (relative as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: ":")
        return ArticleID.isValid(id) ? id : nil
    }
}

/// Why an entry is skipped: said on one line after its location.
struct ArchiveError: Error {
    var message: String
}
