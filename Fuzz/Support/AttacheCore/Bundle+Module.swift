import Foundation

// Compiled into AttacheCore only by scripts/ci/fuzz.sh, in place of the accessor SwiftPM
// generates for `resources: [.copy("Resources/kb")]`: the fuzz build uses plain swiftc, so the
// knowledge base is read from the source tree (or ATTACHE_FUZZ_RESOURCES, a directory that
// holds `kb/`).
extension Foundation.Bundle {
    static let module: Bundle = {
        let env = ProcessInfo.processInfo.environment["ATTACHE_FUZZ_RESOURCES"]
        let here = URL(fileURLWithPath: #filePath)  // <repo>/Fuzz/Support/AttacheCore/Bundle+Module.swift
        let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = env ?? repo.appendingPathComponent("Sources/AttacheCore/Resources").path
        guard let bundle = Bundle(path: path) else { fatalError("fuzz build: no resources at \(path)") }
        return bundle
    }()
}
