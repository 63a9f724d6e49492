import CCrypto

/// SHA-256 (FIPS 180-4) over bytes, computed by OpenSSL's libcrypto. Used for content hashes and cursor scopes,
/// not for security decisions.
struct SHA256: ~Copyable {
    /// Bytes in a SHA-256 digest.
    static let digestBytes = 32

    private let context: OpaquePointer

    init() {
        // Fails only when memory is exhausted, or when libcrypto lacks SHA-256; neither leaves a way to go on.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto cannot start a SHA-256 digest")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update(buffer: $0) } }
    }

    private func update(buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        EVP_DigestUpdate(context, base, buffer.count)
    }

    /// The 32-byte digest; the hasher is used up.
    consuming func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.digestBytes)
        var length: UInt32 = 0
        out.withUnsafeMutableBufferPointer { _ = EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        return out
    }

    /// Lowercase hex digest of `bytes`.
    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return Hex.encode(hasher.finalize())
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lowercase or uppercase hex; nil on an odd length or a non-hex byte.
    static func decode<C: Collection>(_ hex: C) -> [UInt8]? where C.Element == UInt8 {
        guard hex.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(hex.count / 2)
        var high: UInt8? = nil
        for c in hex {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return out
    }
}

/// The content hash that makes puts idempotent and detects conflicting resubmissions.
public enum ContentHash {
    /// Lowercase hex SHA-256 of the UTF-8 of `(title ?? "") + "\n" + text`. Also a sensible article id when the
    /// client sends none.
    public static func of(title: String?, text: String) -> String {
        var hasher = SHA256()
        if let title { hasher.update(title.utf8) }
        hasher.update(CollectionOfOne(UInt8(ascii: "\n")))
        hasher.update(text.utf8)
        return Hex.encode(hasher.finalize())
    }
}
