import Testing

extension StoreReliabilityTests {
    /// Issue 18: under group commit (SQLite puts of concurrent clients share one transaction), `kill -9` in the
    /// middle of a load from eight writers still loses nothing acknowledged: each client got its answer only after
    /// its group's COMMIT. The kill cycles and checks are those of `KillNineDurabilityTests` (every acknowledged
    /// article back with its analysis, in-flight ones all or nothing, entity counts and timelines recounted exactly),
    /// with eight writers so that groups of several articles are in flight at each kill.
    @Suite(.enabled(if: Corpus.isAvailable, Corpus.missingMessage),
           .enabled(if: SpawnedServer.binaryPath != nil, SpawnedServer.missingBinaryMessage))
    struct GroupCommitReliabilityTests {
        @Test func sqliteGroupCommitKeepsAcknowledgedArticlesAcrossKill9WithEightWriters() throws {
            try KillNineDurabilityTests.killCycles(.sqlite, threads: 8)
        }
    }
}
