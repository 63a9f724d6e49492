import Glibc

/// A thin wrapper over one epoll instance (level-triggered).
///
/// `struct epoll_event` is packed on x86_64 (12 bytes, data at offset 4) and naturally
/// aligned elsewhere (16 bytes, data at 8); it is read and written as raw bytes here
/// because Glibc's module map does not export it.
struct Epoll {
    static let input: UInt32 = 0x001      // EPOLLIN
    static let output: UInt32 = 0x004     // EPOLLOUT
    static let error: UInt32 = 0x008      // EPOLLERR
    static let hangUp: UInt32 = 0x010     // EPOLLHUP

    #if arch(x86_64)
    static let eventSize = 12, dataOffset = 4
    #else
    static let eventSize = 16, dataOffset = 8
    #endif

    let fd: Int32

    init() throws {
        fd = Sys.epollCreate1(Sys.closeOnExec)
        guard fd >= 0 else { throw SocketError(operation: "epoll_create1") }
    }

    func add(_ target: Int32, events: UInt32, data: UInt64) -> Bool { control(1, target, events, data) }
    func modify(_ target: Int32, events: UInt32, data: UInt64) -> Bool { control(3, target, events, data) }
    func remove(_ target: Int32) { _ = control(2, target, 0, 0) }

    private func control(_ op: Int32, _ target: Int32, _ events: UInt32, _ data: UInt64) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { raw in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: data, toByteOffset: Self.dataOffset, as: UInt64.self)
            return Sys.epollCtl(fd, op, target, raw.baseAddress) == 0
        }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever); returns the number of ready events or -1.
    func wait(_ buffer: EventBuffer, timeoutMilliseconds: Int32) -> Int {
        Int(Sys.epollWait(fd, buffer.raw.baseAddress, Int32(buffer.capacity), timeoutMilliseconds))
    }

    func close() { _ = Glibc.close(fd) }

    /// Storage for the events returned by one `epoll_wait`.
    final class EventBuffer {
        let capacity: Int
        let raw: UnsafeMutableRawBufferPointer

        init(capacity: Int) {
            self.capacity = capacity
            raw = .allocate(byteCount: capacity * Epoll.eventSize, alignment: 8)
        }

        deinit { raw.deallocate() }

        func events(_ index: Int) -> UInt32 {
            raw.loadUnaligned(fromByteOffset: index * Epoll.eventSize, as: UInt32.self)
        }

        func data(_ index: Int) -> UInt64 {
            raw.loadUnaligned(fromByteOffset: index * Epoll.eventSize + Epoll.dataOffset, as: UInt64.self)
        }
    }
}
