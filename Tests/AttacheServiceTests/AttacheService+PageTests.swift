import AttacheHTTP
import Foundation
import Testing

@testable import AttacheService

@Suite("Page assets")
struct PageAssetsTests {
    let page = PageAssets.bundled

    @Test func bundledPageShipsItsFiles() {
        for name in ["index.html", "app.js", "app.css", "icon.svg"] {
            #expect(page.assets[name].map { !$0.body.isEmpty } == true, "\(name) is missing or empty")
        }
    }

    /// Every `/page/…` reference in index.html is a shipped file, and nothing is inline (the CSP forbids it).
    @Test func indexReferencesOnlyShippedFilesAndNothingInline() throws {
        let html = String(decoding: try #require(page.assets["index.html"]).body, as: UTF8.self)
        var refs: [String] = []
        for part in html.components(separatedBy: "\"/page/").dropFirst() {
            refs.append(String(part.prefix { $0 != "\"" }))
        }
        #expect(Set(refs) == ["app.js", "app.css", "icon.svg"])
        for ref in refs { #expect(page.assets[ref] != nil, "index.html links \(ref)") }
        #expect(!html.contains("<script>") && !html.contains("<style") && !html.contains(" style="))
        #expect(!html.contains("http://") && !html.contains("https://"), "no CDN or other origin")
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"), ("icon.svg", "image/svg+xml"), ("x.PNG", "image/png"),
        ("README", "application/octet-stream"),
    ])
    func contentTypeByExtension(name: String, type: String) {
        #expect(PageAssets.contentType(forName: name) == type)
    }

    @Test func servesWithSecurityAndCacheHeaders() {
        let r = page.response(for: "index.html", ifNoneMatch: nil)
        #expect(r.status == 200)
        #expect(r.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(r.headers["Content-Security-Policy"] == "default-src 'self'; style-src 'self'; script-src 'self'")
        #expect(r.headers["X-Content-Type-Options"] == "nosniff")
        #expect(r.headers["Cache-Control"] == "no-cache")
        #expect(r.headers["ETag"] == page.assets["index.html"]?.etag)
        #expect(r.body == page.assets["index.html"]?.body)
    }

    @Test func revalidationWithTheETagIs304() throws {
        let etag = try #require(page.assets["app.js"]?.etag)
        for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
            let r = page.response(for: "app.js", ifNoneMatch: header)
            #expect(r.status == 304, "If-None-Match: \(header)")
            #expect(r.body.isEmpty && r.headers["ETag"] == etag)
        }
        #expect(page.response(for: "app.js", ifNoneMatch: "\"0000000000000000\"").status == 200)
    }

    @Test(arguments: ["missing.js", "../Package.swift", "", "index.html/"])
    func unknownNamesAre404Problems(name: String) {
        let r = page.response(for: name, ifNoneMatch: nil)
        #expect(r.status == 404)
        #expect(r.headers["Content-Type"] == "application/problem+json")
    }

    @Test func etagFollowsTheBytes() {
        let a = PageAssets.etag(Array("alert(1)".utf8)), b = PageAssets.etag(Array("alert(2)".utf8))
        #expect(a != b && a.count == 18 && a.hasPrefix("\"") && a.hasSuffix("\""))
        #expect(PageAssets.etag([]) == "\"cbf29ce484222325\"")  // the FNV-1a 64 offset basis
    }

    @Test func routesReachThePage() {
        guard case .found(let route, _) = AttacheService.router.match(method: "GET", path: "/") else {
            Issue.record("GET / has no route")
            return
        }
        #expect(route.pattern == "/")
        guard case .found(let r2, let params) = AttacheService.router.match(method: "HEAD", path: "/page/app.css") else {
            Issue.record("HEAD /page/app.css has no route")
            return
        }
        #expect(r2.pattern == "/page/:file" && params["file"] == "app.css")
    }
}
