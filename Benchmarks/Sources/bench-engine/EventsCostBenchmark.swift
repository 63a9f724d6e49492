import AttacheCore
import AttacheModel
import Foundation

/// What event extraction costs, timed in one process: passes over the articles with events and without,
/// interleaved pass by pass (each pass a few milliseconds), so that the machine's drift in speed, which is
/// larger than the difference measured between two processes run minutes apart, falls on both modes alike.
/// Each pair of passes runs in alternating order (with, without; then without, with), and the figure is
/// the median of the pairs' throughput ratios (with events / without).
struct EventsCostBenchmark {
    let with: Analyzer
    let without: Analyzer
    let articles: [ArticleInput]

    struct Result {
        var secondsWith = 0.0
        var secondsWithout = 0.0
        var ratios: [Double] = []
        var bytesPerPass = 0

        var summary: String {
            let r = ratios.sorted()
            guard !r.isEmpty else { return "no pairs\n" }
            func q(_ f: Double) -> Double { r[min(r.count - 1, Int(f * Double(r.count)))] }
            let mb = Double(bytesPerPass * r.count) / 1e6
            return String(format: "%d pairs of passes (%.2f MB each mode): with events %.3f s (%.2f MB/s), without %.3f s (%.2f MB/s); "
                + "throughput with events / without: median %.3f (quartiles %.3f-%.3f), overall %.3f\n",
                r.count, mb, secondsWith, mb / secondsWith, secondsWithout, mb / secondsWithout,
                r[r.count / 2], q(0.25), q(0.75), secondsWithout / secondsWith)
        }
    }

    func run(pairs: Int) -> Result {
        var result = Result()
        result.bytesPerPass = articles.reduce(0) { $0 + $1.text.utf8.count }
        var sink = 0
        // One untimed pass of each: first-pass effects (lazy tables, page faults) are not the cost of events.
        sink &+= pass(with) + pass(without)
        for p in 0..<pairs {
            var a = 0.0, b = 0.0
            if p % 2 == 0 {
                a = timed { sink &+= pass(with) }
                b = timed { sink &+= pass(without) }
            } else {
                b = timed { sink &+= pass(without) }
                a = timed { sink &+= pass(with) }
            }
            result.secondsWith += a
            result.secondsWithout += b
            result.ratios.append(b / a)
        }
        if sink == 42 { FileHandle.standardError.write(Data("\n".utf8)) }      // keeps the work observable
        return result
    }

    /// A pass runs under a frame of its own for each mode, so that a profile of this benchmark (`perf record
    /// -g`) tells the two modes' samples apart by the call stack; the results are combined differently so the
    /// compiler keeps the frames apart.
    private func pass(_ analyzer: Analyzer) -> Int {
        analyzer === with ? passWithEvents(analyzer) : passWithoutEvents(analyzer)
    }
    @inline(never) private func passWithEvents(_ analyzer: Analyzer) -> Int { let n = passBody(analyzer); return n &* 3 }
    @inline(never) private func passWithoutEvents(_ analyzer: Analyzer) -> Int { let n = passBody(analyzer); return n &* 5 }
    @inline(never) private func passBody(_ analyzer: Analyzer) -> Int {
        var n = 0
        for a in articles { n &+= analyzer.analyze(a).events.count &+ 1 }
        return n
    }

    private func timed(_ body: () -> Void) -> Double {
        let start = DispatchTime.now()
        body()
        return Stopwatch.seconds(since: start)
    }
}
