@testable import AttacheCore
import AttacheModel
import Testing

/// Wire copy as it arrives: datelines of the agencies and newspapers, all-caps headlines, bylines and
/// credit lines, text another tool has tokenized, and organizations named by their context. Each row is a
/// text of our own and the mentions it must (and must not) give, found at their code-point offsets.
struct WireFormatTests {
    /// The built-in knowledge base: the rows name real agencies, capitals and people.
    static let analyzer = Analyzer(knowledgeBase: try! KnowledgeBase.load())

    struct Row: CustomTestStringConvertible, Sendable {
        let text: String
        /// "surface=type": a mention of that exact span (its first occurrence) with an entity of that type.
        let expect: [String]
        /// Surfaces that must not be a mention of any type.
        var absent: [String] = []
        /// A type no entity of the text may have.
        var noType: EntityType? = nil
        var testDescription: String { String(text.prefix(60)) }
    }

    static let rows: [Row] = [
        // Datelines: the agencies' shapes.
        Row(text: "MOSCOW, Dec 6 (Reuters) - Russian officials met on Friday.",
            expect: ["MOSCOW=location", "Reuters=organization", "Russian=country"]),
        Row(text: "WASHINGTON (AP) \u{2014} The talks ended late.", expect: ["WASHINGTON=location", "AP=organization"]),
        Row(text: "Moscow (AFP) - The talks ended without a statement.", expect: ["Moscow=location", "AFP=organization"]),
        Row(text: "BEIJING, Dec 6 (Xinhua) -- China said on Friday it would reply.",
            expect: ["BEIJING=location", "Xinhua=organization", "China=country"]),
        Row(text: "ANKARA, Turkey (AP) \u{2014} Turkish officials said nothing.",
            expect: ["ANKARA=location", "Turkey=country", "AP=organization"]),
        Row(text: "PARIS \u{2014} French officials said little.", expect: ["PARIS=location", "French=country"]),
        Row(text: "PRAGUE 1996-12-06\nCzech officials said the vote would go ahead.", expect: ["PRAGUE=location", "Czech=country"]),
        Row(text: "CAIRO, Dec 6 (UPI) - Egypt said on Friday it was ready.", expect: ["CAIRO=location", "UPI=organization"]),
        Row(text: "BONN, Dec 6 (DPA) - Officials said the plan was dead.", expect: ["BONN=location", "DPA=organization"]),
        Row(text: "MOSCOW, Dec 6 (Interfax) - The government said it disagreed.", expect: ["MOSCOW=location", "Interfax=organization"]),
        Row(text: "MOSCOW (TASS) \u{2014} Russia said it would answer.", expect: ["MOSCOW=location", "TASS=organization"]),
        Row(text: "AMSTERDAM, Dec 6 (ANP) - Dutch officials said no.", expect: ["AMSTERDAM=location", "ANP=organization"]),
        Row(text: "PRAGUE, Dec 6 (CTK) - Czech officials said no.", expect: ["PRAGUE=location", "CTK=organization"]),
        Row(text: "Warsaw (AFP) - Poland's president said he would sign.", expect: ["Warsaw=location"]),
        Row(text: "KINSHASA, Dec 6 (Reuters) - The army said it had retaken the town.", expect: ["KINSHASA=location"]),
        Row(text: "NAIROBI \u{2014} Kenyan officials said the border was open.", expect: ["NAIROBI=location"]),
        Row(text: "GENEVA, Switzerland (AP) \u{2014} Swiss officials said the talks were over.",
            expect: ["GENEVA=location", "Switzerland=country"]),
        Row(text: "Dayton, Ohio: The talks began on Wednesday.", expect: ["Dayton=location"]),
        Row(text: "IZINGOLWENI, South Africa (Reuters) - Police said six people died.",
            expect: ["IZINGOLWENI=location", "South Africa=country"]),
        Row(text: "Z\u{DC}RICH, Dec 6 (Reuters) - Bankers said the accounts were closed.", expect: ["Z\u{DC}RICH=location"]),
        // Datelines after a headline or byline; a colon on a later line is no dateline.
        Row(text: "By Jane Doe\nAssociated Press\n\nPARIS \u{2014} French officials said.",
            expect: ["Jane Doe=person", "Associated Press=organization", "PARIS=location"]),
        Row(text: "Talks end without a deal\n\nVIENNA, Dec 6 (Reuters) - Austria said it would wait.", expect: ["VIENNA=location"]),
        Row(text: "Talks end without a deal\nUpdate: Moscow says it will veto the draft.", expect: ["Moscow=country"]),
        Row(text: "RUGBY UNION - KOVAC BACK FOR ITALY AFTER A YEAR .\nROME 1996-12-06\nItaly recalled Ivo Kovac on Friday .",
            expect: ["ROME=location", "ITALY=country"], absent: ["RUGBY UNION"]),
        // All-caps headlines: recased, not one long name.
        Row(text: "HAVEL PRAISES CZECH NATIVE ALBRIGHT AS FRIEND\n\nPRAGUE 1996-12-06\nCzech President Vaclav Havel praised Madeleine Albright on Friday.",
            expect: ["HAVEL=person", "CZECH=country", "ALBRIGHT=person", "PRAGUE=location"],
            absent: ["HAVEL PRAISES CZECH NATIVE ALBRIGHT AS FRIEND", "NATIVE ALBRIGHT"]),
        Row(text: "POLAND GOT MONEY FROM POST-WAR SWISS ACCOUNTS\n\nWARSAW, Dec 6 (Reuters) - Poland said.",
            expect: ["POLAND=country", "SWISS=country", "WARSAW=location"],
            absent: ["POLAND GOT MONEY FROM POST-WAR SWISS ACCOUNTS", "SWISS ACCOUNTS", "MONEY"]),
        Row(text: "YELTSIN MEETS KOHL IN MOSCOW\n\nMOSCOW, Dec 6 (Reuters) - Russian President Boris Yeltsin met German Chancellor Helmut Kohl.",
            expect: ["YELTSIN=person", "KOHL=person", "MOSCOW=location"], absent: ["YELTSIN MEETS KOHL"]),
        Row(text: "US AND IS: WHO SAYS NO\n\nThe talks ended.", expect: [], noType: .country),
        Row(text: "NATO ALLIES WELCOME RUSSIAN PLAN\n\nThe allies said the plan was good.",
            expect: ["NATO=organization", "RUSSIAN=country"], absent: ["ALLIES WELCOME"], noType: .person),
        Row(text: "ANNAN URGES CALM AFTER CLASHES\n\nSecretary-General Kofi Annan urged calm on Friday.",
            expect: ["ANNAN=person"], absent: ["ANNAN URGES CALM"]),
        Row(text: "MANDELA SAYS ANC WILL WIN\n\nNelson Mandela spoke in Durban.",
            expect: ["MANDELA=person", "ANC=organization"], absent: ["MANDELA SAYS"]),
        // Bylines and credit lines name people.
        Row(text: "By Jane Doe\n\nThe talks went on.", expect: ["Jane Doe=person"]),
        Row(text: "By Kl\u{E1}ra Gajdu\u{161}kov\u{E1} and Tomas Novak\n\nThe talks went on.",
            expect: ["Kl\u{E1}ra Gajdu\u{161}kov\u{E1}=person", "Tomas Novak=person"]),
        Row(text: "Talks end in Prague\n\nKlara Gajduskova\n\nThe story goes on.", expect: ["Klara Gajduskova=person"]),
        Row(text: "The talks went on.\n(Reporting by Anna Smith; Editing by Tom Jones)",
            expect: ["Anna Smith=person", "Tom Jones=person"]),
        Row(text: "The talks went on.\nAdditional reporting by Pavel Brodsky in Bonn; Writing by Ilse Wirtz",
            expect: ["Pavel Brodsky=person", "Ilse Wirtz=person", "Bonn=location"]),
        Row(text: "A view of the square. Photo: Petr Novak", expect: ["Petr Novak=person"]),
        Row(text: "By Jane Doe, Associated Press\n\nThe talks went on.", expect: ["Jane Doe=person", "Associated Press=organization"]),
        Row(text: "Talks End Early\n\nThe talks ended on Friday.", expect: [], absent: ["Talks End Early"], noType: .person),
        Row(text: "By Christmas Day the talks had ended.", expect: [], absent: ["Christmas Day"], noType: .person),
        // Text another tool has tokenized.
        Row(text: "S.AFRICA 'S ZULU PROVINCE BRACES FOR VOTE .\nDURBAN 1996-12-06\nPolice said .",
            expect: ["S.AFRICA=country", "DURBAN=location"], absent: ["AFRICA"]),
        Row(text: "N.Korea and S.Korea met in Geneva.", expect: ["N.Korea=country", "S.Korea=country"]),
        Row(text: "RUSSIA 'S YELTSIN SAYS NO\n\nBoris Yeltsin refused.", expect: ["RUSSIA=country", "YELTSIN=person"]),
        Row(text: "The U.S. 's envoy arrived in Geneva .", expect: ["U.S.=country", "Geneva=location"]),
        Row(text: "`` We will not accept it , '' Lavrov said .", expect: ["Lavrov=person"]),
        // Organizations from their context.
        Row(text: "The Radical Democrats (FDP) won. The FDP said it was happy.", expect: ["Radical Democrats=organization", "FDP=organization"]),
        Row(text: "He told the daily Mlada Fronta Dnes on Friday.", expect: ["Mlada Fronta Dnes=organization"]),
        Row(text: "The Lidove Noviny newspaper said so on Monday.", expect: ["Lidove Noviny=organization"]),
        Row(text: "Fena news agency reported the attack.", expect: ["Fena=organization"]),
        Row(text: "The minister told the Globe on Tuesday that he would stay.", expect: ["Globe=organization"]),
        Row(text: "The Franco-German summit opened in Paris.", expect: ["Franco=country", "German=country"]),
        Row(text: "Sino-US talks resumed on Monday.", expect: ["Sino=country", "US=country"]),
        Row(text: "The Franco-African summit opened on Monday.", expect: [], absent: ["Franco-African", "Franco"], noType: .person),
        Row(text: "Guido Westerwelle (FDP) said the coalition would hold.", expect: ["FDP=organization"]),
        Row(text: "The Central African Red Cross Society said it needed help.", expect: ["Central African Red Cross Society=organization"]),
        Row(text: "The U.S. Department of State said it had no comment.", expect: ["U.S. Department of State=organization"],
            absent: ["U.S."]),
    ]

