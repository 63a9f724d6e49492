import AttacheClient
import ArgumentParser
import Foundation

/// A command that was used correctly but could not do its work (a file it cannot read, a bad input line,
/// a server that answered with an error). Unlike a usage error it prints no usage text: `Attache.main`
/// writes it as the single line `attache: <message>` and exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension Attache {
    /// The exit status of a command that failed at its work (usage errors exit with 64, EX_USAGE).
    static let failureStatus: Int32 = 1

    /// Parses and runs like ArgumentParser's own `main`, except that failures of the work itself
    /// (``CommandFailure``, a client call's error) are one line on standard error, not "Error: …"
    /// followed by the root command's usage.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            fail(failure.message)
        } catch let failure as AttacheClientError {
            fail(failure.description)
        } catch {
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("attache: \(message)\n".utf8))
        Foundation.exit(failureStatus)
    }
}
