import AttacheDates
import Glibc

// libFuzzer target: the date finder and phrase resolver.
//
// Oracles: expressions are ordered, non-overlapping, inside the text, and their `text` is the
// bytes of their range; every resolved date is a valid calendar date; `resolve` never crashes.
// The reference date comes from the first three bytes, so odd years and leap days are reached.

private let finder = DateFinder()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var reference: CalendarDate?
    var body = UnsafeBufferPointer(start: data, count: size)
    if size >= 3 {
        if data[0] & 0x80 != 0 {
            let year = 1 + (Int(data[0] & 0x7F) << 8 | Int(data[1])) % 9999
            let month = 1 + Int(data[2] >> 4) % 12
            let day = 1 + Int(data[2] & 0x0F) * 2 % 31
            let candidate = CalendarDate(year: year, month: month, day: day)
            reference = candidate.isValid ? candidate : CalendarDate(year: year, month: month, day: 28)
        }
        body = UnsafeBufferPointer(rebasing: body[3...])
    }
    check(finder.find(utf8: body, reference: reference), in: body)
    let phrase = String(decoding: body, as: UTF8.self)
    for tense in [Tense.past, .future, .unknown] {
        if let d = finder.resolve(phrase, reference: reference, tense: tense) {
            precondition(d.isValid, "resolve gave invalid \(d) for '\(phrase.prefix(80))'")
        }
    }
    return 0
}

private func check(_ found: [TemporalExpression], in body: UnsafeBufferPointer<UInt8>) {
    var previousEnd = 0
    for e in found {
        precondition(e.range.lowerBound >= previousEnd && e.range.lowerBound < e.range.upperBound && e.range.upperBound <= body.count,
                     "expression \(e.range) after \(previousEnd) in \(body.count) bytes")
        precondition(Array(e.text.utf8) == Array(UnsafeBufferPointer(rebasing: body[e.range])) || String(validating: body[e.range], as: UTF8.self) == nil,
                     "expression text differs from its range")
        if let d = e.date { precondition(d.isValid, "invalid date \(d) for '\(e.text)'") }
        previousEnd = e.range.upperBound
    }
}
