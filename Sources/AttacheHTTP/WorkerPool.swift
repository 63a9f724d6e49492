import Glibc

/// A fixed set of threads running blocking responder calls, fed by one FIFO queue.
///
/// A job's result is posted back to its connection's event loop by the job itself.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let lock = Lock()
    private let available = Condition()
    private var jobs: [Job] = []
    private var head = 0
    private var stopping = false
    private var threads: [pthread_t] = []

    init(threadCount: Int) throws {
        for index in 0..<max(1, threadCount) {
            let thread = try PosixThread.spawn(name: "attache-work-\(index)") { [self] in run() }
            lock.withLock { threads.append(thread) }
        }
    }

    /// Queues `job`; it runs on some worker thread in FIFO order. Ignored after shutdown.
    func submit(_ job: @escaping Job) {
        lock.lock()
        guard !stopping else {
            lock.unlock()
            return
        }
        jobs.append(job)
        lock.unlock()
        available.signal()
    }

    /// Stops the workers once the running jobs return; queued jobs are dropped (their
    /// connections are already closed when this is called).
    func shutdown() {
        lock.withLock {
            stopping = true
            jobs.removeAll()
            head = 0
        }
        available.broadcast()
    }

    /// Blocks until every worker thread has exited.
    func join() {
        let all = lock.withLock { threads }
        for thread in all { PosixThread.join(thread) }
    }

    private func run() {
        while true {
            lock.lock()
            while head == jobs.count && !stopping { available.wait(lock) }
            if head == jobs.count {
                lock.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            lock.unlock()
            job()
        }
    }
}
