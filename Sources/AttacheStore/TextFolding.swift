import Foundation

/// Case- and accent-insensitive matching keys, computed in Swift at write time and stored in `*_folded` columns so
/// that both backends compare plain bytes ("Élysée" and "ELYSEE" both fold to "elysee").
enum TextFolding {
    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// A `LIKE … ESCAPE '\'` pattern matching `query` folded, anywhere in the value.
    static func containsPattern(_ query: String) -> String {
        var out = "%"
        for ch in fold(query).unicodeScalars {
            if ch == "%" || ch == "_" || ch == "\\" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(ch)
        }
        out += "%"
        return out
    }
}

extension TextFolding {
    /// Words that an acronym skips even when capitalised in a name ("Organization of the Petroleum Exporting
    /// Countries" is OPEC, not OOTPEC); lowercase function words are skipped anyway.
    static let acronymSkippedWords: Set<String> = ["of", "the", "and", "for", "in", "on", "de", "la", "du", "des"]

    /// The folded acronym of a name of two or more capitalised words ("North Atlantic Treaty Organization" →
    /// "nato", "United States of America" → "usa"), nil when the name has fewer than two such words. Search ranks
    /// an entity whose acronym is the query just after exact matches, so `NATO` finds the alliance even when only
    /// its long name was stored.
    static func acronym(_ name: String) -> String? {
        var initials = ""
        for word in name.split(whereSeparator: { $0 == " " || $0 == "-" }) {
            guard let first = word.first, first.isUppercase, !acronymSkippedWords.contains(word.lowercased()) else { continue }
            initials.append(first)
        }
        return initials.count >= 2 ? fold(initials) : nil
    }

    /// The folded query with its dots removed, so that "U.S." and "US" compare equal in search.
    static func dotless(_ folded: String) -> String {
        folded.replacingOccurrences(of: ".", with: "")
    }

    /// A `LIKE … ESCAPE '\'` pattern matching values that start with `query` folded.
    static func prefixPattern(_ query: String) -> String {
        String(containsPattern(query).dropFirst())
    }
}
