import Testing
@testable import AttacheDates

/// `find(utf8:windows:...)` reads several windows of one text in one call; each must read as if alone.
@Suite struct DateFinderWindowsTests {
    static let text = """
        Russia and Turkey met on Tuesday in Sochi. The talks, which began in March 2011, ended. \
        Officials said on Dec. 18 that the truce would start next week, a day after the 1990s ended. \
        He will visit Paris on Friday December 18 and leave in three days. The war began on 2015-12-01
        """
    static let reference = CalendarDate(year: 2015, month: 12, day: 15)

    /// Every sentence of `text` as a byte range (split after ". ").
    static func sentences(_ b: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = [], start = 0
        for i in 0..<(b.count - 1) where b[i] == UInt8(ascii: ".") && b[i + 1] == UInt8(ascii: " ") {
            out.append(start..<(i + 1))
            start = i + 2
        }
        out.append(start..<b.count)
        return out
    }

    @Test(arguments: [[0, 1, 2, 3, 4], [1, 3], [0, 2, 4], [4], [0, 1]])
    func windowsReadAsIfAlone(_ pick: [Int]) {
        let b = Array(Self.text.utf8)
        let all = Self.sentences(b)
        let windows = pick.map { all[$0] }
        let finder = DateFinder()
        b.withUnsafeBufferPointer { p in
            let batched = finder.find(utf8: p, windows: windows, reference: Self.reference, withText: true)
            var alone: [TemporalExpression] = []
            for w in windows {
                for e in finder.find(utf8: UnsafeBufferPointer(rebasing: p[w]), reference: Self.reference) {
                    alone.append(TemporalExpression(range: (e.range.lowerBound + w.lowerBound)..<(e.range.upperBound + w.lowerBound),
                                                    text: e.text, date: e.date, isRelative: e.isRelative, isDuration: e.isDuration))
                }
            }
            #expect(!alone.isEmpty)
            #expect(batched == alone)
        }
    }

    @Test func noPatternCrossesTwoWindows() {
        // "December" ends one window and "18" opens the next: no "December 18".
        let b = Array("They met in December 18 delegates came".utf8)
        let finder = DateFinder()
        b.withUnsafeBufferPointer { p in
            let split = finder.find(utf8: p, windows: [0..<20, 21..<b.count], reference: Self.reference, withText: true)
            #expect(split.map(\.text) == ["December"])
            let whole = finder.find(utf8: p, windows: [0..<b.count], reference: Self.reference, withText: true)
            #expect(whole.map(\.text) == ["December 18"])
        }
    }
}
