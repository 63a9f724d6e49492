import Foundation

// Compiled into AttacheService only by scripts/ci/fuzz.sh, in place of the accessor SwiftPM generates for
// `resources: [.copy("Resources/page")]`: the page assets are read from the source tree.
extension Foundation.Bundle {
    static let module: Bundle = {
        let here = URL(fileURLWithPath: #filePath)  // <repo>/Fuzz/Support/AttacheService/Bundle+Module.swift
        let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = repo.appendingPathComponent("Sources/AttacheService/Resources").path
        guard let bundle = Bundle(path: path) else { fatalError("fuzz build: no resources at \(path)") }
        return bundle
    }()
}