    @Test(arguments: rows)
    func row(_ row: Row) {
        let a = WireFormatTests.analyzer.analyze(ArticleInput(text: row.text))
        for pair in row.expect {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let hit = TestKB.find(parts[0], in: row.text, analysis: a)
            #expect(hit?.type.rawValue == parts[1], "\(parts[0]) in \(row.text)")
        }
        for surface in row.absent {
            #expect(TestKB.find(surface, in: row.text, analysis: a) == nil, "\(surface) in \(row.text)")
        }
        if let type = row.noType {
            #expect(!a.entities.contains { $0.type == type }, "no \(type) in \(row.text)")
        }
    }

    @Test func allCapsTitleNamesBodyPeopleByFamilyName() {
        let body = "PRAGUE 1996-12-06\nOfficials said Gajdos Mlynar of the Civic Forum agreed with Vaclav Havel."
        let a = WireFormatTests.analyzer.analyze(ArticleInput(title: "HAVEL AND MLYNAR AGREE ON BUDGET", text: body))
        let person = a.entities.first { $0.name == "Gajdos Mlynar" }
        #expect(person?.mentions.contains { $0.field == .title && $0.text == "MLYNAR" } == true)
        #expect(a.entities.first { $0.id == "person-vaclav-havel" }?.mentions.contains { $0.field == .title } == true)
        #expect(!a.entities.contains { $0.mentions.contains { $0.field == .title && $0.text.contains("AGREE") } })
    }

