import AttacheClient
import AttacheHTTP
import AttacheService
@testable import AttacheStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Testing

extension StoreReliabilityTests {
    /// Which store a bar runs against.
    enum Backend: String, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A store location of its own for one test: a SQLite file in a new temporary directory, or a new database on
    /// the PostgreSQL test server. ``remove()`` deletes it.
    final class ScratchDatabase: Sendable {
        let backend: Backend
        /// What `--database` / `StoreFactory.open(url:)` takes.
        let url: String
        private let directory: URL
        private let postgresName: String?

        init(_ backend: Backend) throws {
            self.backend = backend
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("attache-rel-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            switch backend {
            case .sqlite:
                url = "sqlite:" + directory.appendingPathComponent("store.sqlite").path
                postgresName = nil
            case .postgres:
                let base = try #require(StoreReliabilityTests.postgresURL, "ATTACHE_TEST_POSTGRES_URL is not set")
                let name = "attache_rel_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
                let admin = try PGConnection(url: base, connectTimeoutSeconds: 5)
                try admin.execute("CREATE DATABASE \(name)")
                url = Self.replacingDatabase(in: base, with: name)
                postgresName = name
            }
        }

        /// A directory for logs and other files of the test, removed with the database.
        var scratchDirectory: URL { directory }

        func remove() {
            if let postgresName, let base = StoreReliabilityTests.postgresURL,
               let admin = try? PGConnection(url: base, connectTimeoutSeconds: 5) {
                try? admin.execute("DROP DATABASE IF EXISTS \(postgresName) WITH (FORCE)")
            }
            // ATTACHE_TEST_KEEP_SCRATCH=1 keeps the servers' logs (a crash's backtrace) for a failed run.
            if ProcessInfo.processInfo.environment["ATTACHE_TEST_KEEP_SCRATCH"] == nil {
                try? FileManager.default.removeItem(at: directory)
            } else {
                print("kept scratch directory \(directory.path)")
            }
        }

        /// `postgres://u@h:p/db?x` with `db` replaced.
        static func replacingDatabase(in base: String, with name: String) -> String {
            let query = base.firstIndex(of: "?").map { String(base[$0...]) } ?? ""
            let noQuery = base.firstIndex(of: "?").map { String(base[..<$0]) } ?? base
            guard let slash = noQuery.lastIndex(of: "/"), noQuery[..<slash].hasSuffix("/") == false else {
                return noQuery + "/" + name + query
            }
            return String(noQuery[...slash]) + name + query
        }
    }

    /// The real service in this process on 127.0.0.1 with an ephemeral port, over any store URL (the shared
    /// `TestServer` always makes its own SQLite file). ``stop()`` must be called.
    final class InProcessServer: Sendable {
        let server: HTTPServer
        let service: AttacheService
        let port: Int
        let baseURL: String

        init(databaseURL: String, eventLoops: Int = 2, workers: Int = 8) throws {
            var config = ServiceConfiguration()
            config.http.host = "127.0.0.1"
            config.http.port = 0
            config.http.eventLoopThreads = eventLoops
            config.http.workerThreads = workers
            config.http.shutdownGracePeriod = 1
            config.http.lingerTimeout = 0.5
            config.databaseURL = databaseURL
            let store = try StoreFactory.open(url: databaseURL)
            let logger = Logger(label: "attache-reliability") { _ in SwiftLogNoOpLogHandler() }
            service = AttacheService(analyzer: SharedKnowledge.analyzer, store: store, configuration: config, logger: logger)
            server = HTTPServer(configuration: config.http, responder: service, logger: logger)
            try server.start()
            port = server.port
            baseURL = "http://127.0.0.1:\(port)"
        }

        func client(timeout: Double = 60) -> AttacheClient {
            AttacheClient(baseURL: baseURL, timeout: timeout)
        }

        func stop() {
            server.shutdown()
            server.wait()
        }
    }

    /// Why a spawned server could not be started.
    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// `attache serve` as a child process (posix_spawn: Foundation's `Process.waitUntilExit` can miss the exit
    /// off the main thread), listening on a port the kernel picks (`--port 0`), read back from its log line
    /// `attache listening … port=N`, so no other process can take the port between choosing and binding it.
    final class SpawnedServer {
        let pid: pid_t
        let port: Int
        let logPath: String
        private var reaped = false

        var baseURL: String { "http://127.0.0.1:\(port)" }

