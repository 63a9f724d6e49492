@testable import AttacheCore
import AttacheModel
import Testing

/// The role rules of `ClauseRoles.swift`, each on sentences of its own.
@Suite struct ClauseRolesTests {
    /// The first event of `type` in `text`.
    func event(_ type: EventType, _ text: String) throws -> Event {
        let events = EventsFixture.events(text)
        return try #require(events.first { $0.type == type }, "no \(type) in \(events.map(\.type))")
    }

    func sources(_ e: Event) -> Set<String> { Set(e.participants.filter { $0.role == .source }.map(\.entity)) }
    func targets(_ e: Event) -> Set<String> { Set(e.participants.filter { $0.role == .target }.map(\.entity)) }

    @Test func aNameAfterAPrepositionBeforeTheTriggerIsNotItsSubject() throws {
        let e = try event(.accuse, "In a letter to Russia, Iran accused Turkey of smuggling oil.")
        #expect(sources(e) == ["country-irn"])
        #expect(targets(e) == ["country-tur"])
        #expect(e.role(of: "country-rus") == .participant)
    }

    @Test func titleWordsBetweenThePrepositionAndTheNameBelongToItsPhrase() throws {
        let e = try event(.appeal, "After a call with Russian Foreign Minister Sergei Lavrov, John Kerry urged Turkey to open the border.")
        #expect(sources(e) == ["person-john-kerry"])
        #expect(!sources(e).contains("person-sergei-lavrov") && !sources(e).contains("country-rus"))
    }

    @Test func aDayOrMonthNameClosesThePrepositionsPhrase() throws {
        let e = try event(.sanction, "On Monday Iran imposed sanctions on Turkey.")
        #expect(sources(e) == ["country-irn"])
        #expect(targets(e) == ["country-tur"])
        // A title word still belongs to the phrase: the name after it is the preposition's object.
        let titled = try event(.appeal, "In a call with President Vladimir Putin, Iran urged Turkey to open the border.")
        #expect(titled.role(of: "person-vladimir-putin") == .participant)
    }

    @Test func aPersonalSubjectPronounOfAnyVerbIsThePersonLastNamed() throws {
        let e = try event(.threaten, "John Kerry flew to Geneva on Monday. He warned Iran that the talks could fail.")
        #expect(sources(e) == ["person-john-kerry"])
        #expect(targets(e) == ["country-irn"])
        let passive = try event(.accuse, "John Kerry flew to Geneva on Monday. He was accused by Iran of lying.")
        #expect(targets(passive).contains("person-john-kerry"))
        #expect(sources(passive) == ["country-irn"])
        // With no person named before, the pronoun stands for no one.
        let none = try event(.threaten, "Iran closed the border. He warned Turkey that the talks could fail.")
        #expect(sources(none).isEmpty)
    }

    @Test func aCountryThatOwnsANounInTheObjectIsActedOnNotThePlace() throws {
        let e = try event(.reject, "Russia opposed foreign interference in Iran's internal affairs.")
        #expect(targets(e) == ["country-irn"])
        #expect(e.location == nil)
        // Before the trigger the country stays the place.
        let before = try event(.assault, "In Syria's north, Russia attacked Turkey.")
        #expect(before.location == "country-syr")
        #expect(before.role(of: "country-syr") == nil)
        // Without a possessive, a country after "in" is the place.
        let plain = try event(.reject, "Russia opposed foreign interference in Iran.")
        #expect(plain.location == "country-irn")
    }

    @Test func theSubjectOfAPassiveIsActedOnAndTheAgentActs() throws {
        let e = try event(.accuse, "Turkey was accused by Iran of smuggling oil.")
        #expect(sources(e) == ["country-irn"])
        #expect(targets(e) == ["country-tur"])
        let bare = try event(.assault, "Syria was attacked on Monday.")
        #expect(bare.role(of: "country-syr") == .target)
    }

    @Test func aParticipleOfFeelingIsAStateOfItsSubjectNotAPassive() throws {
        let shocked = try event(.accuse, "Turkey was shocked by Iran on Monday.")
        #expect(sources(shocked) == ["country-tur"])
        #expect(targets(shocked) == ["country-irn"])
        let concerned = try event(.accuse, "Turkey is deeply concerned by Iran.")
        #expect(sources(concerned) == ["country-tur"])
        #expect(targets(concerned) == ["country-irn"])
        // A participle of a verb of accusing stays a passive.
        let accused = try event(.accuse, "Turkey was accused by Iran.")
        #expect(sources(accused) == ["country-irn"])
    }

