@testable import AttacheCore
import AttacheModel
import Testing

/// The linking rules of the annotation guideline, on sentences written for these tests.
struct LinkingTests {
    let kb = TestKB.self

    @Test(arguments: [
        ("Moscow has strongly objected to the plan.", "Moscow", "country-rus"),
        ("Washington and Moscow are the key powers.", "Washington", "country-usa"),
        ("Washington and Moscow are the key powers.", "Moscow", "country-rus"),
        ("The Kremlin said it would respond.", "Kremlin", "country-rus"),
        ("Officials are relying on the Kremlin to help.", "Kremlin", "country-rus"),
        ("He praised Washington's top diplomat.", "Washington", "country-usa"),
        ("Russia's ambassador to Washington spoke.", "Washington", "country-usa"),
        ("The talks in Moscow lasted three hours.", "Moscow", "loc-moscow"),
        ("After the Kremlin talks they spoke.", "Kremlin", "loc-kremlin"),
        ("He flew to Moscow on Monday.", "Moscow", "loc-moscow"),
        ("Fighting reached the outskirts of Moscow.", "Moscow", "loc-moscow"),
        ("MOSCOW: Talks began on Monday.", "MOSCOW", "loc-moscow"),
        ("Moscow (AFP) - Talks began on Monday.", "Moscow", "loc-moscow"),
        ("Brussels insisted on the backstop.", "Brussels", "org-eu"),
        ("Ministers met in Brussels.", "Brussels", "loc-brussels"),
    ])
    func metonymy(_ text: String, _ surface: String, _ expected: String) {
        #expect(kb.entity(of: surface, in: text)?.id == expected)
    }

    @Test func demonymsAreCountryMentions() {
        let text = "Russian air strikes hit towns while Syrians fled."
        #expect(kb.entity(of: "Russian", in: text)?.id == "country-rus")
        #expect(kb.entity(of: "Russian", in: text)?.kind == .demonym)
        #expect(kb.entity(of: "Syrians", in: text)?.id == "country-syr")
    }

    @Test func acronymsMatchOnlyAsWritten() {
        #expect(kb.entity(of: "IS", in: "Forces fought IS near the border.")?.id == "org-islamic-state")
        #expect(kb.entity(of: "is", in: "The deal is done.") == nil)
        #expect(kb.entity(of: "US", in: "The US said it would help.")?.id == "country-usa")
        #expect(kb.entity(of: "us", in: "Tell us more.") == nil)
        // In an all-caps headline the everyday word "IS" is not the group.
        #expect(kb.entity(of: "IS", in: "THE WAR IS OVER SAYS MINISTER") == nil)
    }

    @Test func longestNameWins() {
        let text = "The UN Security Council met while the UN watched."
        #expect(kb.entity(of: "UN Security Council", in: text)?.id == "org-unsc")
        #expect(kb.entity(of: "UN", in: text, occurrence: 1)?.id == "org-un")
        #expect(kb.entity(of: "UN", in: text, occurrence: 0) == nil)
    }

    @Test func titlesStayOutsidePersonSpans() {
        let text = "US Secretary of State John Kerry met President Vladimir Putin."
        #expect(kb.entity(of: "US", in: text)?.id == "country-usa")
        #expect(kb.entity(of: "John Kerry", in: text)?.id == "person-john-kerry")
        #expect(kb.entity(of: "Vladimir Putin", in: text)?.id == "person-vladimir-putin")
    }

    @Test func surnamesFollowFullNames() {
        let text = "Bashar al-Assad spoke. Later Assad left and Kerry said Assad's fate was open. John Kerry agreed."
        #expect(kb.entity(of: "Assad", in: text, occurrence: 1)?.id == "person-bashar-al-assad")
        #expect(kb.entity(of: "Assad", in: text, occurrence: 1)?.kind == .surname)
        // A surname before the full name still links: the document names him in full.
        #expect(kb.entity(of: "Kerry", in: text)?.id == "person-john-kerry")
    }

    @Test func familyNameFirstForChineseNames() {
        let text = "Xi Jinping arrived. Xi said the talks were useful."
        #expect(kb.entity(of: "Xi", in: text, occurrence: 1)?.id == "person-xi-jinping")
    }

    @Test func accentsFoldButOffsetsCountCodePoints() {
        let text = "Brčko: Recep Tayyip Erdoğan met officials in Paris."
        let a = kb.analyzer.analyze(ArticleInput(text: text))
        let scalars = Array(text.unicodeScalars)
        for e in a.entities {
            for m in e.mentions {
                #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
            }
        }
        let erdogan = a.entities.first { $0.id == "person-recep-tayyip-erdogan" }
        #expect(erdogan?.name == "Recep Tayyip Erdogan")
        #expect(erdogan?.mentions.first?.text == "Recep Tayyip Erdoğan")
    }

    @Test func preTokenizedTextWithSpacesBeforePunctuation() {
        let text = "Russia 's strikes hit Syria , Moscow said ."
        #expect(kb.entity(of: "Russia", in: text)?.id == "country-rus")
        #expect(kb.entity(of: "Syria", in: text)?.id == "country-syr")
        #expect(kb.entity(of: "Moscow", in: text)?.id == "country-rus")
    }

    @Test func curlyAndStraightQuotesAlike() {
        let curly = "“We support Syria,” Putin said. Russia’s plan"
        #expect(kb.entity(of: "Syria", in: curly)?.id == "country-syr")
        #expect(kb.entity(of: "Putin", in: curly)?.id == "person-vladimir-putin")
        #expect(kb.entity(of: "Russia", in: curly)?.id == "country-rus")
    }

    @Test func titleMentionsAreMarked() {
        let a = kb.analyzer.analyze(ArticleInput(title: "Putin and Kerry agree on Syria", text: "Vladimir Putin met John Kerry in Moscow."))
        let putin = a.entities.first { $0.id == "person-vladimir-putin" }!
        #expect(putin.mentions.contains { $0.field == .title && $0.start == 0 && $0.end == 5 })
        let kerry = a.entities.first { $0.id == "person-john-kerry" }!
        #expect(kerry.mentions.contains { $0.field == .title && $0.text == "Kerry" })
    }

    @Test func rolesFromKnowledgeBaseAtPublicationDate() {
        let a = kb.analyzer.analyze(ArticleInput(text: "John Kerry met Vladimir Putin.", publishedAt: "2015-12-15"))
        #expect(a.entities.first { $0.id == "person-john-kerry" }?.roles.contains("Secretary of State of United States") == true)
        let later = kb.analyzer.analyze(ArticleInput(text: "John Kerry met Vladimir Putin.", publishedAt: "2019-01-01"))
        #expect(later.entities.first { $0.id == "person-john-kerry" }?.roles.isEmpty == true)
    }

    @Test func countriesCarryISOCodes() {
        let a = kb.analyzer.analyze(ArticleInput(text: "Russia and the United States agreed."))
        let ru = a.entities.first { $0.id == "country-rus" }
        #expect(ru?.iso2 == "RU")
        #expect(ru?.iso3 == "RUS")
    }
}