    @Test func tableHasAtLeastFortyShapes() {
        #expect(WireFormatTests.rows.count >= 40)
    }

    @Test func definedAcronymLinksLaterUsesToTheName() {
        let text = "The Radical Democrats (FDP) won. The FDP said it was happy."
        let a = WireFormatTests.analyzer.analyze(ArticleInput(text: text))
        let name = TestKB.find("Radical Democrats", in: text, analysis: a)
        #expect(TestKB.find("FDP", in: text, analysis: a, occurrence: 1)?.id == name?.id)
    }

    @Test func personBeforeBracketsDoesNotTakeTheAcronym() {
        let text = "Guido Westerwelle (FDP) said the coalition would hold. The FDP agreed."
        let a = WireFormatTests.analyzer.analyze(ArticleInput(text: text))
        #expect(TestKB.find("FDP", in: text, analysis: a, occurrence: 1)?.type == .organization)
        let unknown = "Foreign Minister Hakan Yilmazer (TDP) said no. The TDP agreed."
        let b = WireFormatTests.analyzer.analyze(ArticleInput(text: unknown))
        #expect(TestKB.find("Hakan Yilmazer", in: unknown, analysis: b)?.type == .person)
        #expect(TestKB.find("TDP", in: unknown, analysis: b, occurrence: 1)?.type != .person)
    }

