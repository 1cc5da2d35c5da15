//! The privacy notice and the accessibility statement, as plain text data in Finnish, Swedish and English.
use klever_api::Language;

/// A link from a section to the screen where the customer uses a right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub href: &'static str,
    pub label: &'static str,
}

/// One titled part of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// Used as the element id of the section heading, e.g. "what-we-hold"; same in every language.
    pub id: &'static str,
    pub heading: &'static str,
    pub paragraphs: &'static [&'static str],
    /// A bulleted list after the paragraphs (may be empty).
    pub items: &'static [&'static str],
    /// Links to app screens (may be empty).
    pub links: &'static [Link],
}

/// The privacy notice: what Klever holds about the customer, why, and the customer's rights.
pub fn privacy_notice(lang: Language) -> &'static [Section] {
    match lang {
        Language::Fi => PRIVACY_FI,
        Language::Sv => PRIVACY_SV,
        Language::En => PRIVACY_EN,
    }
}

/// The accessibility statement of Kleverapp.
pub fn accessibility_statement(lang: Language) -> &'static [Section] {
    match lang {
        Language::Fi => ACCESSIBILITY_FI,
        Language::Sv => ACCESSIBILITY_SV,
        Language::En => ACCESSIBILITY_EN,
    }
}

// ---------------------------------------------------------------------------
// Privacy notice
// ---------------------------------------------------------------------------

