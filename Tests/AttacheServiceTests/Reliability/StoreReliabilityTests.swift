import Foundation
import Testing

/// The reliability bars of issue 5, run through the HTTP API against SQLite always and PostgreSQL when
/// `scripts/ci/with-postgres.sh` provides one:
///
///     swift test --filter Reliability
///     scripts/ci/with-postgres.sh swift test --filter Reliability
///
/// One serialized parent suite: its tests are heavy enough (thousands of analyses on a shared 2-core machine) that
/// running them side by side only makes each slower. The outage bar stops a PostgreSQL server of its own. The nested suites live in one file each (`extension StoreReliabilityTests`).
///
/// Environment:
/// - `ATTACHE_TEST_POSTGRES_URL`, `ATTACHE_TEST_POSTGRES_CTL`: set by `scripts/ci/with-postgres.sh`.
/// - `ATTACHE_RELIABILITY_ARTICLES`: articles of the concurrent-ingest bar (default 2,000).
/// - `ATTACHE_BINARY`: the `attache` executable for the kill -9 bar (default: next to the test bundle).
@Suite(.serialized, .timeLimit(.minutes(10)))
struct StoreReliabilityTests {
    static let environment = ProcessInfo.processInfo.environment
    static let postgresURL = environment["ATTACHE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let postgresControl = environment["ATTACHE_TEST_POSTGRES_CTL"].flatMap { $0.isEmpty ? nil : $0 }
    static var hasPostgres: Bool { postgresURL != nil }
    static var hasPostgresControl: Bool { postgresURL != nil && postgresControl != nil }

    /// Articles the concurrent-ingest bar sends (issue 5 says 2,000).
    static let concurrentArticleCount = environment["ATTACHE_RELIABILITY_ARTICLES"].flatMap(Int.init) ?? 2_000

    static let noPostgres: Comment =
        "PostgreSQL not configured (ATTACHE_TEST_POSTGRES_URL unset); run `scripts/ci/with-postgres.sh swift test --filter Reliability`"
    static let noPostgresControl: Comment =
        "needs ATTACHE_TEST_POSTGRES_URL and ATTACHE_TEST_POSTGRES_CTL; run `scripts/ci/with-postgres.sh swift test --filter Reliability`"
}