    @Test func theAgentOfAParticipleOfCarryingOutAnEventNounActsInIt() throws {
        let led = try event(.consult, "Iran joined the talks led by Turkey in Geneva.")
        #expect(led.role(of: "country-tur") == .source)
        // The subject of the verb the noun is the object of takes part but does not act.
        #expect(led.role(of: "country-irn") == .participant)
        let carried = try event(.assault, "Iran condemned the strikes carried out by Russia.")
        #expect(sources(carried) == ["country-rus"])
        // A participle of another verb tells who did that, not who acted in the event.
        let welcomed = try event(.consult, "Iran joined the talks welcomed by Turkey.")
        #expect(welcomed.role(of: "country-tur") != .source)
    }

    @Test func theSubjectOfAVerbThatJudgesAnEventNounDoesNotActInIt() throws {
        let strikes = try event(.assault, "Iran condemned the strikes in Syria.")
        #expect(strikes.role(of: "country-irn") == .participant)
        // A verb trigger after a determiner is a noun; the speaker of a condemnation does not act in what it condemns.
        let attacks = try event(.assault, "Turkey strongly condemns the brutal attacks in Syria.")
        #expect(sources(attacks).isEmpty)
        // The subject of a verb that carries the event out acts in it.
        let launched = try event(.assault, "Russia launched strikes in Syria.")
        #expect(sources(launched) == ["country-rus"])
    }

    @Test func anActiveVerbOrAnAdjectiveBeforeToIsNoPassive() throws {
        let meeting = try event(.consult, "Vladimir Putin is meeting John Kerry in Geneva.")
        #expect(meeting.role(of: "person-vladimir-putin") == .source)
        let accusing = try event(.accuse, "Iran was accusing Turkey of smuggling oil.")
        #expect(sources(accusing) == ["country-irn"])
    }

    @Test func aSourceAfterAnEventNounActs() throws {
        let fromSource = try event(.threaten, "Iran ignored a warning from Russia.")
        #expect(fromSource.role(of: "country-rus") == .source)
        // After a verb, "from" is no source: "demanded guarantees from Turkey".
        let demand = try event(.demand, "Iran demanded guarantees from Turkey.")
        #expect(sources(demand) == ["country-irn"])
    }

    @Test func thePossessorOfAnEventNounActsInIt() throws {
        let e = try event(.assault, "Iran condemned Russia's air and ground offensive.")
        #expect(sources(e) == ["country-rus"])
        #expect(e.role(of: "country-irn") == .participant)
    }

    @Test func aVerbsAgentFollowsItClosely() throws {
        let e = try event(.statement, "Iran welcomed the deal in a statement released by Russia.")
        #expect(e.role(of: "country-irn") == .source)
    }

    @Test func aRelativeClauseIsSkippedByTheMainVerb() throws {
        let text = "Vladimir Putin, who met John Kerry in Geneva, accused Turkey of lying."
        let accuse = try event(.accuse, text)
        #expect(sources(accuse) == ["person-vladimir-putin"])
        #expect(accuse.role(of: "person-john-kerry") == nil)
        let meet = try event(.consult, text)
        #expect(meet.role(of: "person-john-kerry") == .target)
    }

    @Test func aPossessiveRelativeClauseIsSkippedByTheMainVerb() throws {
        let e = try event(.accuse, "Vladimir Putin, whose envoys met John Kerry in Geneva, accused Turkey of lying.")
        #expect(sources(e) == ["person-vladimir-putin"])
        #expect(e.role(of: "person-john-kerry") == nil)
    }

    @Test func aCommaClosingARelativeClauseCoordinatesNoVerbs() throws {
        let text = "Sergei Lavrov, whom Vladimir Putin urged to stay in Geneva, signed a deal with Turkey."
        let appeal = try event(.appeal, text)
        #expect(sources(appeal) == ["person-vladimir-putin"])
        let agree = try event(.agree, text)
        #expect(agree.role(of: "person-vladimir-putin") == nil)
        #expect(agree.role(of: "person-sergei-lavrov") == .source)
    }

    @Test func aParticipleAfterAnOpenerHasTheMainClausesSubject() throws {
        let e = try event(.accuse, "Turkey closed the border after accusing Syria of shelling.")
        #expect(sources(e) == ["country-tur"])
        #expect(targets(e) == ["country-syr"])
    }

    @Test func theSubjectOfAClauseOpenedByThatIsTheTargetOfADemand() throws {
        let e = try event(.demand, "Iran insisted that Turkey withdraw its troops.")
        #expect(sources(e) == ["country-irn"])
        #expect(targets(e) == ["country-tur"])
    }

