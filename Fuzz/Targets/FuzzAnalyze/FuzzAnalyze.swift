import AttacheCore
import AttacheJSON
import AttacheModel

// libFuzzer target: the tokenizer on raw bytes, then the whole analysis (sentences, gazetteer,
// names, linking, events, dates) on the text those bytes decode to.
//
// Oracles: tokens are non-empty, ordered, non-overlapping and inside the text; every mention's
// code-point range lies inside its field; every sentence span lies inside the text; the
// analysis JSON reads back as the same analysis.

private let analyzer: Analyzer = {
    do {
        return Analyzer(knowledgeBase: try KnowledgeBase.load())
    } catch {
        fatalError("fuzz: cannot load the knowledge base: \(error)")
    }
}()

private let tokenizer = Tokenizer()

/// libFuzzer calls this once before the first input: the knowledge base loads here, so its load (seconds
/// in an instrumented build on a busy machine) is not charged to the first input's -timeout.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzAnalyzeInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    _ = analyzer
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalyze(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    let tokens = tokenizer.tokenize(buffer)
    var previousEnd: Int32 = 0
    for t in tokens {
        precondition(t.start >= previousEnd && t.start < t.end && Int(t.end) <= size,
                     "token \(t.start)..<\(t.end) after \(previousEnd) in \(size) bytes")
        previousEnd = t.end
    }

    // The analyzer takes a String; invalid UTF-8 is repaired the way any caller would.
    let text = String(decoding: buffer, as: UTF8.self)
    let scalars = text.unicodeScalars.count
    let published = size > 0 && data[0] & 1 == 1 ? "2015-12-15" : nil
    let analysis = analyzer.analyze(ArticleInput(id: "fuzz", title: nil, text: text, publishedAt: published))
    for s in analysis.sentences {
        precondition(s.start >= 0 && s.start <= s.end && s.end <= max(scalars, text.utf8.count), "sentence \(s.start)..<\(s.end)")
    }
    for e in analysis.entities {
        for m in e.mentions where m.field == .text {
            precondition(m.start >= 0 && m.start < m.end && m.end <= scalars,
                         "mention \(m.start)..<\(m.end) '\(m.text)' outside \(scalars) scalars")
        }
    }
    let json = analysis.jsonBytes(includeSentences: true)
    do {
        let readBack = try Analysis(json: JSONReader.parse(json))
        precondition(readBack == analysis, "analysis JSON reads back as another analysis")
    } catch {
        preconditionFailure("analysis JSON does not read back: \(error)")
    }
    return 0
}
