import CMalloc

/// How many malloc arenas the server lets glibc keep.
///
/// glibc gives a thread that allocates while another holds an arena an arena of its own, up to eight per
/// core. The server's handler threads take turns analysing articles, so over time each arena holds pages
/// that one thread freed and another cannot reuse: under a steady load the resident size kept growing
/// (`scripts/ci/soak.sh 30`: +6 to +8% after warm-up with glibc's default, +2.4 to +2.8% with two arenas, on 2 cores).
/// No more threads than cores run at once, so one arena per core keeps allocation uncontended. The figures,
/// and the throughput measured with and without the cap, are in BENCHMARKS.md ("Memory under load").
enum MallocArenas {
    /// The variable with which a user sets the limit themselves; it then wins.
    static let environmentVariable = "MALLOC_ARENA_MAX"

    /// The limit for a machine with `cores` cores, unless the user set one: nil when the environment decides.
    static func limit(cores: Int, environment: [String: String]) -> Int32? {
        guard environment[environmentVariable] == nil else { return nil }
        return Int32(clamping: max(1, cores))
    }

    /// Applies `limit(cores:environment:)`. Call it before the server starts its threads.
    @discardableResult
    static func apply(cores: Int, environment: [String: String]) -> Int32? {
        guard let arenas = limit(cores: cores, environment: environment) else { return nil }
        return mallopt(M_ARENA_MAX, arenas) == 1 ? arenas : nil
    }
}