    @Test func datelineFindsThePlacePartAfterAByline() throws {
        let doc = WireFormatTests.analyzer.makeDocument("By Jane Doe\n\nANKARA, Turkey, Dec 6 (AP) \u{2014} Officials said.")
        let found = try #require(Dateline.detect(doc))
        #expect(doc.text(found.places.lowerBound, found.places.upperBound) == "ANKARA, Turkey")
        #expect(doc.tokenText(found.end) == "Officials")
    }

    @Test func headlineColonOnALaterLineIsNoDateline() {
        let doc = WireFormatTests.analyzer.makeDocument("Talks end\nUpdate: Moscow says no.")
        #expect(Dateline.detect(doc) == nil)
    }

    @Test(arguments: [("praises", ["praise", "prais"]), ("called", ["call", "calle"]), ("talking", ["talk", "talke"]),
                      ("as", []), ("agencies", ["agency", "agenci", "agencie"])])
    func inflectedStems(_ word: String, _ stems: [String]) {
        #expect(Set(Recasing.stems(of: word)) == Set(stems))
    }

    @Test func builtInCombiningFormsNameKnownCountries() throws {
        let dir = try #require(KnowledgeBaseLoader.builtInDirectory)
        let lists = try KnowledgeBaseLoader.load(directories: [dir]).lexicons
        let lines = lists["combining-forms"] ?? []
        #expect(!lines.isEmpty)
        let kb = WireFormatTests.analyzer.knowledgeBase
        for pair in Lexicon.pairs(lines) { #expect(kb.countryIndex[pair.value] != nil, "\(pair.word) \(pair.value)") }
    }
}

/// Name classes found missing on real copy, each on sentences of our own.
struct NameClassTests {
    let analyzer = WireFormatTests.analyzer

    func type(of surface: String, in text: String, occurrence: Int = 0) -> EntityType? {
        TestKB.find(surface, in: text, analysis: analyzer.analyze(ArticleInput(text: text)), occurrence: occurrence)?.type
    }

    @Test(arguments: [("Voters backed Tang Mei-ling on Sunday.", "Tang Mei-ling"),
                      ("The seat went to Kim So-ra after a recount.", "Kim So-ra"),
                      ("Chow Siu-wan of the Harbour Party lost.", "Chow Siu-wan")])
    func familyNameFirstWithHyphenatedGivenName(_ text: String, _ name: String) {
        #expect(type(of: name, in: text) == .person)
    }

    @Test func englishHyphenCompoundIsNoName() {
        let a = analyzer.analyze(ArticleInput(text: "Several Hong Kong-based firms, US-led talks and Cold War-era bunkers were sold."))
        #expect(!a.entities.contains { $0.type == .person })
    }

    @Test func organizationDoesNotReachBackOverAPerson() {
        let text = "Tang Mei-ling of the Harbour Party and Claudia Rossi of Civic Front won seats."
        #expect(type(of: "Harbour Party", in: text) == .organization)
        #expect(type(of: "Civic Front", in: text) == .organization)
        #expect(type(of: "Tang Mei-ling", in: text) == .person)
    }

    @Test func organizationDoesNotReachBackOverAnUnheadedName() {
        let text = "Orrin Vasko of the Harbour Front won a seat. The Supreme Council of the Armed Forces met."
        #expect(type(of: "Harbour Front", in: text) == .organization)
        #expect(type(of: "Orrin Vasko of the Harbour Front", in: text) == nil)
        #expect(type(of: "Supreme Council of the Armed Forces", in: text) == .organization)
    }

    @Test func adjectiveCompoundOpensNoOrganizationName() {
        let text = "The pro-Beijing Harbour People Party won two seats."
        #expect(type(of: "Harbour People Party", in: text) == .organization)
    }

    @Test func personAfterAnOrganizationsHeadIsNoPartOfIt() {
        let text = "The head of the Harbour Refugee Council Enver Tanaka told reporters it was full."
        #expect(type(of: "Harbour Refugee Council", in: text) == .organization)
        #expect(type(of: "Enver Tanaka", in: text) == .person)
    }

    @Test func portfolioAfterATitleIsNoPartOfTheName() {
        let text = "Minister of Education Stefania Ruggeri said the schools would pay."
        #expect(type(of: "Stefania Ruggeri", in: text) == .person)
        #expect(type(of: "Education Stefania Ruggeri", in: text) == nil)
    }

