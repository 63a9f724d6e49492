// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Attache",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "attache", targets: ["attache"]),
        .library(name: "AttacheModel", targets: ["AttacheModel"]),
        .library(name: "AttacheCore", targets: ["AttacheCore"]),
        .library(name: "AttacheClient", targets: ["AttacheClient"]),
        // For the payload benchmark in Benchmarks/.
        .library(name: "AttacheJSON", targets: ["AttacheJSON"]),
        .library(name: "AttacheStore", targets: ["AttacheStore"]),
        // For the parser's training tool in Tools/ParserTraining.
        .library(name: "AttacheParse", targets: ["AttacheParse"]),
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
        // OpenSSL's libcrypto for SHA-256 (libssl-dev, which libpq-dev depends on); see README, "Hand-written parts".
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // glibc's mallopt, for the server's arena limit (Sources/attache/MallocArenas.swift).
        .systemLibrary(name: "CMalloc"),

        // JSON reader (bytes -> value, limits, UTF-8 validation) and a fast writer.
        .target(name: "AttacheJSON"),
        // HTTP/1.1 parser and epoll server on POSIX sockets. Knows nothing about news.
        .target(name: "AttacheHTTP", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // The wire format: articles in, analyses out (Analysis, Entity, Mention, Event, ArticleInput), their JSON
        // reader and writer, and the one article decoder. What the engine, the store, the service and the client share.
        .target(name: "AttacheModel", dependencies: ["AttacheJSON"]),
        // Temporal expressions: finding and normalising dates against a reference date.
        .target(name: "AttacheDates"),
        // Text in, analysis out: tokenizer, knowledge base, recognizers, linking, events. No I/O but loading data.
        .target(name: "AttacheCore", dependencies: ["AttacheDates", "AttacheJSON", "AttacheModel"],
                resources: [.copy("Resources/kb")]),
        // Part-of-speech tagger and dependency parser (averaged perceptrons trained on UD English EWT; the
        // weights are data in Resources/model). Knows nothing about news.
        .target(name: "AttacheParse", resources: [.copy("Resources/model")]),
        // Durable storage of analyses: SQLite (default) and PostgreSQL.
        .target(name: "AttacheStore", dependencies: ["AttacheModel", "CSQLite", "CLibPQ", "CCrypto"]),
        // Routes, API types, configuration, wiring.
        .target(name: "AttacheService", dependencies: [
            "AttacheHTTP", "AttacheCore", "AttacheModel", "AttacheStore", "AttacheJSON",
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Resources/page")]),
        // Typed HTTP client over libcurl.
        .target(name: "AttacheClient", dependencies: ["CCurl", "AttacheJSON", "AttacheModel"]),
        .executableTarget(name: "attache", dependencies: [
            "AttacheService", "AttacheClient", "AttacheCore", "AttacheModel", "AttacheJSON", "AttacheHTTP", "AttacheStore", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "AttacheJSONTests", dependencies: ["AttacheJSON"]),
        .testTarget(name: "AttacheHTTPTests", dependencies: ["AttacheHTTP", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "AttacheDatesTests", dependencies: ["AttacheDates"]),
        .testTarget(name: "AttacheParseTests", dependencies: ["AttacheParse"]),
        .testTarget(name: "AttacheModelTests", dependencies: ["AttacheModel", "AttacheJSON"]),
        .testTarget(name: "AttacheCoreTests", dependencies: ["AttacheCore", "AttacheModel", "AttacheDates", "AttacheJSON"]),
        .testTarget(name: "AttacheStoreTests", dependencies: ["AttacheStore", "AttacheModel"]),
        .testTarget(name: "AttacheServiceTests", dependencies: [
            "AttacheService", "AttacheClient", "AttacheHTTP", "AttacheCore", "AttacheModel", "AttacheStore", "AttacheJSON",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Runs the built `attache` binary; reads what it prints with the JSON reader, and what `ingest` stored
        // through the store.
        .testTarget(name: "AttacheCLITests", dependencies: ["AttacheJSON", "AttacheStore"], exclude: ["Fixtures"]),
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
        // Its article decoder is the service's, compiled in through symbolic links (see FuzzJSON.swift).
        .executableTarget(name: "FuzzJSON", dependencies: ["CLibFuzzer", "AttacheHTTP", "AttacheJSON", "AttacheModel"],
                          path: "Fuzz/Targets/FuzzJSON"),
        .executableTarget(name: "FuzzAnalyze", dependencies: ["CLibFuzzer", "AttacheCore", "AttacheJSON", "AttacheModel"],
                          path: "Fuzz/Targets/FuzzAnalyze"),
        .executableTarget(name: "FuzzDates", dependencies: ["CLibFuzzer", "AttacheDates"], path: "Fuzz/Targets/FuzzDates"),
    ]
}
