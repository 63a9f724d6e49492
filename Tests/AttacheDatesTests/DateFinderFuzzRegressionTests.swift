import Testing
@testable import AttacheDates

/// Inputs found by the libFuzzer target `Fuzz/Targets/FuzzDates.swift` (`scripts/ci/fuzz.sh 30 dates`),
/// kept as regression tests of the two bugs it found (both fixed).
@Suite struct DateFinderFuzzRegressionTests {
    static let reference = CalendarDate(year: 2015, month: 12, day: 15)

    /// `DateScanner.yearContext` looks two tokens back for a list ("2014, 2015", "2014 and 2015",
    /// "from 2014 to 2016") with `number(p - 1, …)`; when the year's previous token is the first
    /// token (p == 0), `number(-1, …)` passes its `i < tokens.count` guard and reads `tokens[-1]`:
    /// Swift traps (index out of range), so an article that begins "And 2015 …" kills the process.
    /// Oracle: a neutral word in front must not change which expressions are found.
    @Test(arguments: ["And 2015 was a hard year.", ", 2014 and 2015", "- 2014 onwards", "or 2016", "to 2017 and beyond"])
    func yearAfterALeadingListWordRegression(_ text: String) {
        let found = DateFinder().find(in: text, reference: Self.reference).map(\.text)
        let shifted = DateFinder().find(in: "Then " + text, reference: Self.reference).map(\.text)
        #expect(found == shifted)
    }

    /// The same list look-back one token later is fine today: guards the oracle above.
    @Test(arguments: ["Then and 2015 was a hard year.", "Talks, 2014 and 2015", "Then or 2016"])
    func yearAfterAListWordLaterInTheTextRegression(_ text: String) {
        let found = DateFinder().find(in: text, reference: Self.reference)
        #expect(found.allSatisfy { $0.range.upperBound <= text.utf8.count })
    }

    /// `DateTokenizer.tokenize`: a buffer ending in E2 80 or E2 81 (a U+2000…U+207F character cut
    /// after two bytes) skips the punctuation branch (`i + 2 < n` fails), enters the word branch,
    /// whose loop breaks at once on E2 80, and appends an empty token without advancing `i`:
    /// an endless loop that allocates until the process dies (2 GB in under a second under ASan).
    /// Reachable through the public `find(utf8:reference:)` with any byte buffer (a body cut at a
    /// buffer boundary, a truncated field). Oracle: trailing junk changes nothing found before it.
    @Test(.timeLimit(.minutes(1)), arguments: [[0xE2, 0x80], [0xE2, 0x81]] as [[UInt8]])
    func truncatedPunctuationAtTheEndRegression(_ tail: [UInt8]) {
        let text = Array("Talks resume on Monday, officials said ".utf8)
        let clean = text.withUnsafeBufferPointer { DateFinder().find(utf8: $0, reference: Self.reference) }
        let cut = (text + tail).withUnsafeBufferPointer { DateFinder().find(utf8: $0, reference: Self.reference) }
        #expect(cut.map(\.text) == clean.map(\.text))
        #expect(cut.map(\.date) == clean.map(\.date))
    }

    /// The complete three-byte character, and a lone E2 at the end, are handled today.
    @Test(arguments: [[0xE2, 0x80, 0x94], [0xE2], [0xE2, 0x82]] as [[UInt8]])
    func completeOrOtherTrailingBytesRegression(_ tail: [UInt8]) {
        let text = Array("Talks resume on Monday, officials said ".utf8)
        let clean = text.withUnsafeBufferPointer { DateFinder().find(utf8: $0, reference: Self.reference) }
        let cut = (text + tail).withUnsafeBufferPointer { DateFinder().find(utf8: $0, reference: Self.reference) }
        #expect(cut.map(\.text) == clean.map(\.text))
    }
}