const PRIVACY_FI: &[Section] = &[
    Section {
        id: "controller",
        heading: "Kuka vastaa tiedoistasi",
        paragraphs: &[
            "Tietosi ovat Klever Ab Oy:n asiakasrekisterissä, ja me vastaamme niiden käsittelystä.",
            "Kleverapp on sovelluksemme, jossa hoidat laskujasi ja omia tietojasi.",
        ],
        items: &[
            "Klever Ab Oy, Y-tunnus 2697436-4",
            "Pitkäkatu 34, 65100 Vaasa",
            "Asiakaspalvelu arkisin klo 9–15, puh. +358 20 7780 490",
        ],
        links: &[],
    },
    Section {
        id: "what-we-hold",
        heading: "Mitä tietoja meillä on sinusta",
        paragraphs: &["Asiakasrekisterissämme voi olla sinusta alla luetellut tiedot. Näet ne kaikki Omat tiedot -sivulla."],
        items: &[
            "Nimesi",
            "Sukupuolesi",
            "Pankkitietosi",
            "Sähköpostiosoitteesi",
            "Puhelinnumerosi",
            "Postiosoitteesi",
            "Muut tiedot, jotka olet itse kertonut meille",
            "Suoramarkkinointia koskevat kieltosi ja suostumuksesi",
            "Päivä, jolloin asiakkuutesi alkoi",
            "Tietojesi muutoshistoria",
            "Pankkitiliraportista (Instantor) saadut tiedot",
            "Saamasi laskut ja tekemäsi maksut",
        ],
        links: &[],
    },
    Section {
        id: "purposes",
        heading: "Mihin käytämme tietojasi",
        paragraphs: &[
            "Käytämme tietojasi alla lueteltuihin tarkoituksiin.",
            "Emme tee sinua koskevia päätöksiä pelkästään automaattisesti.",
        ],
        items: &[
            "Asiakkuutesi ja asiakaspalvelun hoitaminen",
            "Asiakastasojen määrittäminen",
            "Yhteydenpito kanssasi",
            "Markkinoinnin suunnittelu ja kohdentaminen, myös suoramarkkinointi – ellet ole kieltänyt sitä",
            "Markkinatutkimukset – ellet ole kieltänyt niitä",
            "Liiketoimintamme suunnittelu ja seuranta",
            "Lain ja viranomaisten meille asettamien velvoitteiden hoitaminen",
        ],
        links: &[],
    },
    Section {
        id: "sources",
        heading: "Mistä tietosi tulevat",
        paragraphs: &["Saamme tietoja sinusta näistä lähteistä."],
        items: &[
            "Sinulta itseltäsi",
            "Siitä, miten käytät palveluamme, myös evästeiden avulla",
            "Muista rekistereistä, joista saa tietopalveluja",
            "Instantorin pankkitiliraportista, jonka teettämiseen olet antanut luvan. Siinä näkyvät tilin omistaja, tilin saldot ja yhteenveto tuloistasi ja menoistasi.",
        ],
        links: &[],
    },
    Section {
        id: "recipients",
        heading: "Kenelle tietoja annetaan",
        paragraphs: &[
            "Voimme antaa mielipide- ja markkinatutkimuksiin tietoja, joista sinua ei voi tunnistaa. Jos olet kieltänyt tämän, emme tee sitä.",
            "Muuten annamme tietojasi eteenpäin vain sen verran kuin asiakkuutesi hoitaminen vaatii.",
            "Tietojasi ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "retention",
        heading: "Kuinka kauan säilytämme tietoja",
        paragraphs: &[
            "Säilytämme tietojasi niin kauan kuin olet asiakkaamme.",
            "Asiakkuuden päätyttyä säilytämme niitä vain niin kauan kuin laki vaatii, esimerkiksi kirjanpitoa varten.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "security",
        heading: "Miten suojaamme tietosi",
        paragraphs: &[
            "Tietojasi saavat käsitellä vain siihen nimetyt työntekijämme. Jokaisella heistä on oma henkilökohtainen käyttäjätunnus.",
            "Järjestelmämme on suojattu ulkopuolisilta, ja paperiset asiakirjat pidetään lukitussa tilassa.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "see-your-data",
        heading: "Katso ja lataa tietosi",
        paragraphs: &[
            "EU:n tietosuoja-asetus (GDPR) antaa sinulle oikeudet, jotka kerromme tässä ja seuraavissa kohdissa.",
            "Näet kaikki tietosi Omat tiedot -sivulla.",
            "Pyynnöt-sivulla voit ladata tietosi tiedostona tai tehdä virallisen tarkastuspyynnön. Tarkastuspyynnön voit tehdä myös kirjallisesti tai käymällä toimistollamme Vaasassa.",
        ],
        items: &[],
        links: &[
            Link { href: "/profile", label: "Katso tietosi" },
            Link { href: "/requests", label: "Tee tarkastuspyyntö" },
        ],
    },
    Section {
        id: "correction",
        heading: "Korjaa tai päivitä tietosi",
        paragraphs: &[
            "Jos jokin tietosi on väärin tai vanhentunut, sinulla on oikeus saada se korjattua.",
            "Yhteystietosi ja muut antamasi tiedot voit muuttaa itse. Nimeä, sukupuolta, pankkitietoja ja muita lukittuja tietoja voi turvallisuussyistä muuttaa vain korjauspyynnöllä, jonka asiakaspalvelumme käsittelee.",
        ],
        items: &[],
        links: &[
            Link { href: "/profile/edit", label: "Muuta yhteystietojasi" },
            Link { href: "/requests/correction", label: "Pyydä korjausta" },
        ],
    },
    Section {
        id: "marketing",
        heading: "Päätä markkinoinnista",
        paragraphs: &[
            "Voit kieltää suoramarkkinoinnin kokonaan tai kanava kerrallaan. Noudatamme kieltoasi aina.",
            "Voit myös antaa tai perua suostumuksen esimerkiksi markkinatutkimuksiin ja markkinoinnin kohdentamiseen. Suostumuksen peruminen on yhtä helppoa kuin sen antaminen.",
            "Tallennamme jokaisen valintasi ja sen ajankohdan.",
        ],
        items: &[],
        links: &[Link { href: "/profile/marketing", label: "Muuta markkinointivalintojasi" }],
    },
    Section {
        id: "how-we-answer",
        heading: "Miten vastaamme pyyntöihin",
        paragraphs: &[
            "Vastaamme pyyntöösi kuukauden kuluessa. Jos pyyntö on hyvin laaja tai monimutkainen, voimme jatkaa aikaa enintään kahdella kuukaudella. Kerromme silloin syyn jo ensimmäisen kuukauden aikana.",
            "Pyynnöt ovat maksuttomia. Jos teet pyynnön sovelluksessa, vastaamme myös sähköisesti.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "complaint",
        heading: "Valitus tietosuojavaltuutetulle",
        paragraphs: &[
            "Jos katsot, että käsittelemme tietojasi lain vastaisesti, voit tehdä valituksen tietosuojavaltuutetulle. Lisätietoa ja yhteystiedot löydät osoitteesta tietosuoja.fi.",
            "Toivomme kuitenkin, että otat ensin yhteyttä meihin, jotta voimme selvittää asian.",
        ],
        items: &[], links: &[],
    },
];

const PRIVACY_SV: &[Section] = &[
    Section {
        id: "controller",
        heading: "Vem som ansvarar för dina uppgifter",
        paragraphs: &[
            "Dina uppgifter finns i Klever Ab Oy:s kundregister, och vi ansvarar för hur de behandlas.",
            "Kleverapp är vår app där du sköter dina fakturor och dina egna uppgifter.",
        ],
        items: &[
            "Klever Ab Oy, FO-nummer 2697436-4",
            "Långgatan 34, 65100 Vasa",
            "Kundtjänst vardagar kl. 9–15, tfn +358 20 7780 490",
        ],
        links: &[],
    },
    Section {
        id: "what-we-hold",
        heading: "Vilka uppgifter vi har om dig",
        paragraphs: &["Vårt kundregister kan innehålla de uppgifter om dig som räknas upp nedan. Du ser dem alla på sidan Mina uppgifter."],
        items: &[
            "Ditt namn",
            "Ditt kön",
            "Dina bankuppgifter",
            "Din e-postadress",
            "Ditt telefonnummer",
            "Din postadress",
            "Övriga uppgifter som du själv har gett oss",
            "Dina förbud och samtycken som gäller direktmarknadsföring",
            "Dagen då du blev kund hos oss",
            "Historiken över ändringar i dina uppgifter",
            "Uppgifter från bankkontorapporten (Instantor)",
            "Fakturor du har fått och betalningar du har gjort",
        ],
        links: &[],
    },
    Section {
        id: "purposes",
        heading: "Vad vi använder uppgifterna till",
        paragraphs: &[
            "Vi använder dina uppgifter till det som räknas upp nedan.",
            "Vi fattar inga beslut om dig enbart automatiskt.",
        ],
        items: &[
            "Att sköta din kundrelation och kundtjänsten",
            "Att bestämma kundnivåer",
            "Att hålla kontakt med dig",
            "Att planera och rikta marknadsföring, också direktmarknadsföring – om du inte har förbjudit det",
            "Marknadsundersökningar – om du inte har förbjudit dem",
            "Att planera och följa upp vår verksamhet",
            "Att fullgöra de skyldigheter som lagen och myndigheterna ålägger oss",
        ],
        links: &[],
    },
    Section {
        id: "sources",
        heading: "Varifrån uppgifterna kommer",
        paragraphs: &["Vi får uppgifter om dig från följande källor."],
        items: &[
            "Från dig själv",
            "Från din användning av tjänsten, också via kakor",
            "Från andra register som erbjuder informationstjänster",
            "Från Instantors bankkontorapport, som du har gett lov till. Den visar vem som äger kontot, kontots saldon och en sammanfattning av dina inkomster och utgifter.",
        ],
        links: &[],
    },
    Section {
        id: "recipients",
        heading: "Vem som får uppgifterna",
        paragraphs: &[
            "Vi kan lämna ut uppgifter som inte identifierar dig för opinions- och marknadsundersökningar. Om du har förbjudit det gör vi det inte.",
            "I övrigt lämnar vi ut dina uppgifter bara i den mån det behövs för att sköta din kundrelation.",
            "Dina uppgifter förs inte över till länder utanför EU eller EES.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "retention",
        heading: "Hur länge vi sparar uppgifterna",
        paragraphs: &[
            "Vi sparar dina uppgifter så länge du är kund hos oss.",
            "När kundrelationen har upphört sparar vi dem bara så länge som lagen kräver, till exempel för bokföringen.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "security",
        heading: "Hur vi skyddar uppgifterna",
        paragraphs: &[
            "Bara särskilt utsedda anställda får behandla dina uppgifter. Var och en av dem har ett eget personligt användarnamn.",
            "Våra system är skyddade mot utomstående, och dokument på papper förvaras i låsta utrymmen.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "see-your-data",
        heading: "Se och ladda ner dina uppgifter",
        paragraphs: &[
            "EU:s dataskyddsförordning (GDPR) ger dig de rättigheter som vi beskriver här och i avsnitten nedan.",
            "Alla dina uppgifter ser du på sidan Mina uppgifter.",
            "På sidan Begäranden kan du ladda ner dina uppgifter som en fil eller göra en formell begäran om insyn. Begäran kan du också göra skriftligt eller genom att besöka vårt kontor i Vasa.",
        ],
        items: &[],
        links: &[
            Link { href: "/profile", label: "Se dina uppgifter" },
            Link { href: "/requests", label: "Begär insyn" },
        ],
    },
    Section {
        id: "correction",
        heading: "Rätta eller uppdatera dina uppgifter",
        paragraphs: &[
            "Om någon uppgift om dig är fel eller föråldrad har du rätt att få den rättad.",
            "Dina kontaktuppgifter och andra uppgifter du själv har gett kan du ändra själv. Namn, kön, bankuppgifter och andra låsta uppgifter kan av säkerhetsskäl ändras bara med en begäran om rättelse, som vår kundtjänst behandlar.",
        ],
        items: &[],
        links: &[
            Link { href: "/profile/edit", label: "Ändra dina kontaktuppgifter" },
            Link { href: "/requests/correction", label: "Begär rättelse" },
        ],
    },
    Section {
        id: "marketing",
        heading: "Bestäm själv om marknadsföring",
        paragraphs: &[
            "Du kan förbjuda direktmarknadsföring helt eller kanal för kanal. Vi följer alltid ditt förbud.",
            "Du kan också ge eller återkalla samtycke, till exempel till marknadsundersökningar och riktad marknadsföring. Det är lika lätt att återkalla ett samtycke som att ge det.",
            "Vi sparar varje val du gör och när du gjorde det.",
        ],
        items: &[],
        links: &[Link { href: "/profile/marketing", label: "Ändra dina marknadsföringsval" }],
    },
    Section {
        id: "how-we-answer",
        heading: "Hur vi svarar",
        paragraphs: &[
            "Vi svarar på din begäran inom en månad. Om begäran är mycket omfattande eller komplicerad kan vi förlänga tiden med högst två månader. Då berättar vi varför redan under den första månaden.",
            "Det kostar ingenting att göra en begäran. Om du gör den i appen svarar vi också elektroniskt.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "complaint",
        heading: "Klagomål till Dataombudsmannen",
        paragraphs: &[
            "Om du anser att vi behandlar dina uppgifter i strid med lagen kan du lämna ett klagomål till Dataombudsmannen. Mer information och kontaktuppgifter finns på tietosuoja.fi.",
            "Vi hoppas ändå att du först kontaktar oss, så att vi kan reda ut saken.",
        ],
        items: &[], links: &[],
    },
];

const PRIVACY_EN: &[Section] = &[
    Section {
        id: "controller",
        heading: "Who is responsible for your data",
        paragraphs: &[
            "Your data is held in Klever Ab Oy’s customer register, and we are responsible for how it is used.",
            "Kleverapp is our app, where you manage your invoices and your own details.",
        ],
        items: &[
            "Klever Ab Oy, business ID 2697436-4",
            "Pitkäkatu 34, 65100 Vaasa, Finland",
            "Customer service on weekdays 9 am – 3 pm (Finnish time), phone +358 20 7780 490",
        ],
        links: &[],
    },
    Section {
        id: "what-we-hold",
        heading: "What we hold about you",
        paragraphs: &["Our customer register may hold the details listed below. You can see all of them on the My details page."],
        items: &[
            "Your name",
            "Your gender",
            "Your bank details",
            "Your email address",
            "Your phone number",
            "Your postal address",
            "Other information you have told us about yourself",
            "Your bans and consents on direct marketing",
            "The date you became our customer",
            "The history of changes to your data",
            "Information from the bank account report (Instantor)",
            "Invoices you have received and payments you have made",
        ],
        links: &[],
    },
    Section {
        id: "purposes",
        heading: "What we use it for",
        paragraphs: &[
            "We use your data for the purposes listed below.",
            "We make no decisions about you by automated means alone.",
        ],
        items: &[
            "Running your customer relationship and customer service",
            "Setting customer levels",
            "Keeping in touch with you",
            "Planning and targeting marketing, including direct marketing – unless you have banned it",
            "Market research – unless you have banned it",
            "Planning and following up our business",
            "Meeting the obligations that the law and the authorities set for us",
        ],
        links: &[],
    },
    Section {
        id: "sources",
        heading: "Where it comes from",
        paragraphs: &["We get data about you from these sources."],
        items: &[
            "You yourself",
            "Your use of the service, including cookies",
            "Other registers that provide information services",
            "Instantor’s bank account report, which you authorised. It shows the account holder, the account balances and a summary of your income and expenses.",
        ],
        links: &[],
    },
    Section {
        id: "recipients",
        heading: "Who receives it",
        paragraphs: &[
            "We may give data that does not identify you to opinion and market research. If you have banned this, we do not do it.",
            "Apart from that, we pass on your data only as far as running your customer relationship needs.",
            "Your data is not transferred outside the EU or the EEA.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "retention",
        heading: "How long we keep it",
        paragraphs: &[
            "We keep your data for as long as you are our customer.",
            "After that, we keep it only as long as the law requires, for example for bookkeeping.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "security",
        heading: "How we protect it",
        paragraphs: &[
            "Only named employees may handle your data. Each of them has a personal user account.",
            "Our systems are protected against outsiders, and papers are kept in locked rooms.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "see-your-data",
        heading: "See and download your data",
        paragraphs: &[
            "The EU General Data Protection Regulation (GDPR) gives you the rights we describe here and in the sections below.",
            "You can see all your data on the My details page.",
            "On the Requests page you can download your data as a file or make a formal inspection request. You can also make the request in writing or by visiting our office in Vaasa.",
        ],
        items: &[],
        links: &[
            Link { href: "/profile", label: "See your details" },
            Link { href: "/requests", label: "Make an inspection request" },
        ],
    },
    Section {
        id: "correction",
        heading: "Correct or update your data",
        paragraphs: &[
            "If something we hold about you is wrong or out of date, you have the right to have it corrected.",
            "You can change your contact details and the other information you gave us yourself. For security reasons, your name, gender, bank details and other locked details change only through a correction request, which our customer service handles.",
        ],
        items: &[],
        links: &[
            Link { href: "/profile/edit", label: "Change your contact details" },
            Link { href: "/requests/correction", label: "Ask for a correction" },
        ],
    },
    Section {
        id: "marketing",
        heading: "Decide about marketing",
        paragraphs: &[
            "You can ban direct marketing completely or channel by channel. We always respect your ban.",
            "You can also give or withdraw consent, for example to market research and targeted marketing. Withdrawing consent is as easy as giving it.",
            "We record every choice you make and when you made it.",
        ],
        items: &[],
        links: &[Link { href: "/profile/marketing", label: "Change your marketing choices" }],
    },
    Section {
        id: "how-we-answer",
        heading: "How we answer requests",
        paragraphs: &[
            "We answer your request within one month. If a request is very large or complex, we may extend this by up to two months. If so, we tell you why within the first month.",
            "Requests are free of charge. If you make a request in the app, we also answer electronically.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "complaint",
        heading: "Complaints to the Data Protection Ombudsman",
        paragraphs: &[
            "If you think we handle your data unlawfully, you can complain to the Data Protection Ombudsman. You can find more information and contact details at tietosuoja.fi.",
            "We hope you will contact us first, so that we can try to put things right.",
        ],
        items: &[], links: &[],
    },
];

// ---------------------------------------------------------------------------
// Accessibility statement
// ---------------------------------------------------------------------------

const ACCESSIBILITY_FI: &[Section] = &[
    Section {
        id: "service",
        heading: "Mitä seloste koskee",
        paragraphs: &[
            "Tämä saavutettavuusseloste koskee Kleverappia, Klever Ab Oy:n asiakkaiden omaa asiointisovellusta – eli tätä sovellusta, jota käytät nyt.",
            "Kleverappissa asiakkaamme hoitavat laskujaan ja omia tietojaan.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "aim",
        heading: "Tavoitteemme",
        paragraphs: &[
            "Haluamme, että jokainen asiakkaamme voi käyttää Kleverappia.",
            "Tavoitteemme on, että sovellus täyttää WCAG 2.1 -ohjeiston AA-tason vaatimukset.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "status",
        heading: "Saavutettavuuden tila",
        paragraphs: &["Kleverapp täyttää saavutettavuusvaatimukset osittain. Kerromme tiedossa olevista puutteista alempana."],
        items: &[], links: &[],
    },
    Section {
        id: "how-checked",
        heading: "Miten tarkistimme saavutettavuuden",
        paragraphs: &["Tarkistimme sovelluksen näin:"],
        items: &[
            "Jokainen näkymä tarkistetaan automaattisesti axe-core-työkalulla jokaisella testiajolla.",
            "Sovellusta on käytetty pelkällä näppäimistöllä, ilman hiirtä.",
            "Näkymät on tarkistettu eri levyisillä näytöillä, kapeimmillaan 320 pikselin levyisellä.",
            "Sekä vaalea että tumma teema on tarkistettu.",
        ],
        links: &[],
    },
    Section {
        id: "known-gaps",
        heading: "Tunnetut puutteet",
        paragraphs: &["Tämä seloste on laadittu marraskuussa 2026. Silloin tiesimme seuraavista puutteista ja rajauksista:"],
        items: &[
            "Henkilökunnan näkymät eivät kuulu tämän selosteen piiriin, koska ne eivät ole asiakkaiden käytössä.",
            "Ladattava tiedosto, jossa ovat tietosi, on JSON-muodossa. Sitä on vaikea lukea ilman erillistä ohjelmaa, eikä samoista tiedoista ole vielä luettavaa sivua. Tietosi näet kuitenkin Omat tiedot -sivulla.",
        ],
        links: &[],
    },
    Section {
        id: "feedback",
        heading: "Anna palautetta saavutettavuudesta",
        paragraphs: &[
            "Huomasitko puutteen, joka vaikeuttaa sovelluksen käyttöä? Kerro siitä meille. Voit myös pyytää tiedon muussa muodossa.",
            "Vastaamme 14 päivän kuluessa.",
        ],
        items: &[
            "Sähköposti: saavutettavuus@klever.example",
            "Asiakaspalvelu arkisin klo 9–15, puh. +358 20 7780 490",
        ],
        links: &[],
    },
    Section {
        id: "enforcement",
        heading: "Valvontaviranomainen",
        paragraphs: &[
            "Jos et ole tyytyväinen vastaukseemme tai et saa vastausta 14 päivän kuluessa, voit ilmoittaa asiasta valvontaviranomaiselle.",
            "Saavutettavuusvaatimusten valvojan ajantasaiset yhteystiedot ja ohjeet ilmoituksen tekemiseen löydät osoitteesta saavutettavuusvaatimukset.fi.",
        ],
        items: &[], links: &[],
    },
];

const ACCESSIBILITY_SV: &[Section] = &[
    Section {
        id: "service",
        heading: "Vad utlåtandet gäller",
        paragraphs: &[
            "Det här tillgänglighetsutlåtandet gäller Kleverapp, Klever Ab Oy:s självbetjäningsapp för kunder – alltså den app du använder nu.",
            "I Kleverapp sköter våra kunder sina fakturor och sina egna uppgifter.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "aim",
        heading: "Vårt mål",
        paragraphs: &[
            "Vi vill att alla våra kunder ska kunna använda Kleverapp.",
            "Vårt mål är att appen ska uppfylla kraven på nivå AA i riktlinjerna WCAG 2.1.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "status",
        heading: "Hur tillgänglig appen är",
        paragraphs: &["Kleverapp uppfyller tillgänglighetskraven delvis. De brister vi känner till beskriver vi längre ner."],
        items: &[], links: &[],
    },
    Section {
        id: "how-checked",
        heading: "Hur vi har granskat tillgängligheten",
        paragraphs: &["Vi har granskat appen på följande sätt:"],
        items: &[
            "Varje vy kontrolleras automatiskt med verktyget axe-core vid varje testkörning.",
            "Appen har använts enbart med tangentbord, utan mus.",
            "Vyerna har granskats på skärmar av olika bredd, ner till 320 pixlar.",
            "Både det ljusa och det mörka temat har granskats.",
        ],
        links: &[],
    },
    Section {
        id: "known-gaps",
        heading: "Kända brister",
        paragraphs: &["Det här utlåtandet skrevs i november 2026. Då kände vi till följande brister och begränsningar:"],
        items: &[
            "Personalens vyer omfattas inte av det här utlåtandet, eftersom de inte används av kunder.",
            "Filen med dina uppgifter laddas ner i JSON-format. Den är svår att läsa utan ett särskilt program, och någon läsbar sida med samma uppgifter finns inte ännu. Dina uppgifter ser du ändå på sidan Mina uppgifter.",
        ],
        links: &[],
    },
    Section {
        id: "feedback",
        heading: "Ge respons om tillgängligheten",
        paragraphs: &[
            "Har du märkt en brist som gör det svårt att använda appen? Berätta det för oss. Du kan också be att få informationen i en annan form.",
            "Vi svarar inom 14 dagar.",
        ],
        items: &[
            "E-post: saavutettavuus@klever.example",
            "Kundtjänst vardagar kl. 9–15, tfn +358 20 7780 490",
        ],
        links: &[],
    },
    Section {
        id: "enforcement",
        heading: "Tillsynsmyndighet",
        paragraphs: &[
            "Om du inte är nöjd med vårt svar eller inte får något svar inom 14 dagar kan du göra en anmälan till tillsynsmyndigheten.",
            "Aktuella kontaktuppgifter till den myndighet som övervakar tillgänglighetskraven och anvisningar för anmälan finns på saavutettavuusvaatimukset.fi.",
        ],
        items: &[], links: &[],
    },
];

const ACCESSIBILITY_EN: &[Section] = &[
    Section {
        id: "service",
        heading: "What this statement covers",
        paragraphs: &[
            "This accessibility statement covers Kleverapp, the self-service app for Klever Ab Oy’s customers – the app you are using now.",
            "In Kleverapp our customers manage their invoices and their own details.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "aim",
        heading: "Our aim",
        paragraphs: &[
            "We want every customer to be able to use Kleverapp.",
            "Our aim is for the app to meet level AA of the Web Content Accessibility Guidelines (WCAG) 2.1.",
        ],
        items: &[], links: &[],
    },
    Section {
        id: "status",
        heading: "How accessible the app is",
        paragraphs: &["Kleverapp partially conforms to WCAG 2.1 level AA. The gaps we know of are described further down."],
        items: &[], links: &[],
    },
    Section {
        id: "how-checked",
        heading: "How we checked it",
        paragraphs: &["We checked the app in these ways:"],
        items: &[
            "Every screen is checked automatically with the axe-core tool in every test run.",
            "The app has been used with the keyboard alone, without a mouse.",
            "The screens have been checked at different widths, down to 320 pixels.",
            "Both the light and the dark theme have been checked.",
        ],
        links: &[],
    },
    Section {
        id: "known-gaps",
        heading: "Known gaps",
        paragraphs: &["This statement was written in November 2026. At that time we knew of these gaps and limits:"],
        items: &[
            "The staff screens are not covered by this statement, because they are not for customers.",
            "The file you download with your data is in JSON format. It is hard to read without a special program, and a readable page of the same data is not yet available. You can still see your data on the My details page.",
        ],
        links: &[],
    },
    Section {
        id: "feedback",
        heading: "Give feedback on accessibility",
        paragraphs: &[
            "Have you found something that makes the app hard to use? Tell us. You can also ask for the information in another format.",
            "We answer within 14 days.",
        ],
        items: &[
            "Email: saavutettavuus@klever.example",
            "Customer service on weekdays 9 am – 3 pm (Finnish time), phone +358 20 7780 490",
        ],
        links: &[],
    },
    Section {
        id: "enforcement",
        heading: "Supervisory authority",
        paragraphs: &[
            "If you are not satisfied with our answer, or you get no answer within 14 days, you can report the matter to the supervisory authority.",
            "The current contact details of the authority that supervises accessibility requirements, and instructions for reporting, are at saavutettavuusvaatimukset.fi.",
        ],
        items: &[], links: &[],
    },
];
