// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Attache",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attache", targets: ["attache"]),
        .library(name: "AttacheCore", targets: ["AttacheCore"]),
        .library(name: "AttacheClient", targets: ["AttacheClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries (Debian: libcurl4-openssl-dev, libsqlite3-dev, libpq-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),

        // JSON reader (bytes -> value, limits, UTF-8 validation) and a fast writer.
        .target(name: "AttacheJSON"),
        // HTTP/1.1 parser and epoll server on POSIX sockets. Knows nothing about news.
        .target(name: "AttacheHTTP", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // Temporal expressions: finding and normalising dates against a reference date.
        .target(name: "AttacheDates"),
        // Text in, analysis out: tokenizer, knowledge base, recognizers, linking, events. No I/O but loading data.
        .target(name: "AttacheCore", dependencies: ["AttacheDates", "AttacheJSON"],
                resources: [.copy("Resources/kb")]),
        // Durable storage of analyses: SQLite (default) and PostgreSQL.
        .target(name: "AttacheStore", dependencies: ["AttacheCore", "CSQLite", "CLibPQ"]),
        // Routes, API types, configuration, wiring.
        .target(name: "AttacheService", dependencies: [
            "AttacheHTTP", "AttacheCore", "AttacheStore", "AttacheJSON",
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Resources/page")]),
        // Typed HTTP client over libcurl.
        .target(name: "AttacheClient", dependencies: ["CCurl", "AttacheJSON"]),
        .executableTarget(name: "attache", dependencies: [
            "AttacheService", "AttacheClient", "AttacheCore", "AttacheJSON", "AttacheHTTP", "AttacheStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "AttacheJSONTests", dependencies: ["AttacheJSON"]),
        .testTarget(name: "AttacheHTTPTests", dependencies: ["AttacheHTTP", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "AttacheDatesTests", dependencies: ["AttacheDates"]),
        .testTarget(name: "AttacheCoreTests", dependencies: ["AttacheCore", "AttacheDates", "AttacheJSON"]),
        .testTarget(name: "AttacheStoreTests", dependencies: ["AttacheStore", "AttacheCore"]),
        .testTarget(name: "AttacheServiceTests", dependencies: [
            "AttacheService", "AttacheClient", "AttacheHTTP", "AttacheCore", "AttacheStore", "AttacheJSON",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Runs the built `attache` binary; needs only the JSON reader to read what it prints.
        .testTarget(name: "AttacheCLITests", dependencies: ["AttacheJSON"], exclude: ["Fixtures"]),
    ]
)

// libFuzzer targets (Fuzz/Targets), declared only when ATTACHE_FUZZ=1 so that the normal build never sees them.
// scripts/ci/fuzz.sh builds them in their own scratch path with `-Xswiftc -sanitize=fuzzer,address`, so that
// every module they link is instrumented for coverage and AddressSanitizer.
if Context.environment["ATTACHE_FUZZ"] == "1" {
    package.targets += [
        // libFuzzer's driver entry point (the library itself comes with -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/Targets/CLibFuzzer"),
        .executableTarget(name: "FuzzHTTP", dependencies: ["CLibFuzzer", "AttacheHTTP"], path: "Fuzz/Targets/FuzzHTTP"),
        .executableTarget(name: "FuzzJSON", dependencies: ["CLibFuzzer", "AttacheHTTP", "AttacheJSON", "AttacheService"],
                          path: "Fuzz/Targets/FuzzJSON"),
        .executableTarget(name: "FuzzAnalyze", dependencies: ["CLibFuzzer", "AttacheCore", "AttacheJSON"],
                          path: "Fuzz/Targets/FuzzAnalyze"),
        .executableTarget(name: "FuzzDates", dependencies: ["CLibFuzzer", "AttacheDates"], path: "Fuzz/Targets/FuzzDates"),
    ]
}
