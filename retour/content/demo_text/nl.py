"""VOORBEELDteksten in het Nederlands (vertaling van en.py, zelfde opbouw)."""

SAMPLE = "Voorbeeldinhoud voor de demo: geen echte informatie."

COUNTRY_NAMES = {"AF": "Afghanistan", "IQ": "Irak", "GE": "Georgië"}
AND = " en "

QUESTIONS = [
    "Kan ik hulp krijgen om naar huis terug te keren?",
    "Wie betaalt het ticket naar huis?",
    "Is er geld om opnieuw te beginnen na de terugkeer?",
    "Kan ik nog in beroep gaan tegen mijn beslissing?",
    "Wat gebeurt er als ik niet vertrek?",
    "Kan ik anoniem met iemand praten?",
    "Heb ik een afspraak nodig voor begeleiding?",
    "Kan mijn gezin met mij terugkeren?",
    "Wat als ik ziek ben en een behandeling nodig heb?",
    "Hoe krijg ik nieuwe identiteitsdocumenten?",
    "Hoe lang duurt het om een terugkeer te regelen?",
    "Kan ik van gedachten veranderen nadat ik een aanvraag heb ingediend?",
    "Is de begeleiding gratis?",
    "Zullen de autoriteiten in mijn land het weten?",
    "Kan ik mijn bezittingen meenemen?",
    "Welke steun is er voor kinderen?",
    "Kan ik een aanvraag doen als mijn asielprocedure nog loopt?",
    "Waar kan ik juridisch advies krijgen?",
    "Is er steun voor slachtoffers van mensenhandel?",
    "Kan ik hulp krijgen bij het vinden van werk na de terugkeer?",
    "Kan ik hulp krijgen bij huisvesting na de terugkeer?",
    "Hoe bewijs ik mijn nationaliteit?",
    "Wat als mijn paspoort verlopen is?",
    "Kan iemand mij opwachten op de luchthaven?",
    "Kan ik terugkeren naar een land dat niet het mijne is?",
    "Zijn er tolken beschikbaar?",
    "Wat staat er in een re-integratieplan?",
    "Wie controleert of deze informatie juist is?",
    "Hoe kan ik een klacht indienen over een dienst?",
    "Waar kan ik vannacht slapen?",
]

