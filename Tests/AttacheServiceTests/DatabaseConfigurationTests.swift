import AttacheService
import Testing

/// The PostgreSQL settings of `attache serve`: a read database and the pool size, from the environment.
struct DatabaseConfigurationTests {
    @Test func readDatabaseAndPoolSizeComeFromTheEnvironment() {
        var c = ServiceConfiguration()
        c.applyEnvironment([
            "ATTACHE_DATABASE_URL": "postgres://db/attache", "ATTACHE_READ_DATABASE_URL": "postgres://standby/attache",
            "ATTACHE_DATABASE_POOL_SIZE": "12",
        ])
        #expect(c.readDatabaseURL == "postgres://standby/attache")
        #expect(c.databasePoolSize == 12)
        #expect(c.effectiveDatabasePoolSize == 12)
    }

    @Test func thePoolHasOneConnectionPerWorkerUnlessTold() {
        var c = ServiceConfiguration()
        c.databaseURL = "postgresql://db/attache"
        c.http.workerThreads = 6
        #expect(c.effectiveDatabasePoolSize == 6)
        c.databaseURL = "sqlite:./x.sqlite"
        #expect(c.effectiveDatabasePoolSize == nil, "SQLite has no pool")
        c.applyEnvironment(["ATTACHE_READ_DATABASE_URL": ""])
        #expect(c.readDatabaseURL == nil)
    }
}
