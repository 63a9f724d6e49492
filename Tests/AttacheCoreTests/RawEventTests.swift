import AttacheDates
import Testing
@testable import AttacheCore

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