ANSWERS = [
    "Meestal wel. Programma's voor begeleide terugkeer kunnen de reis regelen en betalen, je "
    "helpen aan reisdocumenten en je soms na aankomst ondersteunen. De eerste stap is een "
    "gesprek met een terugkeerconsulent in een hulppunt: die bekijkt welk programma past bij "
    "je nationaliteit en situatie. Informatie vragen verplicht je niet om terug te keren.",
    "Keer je terug met een programma voor begeleide terugkeer, dan boekt en betaalt het "
    "programma normaal de vlucht en het vervoer naar de luchthaven; je betaalt het niet zelf. "
    "Reis je op eigen houtje, dan betaal je zelf. Je consulent bevestigt wat je programma "
    "dekt voordat je beslist.",
    "Sommige programma's geven een klein bedrag bij vertrek of na aankomst, en veel bieden "
    "re-integratiesteun in natura: een opleiding, materiaal om een kleine zaak te starten, of "
    "hulp bij huur of medische kosten. Wat je kunt krijgen hangt af van het programma, je "
    "nationaliteit en je situatie, en verandert in de loop van de tijd. De bedragen in deze "
    "demo zijn voorbeeldbedragen. Vraag een consulent wat voor jou geldt.",
    "Dat hangt af van de beslissing. In de brief staat of beroep mogelijk is en tot wanneer. "
    "Termijnen kunnen kort zijn: breng de brief (en de envelop met de datum waarop je hem "
    "kreeg) zo snel mogelijk naar een advocaat of een dienst voor juridische hulp. Een gesprek "
    "met een terugkeerconsulent houdt je niet tegen om juridisch advies te vragen.",
    "Kreeg je een bevel om het land te verlaten en blijf je, dan kunnen de autoriteiten een "
    "gedwongen terugkeer starten. Afhankelijk van het land kan dat een meldplicht, "
    "vasthouding en een inreisverbod van enkele jaren betekenen. Je kunt ook de steun "
    "verliezen die vrijwillige programma's bieden. Een advocaat of consulent legt uit wat in "
    "jouw geval geldt en welke mogelijkheden je nog hebt.",
    "Ja. In hulppunten met de vermelding „je kunt anoniem komen” kun je algemene vragen "
    "stellen zonder je naam te geven. Jij beslist wat je vertelt. Vraag je later een "
    "programma aan, dan moet je wel je identiteit geven, zodat reisdocumenten en het ticket "
    "geregeld kunnen worden.",
    "Niet altijd. Sommige hulppunten hebben open uren waarop je zonder afspraak binnen kunt "
    "lopen; andere werken op afspraak. Op de pagina van elk hulppunt staat „geen afspraak "
    "nodig” als dat zo is. Twijfel je, stuur dan een e-mail of kom tijdens de openingsuren "
    "langs om het te vragen.",
    "Ja, een gezin kan samen terugkeren. Elk gezinslid staat in de aanvraag, en de steun kan "
    "per persoon of per gezin gegeven worden. Breng de documenten mee die je hebt voor "
    "iedereen: paspoorten, identiteitskaarten, geboorte- en huwelijksakten. School, zorg en "
    "huisvesting voor het gezin kunnen vóór het vertrek voorbereid worden.",
    "Zeg het vroeg aan je consulent. Een programma kan nagaan of je fit genoeg bent om te "
    "reizen, begeleiding of een rolstoel regelen, je medicijnen meegeven voor de eerste tijd "
    "en een partner laten nagaan of je behandeling na terugkeer beschikbaar is. Breng "
    "medische verslagen en voorschriften mee. Medische gegevens worden alleen met jouw "
    "toestemming gedeeld, en alleen om je terugkeer te regelen.",
    "Je consulent kan je helpen contact op te nemen met de ambassade of het consulaat van je "
    "land om een paspoort of een reisdocument voor enkele reis (vaak laissez-passer genoemd) "
    "aan te vragen. Breng alle documenten mee die je hebt, ook oude, verlopen of kopieën: "
    "paspoort, identiteitskaart, geboorteakte, foto's van documenten. Na terugkeer kan een "
    "lokale partner helpen om documenten van de burgerlijke stand te vervangen.",
    "Vaak een paar weken, maar het verschilt. Het meeste wachten is op reisdocumenten van de "
    "ambassade en op het boeken van een vlucht. Met een geldig paspoort kan het sneller; moet "
    "er een nieuw document komen, dan duurt het langer. Je consulent geeft een inschatting "
    "voor jouw situatie en houdt je op de hoogte.",
    "Ja. Terugkeer met een programma is vrijwillig en je kunt je terugtrekken tot je "
    "vertrekt. Laat het je consulent zo snel mogelijk weten, zodat de boeking geannuleerd kan "
    "worden. Terugtrekken verandert niets aan je verblijfssituatie: die blijft zoals ze was "
    "voor je aanvraag.",
    "Ja. In deze demo biedt het voorbeeldnetwerk voor begeleiding gratis begeleiding, en die "
    "is vertrouwelijk: de consulent geeft niet door wat je zegt zonder jouw toestemming. In "
    "het eerste gesprek legt die uit in welke zeldzame gevallen de wet verplicht om "
    "informatie te delen.",
    "Om reisdocumenten af te geven moet de ambassade of het consulaat weten wie je bent. Wat "
    "je in je asielprocedure vertelde, krijgen zij niet. Ben je bang voor de autoriteiten van "
    "je land, zeg het dan aan je consulent en praat met een advocaat voordat er een aanvraag "
    "wordt verstuurd.",
    "Meestal wel, binnen de bagageregels van het ticket: in het algemeen één ingecheckte "
    "koffer en handbagage. Extra bagage betaalt het programma normaal niet. Vraag je "
    "consulent wat je ticket toelaat, en houd documenten en medicijnen in je handbagage.",
    "Gezinnen met kinderen krijgen extra aandacht: inschrijving op school na terugkeer, een "
    "gezondheidscontrole en soms extra steun per kind. Een kind dat zonder ouders reist, kan "
    "alleen terugkeren als een voogd betrokken is, de terugkeer in het belang van het kind is "
    "en opvang door familie of een zorgdienst vóór vertrek geregeld is.",
    "Je kunt op elk moment informatie vragen. Om echt met een programma te vertrekken, moet je "
    "meestal je asielaanvraag intrekken, en daarmee eindigt je procedure. Praat met een "
    "advocaat voordat je iets intrekt.",
    "In hulppunten die juridische hulp bieden (zie de kaart en de lijst van hulppunten). Een "
    "advocaat of juridisch adviseur staat aan jouw kant en staat los van de "
    "terugkeerbegeleiding. Breng alle brieven en beslissingen mee die je kreeg. Juridische "
    "hulp kan gratis zijn als je weinig of geen inkomen hebt.",
    "Ja. Dwingt iemand je om te werken, houdt iemand je documenten of geld vast, of bedreigt "
    "iemand jou of je familie, vertel het dan aan een consulent of een gespecialiseerde "
    "hulpdienst. Je kunt bescherming en steun krijgen, en vóór een terugkeer worden de "
    "risico's ingeschat en worden een veilige reis en opvang geregeld. Dat kan "
    "vertrouwelijk.",
    "Vaak wel. Re-integratiesteun kan bestaan uit begeleiding naar werk, een "
    "beroepsopleiding, doorverwijzing naar arbeidsbemiddeling of materiaal om een kleine zaak "
    "te starten op basis van een eenvoudig ondernemingsplan. Bespreek je vaardigheden en "
    "plannen met je consulent voor je vertrekt, zodat een partner in je land zich kan "
    "voorbereiden.",
    "Soms. Sommige programma's betalen tijdelijk onderdak bij aankomst of een bijdrage in de "
    "huur voor de eerste maanden, meestal rechtstreeks aan de verhuurder. De meeste mensen "
    "logeren eerst bij familie of vrienden. Zeg het vroeg aan je consulent als je nergens "
    "terecht kunt.",
    "Een paspoort of nationale identiteitskaart is het beste, ook als die verlopen is. Anders "
    "helpen een geboorteakte, gezinsboekje, rijbewijs, militaire of schoolpapieren, of "
    "kopieën en foto's daarvan. Heb je niets, dan kan de ambassade je een gesprek afnemen of "
    "registers nakijken; je consulent helpt dat te regelen. Dat duurt meestal langer.",
    "Een verlopen paspoort helpt toch om te bewijzen wie je bent. Je consulent kan je helpen "
    "bij je ambassade of consulaat een nieuw paspoort of een reisdocument voor enkele reis "
    "(laissez-passer) aan te vragen. Breng het oude paspoort en pasfoto's mee. Is je paspoort "
    "verloren of gestolen, zeg het dan aan je consulent; een aangifte bij de politie kan "
    "nodig zijn.",
    "Vaak wel. Veel programma's bieden hulp op de luchthaven van vertrek en, via een "
    "partnerorganisatie, bij aankomst: iemand wacht je op, helpt met de verdere reis of "
    "brengt je naar tijdelijk onderdak. Dit moet je voor vertrek aanvragen, dus vraag het je "
    "consulent.",
    "Meestal helpen programma's je terug te keren naar het land van je nationaliteit. "
    "Terugkeer naar een ander land kan alleen als je daar mag wonen, bijvoorbeeld met een "
    "geldige verblijfsvergunning, en er wettig binnen mag. Vraag je consulent je situatie na "
    "te gaan.",
    "Ja. Begeleiding kan met een tolk, ter plaatse of via de telefoon, gratis voor jou. Tolken "
    "hebben een geheimhoudingsplicht. Zeg bij het eerste contact welke taal je nodig hebt; op "
    "de pagina van elk hulppunt staan de talen die er gesproken worden.",
    "Een re-integratieplan maak je samen, voor of na terugkeer. Het beschrijft je situatie en "
    "noden, je doelen (werk, opleiding, een kleine zaak, huisvesting, gezondheid, school), "
    "welke steun je krijgt, vooral in natura, wie die geeft, wanneer, en hoe de opvolging "
    "gebeurt. Het is vrijwillig en kan aangepast worden.",
    "Elke pagina hoort bij een organisatie die ervoor verantwoordelijk is. Pagina's tonen "
    "wanneer ze het laatst gecontroleerd zijn en waarschuwen als ze verouderd zijn; "
    "landenfiches noemen hun bronnen per onderdeel. De pagina's in deze demo zijn "
    "voorbeeldinhoud en zijn niet gecontroleerd.",
    "Zeg het eerst aan de dienst zelf en vraag naar een verantwoordelijke; elke organisatie "
    "hoort een klachtenprocedure te hebben. Je kunt ook hulp vragen aan een dienst voor "
    "juridische hulp of een onafhankelijke klachteninstantie. Een klacht indienen verandert "
    "niets aan je recht op steun.",
    "Zoek op de kaart naar hulppunten met opvang; in deze demo heeft één voorbeeldhulppunt "
    "dat. Inloopdiensten kunnen je ook doorverwijzen naar een noodopvang. Ben je in gevaar, "
    "bel dan het noodnummer van het land waar je bent.",
]

