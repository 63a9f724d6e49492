/// The binary file of one perceptron model and its class names (tags, or relation labels), little-endian:
///
///     magic "ATTPRS01" (8 bytes)
///     u32 name count, then each name: u8 byte length, UTF-8 bytes
///     u32 class count (1 to 256), u32 feature count F, u32 entry count E
///     F × u64 feature keys, strictly increasing
///     (F + 1) × u32 row offsets: 0, non-decreasing, the last E
///     E × u8 classes (each below the class count)
///     E × f32 weights (finite)
///
/// and nothing after. Read strictly: any other content is an error naming the file and the byte offset.
public enum ModelFile {
    static let magic = Array("ATTPRS01".utf8)

    public static func encode(names: [String], model: PerceptronModel) -> [UInt8] {
        var bytes = magic
        func u32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { bytes += $0 } }
        u32(names.count)
        for name in names {
            let utf8 = Array(name.utf8)
            precondition(utf8.count <= Int(UInt8.max))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        u32(model.classCount)
        u32(model.keys.count)
        u32(model.classes.count)
        for key in model.keys { withUnsafeBytes(of: key.littleEndian) { bytes += $0 } }
        for offset in model.offsets { u32(Int(offset)) }
        bytes += model.classes
        for weight in model.weights { withUnsafeBytes(of: weight.bitPattern.littleEndian) { bytes += $0 } }
        return bytes
    }

    public static func decode(_ bytes: [UInt8], file: String) throws -> (names: [String], model: PerceptronModel) {
        var reader = Reader(bytes: bytes, file: file)
        guard try reader.take(magic.count) == magic[...] else {
            throw reader.error("not a parser model (expected the magic bytes ATTPRS01)", at: 0)
        }
        let nameCount = try reader.count("name count", limit: PerceptronModel.maxClasses)
        var names: [String] = []
        for _ in 0..<nameCount {
            let length = Int(try reader.take(1).first!)
            let start = reader.offset
            guard let name = String(validating: try reader.take(length), as: UTF8.self), !name.isEmpty else {
                throw reader.error("class name is empty or not UTF-8", at: start)
            }
            names.append(name)
        }
        let classCount = try reader.count("class count", limit: PerceptronModel.maxClasses)
        guard classCount > 0 else { throw reader.error("a model needs at least one class", at: reader.offset - 4) }
        let featureCount = try reader.count("feature count", limit: bytes.count / 8)
        let entryCount = try reader.count("entry count", limit: bytes.count / 5)
        var keys: [UInt64] = []
        keys.reserveCapacity(featureCount)
        for _ in 0..<featureCount {
            let key = try reader.u64()
            if let last = keys.last, key <= last {
                throw reader.error("feature keys are not strictly increasing", at: reader.offset - 8)
            }
            keys.append(key)
        }
        var offsets: [UInt32] = []
        offsets.reserveCapacity(featureCount + 1)
        for i in 0...featureCount {
            let offset = try reader.u32()
            if (i == 0 && offset != 0) || offset < (offsets.last ?? 0) || Int(offset) > entryCount
                || (i == featureCount && Int(offset) != entryCount) {
                throw reader.error("row offset \(offset) out of order (entry count \(entryCount))", at: reader.offset - 4)
            }
            offsets.append(offset)
        }
        let classes = Array(try reader.take(entryCount))
        if let bad = classes.firstIndex(where: { Int($0) >= classCount }) {
            throw reader.error("class \(classes[bad]) is not below the class count \(classCount)",
                               at: reader.offset - entryCount + bad)
        }
        var weights: [Float] = []
        weights.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let weight = Float(bitPattern: try reader.u32())
            guard weight.isFinite else { throw reader.error("weight is not finite", at: reader.offset - 4) }
            weights.append(weight)
        }
        guard reader.offset == bytes.count else {
            throw reader.error("\(bytes.count - reader.offset) bytes after the end of the model", at: reader.offset)
        }
        return (names, PerceptronModel(classCount: classCount, keys: keys, offsets: offsets, classes: classes,
                                       weights: weights))
    }

    /// A cursor over the bytes; every read checks the length first.
    struct Reader {
        let bytes: [UInt8]
        let file: String
        var offset = 0

        func error(_ message: String, at offset: Int) -> ParseModelError {
            ParseModelError(file: file, place: .offset(offset), message: message)
        }

        mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count <= bytes.count - offset else {
                throw error("file ends early (needs \(count) more bytes, has \(bytes.count - offset))", at: offset)
            }
            defer { offset += count }
            return bytes[offset ..< offset + count]
        }

        mutating func u32() throws -> UInt32 {
            try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func u64() throws -> UInt64 {
            try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }

        /// A u32 count, at most `limit` (what the rest of the file could hold), so a corrupt count fails here.
        mutating func count(_ what: String, limit: Int) throws -> Int {
            let value = Int(try u32())
            guard value <= limit else { throw error("\(what) \(value) is more than \(limit)", at: offset - 4) }
            return value
        }
    }
}
