import AttacheHTTP

// libFuzzer target: the request-head parser and the chunked decoder, with differential oracles.
//
// 1. Parsing the whole input must give the same answer as the server's incremental use: parse a
//    prefix, get `.incomplete`, parse again with `previousLength` (the slowloris shortcut).
// 2. A complete head's length is within the input, and framing agrees with the headers.
// 3. The chunked decoder fed the rest of the input in one piece and in three pieces (split at
//    points chosen by the input) must agree on body bytes and outcome, never exceed its limit,
//    and never claim to consume more than it was given.

private let limits = HTTPParserLimits(maxHeadBytes: 4096, maxHeaderCount: 32, maxBodyBytes: 1 << 16)

private func summary(_ r: HTTPParseResult) -> String {
    switch r {
    case .incomplete: return "incomplete"
    case .invalid(let e): return "invalid \(e.status) \(e.detail)"
    case .complete(let head, let n):
        let h = head.headers.map { "\($0.name)=\($0.value)" }.joined(separator: "|")
        return "complete \(n) \(head.method) \(head.target) \(head.path) \(head.query ?? "-") \(head.version) \(head.framing) \(head.keepAlive) \(head.expectsContinue) \(h)"
    }
}

private func decodeChunked(_ bytes: UnsafeRawBufferPointer, splits: [Int], maxBody: Int) -> (String, [UInt8]) {
    var decoder = ChunkedDecoder(maxBodyBytes: maxBody, maxLineBytes: 64, maxTrailerBytes: 256)
    var body: [UInt8] = []
    var start = 0
    for end in splits + [bytes.count] where end >= start {
        let piece = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        let r = decoder.decode(piece, into: &body)
        precondition(body.count <= maxBody, "chunked body grew past its limit")
        precondition(decoder.decodedBytes >= body.count - 0, "decodedBytes below body bytes")
        switch r {
        case .incomplete:
            start = end
        case .complete(let consumed):
            precondition(consumed >= 0 && consumed <= piece.count, "consumed \(consumed) of \(piece.count)")
            return ("complete \(start + consumed)", body)
        case .invalid(let e):
            return ("invalid \(e.status)", body)
        }
    }
    return ("incomplete", body)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let whole = HTTPRequestParser.parse(input, limits: limits)
    let wholeText = summary(whole)

    // Incremental parsing as the server does it, at a split chosen by the first byte.
    if size > 2 {
        let cut = 1 + Int(data[0]) * (size - 1) / 256
        let first = HTTPRequestParser.parse(UnsafeRawBufferPointer(rebasing: input[..<cut]), limits: limits)
        if case .incomplete = first {
            let again = HTTPRequestParser.parse(input, limits: limits, previousLength: cut)
            precondition(summary(again) == wholeText, "incremental parse differs:\n  \(summary(again))\n  \(wholeText)")
        }
    }

    var rest = input
    if case .complete(let head, let n) = whole {
        precondition(n > 0 && n <= size, "head length \(n) outside input of \(size)")
        precondition(head.path.utf8.first == UInt8(ascii: "/") || head.path == "*", "path \(head.path)")
        if case .contentLength(let len) = head.framing {
            precondition(len > 0 && len <= limits.maxBodyBytes, "content length \(len)")
        }
        rest = UnsafeRawBufferPointer(rebasing: input[n...])
    }

    // The chunked decoder on the remainder (or on the whole input when the head was not
    // complete), in one piece and in three.
    let maxBody = 1 << 12
    let (oneText, oneBody) = decodeChunked(rest, splits: [], maxBody: maxBody)
    if rest.count >= 2 {
        let a = Int(data[size - 1]) % rest.count, b = Int(data[size / 2]) % rest.count
        let (threeText, threeBody) = decodeChunked(rest, splits: [min(a, b), max(a, b)], maxBody: maxBody)
        precondition(threeText == oneText, "split chunked decode differs: \(threeText) vs \(oneText)")
        if !oneText.hasPrefix("invalid") {
            precondition(threeBody == oneBody, "split chunked decode body differs")
        }
    }
    return 0
}