SHEET = {
    "title": "Landenfiche (voorbeeld): {name}",
    "summary": SAMPLE
    + " Wat je kunt verwachten en voorbereiden bij terugkeer naar {name}: veiligheid, zorg, "
    "huisvesting, werk, school, documenten en re-integratiesteun, in algemene termen. Vraag "
    "een consulent om actuele informatie over jouw situatie.",
    "source": "Voorbeeldbron (fictief)",
    "sections": {
        "safety": [
            "De veiligheid kan sterk verschillen per regio en snel veranderen. Vraag je "
            "consulent voor je beslist om actuele informatie over de streek waar je naar "
            "terugkeert, en naar de bronnen waarop die steunt.",
            "Ben je bang voor je veiligheid na terugkeer, zeg dat dan en praat met een advocaat "
            "voor je beslist: het kan belangrijk zijn voor je juridische mogelijkheden.",
        ],
        "health": [
            "Of een behandeling beschikbaar is en wat ze kost, verschilt per regio en soort "
            "zorg, vooral bij chronische ziekte en geestelijke gezondheid. Breng je medische "
            "verslagen mee: voor je vertrekt kan een partner nagaan waar je behandeling "
            "beschikbaar is. Sommige programma's betalen medicijnen voor de eerste maanden.",
        ],
        "housing": [
            "De meeste mensen logeren eerst bij familie of vrienden. Kan dat niet, dan helpen "
            "sommige programma's met tijdelijk onderdak bij aankomst of een bijdrage in de huur "
            "voor korte tijd. Zeg het vroeg aan je consulent als je nergens terecht kunt.",
        ],
        "work": [
            "Werk vinden kan tijd vragen na een lange afwezigheid. Re-integratiesteun kan "
            "bestaan uit begeleiding naar werk, een beroepsopleiding of materiaal om een kleine "
            "zaak te starten op basis van een eenvoudig plan. Breng attesten mee van "
            "opleidingen en werk in het buitenland.",
        ],
        "education": [
            "Kinderen kunnen na terugkeer meestal naar school; de school kan een geboorteakte "
            "en eerdere rapporten vragen. Diploma's uit het buitenland moeten soms vertaald en "
            "gelegaliseerd worden: vraag je consulent om hulp voor je vertrekt.",
        ],
        "documents": [
            "Neem al je identiteitsdocumenten en akten mee. Geboorten en huwelijken in het "
            "buitenland moeten na terugkeer soms geregistreerd worden, dus breng de akten mee. "
            "Verloren documenten vervangen betekent meestal een bezoek aan de burgerlijke "
            "stand; een lokale partner legt de stappen uit.",
        ],
        "reintegration": [
            "Re-integratiesteun wordt meestal gegeven door een partnerorganisatie in het land "
            "van terugkeer. Ze wordt samen met jou gepland, vooral in natura (goederen, "
            "diensten, opleiding), soms met een klein deel in geld. Neem in de eerste weken na "
            "aankomst contact op met de partner, zodat de steun kan starten.",
        ],
        "contacts": [
            "Hier zouden gecontroleerde contactgegevens van lokale partners staan. Deze demo "
            "geeft geen echte contacten: vraag je consulent voor je vertrekt naar de gegevens "
            "van de partner.",
        ],
    },
}

