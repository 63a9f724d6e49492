import AttacheHTTP
import AttacheJSON
import AttacheModel

// libFuzzer target: the JSON reader and the article request decoder.
//
// The decoder's two files (ArticleRequestDecoder.swift, APIError.swift) are symbolic links to the service's
// own: compiled into this target, they are fuzzed without building the rest of AttacheService, the store and
// the engine with instrumentation for them (most of the fuzz build's time when the target linked the service).
//
// Oracles: an error's offset lies within the input; a parsed document written back with
// JSONWriter reads back equal (round trip); the decoder either returns an article with
// non-blank text or a 4xx problem, for JSON and for text/plain bodies, and never crashes.

private let strict: JSONLimits = {
    var l = JSONLimits()
    l.maxDepth = 256
    return l
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let value = try JSONReader.parse(bytes, limits: strict)
        var w = JSONWriter(capacity: size + 16)
        w.value(value)
        do {
            let again = try JSONReader.parse(w.bytes, limits: strict)
            precondition(again == value, "round trip changed the value: \(w.string.prefix(200))")
        } catch {
            preconditionFailure("written JSON does not read back: \(error) in \(w.string.prefix(200))")
        }
    } catch {
        precondition(error.offset >= 0 && error.offset <= size, "error offset \(error.offset) outside \(size) bytes")
        precondition(!error.message.isEmpty, "empty error message")
    }

    for type in ["application/json", "text/plain; charset=utf-8", "application/problem+json"] {
        let request = HTTPRequest(method: "POST", target: "/v1/analyze", headers: ["Content-Type": type], body: bytes)
        do {
            let article = try ArticleRequestDecoder.decode(request)
            precondition(article.text.utf8.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D },
                         "decoder accepted blank text")
            if let id = article.id { precondition(ArticleID.isValid(id), "decoder accepted id \(id)") }
        } catch {
            precondition(error.status == 400 || error.status == 415, "decoder answered \(error.status): \(error.detail)")
        }
    }
    return 0
}
