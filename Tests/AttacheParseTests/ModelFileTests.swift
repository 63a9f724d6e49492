@testable import AttacheParse
import Testing

struct ModelFileTests {
    static let model = PerceptronModel(classCount: 3, keys: [5, 9, 40], offsets: [0, 2, 3, 4],
                                       classes: [0, 2, 1, 1], weights: [0.5, -1.25, 2, 0.75])
    static let bytes = ModelFile.encode(names: ["NOUN", "VERB", "ADJ"], model: model)

    func decodeError(_ bytes: [UInt8]) -> ParseModelError? {
        do {
            _ = try ModelFile.decode(bytes, file: "tagger.model")
            return nil
        } catch let error as ParseModelError {
            return error
        } catch {
            return nil
        }
    }

    @Test func roundTrip() throws {
        let (names, decoded) = try ModelFile.decode(Self.bytes, file: "tagger.model")
        #expect(names == ["NOUN", "VERB", "ADJ"])
        #expect(decoded.keys == Self.model.keys && decoded.offsets == Self.model.offsets)
        #expect(decoded.classes == Self.model.classes && decoded.weights == Self.model.weights)
        var scores: [Float] = [0, 0, 0]
        decoded.score([5, 40, 77], into: &scores)
        #expect(scores == [0.5, 0.75, -1.25])
    }

    @Test func badMagicNamesFileAndOffset() {
        var bytes = Self.bytes
        bytes[0] = UInt8(ascii: "X")
        let error = decodeError(bytes)
        #expect(error?.place == .offset(0))
        #expect(error?.description.hasPrefix("tagger.model: at byte 0:") == true)
    }

    @Test func truncatedFileIsAnError() {
        for length in [4, 12, 30, Self.bytes.count - 1] {
            let error = decodeError(Array(Self.bytes.prefix(length)))
            #expect(error?.message.contains("ends early") == true, "length \(length)")
        }
    }

    @Test func modelWithoutClassesIsAnError() {
        let empty = PerceptronModel(classCount: 0, keys: [], offsets: [0], classes: [], weights: [])
        let error = decodeError(ModelFile.encode(names: [], model: empty))
        #expect(error?.place == .offset(12))
        #expect(error?.message == "a model needs at least one class")
    }

    @Test func trailingBytesAreAnError() {
        let error = decodeError(Self.bytes + [0])
        #expect(error?.place == .offset(Self.bytes.count))
    }

    /// Offset of the first key: magic, name count, three names, three counts.
    static let keysStart = 8 + 4 + (1 + 4) + (1 + 4) + (1 + 3) + 12

    @Test func unsortedKeysAreAnError() {
        var bytes = Self.bytes
        bytes[Self.keysStart + 8] = 1  // second key 9 -> 1, below the first (5)
        let error = decodeError(bytes)
        #expect(error?.place == .offset(Self.keysStart + 8))
        #expect(error?.message.contains("strictly increasing") == true)
    }

    @Test func classOutOfRangeIsAnError() {
        var bytes = Self.bytes
        let classesStart = Self.keysStart + 3 * 8 + 4 * 4
        bytes[classesStart + 1] = 3
        let error = decodeError(bytes)
        #expect(error?.place == .offset(classesStart + 1))
    }

    @Test func nonFiniteWeightIsAnError() {
        var bytes = Self.bytes
        let weightsStart = Self.keysStart + 3 * 8 + 4 * 4 + 4
        withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { bytes.replaceSubrange(weightsStart ..< weightsStart + 4, with: $0) }
        #expect(decodeError(bytes)?.place == .offset(weightsStart))
    }
}