PROGRAMME = {
    "title": "Voorbeeldprogramma {n}",
    "summary": SAMPLE
    + " Een voorbeeld van een programma voor begeleide vrijwillige terugkeer en re-integratie "
    "voor onderdanen van {countries} van wie de asielaanvraag geweigerd is of die geen "
    "verblijfsrecht hebben. Bedragen en voorwaarden zijn voorbeelden.",
    "operator": "Voorbeelduitvoerder (fictief)",
    "funders": "Voorbeeldfinancier (fictief)",
    "deadline": "Voorbeeld: vraag het aan voor je reist en reken op enkele weken voor "
    "reisdocumenten en de boeking.",
    "in_kind": "Voorbeeld: steun vooral in natura, samen met jou gepland, zoals een "
    "beroepsopleiding, startmateriaal voor een kleine zaak of een bijdrage in de huur voor de "
    "eerste maanden.",
    "vulnerable": "Voorbeeld: extra steun voor mensen met medische noden, gezinnen met "
    "kinderen, ouderen en slachtoffers van mensenhandel, zoals medische begeleiding, "
    "medicijnen voor de eerste maanden of een groter budget in natura.",
    "how_to_apply": [
        "Neem contact op met een terugkeerconsulent in een hulppunt (zie de kaart). Het eerste "
        "gesprek is gratis en vertrouwelijk en verplicht je tot niets.",
        "Breng mee wat je hebt: paspoort of identiteitskaart (ook verlopen), andere "
        "documenten, medische verslagen, en de documenten van gezinsleden die met je "
        "meereizen.",
        "De consulent gaat na of je in aanmerking komt, helpt je zo nodig aan een reisdocument "
        "van je ambassade of consulaat, boekt de reis en plant re-integratiesteun met een "
        "partner in je land.",
    ],
}

