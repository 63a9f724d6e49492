import Glibc
import Testing
@testable import AttacheHTTP

/// Deterministic pseudo-random numbers (SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RobustnessTests {
    /// Mutated valid requests never crash the parser, and feeding them byte by byte gives the
    /// same verdict as feeding them whole.
    @Test func mutatedRequestsParseConsistently() {
        var random = SplitMix64(state: 42)
        let interesting: [UInt8] = [0, 9, 10, 13, 32, 58, 127, 255, UInt8(ascii: ","), UInt8(ascii: "0")]
        for round in 0..<3000 {
            var bytes = validCases[round % validCases.count].raw
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = interesting.randomElement(using: &random)!
                case 1: bytes.remove(at: position)
                default: bytes.insert(interesting.randomElement(using: &random)!, at: position)
                }
                if bytes.isEmpty { bytes = [0] }
            }
            let whole = HTTPRequestParser.parse(bytes, limits: testLimits)
            let (dripped, _) = parseDripping(bytes)
            switch (whole, dripped) {
            case (.complete(_, let a), .complete(_, let b)):
                #expect(a == b)
            case (.invalid(let a), .invalid(let b)):
                #expect(a.status == b.status, "\(bytes)")
            case (.incomplete, .incomplete):
                break
            default:
                Issue.record("whole \(whole) vs dripped \(dripped) for \(bytes)")
            }
        }
    }

    /// Garbage on many connections neither crashes nor wedges the server.
    @Test func garbageDoesNotHurtTheServer() throws {
        try withServer { server in
            var random = SplitMix64(state: 7)
            for _ in 0..<40 {
                let client = try TestClient(port: server.port, timeout: 2)
                let garbage = (0..<Int.random(in: 1...3000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                try? client.send(garbage)
                _ = try? client.readResponse()
            }
            let client = try TestClient(port: server.port)
            try client.send("GET /alive HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().headers["X-Target"] == "/alive")
        }
    }
}
