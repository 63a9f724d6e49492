import Testing
@testable import AttacheCore

@Suite struct ParticipantsTests {
    @Test func addKeepsEachReferenceOnceAndNeverDemotesASource() {
        var p = Participants()
        p.add(.kb(3), .participant)
        p.add(.local(0), .target)
        p.add(.kb(3), .source)          // a participant is upgraded
        p.add(.kb(3), .target)          // a source is not demoted
        p.add(.local(0), .participant)  // nor is a target
        #expect(p.count == 2)
        #expect(p.map(\.ref) == [.kb(3), .local(0)])
        #expect(p.map(\.role) == [.source, .target])
    }

    @Test func knowledgeBaseAndLocalReferencesStayApart() {
        var p = Participants()
        for i in Int32(0)..<4 { p.add(.kb(i), .source); p.add(.local(i), .target) }
        #expect(p.count == 8)
        #expect(p.filter { $0.role == .source }.map(\.ref) == [.kb(0), .kb(1), .kb(2), .kb(3)])
        #expect(p.filter { $0.role == .target }.map(\.ref) == [.local(0), .local(1), .local(2), .local(3)])
        #expect(p[7].ref == .local(3))
    }

    @Test func beyondCapacityFurtherParticipantsAreDropped() {
        var p = Participants()
        for i in 0..<(Participants.capacity + 5) { p.add(.kb(Int32(i)), .participant) }
        #expect(p.count == Participants.capacity)
        #expect(p[Participants.capacity - 1].ref == .kb(Int32(Participants.capacity - 1)))
        p.add(.kb(0), .source)          // still upgrades one already held
        #expect(p[0].role == .source)
    }

    @Test func sourcesBecomeCoParticipantsAfterBetween() {
        var p: Participants = [(.kb(1), .source), (.kb(2), .target), (.kb(3), .source)]
        p.makeSourcesParticipants()
        #expect(p.map(\.role) == [.participant, .target, .participant])
        #expect(Participants().isEmpty && !p.isEmpty)
    }

    @Test func replaceRoleChangesOnlyThatRole() {
        var p: Participants = [(.kb(1), .source), (.kb(2), .target), (.local(0), .source), (.kb(4), .participant)]
        p.replaceRole(.source, with: .target)
        #expect(p.map(\.role) == [.target, .target, .target, .participant])
        #expect(p.map(\.ref) == [.kb(1), .kb(2), .local(0), .kb(4)])
    }
}
