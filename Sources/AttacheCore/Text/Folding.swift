/// Case and accent folding of words for dictionary keys.
///
/// Keys are compared as 64-bit hashes of the folded UTF-8 bytes, so the hot path never builds a `String`:
/// ASCII is lower-cased byte by byte, Latin letters with diacritics map to their base letters through a table,
/// and other scalars are lower-cased. "Erdoğan", "ERDOGAN" and "erdogan" give the same key.
public enum Folding {
    /// FNV-1a offset basis; the hash of the empty key.
    public static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func mix(_ h: UInt64, _ b: UInt8) -> UInt64 {
        (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
    }

    /// Folds the UTF-8 bytes `bytes[range]` and hashes them; returns the hash.
    /// Apostrophes (' and U+2019) fold to "'"; dots are kept ("u.s."); hyphens are kept.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h = emptyHash
        var i = start
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                h = mix(h, (b >= 65 && b <= 90) ? b | 0x20 : b)
                i += 1
                continue
            }
            let (scalar, len) = UTF8Scan.decode(bytes, i, end)
            i += len
            h = foldScalar(scalar, into: h)
        }
        return h
    }

    /// Hash of a folded Swift string (used when building the dictionary; not on the hot path).
    public static func hash(_ s: some StringProtocol) -> UInt64 {
        var h = emptyHash
        for scalar in s.unicodeScalars {
            if scalar.value < 0x80 {
                let b = UInt8(scalar.value)
                h = mix(h, (b >= 65 && b <= 90) ? b | 0x20 : b)
            } else {
                h = foldScalar(scalar.value, into: h)
            }
        }
        return h
    }

    /// The folded form as a string (for ids, slugs and debugging).
    public static func fold(_ s: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            if scalar.value < 0x80 {
                let b = UInt8(scalar.value)
                out.unicodeScalars.append(Unicode.Scalar((b >= 65 && b <= 90) ? b | 0x20 : b))
            } else if let base = latinBase(scalar.value) {
                out += base
            } else if scalar.value == 0x2019 || scalar.value == 0x2018 || scalar.value == 0x02BC {
                out += "'"
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                out += scalar.properties.lowercaseMapping
            }
        }
        return out
    }

    @inline(__always)
    static func foldScalar(_ v: UInt32, into hash: UInt64) -> UInt64 {
        var h = hash
        if let base = latinBase(v) {
            for b in base.utf8 { h = mix(h, b) }
            return h
        }
        if v == 0x2019 || v == 0x2018 || v == 0x02BC { return mix(h, UInt8(ascii: "'")) }
        guard let scalar = Unicode.Scalar(v) else { return h }
        if scalar.properties.generalCategory == .nonspacingMark { return h }
        for b in scalar.properties.lowercaseMapping.utf8 { h = mix(h, b) }
        return h
    }

    /// Base letters for Latin-1 Supplement and Latin Extended-A/B letters that news text uses.
    @inline(__always)
    static func latinBase(_ v: UInt32) -> String? {
        if v >= 0xC0 && v <= 0x24F {
            let s = latinTable[Int(v - 0xC0)]
            return s.isEmpty ? nil : s
        }
        switch v {
        case 0x1E9E: return "ss"
        case 0x1EA0...0x1EF9: return vietnameseBase(v)
        default: return nil
        }
    }

    static func vietnameseBase(_ v: UInt32) -> String? {
        guard let scalar = Unicode.Scalar(v) else { return nil }
        let decomposed = String(scalar).decomposedBase
        return decomposed
    }

    /// Index = code point - 0xC0. Empty string: no mapping (kept as a lower-cased scalar).
    static let latinTable: [String] = {
        let pairs: [(ClosedRange<UInt32>, String)] = [
            (0xC0...0xC5, "a"), (0xC6...0xC6, "ae"), (0xC7...0xC7, "c"), (0xC8...0xCB, "e"), (0xCC...0xCF, "i"),
            (0xD0...0xD0, "d"), (0xD1...0xD1, "n"), (0xD2...0xD6, "o"), (0xD8...0xD8, "o"), (0xD9...0xDC, "u"),
            (0xDD...0xDD, "y"), (0xDE...0xDE, "th"), (0xDF...0xDF, "ss"),
            (0xE0...0xE5, "a"), (0xE6...0xE6, "ae"), (0xE7...0xE7, "c"), (0xE8...0xEB, "e"), (0xEC...0xEF, "i"),
            (0xF0...0xF0, "d"), (0xF1...0xF1, "n"), (0xF2...0xF6, "o"), (0xF8...0xF8, "o"), (0xF9...0xFC, "u"),
            (0xFD...0xFD, "y"), (0xFE...0xFE, "th"), (0xFF...0xFF, "y"),
            (0x100...0x105, "a"), (0x106...0x10D, "c"), (0x10E...0x10F, "d"), (0x110...0x111, "dj"), (0x112...0x11B, "e"), (0x11C...0x123, "g"),
            (0x124...0x127, "h"), (0x128...0x131, "i"), (0x132...0x133, "ij"), (0x134...0x135, "j"), (0x136...0x138, "k"),
            (0x139...0x142, "l"), (0x143...0x14B, "n"), (0x14C...0x151, "o"), (0x152...0x153, "oe"), (0x154...0x159, "r"),
            (0x15A...0x161, "s"), (0x162...0x167, "t"), (0x168...0x173, "u"), (0x174...0x175, "w"), (0x176...0x178, "y"),
            (0x179...0x17E, "z"), (0x17F...0x17F, "s"),
            (0x180...0x180, "b"), (0x189...0x18A, "d"), (0x191...0x192, "f"), (0x197...0x197, "i"), (0x1A0...0x1A1, "o"),
            (0x1AF...0x1B0, "u"), (0x1CD...0x1CE, "a"), (0x1CF...0x1D0, "i"), (0x1D1...0x1D2, "o"), (0x1D3...0x1DC, "u"),
            (0x1E6...0x1E7, "g"), (0x1E8...0x1E9, "k"), (0x1EA...0x1ED, "o"), (0x1F0...0x1F0, "j"), (0x1F4...0x1F5, "g"),
            (0x1F8...0x1F9, "n"), (0x1FA...0x1FB, "a"), (0x1FE...0x1FF, "o"), (0x200...0x203, "a"), (0x204...0x207, "e"),
            (0x208...0x20B, "i"), (0x20C...0x20F, "o"), (0x210...0x213, "r"), (0x214...0x217, "u"), (0x218...0x219, "s"),
            (0x21A...0x21B, "t"), (0x226...0x227, "a"), (0x228...0x229, "e"), (0x22E...0x231, "o"), (0x232...0x233, "y"),
        ]
        var table = [String](repeating: "", count: 0x250 - 0xC0)
        for (range, base) in pairs {
            for v in range { table[Int(v - 0xC0)] = base }
        }
        return table
    }()
}

extension String {
    /// The string with combining marks removed after canonical decomposition, lower-cased.
    var decomposedBase: String {
        var out = ""
        for s in self.unicodeScalars {
            for d in String(s).unicodeScalars where d.properties.generalCategory != .nonspacingMark {
                out.unicodeScalars.append(d)
            }
        }
        return out.lowercased()
    }
}

/// Minimal UTF-8 decoding over already-validated Swift string bytes.
enum UTF8Scan {
    /// Decodes the scalar at `i`; returns (value, byte length). Swift strings hold valid UTF-8.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = b[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xE0, i + 1 < end { return ((UInt32(b0 & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < end {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if i + 3 < end {
            return ((UInt32(b0 & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }
}
