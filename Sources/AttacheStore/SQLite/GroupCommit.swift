import Foundation

/// Group commit: concurrent single-article puts share one write transaction, so that one fsync makes many
/// articles durable (SQLite has one writer, and with `synchronous = FULL` each COMMIT costs an fsync).
///
/// The first caller to find no group being written becomes the leader: it waits up to `window` for more callers
/// (stopping early once `maxArticles` are queued), takes the queued articles, runs `commit` on them, and hands
/// each caller its own result. Callers that arrive while a group is being written queue for the next one. Nobody
/// returns before the COMMIT of its group has returned, so an acknowledged article is durable.
///
/// `@unchecked Sendable`: the queue and the tickets' results are read and written only under `condition`.
final class GroupCommit<Write, Outcome>: @unchecked Sendable {
    /// Writes one group in one transaction: one result per write, in order; throws when the whole group failed.
    typealias Commit = ([Write]) throws(StoreError) -> [Result<Outcome, StoreError>]

    private final class Ticket {
        let write: Write
        var result: Result<Outcome, StoreError>?
        init(_ write: Write) { self.write = write }
    }

    let limits: GroupCommitLimits
    private let commit: Commit
    private let condition = NSCondition()
    private var queue: [Ticket] = []
    private var leading = false
    private var groupsCommitted = 0

    init(limits: GroupCommitLimits, commit: @escaping Commit) {
        precondition(limits.maxArticles > 0, "a group holds at least one article")
        self.limits = limits
        self.commit = commit
    }

    /// Queues `write`, takes part in writing groups until its own is committed, and returns its result.
    func submit(_ write: Write) throws(StoreError) -> Outcome {
        let ticket = Ticket(write)
        condition.lock()
        queue.append(ticket)
        // A leader collecting its window waits for exactly this.
        condition.broadcast()
        while ticket.result == nil {
            if leading {
                condition.wait()
                continue
            }
            leading = true
            let group = takeGroup()
            condition.unlock()
            let results: [Result<Outcome, StoreError>]
            do {
                results = try commit(group.map(\.write))
            } catch {
                results = Array(repeating: .failure(error), count: group.count)
            }
            condition.lock()
            for (t, r) in zip(group, results) { t.result = r }
            groupsCommitted += 1
            leading = false
            condition.broadcast()
        }
        condition.unlock()
        return try ticket.result!.get()
    }

    /// Waits out the window (or until the group is full) and dequeues the group, oldest first. Called with
    /// `condition` locked; `wait(until:)` lets other callers queue meanwhile.
    private func takeGroup() -> [Ticket] {
        if limits.windowMilliseconds > 0 {
            let deadline = Date(timeIntervalSinceNow: Double(limits.windowMilliseconds) / 1000)
            while queue.count < limits.maxArticles && condition.wait(until: deadline) {}
        }
        let group = Array(queue.prefix(limits.maxArticles))
        queue.removeFirst(group.count)
        return group
    }

    /// Transactions written so far (tests check that concurrent puts shared them).
    var groupCount: Int { condition.withLock { groupsCommitted } }
}

/// How `GroupCommit` forms a group.
public struct GroupCommitLimits: Sendable {
    /// Most articles in one transaction (default 64): bounds how long a caller waits behind others.
    public var maxArticles: Int = Self.defaultMaxArticles
    /// How long a leader waits for more articles before writing, in milliseconds (default 2); 0 writes at once
    /// what is queued. Small next to an fsync, so a lone writer barely notices it.
    public var windowMilliseconds: Int = Self.defaultWindowMilliseconds

    public static let defaultMaxArticles = 64
    public static let defaultWindowMilliseconds = 2

    public init() {}
}