        /// The executable: `ATTACHE_BINARY`, else `attache` next to the running test bundle (`.build/debug`), else
        /// `.build/debug/attache` under the package root found from this file's path. Nil when none exists.
        static let binaryPath: String? = {
            var candidates: [String] = []
            if let v = StoreReliabilityTests.environment["ATTACHE_BINARY"], !v.isEmpty { candidates.append(v) }
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("attache").path)
            }
            let root = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent()  // Reliability
                .deletingLastPathComponent()  // AttacheServiceTests
                .deletingLastPathComponent()  // Tests
                .deletingLastPathComponent()  // package root
            candidates.append(root.appendingPathComponent(".build/debug/attache").path)
            return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
        }()

        static var missingBinaryMessage: Comment {
            "the attache executable is missing (looked next to the test bundle and in .build/debug); build it with `swift build --product attache` or set ATTACHE_BINARY"
        }

        /// Starts `attache serve` on `database` and waits (up to `timeout` seconds) until it listens.
        init(database: String, logPath: String, timeout: Double = 30) throws {
            guard let binary = Self.binaryPath else { throw SpawnError(description: "no attache executable") }
            self.logPath = logPath
            let args = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--database", database,
                        "--workers", "4", "--log-level", "info"]
            // The parent's environment without ATTACHE_* settings (an API key or database there would change the
            // server under test).
            var env: [String] = []
            var e = environ
            while let p = e.pointee {
                let s = String(cString: p)
                if !s.hasPrefix("ATTACHE_") && !s.hasPrefix("PORT=") { env.append(s) }
                e += 1
            }
            let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            Self.markDescriptorsCloseOnExec()
            var child: pid_t = 0
            let rc = posix_spawn(&child, binary, &actions, nil, argv, envp)
            guard rc == 0 else { throw SpawnError(description: "posix_spawn \(binary): \(String(cString: strerror(rc)))") }
            pid = child

            let deadline = Date().addingTimeInterval(timeout)
            var found: Int?
            while found == nil {
                found = Self.listeningPort(inLog: logPath)
                if found != nil { break }
                var status: Int32 = 0
                if waitpid(child, &status, WNOHANG) == child {
                    reaped = true
                    throw SpawnError(description: "attache serve exited before listening (status \(status)); log:\n\(Self.tail(logPath))")
                }
                if Date() > deadline {
                    Glibc.kill(child, SIGKILL)
                    waitpid(child, &status, 0)
                    reaped = true
                    throw SpawnError(description: "attache serve did not listen within \(timeout) s; log:\n\(Self.tail(logPath))")
                }
                usleep(50_000)
            }
            port = found!
        }

        deinit {
            if !reaped { killNow() }
        }

        /// Keeps this process's descriptors (sockets of servers and clients of tests running meanwhile, database
        /// connections) out of the child, which would otherwise hold them open until it dies. glibc here has no
        /// `posix_spawn_file_actions_addclosefrom_np` in Swift's view, so every open descriptor from 3 up gets
        /// FD_CLOEXEC, which changes nothing for this process. Best effort: one opened meanwhile may slip through.
        static func markDescriptorsCloseOnExec() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
            for name in names {
                guard let fd = Int32(name), fd >= 3 else { continue }
                let flags = fcntl(fd, F_GETFD)
                if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
            }
        }

        /// The port of the last `attache listening` line of the log (the log is appended to across restarts, so
        /// only lines after the last start count: the caller uses a fresh log per start).
        static func listeningPort(inLog path: String) -> Int? {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n").reversed() where line.contains("attache listening") {
                guard let r = line.range(of: " port=") else { continue }
                let digits = line[r.upperBound...].prefix { $0.isNumber }
                return Int(digits)
            }
            return nil
        }

        static func tail(_ path: String) -> String {
            let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "(no log)"
            return String(text.suffix(2_000))
        }

        /// `kill -9` and reap. Returns the wait status.
        @discardableResult
        func killNow() -> Int32 {
            guard !reaped else { return 0 }
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            reaped = true
            return status
        }

        /// SIGTERM, then SIGKILL after `grace` seconds.
        func terminate(grace: Double = 10) {
            guard !reaped else { return }
            Glibc.kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(grace)
            var status: Int32 = 0
            while Date() < deadline {
                if waitpid(pid, &status, WNOHANG) == pid {
                    reaped = true
                    return
                }
                usleep(50_000)
            }
            killNow()
        }

        /// True while the process has not exited.
        var isRunning: Bool {
            guard !reaped else { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                reaped = true
                return false
            }
            return true
        }
    }

    /// The server control script `scripts/ci/with-postgres.sh` provides (`ATTACHE_TEST_POSTGRES_CTL`).
    enum PostgresControl {
        /// Runs the script with `arguments` and returns what it prints.
        @discardableResult
        static func run(_ arguments: String...) throws -> String {
            let script = try #require(StoreReliabilityTests.postgresControl, "ATTACHE_TEST_POSTGRES_CTL is not set")
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("attache-ctl-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let args = ["/bin/sh", "-c", "\"$@\" >\"$0\" 2>/dev/null", output, script] + arguments
            let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
            try #require(spawned == 0, "cannot spawn the PostgreSQL control script")
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            try #require(status == 0, "PostgreSQL \(arguments.joined(separator: " ")) failed (wait status \(status))")
            let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            return printed.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// A PostgreSQL server of one test's own (`ctl.sh new NAME`), which the test may stop and restart: stopping the
    /// shared server would cut the connections of every other test running beside it.
    struct OwnPostgresServer {
        let name: String
        /// Its database `attache_test`.
        let url: String

        init(_ purpose: String) throws {
            name = purpose + "-" + UUID().uuidString.prefix(8).lowercased()
            url = try PostgresControl.run("new", name)
        }

        func stop() throws { try PostgresControl.run("stop", name) }
        func start() throws { try PostgresControl.run("start", name) }
    }
}
