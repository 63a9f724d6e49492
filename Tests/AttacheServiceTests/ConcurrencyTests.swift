import AttacheClient
import AttacheModel
import Foundation
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    static let inputs = [
        "Vladimir Putin met John Kerry in Moscow on Tuesday.",
        "Recep Tayyip Erdoğan met Emmanuel Macron in Paris on Tuesday.",
        "Sergei Lavrov said Russia and the United States agreed to talks in Geneva.",
    ]

    /// Results of all threads, guarded by a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(input: Int, status: Int, body: [UInt8])] = []
        private var errors: [String] = []

        func add(_ input: Int, _ status: Int, _ body: [UInt8]) {
            lock.lock()
            items.append((input, status, body))
            lock.unlock()
        }

        func fail(_ message: String) {
            lock.lock()
            errors.append(message)
            lock.unlock()
        }

        var snapshot: (items: [(input: Int, status: Int, body: [UInt8])], errors: [String]) {
            lock.lock()
            defer { lock.unlock() }
            return (items, errors)
        }
    }

    @Test func eightThreadsOfAnalysesAllSucceedWithIdenticalResults() throws {
        try TestServer.with({ c in
            c.http.eventLoopThreads = 2
            c.http.workerThreads = 4
        }) { server in
            let reference = try Self.inputs.map { try server.client().post("/v1/analyze", Array($0.utf8), contentType: "text/plain").body }
            let results = Results()
            let threads = 8, perThread = 25
            let done = DispatchGroup()
            for t in 0..<threads {
                done.enter()
                let thread = Thread {
                    defer { done.leave() }
                    let client = server.client()
                    for i in 0..<perThread {
                        let input = (t + i) % Self.inputs.count
                        do {
                            let r = try client.post("/v1/analyze", Array(Self.inputs[input].utf8), contentType: "text/plain")
                            results.add(input, r.status, r.body)
                        } catch {
                            results.fail("thread \(t) request \(i): \(error)")
                        }
                    }
                }
                thread.start()
            }
            #expect(done.wait(timeout: .now() + 120) == .success, "threads did not finish")
            let (items, errors) = results.snapshot
            #expect(errors.isEmpty, "\(errors.prefix(5))")
            #expect(items.count == threads * perThread)
            #expect(items.allSatisfy { $0.status == 200 })
            let mismatches = items.filter { $0.body != reference[$0.input] }
            #expect(mismatches.isEmpty, "\(mismatches.count) responses differ from the first analysis of the same text")
            let metrics = try server.client().get("/metrics").text
            #expect(metrics.contains(#"attache_http_requests_total{method="POST",route="/v1/analyze",status="200"} \#(threads * perThread + Self.inputs.count)"#))
        }
    }

    @Test func concurrentIngestsOfOneArticleCreateItOnce() throws {
        try TestServer.with({ c in
            c.http.eventLoopThreads = 2
            c.http.workerThreads = 4
        }) { server in
            let article = ArticleInput(id: "race-1", title: "Kerry in Moscow",
                                         text: "John Kerry met Vladimir Putin and Sergei Lavrov in Moscow on Tuesday.",
                                         publishedAt: "2015-12-15")
            let results = Results()
            let done = DispatchGroup()
            let start = DispatchSemaphore(value: 0)
            for t in 0..<8 {
                done.enter()
                Thread {
                    defer { done.leave() }
                    let client = server.client()
                    start.wait()
                    do {
                        let r = try client.post("/v1/articles", article.jsonBytes(), contentType: "application/json")
                        results.add(0, r.status, r.body)
                    } catch {
                        results.fail("thread \(t): \(error)")
                    }
                }.start()
            }
            for _ in 0..<8 { start.signal() }
            #expect(done.wait(timeout: .now() + 60) == .success, "threads did not finish")
            let (items, errors) = results.snapshot
            #expect(errors.isEmpty, "\(errors)")
            #expect(items.filter { $0.status == 201 }.count == 1, "statuses: \(items.map(\.status))")
            #expect(items.filter { $0.status == 200 }.count == 7, "statuses: \(items.map(\.status))")
            #expect(Set(items.map(\.body)).count == 1, "every answer carries the one stored analysis")
            let putin = try server.client().entity(id: "person-vladimir-putin")
            #expect(putin.articleCount == 1)
        }
    }
}