    @Test func aDemonymBeforeACommonNounAndANameModifiesTheNamesPhrase() throws {
        let ally = try event(.demand, "Iran insisted that Russian ally Vladimir Putin quit.")
        #expect(targets(ally) == ["person-vladimir-putin"])
        // Without a name after the noun, the demonym names the subject's country.
        let troops = try event(.demand, "Iran insisted that Turkish troops leave Syria.")
        #expect(targets(troops).contains("country-tur"))
    }

    @Test func aPossessorAfterAPrepositionStillActs() throws {
        let e = try event(.assault, "Iran called for an end to Russia's strikes on Syria.")
        #expect(e.role(of: "country-rus") == .source)
        #expect(e.role(of: "country-syr") == .target)
    }

    @Test func whatANamedSpeakerSaidHasItsOwnSubject() throws {
        let e = try event(.assault, "John Kerry said Russia had attacked Turkey.")
        #expect(sources(e) == ["country-rus"])
        #expect(targets(e) == ["country-tur"])
    }

    @Test func aSubjectPronounInWhatWasSaidIsTheSpeaker() throws {
        let e = try event(.sanction, "Iran said on Monday it would sanction Turkey.")
        #expect(sources(e) == ["country-irn"])
        #expect(targets(e) == ["country-tur"])
    }

    @Test func theSidesAfterBetween() throws {
        let truce = try event(.concede, "A truce between Russia and Turkey took effect.")
        #expect(sources(truce) == ["country-rus"])
        #expect(targets(truce) == ["country-tur"])
        let talks = try event(.consult, "Talks between Russia and Turkey ended.")
        #expect(talks.role(of: "country-rus") == .participant && talks.role(of: "country-tur") == .participant)
        // Farther from the trigger, "between" belongs to another phrase: the subject stays the source.
        let far = try event(.accuse, "Iran accused Russia of blocking all trade between Syria and Turkey.")
        #expect(sources(far) == ["country-irn"])
        #expect(targets(far).contains("country-rus"))
    }

    @Test func anObjectPronounIsThePersonNamedLastWhoIsNotTheSubject() throws {
        let e = try event(.appeal, "John Kerry met Sergei Lavrov in Geneva and urged him to stop the strikes.")
        #expect(sources(e) == ["person-john-kerry"])
        #expect(targets(e) == ["person-sergei-lavrov"])
        // "her" before a noun is a possessive, not an object.
        let possessive = try event(.appeal, "John Kerry met Sergei Lavrov in Geneva and urged her colleagues to stop the strikes.")
        #expect(possessive.role(of: "person-sergei-lavrov") != .target)
    }

    @Test func theNameAfterAtTheHandsOfActsHoweverFarFromTheTrigger() throws {
        let e = try event(.assault, "Thousands of Syrians have been killed in the past year at the hands of Iran and Russia.")
        #expect(sources(e) == ["country-irn", "country-rus"])
        #expect(targets(e).isDisjoint(with: ["country-irn", "country-rus"]))
        // "in the hands of" says who holds a thing, not who acts.
        let held = try event(.assault, "Iran attacked the town, long in the hands of Turkey.")
        #expect(held.role(of: "country-tur") != .source)
    }

    @Test func aFirstPersonSubjectOutsideQuotesIsTheStatementsAuthor() throws {
        // "we": the country whose name opens the statement.
        let we = try event(.appeal, "The United States welcomes the truce. Aid must reach the towns. We also urge Iran to open the roads.")
        #expect(sources(we) == ["country-usa"])
        #expect(targets(we) == ["country-irn"])
        // "I": the person named last before it.
        let i = try event(.appeal, "John Kerry said:\n\nThe truce must hold. I urge Iran to open the roads.")
        #expect(sources(i) == ["person-john-kerry"])
        // Inside quotes the pronoun is a speaker's, not the author's.
        let quoted = try event(.appeal, "The United States welcomes the truce. \"We urge Iran to open the roads,\" a diplomat said.")
        #expect(quoted.role(of: "country-usa") == nil)
        // "I" looks back a few paragraphs only.
        let far = "John Kerry said:\n\n" + String(repeating: "The truce must hold. ", count: EventExtractor.authorReach / 5)
        let distant = try event(.appeal, far + "I urge Iran to open the roads.")
        #expect(sources(distant).isEmpty)
        // A text that opens with no actor gives "we" no referent.
        let none = try event(.appeal, "Aid must reach the towns. We urge Iran to open the roads.")
        #expect(sources(none).isEmpty)
    }

