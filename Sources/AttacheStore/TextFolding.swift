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
