import AttacheHTTP
import Foundation

/// The browser page (`GET /` and `GET /page/:file`): a few static files shipped with the binary as
/// resources, read once and served from memory.
///
/// Every asset goes out with `Cache-Control: no-cache` (the browser revalidates, so a new binary's page
/// shows at once) and a strong ETag, so a revalidation with a matching `If-None-Match` costs a 304 and no
/// body. The Content-Security-Policy allows only this origin's scripts and styles: the page has no inline
/// script or style, and nothing is loaded from elsewhere.
struct PageAssets: Sendable {
    /// One file, ready to send.
    struct Asset: Sendable {
        var body: [UInt8]
        var contentType: String
        /// A strong validator: `"` + FNV-1a 64 of the body in hex + `"`.
        var etag: String
    }

    /// Sent with every asset (and with its 304).
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    /// Files by name ("index.html", "app.js").
    let assets: [String: Asset]

    /// The page shipped in the module's resources, read on first use and kept for the life of the process.
    static let bundled: PageAssets = {
        guard let dir = Bundle.module.url(forResource: "page", withExtension: nil) else { return PageAssets(assets: [:]) }
        return PageAssets(directory: dir)
    }()

    init(assets: [String: Asset]) {
        self.assets = assets
    }

    /// Reads every regular file directly inside `directory`; unreadable files are skipped (they answer 404).
    init(directory: URL) {
        var out: [String: Asset] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            out[name] = Self.asset(Array(data), name: name)
        }
        assets = out
    }

    static func asset(_ body: [UInt8], name: String) -> Asset {
        Asset(body: body, contentType: contentType(forName: name), etag: etag(body))
    }

    /// The media type by file extension; unknown extensions are `application/octet-stream`.
    static func contentType(forName name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "json": return "application/json"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// FNV-1a 64 over the bytes: not a security hash, only a cheap validator that changes with the file.
    static func etag(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// The response for `name`: 200 with the file, 304 when `ifNoneMatch` lists its ETag (or is `*`),
    /// 404 problem when there is no such file.
    func response(for name: String, ifNoneMatch: String?) -> HTTPResponse {
        guard let asset = assets[name] else {
            return APIError.notFound("no page asset named \(name.prefix(100))").response
        }
        var h = HTTPHeaders()
        h.add("ETag", asset.etag)
        h.add("Cache-Control", "no-cache")
        for (name, value) in Self.securityHeaders { h.add(name, value) }
        if let ifNoneMatch, Self.matches(ifNoneMatch, etag: asset.etag) {
            return HTTPResponse(status: 304, headers: h)
        }
        h.add("Content-Type", asset.contentType)
        return HTTPResponse(status: 200, headers: h, body: asset.body)
    }

    /// `If-None-Match` (RFC 9110 §13.1.2): `*` or a comma-separated list of entity tags, compared weakly.
    static func matches(_ header: String, etag: String) -> Bool {
        for raw in header.split(separator: ",") {
            var tag = raw.trimmingSpaces
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = String(tag.dropFirst(2)) }
            if tag == etag { return true }
        }
        return false
    }
}

extension AttacheService {
    /// Serves one page asset by file name; see ``PageAssets``.
    func page(_ file: String, _ c: RequestContext) -> HTTPResponse {
        PageAssets.bundled.response(for: file, ifNoneMatch: c.request.headers["If-None-Match"])
    }
}
