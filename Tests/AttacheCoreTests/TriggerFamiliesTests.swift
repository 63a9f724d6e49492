@testable import AttacheCore
import AttacheModel
import Testing

/// The trigger families of issue 14, item 4 that are more than one word in the list: releases and swaps of
/// captives (concede), jailing and extradition (sanction, CAMEO 17), shelling and strikes (assault, 19), and
/// votes and elections between named actors. Sentences of our own, over the small fixture knowledge base.
@Suite struct TriggerFamiliesTests {
    static func event(_ type: EventType, _ text: String) -> Event? {
        EventsFixture.events(text).first { $0.type == type }
    }

    @Test(arguments: [
        ("Turkey released 150 Russian prisoners on Monday.", "country-tur"),
        ("Russia and Turkey exchanged prisoners on Sunday.", "country-rus"),
        ("Russia swapped two of its hostages with Turkey.", "country-rus"),
        ("Iran agreed to free Sergei Lavrov on Monday.", "person-sergei-lavrov"),
        ("Syria said the hostages would be released by Turkey.", "country-tur"),
    ])
    func lettingCaptivesGoIsAConcession(_ text: String, _ participant: String) throws {
        let e = try #require(Self.event(.concede, text), "\(text)")
        #expect(e.entityIDs.contains(participant))
        #expect(e.cameo == "08")
    }

    @Test(arguments: [
        "Turkey released a statement on Syria on Monday.",
        "Russia and Turkey exchanged views on Syria.",
        "Russia released a report on prisoners in Syria.",
        "Iran wants a free press in Syria.",
        // Captives let go by nobody named are no event between actors.
        "The hostages were released on Monday.",
    ])
    func lettingAnythingElseGoIsNoConcession(_ text: String) {
        #expect(Self.event(.concede, text) == nil, "\(text)")
    }

    @Test func jailingANamedPersonIsACoercion() throws {
        let e = try #require(Self.event(.sanction, "Iran jailed Boris Johnson for ten years."))
        #expect(e.role(of: "country-irn") == .source)
        #expect(e.role(of: "person-boris-johnson") == .target)
        #expect(e.cameo == "17")
        // An adjective after an article, and a jailing with no one named after it, are no event.
        #expect(Self.event(.sanction, "The jailed leader met Sergei Lavrov in Geneva.") == nil)
        #expect(Self.event(.sanction, "Iran jailed dozens of protesters last year.") == nil)
    }

    @Test func extraditionIsACoercion() throws {
        let e = try #require(Self.event(.sanction, "Britain will extradite Sergei Lavrov to Turkey."))
        #expect(e.cameo == "17")
        #expect(e.status == .planned)
        #expect(e.role(of: "country-gbr") == .source)
    }

    @Test(arguments: [
        ("Russia bombarded Aleppo on Monday.", "bombarded"),
        ("Russian shells hit Aleppo on Monday.", "shells"),
        ("Britain is striking against Russia in Syria.", "striking against"),
    ])
    func shellingAndStrikingAreFighting(_ text: String, _ trigger: String) throws {
        let e = try #require(Self.event(.assault, text), "\(text)")
        #expect(e.trigger == trigger)
        #expect(e.cameo == "19")
    }

    /// Strikes and hacking carry their status: hedged ones are reported, announced ones planned.
    @Test(arguments: [
        ("Turkey blamed Russia for a suspected cyberattack on its parliament.", EventStatus.reported),
        ("Russia allegedly hacked the computers of the Turkish parliament.", EventStatus.reported),
        ("Russia is to launch air strikes on Aleppo next week.", EventStatus.planned),
        ("Russia hacked the computers of the Turkish parliament.", EventStatus.occurred),
    ])
    func strikesAndHackingCarryTheirStatus(_ text: String, _ status: EventStatus) throws {
        let e = try #require(Self.event(.assault, text), "\(text)")
        #expect(e.status == status)
    }

    @Test func aShellCompanyOrAStrikingChangeIsNoAssault() {
        #expect(Self.event(.assault, "Iran used a shell company to pay Syria.") == nil)
        #expect(Self.event(.assault, "Turkey saw a striking change in Russia's tone.") == nil)
    }

    @Test func votesAndElectionsBetweenNamedActors() throws {
        let endorsed = try #require(Self.event(.cooperate, "Turkey voted for Sergei Lavrov in the election."))
        #expect(endorsed.cameo == "05")
        #expect(endorsed.role(of: "person-sergei-lavrov") == .target)
        let elected = try #require(Self.event(.cooperate, "The Russian parliament elected Sergei Lavrov as its speaker."))
        #expect(elected.role(of: "person-sergei-lavrov") == .target)
        #expect(Self.event(.agree, "Russia and Turkey adopted Resolution 2249 on Monday.") != nil)
        #expect(Self.event(.consult, "Russia and Turkey will vote on the treaty in Geneva.") != nil)
        // A vote for a cause names no actor it endorses.
        let referendum = EventsFixture.events("The war began after Syria voted for independence from Turkey.")
        #expect(!referendum.contains { $0.type == .cooperate || $0.type == .agree })
    }

