// swift-tools-version:6.1
import PackageDescription

// Competitor servers for BENCHMARKS.md. A separate package that Attache never links: each executable is a
// minimal app on another Swift HTTP stack that calls Attache's own engine (the AttacheCore product, through a
// path dependency on the package one folder up), so that only the HTTP layer differs from `attache serve`.
let package = Package(
    name: "AttacheBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Attache", path: ".."),
        // Traits off: the benchmark needs neither swift-configuration support nor the full-Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
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
    ]
)
