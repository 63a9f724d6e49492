import Foundation
import Testing
@testable import AttacheCore
@testable import AttacheDates

/// The date finder reads the event dater's windows from the document's tokens (`DocumentDateTokens`), not
/// from their bytes: for any window, the tokens must be those the date tokenizer makes of the window's bytes.
@Suite struct DocumentDateTokensTests {
    /// Texts where the two tokenizers cut differently, or agree only by the copy's rules.
    static let texts = [
        "Russia's foreign minister met U.S. Secretary of State John Kerry on Tuesday in Geneva.",
        "The allies' talks, held Dec. 15, 2015 at 10:30, ended with a 3.5 percent cut and 20,000 troops.",
        "The US-led coalition said in mid-2014 that the 1990s were over; the G20 met on 2015-12-15.",
        "O'Brien and d'Ivoire's envoy met on Friday in Zürich, Gen. Smith said (as the AP reported).",
        "\u{201C}We will meet next week,\u{201D} Lavrov said \u{2014} a day after the talks\u{2013}which began Monday\u{2013}ended.",
        "Russia \u{2019}s envoy , who arrived on Oct . 7 , said talks would resume \" next month \" .",
        "«Paris» talks ended on\u{00A0}Friday;\tthe summit\u{2009}opened\u{3000}on Monday and\u{000C}closed on Tuesday.",
        "UKRAINE TALKS: Kyiv\u{2010}based officials said the so\u{2011}called truce of 1,234,567,890 hours ended.",
        "Internationally recognised negotiations resumed yesterday\u{0085}after the weekend, said Mr. Li's aide.",
        "He said:\n\nThe meeting on Thursday, March 3 was \"constructive\", and the next is due to take place Sunday.",
        "A 9/11-style attack in 2001-02 and the 2014\u{2013}15 crisis led to the G-7 summit on 4 June.",
        "\u{0001}Odd\u{0002}bytes 12345678901 and x\u{00B0}y or 5\u{2032} in TUESDAY's Last-minute deal.",
    ]

    /// The byte tokenizer's tokens of `windows` (byte ranges), each window after a barrier as the finder reads them.
    func byBytes(_ b: UnsafeBufferPointer<UInt8>, _ windows: [Range<Int>]) -> [DateToken] {
        var out: [DateToken] = []
        for w in windows { DateTokenizer.tokenize(b, range: w, into: &out) }
        return out
    }

    func byDocument(_ b: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ windows: [Range<Int>]) -> [DateToken] {
        var buffer = DateTokenBuffer(capacity: 8)
        for w in windows { DocumentDateTokens.append(w, tokens: tokens, bytes: b, into: &buffer) }
        return buffer.tokens
    }

    static let listedKeys = Set(DateLexiconWord.all.map(\.key))

    /// Equal in every field; the key of a word on no list of the lexicon is only a placeholder.
    func same(_ a: DateToken, _ b: DateToken) -> Bool {
        let keys = Self.listedKeys.contains(a.key) ? a.key == b.key : (a.key == 0) == (b.key == 0)
        return keys && a.start == b.start && a.end == b.end && a.kind == b.kind && a.word == b.word && a.flags == b.flags
            && a.value == b.value && a.digits == b.digits && a.sentence == b.sentence && a.first == b.first
            && a.attached == b.attached && a.newlineBefore == b.newlineBefore
    }

    func check(_ text: String, windows: [Range<Int>], tokens: [Token]) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            let byteWindows = windows.map { Int(tokens[$0.lowerBound].start)..<Int(tokens[$0.upperBound - 1].end) }
            let expected = byBytes(b, byteWindows), got = byDocument(b, tokens, windows)
            #expect(expected.count == got.count, "\(text) \(windows)")
            for (x, y) in zip(expected, got) where !same(x, y) {
                let word = String(decoding: b[x.start..<x.end], as: UTF8.self)
                Issue.record("\(windows) \"\(word)\" at \(x.start): \(x) vs \(y)")
                break
            }
        }
    }

    func tokens(_ text: String) -> [Token] {
        Array(text.utf8).withUnsafeBufferPointer { Tokenizer().tokenize($0) }
    }

    @Test func everyWindowOfTrickyTextReadsAsItsBytes() {
        for text in Self.texts {
            let t = tokens(text)
            // Every window of up to 12 tokens, alone; each start to the end.
            for i in t.indices {
                for j in (i + 1)...min(t.count, i + 12) { check(text, windows: [i..<j], tokens: t) }
                check(text, windows: [i..<t.count], tokens: t)
            }
        }
    }

    @Test func severalWindowsInOneBufferReadAsTheirBytes() {
        for text in Self.texts {
            let t = tokens(text)
            // Windows cut every `step` tokens from `offset`, every third one left out: gaps between windows too.
            for step in 2...7 {
                for offset in 0..<step {
                    let bounds = [0] + Array(stride(from: offset + 1, to: t.count, by: step)) + [t.count]
                    var windows: [Range<Int>] = []
                    for (n, (a, b)) in zip(bounds, bounds.dropFirst()).enumerated() where b > a && n % 3 != 1 { windows.append(a..<b) }
                    if !windows.isEmpty { check(text, windows: windows, tokens: t) }
                }
            }
        }
    }

    /// The dev corpus's sentences, whole, if the shared folder is beside the project.
    @Test(.enabled(if: DevCorpusQualityTests.available, "needs ../shared"))
    func theDevCorpusReadsAsItsBytes() throws {
        let data = try Data(contentsOf: DevCorpusQualityTests.shared.appendingPathComponent("corpus/dev.jsonl"))
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String else { continue }
            var t = tokens(text)
            let sentences = SentenceSplitter().split(&t)
            check(text, windows: sentences.filter { !$0.isEmpty }, tokens: t)
        }
    }

    /// A window's words get their lexicon entries: the copy found them by the document's hash.
    @Test func listedWordsKeepTheirMeaning() {
        let text = "Talks resumed last Tuesday, two weeks ago, and will end next March."
        let t = tokens(text)
        Array(text.utf8).withUnsafeBufferPointer { b in
            let got = byDocument(b, t, [0..<t.count])
            let words = got.map { String(decoding: b[$0.start..<$0.end], as: UTF8.self) }
            #expect(got[words.firstIndex(of: "Tuesday")!].word == .weekday(2))
            #expect(got[words.firstIndex(of: "March")!].word == .month(3))
            #expect(got[words.firstIndex(of: "weeks")!].word == .unit(.week))
            #expect(got[words.firstIndex(of: "will")!].flags.contains(.futureCue))
            #expect(got[words.firstIndex(of: "Talks")!].word == nil)
        }
    }
}