    @Test func memberAfterAnOrganizationsPossessiveIsAPerson() {
        #expect(type(of: "Tanvir Okonjo", in: "Later the Harbour Front's Tanvir Okonjo spoke to voters.") == .person)
        let a = analyzer.analyze(ArticleInput(text: "Russia's Black Sea Fleet sailed on Monday."))
        #expect(!a.entities.contains { $0.type == .person })
    }

    @Test func militaryRanksAreTitles() {
        let text = "Army Spc. Lorna Vetch and Pfc. Dale Oduya arrived on Monday."
        let a = analyzer.analyze(ArticleInput(text: text))
        #expect(TestKB.find("Lorna Vetch", in: text, analysis: a)?.type == .person)
        #expect(TestKB.find("Dale Oduya", in: text, analysis: a)?.type == .person)
        #expect(!a.entities.contains { $0.name == "Spc" || $0.name == "Pfc" })
    }

    @Test func newsIsAHeadNoun() {
        #expect(type(of: "Harbour News", in: "The minister told Harbour News on Friday that she would stay.") == .organization)
    }

    /// `full` is an organization and the `occurrence`-th `short` in `text` is the same entity.
    func expectSameOrganization(_ full: String, _ short: String, in text: String, occurrence: Int = 1) {
        let a = analyzer.analyze(ArticleInput(text: text))
        let name = TestKB.find(full, in: text, analysis: a)
        #expect(name?.type == .organization)
        #expect(TestKB.find(short, in: text, analysis: a, occurrence: occurrence)?.id == name?.id)
    }

    @Test func shortenedNameOfAnOrganizationIsThatOrganization() {
        expectSameOrganization("Adriatic Supreme Court of Appeals", "Supreme Court",
                               in: "The Adriatic Supreme Court of Appeals ruled on Monday. Lawyers said the Supreme Court had erred.")
    }

    @Test func purposeClauseContinuesAnOrganizationAndItsHeadRefersBack() {
        expectSameOrganization("Coalition to Counter Piracy", "Coalition",
                               in: "The Coalition to Counter Piracy met in May. Officials said the Coalition would stay.")
    }

    @Test func bareHeadLinksToAKnownAliasHoldingIt() {
        // NATO's alias "Atlantic Alliance" holds the head noun.
        expectSameOrganization("NATO", "Alliance", in: "NATO met on Monday. Ukraine hopes to join the Alliance soon.", occurrence: 0)
    }

    @Test(arguments: [
        ("Volunteers of the Harbour Heritage Project cleaned the beach.", "Harbour Heritage Project"),
        ("The Lakeland Farmers Confederation called a strike.", "Lakeland Farmers Confederation"),
        ("Officials of the Justice and Border Protection Departments met.", "Border Protection Departments"),
        ("Students at Riverside Community College marched.", "Riverside Community College"),
    ])
    func headNounsOfProjectsConfederationsDepartmentsAndColleges(_ text: String, _ name: String) {
        #expect(type(of: name, in: text) == .organization)
    }

    @Test func bareHeadAfterASentencesOpeningTheRefersBack() {
        expectSameOrganization("Coalition to Counter Piracy", "Coalition",
                               in: "The Coalition to Counter Piracy met in May. The Coalition said it would stay.")
    }

    @Test func bareHeadAfterASentencesOpeningTheIsNoNewBody() {
        // The capital of a sentence's first words says nothing: no body named "Council" is made from it.
        #expect(type(of: "Council", in: "Officials met on Monday. The Council said nothing more.") == nil)
    }

    @Test func bareHeadAloneIsABodyOfItsOwn() {
        let text = "Officials said the Coalition had struck twice. Later its Coalition advisers left."
        let a = analyzer.analyze(ArticleInput(text: text))
        let first = TestKB.find("Coalition", in: text, analysis: a)
        #expect(first?.type == .organization)
        #expect(TestKB.find("Coalition", in: text, analysis: a, occurrence: 1)?.id == first?.id)
    }

    @Test func givenNamesOfAKnownPersonAreNoFamilyName() {
        // "Saif al-Islam" is an alias of Saif al-Islam Gaddafi: "Islam" alone is the religion.
        #expect(type(of: "Islam", in: "Pilgrims gathered at the holiest site of Islam on Friday.") == nil)
    }
}
