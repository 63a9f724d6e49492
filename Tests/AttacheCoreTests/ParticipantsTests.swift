import Testing
import AttacheDates
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
}

@Suite struct RawEventStorageTests {
    @Test func datesAndRangesRoundTripThroughTheCompactFields() {
        var e = RawEvent(type: .agree, trigger: 12..<14, sentence: 3, participants: [], location: .kb(7),
                         date: nil, dateBytes: nil, dateSource: nil, status: .occurred, negated: false)
        #expect(e.trigger == 12..<14 && e.sentence == 3 && e.date == nil && e.dateBytes == nil && e.deferred == nil)
        for d in [CalendarDate(year: 2015, month: 12, day: 15), CalendarDate(year: 2015, month: 2),
                  CalendarDate(year: 1964), CalendarDate(decade: 1990), CalendarDate(year: -44, month: 3, day: 15)] {
            e.date = d
            #expect(e.date == d)
            e.deferred = (d, 5..<9)
            #expect(e.deferred?.date == d && e.deferred?.bytes == 5..<9)
        }
        e.deferred = (CalendarDate(year: 2011, month: 3), nil)
        #expect(e.deferred?.bytes == nil)
        e.dateBytes = 0..<0
        #expect(e.dateBytes == 0..<0)
        e.date = nil
        e.deferred = nil
        #expect(e.date == nil && e.deferred == nil)
        #expect(MemoryLayout<RawEvent>.stride <= 184)
    }
}