    @Test func aDefiniteGroupNounAfterTheVerbIsTheOrganizationNamedBefore() throws {
        let nearest = try event(.accuse, "Aeroflot cut its flights. Iran accused the group of hiding its losses.")
        #expect(targets(nearest) == ["org-aeroflot"])
        // The organization the text called by the same noun wins over a nearer one.
        let same = try event(.accuse, "The airline group Aeroflot cut flights, the Munich Security Conference said. Iran accused the group of hiding its losses.")
        #expect(targets(same) == ["org-aeroflot"])
        // With no organization named before, the noun stands for no one.
        let none = try event(.accuse, "Iran accused the group of hiding its losses.")
        #expect(targets(none).isEmpty)
    }

    @Test func aGroupNounOpeningTheClauseIsTheOrganizationNamedBefore() throws {
        let e = try event(.assault, "Aeroflot cut its flights. The group carried out attacks on Turkey.")
        #expect(sources(e) == ["org-aeroflot"])
        #expect(targets(e) == ["country-tur"])
        // With no organization named before, the noun stands for no one.
        let none = try event(.assault, "The group carried out attacks on Turkey.")
        #expect(sources(none).isEmpty)
    }

    @Test func aPluralObjectPronounStandsForTheNamesLastCoordinated() throws {
        let list = try event(.demand, "Iran said it did not trust Russia, Syria and Turkey, and demanded guarantees from them.")
        #expect(sources(list) == ["country-irn"])
        #expect(targets(list).isSuperset(of: ["country-rus", "country-syr", "country-tur"]))
        // Title words between "and" and the second name belong to its phrase.
        let titled = try event(.appeal, "Iran wrote to Sergei Lavrov and Foreign Minister Boris Johnson, urging both to end the war.")
        #expect(targets(titled).isSuperset(of: ["person-sergei-lavrov", "person-boris-johnson"]))
        // An event noun's object too.
        let noun = try event(.sanction, "Russia listed assets held by Vladimir Putin and Sergei Lavrov, and Iran said it would impose sanctions on both men.")
        #expect(sources(noun) == ["country-irn"])
        #expect(targets(noun).isSuperset(of: ["person-vladimir-putin", "person-sergei-lavrov"]))
    }

    @Test func aPluralPronounIsNotTheSubjectNorBothBeforeAName() throws {
        // The coordinated subject is not what "them" stands for.
        let subject = try event(.appeal, "Russia and Turkey urged them to stop the war.")
        #expect(sources(subject) == ["country-rus", "country-tur"])
        #expect(targets(subject).isEmpty)
        // "both Iran and Syria" names its own coordination; the earlier one is not its object.
        let named = try event(.sanction, "John Kerry and Boris Johnson met in Geneva. Russia imposed sanctions on both Iran and Syria.")
        #expect(targets(named) == ["country-irn", "country-syr"])
        #expect(Set(named.participants.map(\.entity)).isDisjoint(with: ["person-john-kerry", "person-boris-johnson"]))
    }

    @Test func roleWordsAreLoadedStrictly() throws {
        var lists: [RoleWords.Class: [String]] = [:]
        #expect(throws: KnowledgeBaseLoader.LoadError.self) { try RoleWords.add(tsv: "by\tagent\n", file: "t.tsv", to: &lists) }
        #expect(throws: KnowledgeBaseLoader.LoadError.self) { try RoleWords.add(tsv: "by\n", file: "t.tsv", to: &lists) }
        try RoleWords.add(tsv: "# a comment\n\nby\tagent-preposition\nfrom\tobject-preposition\nfrom\tnoun-source-preposition\n",
                          file: "t.tsv", to: &lists)
        let words = RoleWords(lists)
        #expect(words.agentPrepositions.contains(Folding.hash("by")))
        #expect(words.objectPrepositions.contains(Folding.hash("from")) && words.nounSourcePrepositions.contains(Folding.hash("from")))
        #expect(!words.objectPrepositions.contains(Folding.hash("by")))
        // The built-in file is read.
        #expect(EventLexicon.builtIn.roles.passiveAuxiliaries.contains(Folding.hash("was")))
        #expect(EventLexicon.builtIn.roles.agentNouns.contains(Folding.hash("hands")))
        #expect(EventLexicon.builtIn.roles.firstPersonPlural.contains(Folding.hash("we")))
        #expect(EventLexicon.builtIn.roles.pluralObjectPronouns.contains(Folding.hash("them")))
        #expect(EventLexicon.builtIn.roles.claimVerbs.contains(Folding.hash("claimed")))
        #expect(EventLexicon.builtIn.roles.claimObjects.contains(Folding.hash("responsibility")))
    }
}
