import AttacheJSON

extension Analysis {
    /// The API's JSON for this analysis, written straight into bytes (no Codable: it is the hot path).
    /// `score.py` reads this shape.
    public func writeJSON(into w: inout JSONWriter, includeSentences: Bool = false) {
        w.beginObject()
        w.key("article")
        w.beginObject()
        w.field("id", article.id)
        w.field("title", article.title)
        w.field("publishedAt", article.publishedAt)
        w.field("source", article.source)
        w.field("dateline", article.dateline)
        w.field("length", article.length)
        w.field("wordCount", article.wordCount)
        w.endObject()
        // Top-level id too, so JSON Lines output is keyed like the gold.
        w.field("id", article.id)
        w.key("entities")
        w.beginArray()
        for e in entities { e.writeJSON(into: &w) }
        w.endArray()
        w.key("events")
        w.beginArray()
        for e in events { e.writeJSON(into: &w) }
        w.endArray()
        if includeSentences {
            w.key("sentences")
            w.beginArray()
            for s in sentences {
                w.beginObject()
                w.field("start", s.start)
                w.field("end", s.end)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    public func jsonBytes(includeSentences: Bool = false) -> [UInt8] {
        var w = JSONWriter(capacity: 4096 + entities.count * 256)
        writeJSON(into: &w, includeSentences: includeSentences)
        return w.bytes
    }
}

extension Entity {
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("type", type.rawValue)
        w.field("name", name)
        w.field("iso2", iso2)
        w.field("iso3", iso3)
        w.field("country", country)
        w.field("geonamesId", geonamesId)
        w.field("latitude", latitude)
        w.field("longitude", longitude)
        w.field("source", source.rawValue)
        w.field("salience", salience)
        w.field("confidence", confidence)
        w.key("roles")
        w.beginArray()
        for r in roles { w.string(r) }
        w.endArray()
        w.key("mentions")
        w.beginArray()
        for m in mentions {
            w.beginObject()
            w.field("start", m.start)
            w.field("end", m.end)
            w.field("text", m.text)
            if m.field == .title { w.field("field", "title") } else { w.field("sentence", m.sentence) }
            w.field("kind", m.kind.rawValue)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

extension Event {
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("id", id)
        w.field("type", type.rawValue)
        w.field("cameo", cameo)
        w.key("trigger")
        w.beginObject()
        w.field("text", trigger)
        w.field("start", triggerSpan.start)
        w.field("end", triggerSpan.end)
        w.endObject()
        w.key("sentence")
        w.beginObject()
        w.field("index", sentence)
        w.field("start", sentenceSpan.start)
        w.field("end", sentenceSpan.end)
        w.endObject()
        w.key("participants")
        w.beginArray()
        for p in participants {
            w.beginObject()
            w.field("entity", p.entity)
            w.field("role", p.role.rawValue)
            w.endObject()
        }
        w.endArray()
        w.field("location", location)
        w.field("date", date)
        w.field("dateText", dateText)
        w.field("dateSource", dateSource?.rawValue)
        w.field("status", status.rawValue)
        w.field("negated", negated)
        w.endObject()
    }
}
