import Foundation

/// Runs the built `attache` binary as a user would, with a clean environment, and collects what it printed.
enum AttacheProcess {
    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the run was stopped at ``timeLimit``: a command that should have ended did not
        /// (a `serve` that accepted a bad flag and listens).
        var timedOut = false
    }

    /// The longest a command may run; a debug build loads the knowledge base in a few seconds.
    static let timeLimit: TimeInterval = 60

    /// The package's root directory, found from this file's path (Tests/AttacheCLITests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `ATTACHE_BIN` when set; else the `attache` built beside the test bundle (`swift test` builds every product
    /// into the same directory); else `.build/debug/attache`.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["ATTACHE_BIN"] { return URL(fileURLWithPath: path) }
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("attache"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("attache"),
            packageRoot.appendingPathComponent(".build/debug/attache"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Help text wraps at the terminal's width; a fixed width keeps the golden files exact.
    static let columns = "80"

    /// The environment of a run: the test's own without any ATTACHE_* or PORT setting, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ATTACHE_") && $0.key != "PORT" }
        env["COLUMNS"] = columns
        env["ATTACHE_URL"] = "http://127.0.0.1:9"      // the discard port: a client command must not reach a real server
        env.merge(extra) { $1 }
        return env
    }

    /// Runs `attache args…` to its end (or ``timeLimit``), with `input` on standard input. Output goes through
    /// files, so that a large output cannot block the child on a full pipe.
    static func run(_ args: [String], input: String = "", environment extra: [String: String] = [:]) throws -> Result {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin"), outURL = dir.appendingPathComponent("stdout"),
            errURL = dir.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: inURL), stdout = try FileHandle(forWritingTo: outURL),
            stderr = try FileHandle(forWritingTo: errURL)
        defer { try? stdin.close(); try? stdout.close(); try? stderr.close() }
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.environment = environment(extra)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let deadline = Date().addingTimeInterval(timeLimit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), timedOut: timedOut)
    }

    /// A fresh directory under the system's temporary one; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