    /// Rows added for events the annotated sets showed missed: each its type, root and a sentence of our own.
    @Test(arguments: [
        ("Turkey called for a special session on Syria with Russia.", EventType.consult, "04"),
        ("John Kerry raised the matter in a call with Sergei Lavrov.", EventType.consult, "04"),
        ("Turkey turned away boats of Syrian migrants.", EventType.reject, "12"),
        ("Russia planned talks with Turkey, but Vladimir Putin called them off.", EventType.reject, "12"),
        ("An exchange of fire between Russia and Turkey followed.", EventType.assault, "19"),
        ("Syrian forces laid siege to Aleppo with Russia's help.", EventType.assault, "19"),
        ("Russia besieged Aleppo for a month.", EventType.assault, "19"),
        ("The battle for Aleppo between Russia and Turkey went on.", EventType.assault, "19"),
        ("The trial of Boris Johnson opened in Turkey.", EventType.sanction, "17"),
        ("Boris Johnson was taken into custody by Turkey.", EventType.sanction, "17"),
        // Rows added for the events the three annotated sets still missed. Present-tense saying, as news copy has it.
        ("Sergei Lavrov says Russia will keep its bases in Syria.", EventType.statement, "01"),
        // Condemnation in so many words.
        ("Turkey slammed Russia over the raid on Aleppo.", EventType.accuse, "11"),
        ("Iran decried the sanctions imposed by the United States.", EventType.accuse, "11"),
        ("Britain deplores the shelling of Aleppo by Russia.", EventType.accuse, "11"),
        ("Boris Johnson lashed out at Iran on Monday.", EventType.accuse, "11"),
        // Meetings called together, agreements by other names.
        ("Turkey convened the envoys of Russia and Iran in Geneva.", EventType.consult, "04"),
        ("A gathering of Syrian and Turkish officials took place in Geneva.", EventType.consult, "04"),
        ("Russia and Turkey reached a consensus on Syria.", EventType.agree, "03"),
        ("Russia and Iran reached an understanding on Aleppo.", EventType.agree, "03"),
        ("A framework for a deal between Iran and Turkey was agreed in Geneva.", EventType.agree, "03"),
        // Holding back a measure is a concession; suspending talks or ties reduces relations.
        ("Turkey suspended its plans to build a wall on the border with Syria.", EventType.concede, "08"),
        ("The pullout of Russian troops from Syria began on Monday.", EventType.concede, "08"),
        ("Turkey suspended talks with Russia on Monday.", EventType.sanction, "16"),
        ("Iran broke diplomatic relations with Turkey in 2016.", EventType.sanction, "16"),
        // Watching over a truce, refuting a claim.
        ("Iran will monitor the border with Turkey.", EventType.investigate, "09"),
        ("Russia refuted the claims made by Turkey.", EventType.reject, "12"),
        // Fighting: a campaign against an enemy, a killing.
        ("Russia stepped up its campaign against Turkish forces in Syria.", EventType.assault, "19"),
        ("Turkish police shot dead a Russian diplomat in Ankara.", EventType.assault, "18"),
        // Giving.
        ("Britain's donation to Syria arrived on Monday.", EventType.aid, "07"),
    ])
    func rowsForMissedEvents(_ text: String, _ type: EventType, _ cameo: String) throws {
        let e = try #require(Self.event(type, text), "\(text)")
        #expect(e.cameo == cameo)
    }

    @Test(arguments: [
        ("Sergei Lavrov said the bombing of the hospital was cowardly and barbaric.", "person-sergei-lavrov"),
        ("Turkey called the raid on its embassy despicable.", "country-tur"),
        ("Boris Johnson said it was damning that the ministry had done nothing.", "person-boris-johnson"),
        ("Iran said the shelling of Aleppo was an act of barbarity.", "country-irn"),
        // Shock and grave concern of a named speaker condemn too.
        ("Boris Johnson said Britain remained deeply concerned about the shelling of Aleppo.", "country-gbr"),
        ("Iran said it felt shocked by the bombing of Aleppo.", "country-irn"),
        ("Sergei Lavrov said Russia felt horrified by the attack on its embassy.", "country-rus"),
    ])
    func wordsOfMoralOutrageAreAnAccusationByTheSpeaker(_ text: String, _ speaker: String) throws {
        let e = try #require(Self.event(.accuse, text), "\(text)")
        #expect(e.role(of: speaker) == .source)
        #expect(e.cameo == "11")
    }

    @Test(arguments: [
        // Nobody named says it: a description, no accusation.
        "The crash on the motorway was horrific, the report said.",
        "Witnesses were appalled by the damage.",
    ])
    func outrageWithoutANamedSpeakerIsNoAccusation(_ text: String) {
        #expect(Self.event(.accuse, text) == nil, "\(text)")
    }

    /// The condemnation rows keep their direction: the one who condemns acts on the one condemned.
    @Test func condemningInSoManyWordsNamesBothSides() throws {
        let e = try #require(Self.event(.accuse, "Turkey slammed Russia over the raid on Aleppo."))
        #expect(e.role(of: "country-tur") == .source)
        #expect(e.role(of: "country-rus") == .target)
        let refuted = try #require(Self.event(.reject, "Russia refuted the claims made by Turkey."))
        #expect(refuted.role(of: "country-rus") == .source)
    }

    @Test(arguments: [
        // A voice in a decision, an agreed setting, a monitoring group, the countries concerned: no new event.
        ("Turkey wants a say in the future of Syria.", EventType.statement),
        ("Russia and Turkey met within the framework of the Geneva process.", EventType.agree),
        ("A Syrian monitoring group said Russia had bombed Aleppo.", EventType.investigate),
        ("The countries concerned are Russia and Turkey.", EventType.accuse),
    ])
    func phrasesAroundTheNewRowsAreNoEvent(_ text: String, _ type: EventType) {
        #expect(Self.event(type, text) == nil, "\(text)")
    }
}