EXPLAINER = {
    "title": "Uw beslissing begrijpen (voorbeeld)",
    "summary": SAMPLE + " Waarom aanvragen geweigerd worden en welke mogelijkheden je hebt.",
    "body": [
        "De beslissingsbrief legt uit waarom je aanvraag geweigerd is en wat je daarna kunt "
        "doen. Meestal staat erin of je in beroep kunt gaan, tot wanneer, en of je het land "
        "moet verlaten.",
        "Termijnen kunnen kort zijn en staan in de brief. Breng de brief, en de envelop die "
        "toont wanneer je hem kreeg, zo snel mogelijk naar een advocaat of een dienst voor "
        "juridische hulp. Een consulent kan je helpen er een te vinden.",
    ],
    "options": [
        (
            "Beroep",
            "Een advocaat gaat na of de beslissing aangevochten kan worden en of je tijdens het "
            "beroep mag blijven. Juridische hulp kan gratis zijn als je weinig inkomen hebt.",
            "Voorbeeld: de termijn staat in je beslissingsbrief.",
        ),
        (
            "Nieuwe aanvraag",
            "Alleen mogelijk met nieuwe feiten of bewijzen die nog niet onderzocht zijn. "
            "Bespreek het eerst met een advocaat.",
            "",
        ),
        (
            "Vrijwillige terugkeer",
            "Een consulent legt uit welke steun er is: de reis, documenten en hulp na "
            "terugkeer. Informatie vragen houdt een beroep niet tegen.",
            "Voorbeeld: vraag naar de termijnen van programma's.",
        ),
    ],
}
