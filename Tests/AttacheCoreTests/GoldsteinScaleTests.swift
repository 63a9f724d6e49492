import AttacheCore
import Testing

@Suite struct GoldsteinScaleTests {
    @Test func theBuiltInTableHasEveryRootWithinTheScale() {
        let scale = GoldsteinScale.builtIn
        #expect(scale.values.keys.sorted() == GoldsteinScale.rootCodes)
        #expect(scale.values.values.allSatisfy { GoldsteinScale.range.contains($0) })
        // Cooperation is positive, force negative: the table is the right way round.
        #expect(scale.value(of: .aid) > 0 && scale.value(of: .assault) < 0 && scale.value(of: .statement) == 0)
    }

    @Test func theMeanWeighsEachTypeByItsCount() throws {
        let scale = try GoldsteinScale.parse(GoldsteinScale.rootCodes.map { "\($0)\t\($0 == "04" ? "1.0" : $0 == "18" ? "-9" : "0")" }
            .joined(separator: "\n"))
        #expect(scale.mean([.consult: 3, .assault: 1]) == (3.0 - 9.0) / 4)
        #expect(scale.mean([:]) == nil)
    }

    @Test(arguments: [
        ("01\t0.0", "root code 02 is missing"),
        ("01\t0.0\n01\t1.0", "given twice"),
        ("21\t0.0", "unknown CAMEO root code"),
        ("01\t11", "from -10 to 10"),
        ("01 0.0", "expected code<TAB>value"),
    ])
    func malformedTablesAreRefused(_ text: String, _ message: String) {
        #expect {
            _ = try GoldsteinScale.parse(text)
        } throws: { error in
            String(describing: error).contains(message)
        }
    }
}
