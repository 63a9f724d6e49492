// swift-tools-version:6.1
import PackageDescription

// Benchmarks for BENCHMARKS.md, in a separate package that Attache never links, on Attache's own engine (the
// AttacheCore product, through a path dependency on the package one folder up):
// - bench-engine: the engine's speed on a corpus, and what the event stage costs, without the HTTP layer;
// - bench-hummingbird, bench-flyingfox: competitor servers, each a minimal app on another Swift HTTP stack that
//   calls the same engine, so that only the HTTP layer differs from `attache serve`.
let package = Package(
    name: "AttacheBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Attache", path: ".."),
        // Traits off: the benchmark needs neither swift-configuration support nor the full-Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The version Attache's own command line uses.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(name: "bench-engine", dependencies: [
            .product(name: "AttacheCore", package: "Attache"), .product(name: "AttacheModel", package: "Attache"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The engine call shared by both apps: decode the article as the service does, analyse, encode.
        .target(name: "BenchSupport", dependencies: [
            .product(name: "AttacheCore", package: "Attache"), .product(name: "AttacheModel", package: "Attache"),
        ]),
        .executableTarget(name: "bench-hummingbird", dependencies: [
            "BenchSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "bench-flyingfox", dependencies: [
            "BenchSupport",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        // Hand-written parts (JSON reader and writer, SQLite insert path) against Foundation's coders on the
        // service's own payloads; README, "Hand-written parts and why".
        .executableTarget(name: "bench-payloads", dependencies: [
            .product(name: "AttacheCore", package: "Attache"),
            .product(name: "AttacheJSON", package: "Attache"),
            .product(name: "AttacheStore", package: "Attache"),
        ]),
        // The SQLite insert path through our wrapper and through GRDB (needs -enable-testing; see its main.swift).
        .executableTarget(name: "bench-sqlite-grdb", dependencies: [
            .product(name: "AttacheCore", package: "Attache"),
            .product(name: "AttacheJSON", package: "Attache"),
            .product(name: "AttacheStore", package: "Attache"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
