@testable import AttacheCore
import AttacheDates
import AttacheModel
import Testing

@Suite struct EventsMergerTests {
    static let russia = EntityRef.kb(0), turkey = EntityRef.kb(1), iran = EntityRef.kb(2), geneva = EntityRef.kb(3)

    static func event(_ type: EventType, sentence: Int, _ participants: [(EntityRef, ParticipantRole)], location: EntityRef? = nil,
                      date: String? = nil, source: DateSource? = .text, anaphoric: Bool = false) -> RawEvent {
        var e = RawEvent(type: type, trigger: sentence * 10..<(sentence * 10 + 1), sentence: sentence, participants: [],
                         location: location, date: date.flatMap(CalendarDate.parse), dateBytes: nil, dateSource: date == nil ? nil : source,
                         status: .occurred, negated: false)
        for (r, role) in participants { e.add(r, role) }
        e.anaphoric = anaphoric
        return e
    }

    @Test func oneMeetingToldTwiceIsOneEvent() {
        let merged = EventMerger().merge([
            Self.event(.consult, sentence: 0, [(Self.russia, .source), (Self.turkey, .target)], date: "2015-12-14"),
            Self.event(.consult, sentence: 2, [(Self.turkey, .participant)], location: Self.geneva),
        ])
        #expect(merged.count == 1)
        #expect(merged[0].location == Self.geneva)
        #expect(merged[0].participants.map(\.ref) == [Self.russia, Self.turkey])
        #expect(merged[0].date == CalendarDate(year: 2015, month: 12, day: 14))
    }

    @Test func differentTypesOrDatesStayApart() {
        let merged = EventMerger().merge([
            Self.event(.consult, sentence: 0, [(Self.russia, .source)], date: "2015-12-14"),
            Self.event(.agree, sentence: 1, [(Self.russia, .source)], date: "2015-12-14"),
            Self.event(.consult, sentence: 2, [(Self.russia, .source)], date: "2015-06"),
        ])
        #expect(merged.map(\.type) == [.consult, .agree, .consult])
    }

    @Test func aFallbackDateDoesNotKeepMentionsApart() {
        let merged = EventMerger().merge([
            Self.event(.consult, sentence: 0, [(Self.russia, .source)], date: "2015-12-14"),
            Self.event(.consult, sentence: 1, [(Self.russia, .source)], date: "2015-12-10", source: .published),
        ])
        #expect(merged.count == 1)
        #expect(merged[0].dateSource == .text)
    }

    @Test func differentActorsDoingTheSameAreTwoEvents() {
        let merged = EventMerger().merge([
            Self.event(.sanction, sentence: 0, [(Self.russia, .source), (Self.iran, .target)]),
            Self.event(.sanction, sentence: 1, [(Self.turkey, .source), (Self.iran, .target)]),
        ])
        #expect(merged.count == 2)
    }

    @Test func aDefiniteNounRefersBackWithoutASharedParticipant() {
        let events = [
            Self.event(.agree, sentence: 0, [(Self.russia, .source), (Self.turkey, .source)]),
            Self.event(.agree, sentence: 3, [(Self.iran, .target)], anaphoric: true),
            Self.event(.agree, sentence: 4, [(Self.iran, .source)]),
        ]
        let merged = EventMerger().merge(events)
        #expect(merged.count == 2)
        #expect(merged[0].participants.map(\.ref).contains(Self.iran))
    }

    @Test func aSourceIsNotDemotedByALaterMention() {
        var e = Self.event(.accuse, sentence: 0, [(Self.russia, .source)])
        e.add(Self.russia, .target)
        e.add(Self.turkey, .participant)
        e.add(Self.turkey, .target)
        #expect(e.participants.map(\.role) == [.source, .target])
    }
}
