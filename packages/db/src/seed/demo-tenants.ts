/**
 * The three demo agencies of DESIGN.md ("The three real cases"):
 *   A  demo-buergerbuero   – citizens' office of a small town (four-step wizard, two offices)
 *   B  demo-buergerservice – citizens' service of a mid-size city (walk-in and appointment
 *                            windows, 2nd/4th Saturday, emergency phone window, anti-hoarding)
 *   C  demo-steuerberatung – tax advice of a labour chamber (customer portal and lottery)
 *
 * All names, addresses and e-mail addresses are fictional. LeiKa keys are left null because
 * the demo must not claim catalogue entries it cannot vouch for.
 */
import type { DemoTenant } from "./demo-types.ts";

/** Local dev origins the widget demo page is served from. */
const DEV_ORIGINS = [
  "http://localhost:4000",
  "http://127.0.0.1:4000",
  "http://localhost:4001",
  "http://127.0.0.1:4001",
];

// Texts several services of A and B share; kept once so both tenants stay consistent.
const ID_DOCUMENT = {
  de: "Personalausweis oder Reisepass",
  en: "ID card or passport",
};
const PAY_BY_CARD = {
  de: "Die Gebühren zahlen Sie bitte vor Ort bargeldlos mit EC-Karte (girocard).",
  en: "Please pay the fees on site by debit card (girocard); cash is not accepted.",
};
const BIOMETRIC_PHOTO = {
  de: "Biometrisches Passbild, nicht älter als sechs Monate (digital vom Fotostudio übermittelt oder bei uns aufgenommen)",
  en: "Biometric passport photo, not older than six months (sent digitally by a photo studio or taken here)",
};
const DIGITAL_PHOTO_HINT = {
  de: "Passbilder werden seit Mai 2025 nur noch digital angenommen: Lassen Sie Ihr Foto von einem zertifizierten Fotostudio elektronisch übermitteln und bringen Sie den Abrufcode mit, oder lassen Sie es bei uns vor Ort aufnehmen.",
  en: "Since May 2025, passport photos are only accepted in digital form: have a certified photo studio transmit your photo electronically and bring the retrieval code, or have your photo taken here.",
};
const PROXY_DOCUMENT = {
  de: "Bei Vertretung: schriftliche Vollmacht und Ausweis der vertretenen Person",
  en: "If you act for someone else: a written power of attorney and that person's ID document",
};

export const demoTenants: DemoTenant[] = [
  // ───────────────────────────── A ─────────────────────────────
  {
    slug: "demo-buergerbuero",
    name: {
      de: "Stadt Musterstadt – Bürgerbüro",
      en: "Town of Musterstadt – Citizens' Office",
    },
    timeZone: "Europe/Berlin",
    locale: "de",
    theme: {
      "--tv-color-primary": "#00695c",
      "--tv-color-on-primary": "#ffffff",
      "--tv-color-focus": "#004d40",
      "--tv-radius": "6px",
    },
    allowedOrigins: DEV_ORIGINS,
    policy: {
      slotGridMinutes: 5,
      minNoticeMinutes: 60,
      horizonDays: 56,
      holdMinutes: 10,
      maxActiveBookingsPerPerson: 2,
      requireEmailVerification: false,
      phoneRequired: false,
      staffReserveShare: 0.2,
    },
    privacyUrl: "https://example.org/musterstadt/datenschutz",
    contactEmail: "buergerbuero@example.org",
    services: [
      {
        slug: "ausweis-pass",
        name: { de: "Personalausweis und Reisepass", en: "ID card and passport" },
        description: {
          de: "Antrag auf einen Personalausweis oder Reisepass, vorläufige Dokumente, Abholung fertiger Dokumente und Änderungen (z. B. Anschrift, PIN).",
          en: "Applying for an ID card or passport, temporary documents, collecting finished documents and changes (e.g. address, PIN).",
        },
        category: { de: "Ausweise und Pässe", en: "ID cards and passports" },
        durationMinutes: 15,
        additionalUnitMinutes: 10,
        maxQuantity: 5,
        documents: [
          {
            de: "Bisheriger Personalausweis oder Reisepass, auch wenn er abgelaufen ist",
            en: "Your current ID card or passport, even if it has expired",
          },
          BIOMETRIC_PHOTO,
          {
            de: "Bei Erstausstellung oder Namensänderung: Geburtsurkunde bzw. Eheurkunde",
            en: "For a first document or after a change of name: birth certificate or marriage certificate",
          },
          {
            de: "Bei Minderjährigen: Zustimmung aller Sorgeberechtigten und deren Ausweise",
            en: "For minors: consent of everyone with parental responsibility and their ID documents",
          },
        ],
        hints: [
          {
            de: "Buchen Sie je Dokument eine Einheit, z. B. zwei Einheiten für Personalausweis und Reisepass.",
            en: "Book one unit per document, e.g. two units for an ID card and a passport.",
          },
          DIGITAL_PHOTO_HINT,
          {
            de: "Die antragstellende Person muss persönlich erscheinen; ab sechs Jahren werden Fingerabdrücke aufgenommen.",
            en: "The applicant must come in person; fingerprints are taken from the age of six.",
          },
          {
            de: "Die Herstellung dauert in der Regel einige Wochen. Planen Sie vor einer Reise genug Zeit ein.",
            en: "Production usually takes a few weeks. Allow enough time before you travel.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "beglaubigungen",
        name: { de: "Beglaubigungen", en: "Certifications" },
        description: {
          de: "Amtliche Beglaubigung von Kopien und Unterschriften zur Vorlage bei Behörden.",
          en: "Official certification of copies and signatures for submission to public authorities.",
        },
        category: { de: "Sonstiges", en: "Other" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 5,
        documents: [
          {
            de: "Originaldokumente und die zu beglaubigenden Kopien",
            en: "The original documents and the copies to be certified",
          },
          {
            de: "Bei Unterschriftsbeglaubigungen: Personalausweis oder Reisepass; unterschreiben Sie erst vor Ort",
            en: "For certified signatures: ID card or passport; sign only when you are here",
          },
        ],
        hints: [
          {
            de: "Eine Einheit reicht für bis zu fünf Dokumente; buchen Sie für je fünf weitere Dokumente eine weitere Einheit.",
            en: "One unit covers up to five documents; book one more unit for every further five documents.",
          },
          {
            de: "Wir beglaubigen nur Dokumente, die zur Vorlage bei einer Behörde bestimmt sind. Beglaubigungen für Grundbuch oder Handelsregister nimmt ein Notar vor; Personenstandsurkunden erhalten Sie beim Standesamt.",
            en: "We only certify documents intended for submission to a public authority. Certifications for the land register or the commercial register are done by a notary; civil status certificates are issued by the registry office.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "bescheinigungen",
        name: { de: "Bescheinigungen", en: "Certificates" },
        description: {
          de: "Meldebescheinigung, Aufenthaltsbescheinigung, Lebensbescheinigung (z. B. für die Rente) und weitere Bescheinigungen aus dem Melderegister.",
          en: "Certificate of registration, certificate of residence, life certificate (e.g. for a pension) and other certificates from the population register.",
        },
        category: { de: "Bescheinigungen und Auszüge", en: "Certificates and extracts" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 3,
        documents: [
          ID_DOCUMENT,
          {
            de: "Vordrucke der anfordernden Stelle, falls vorhanden (z. B. Lebensbescheinigung der Rentenversicherung)",
            en: "Forms from the requesting body, if any (e.g. the pension insurer's life certificate form)",
          },
          PROXY_DOCUMENT,
        ],
        hints: [
          {
            de: "Buchen Sie je Bescheinigung eine Einheit.",
            en: "Book one unit per certificate.",
          },
          {
            de: "Eine einfache Meldebescheinigung können Sie auch online mit der Online-Ausweisfunktion beantragen.",
            en: "You can also request a simple certificate of registration online with the online ID function.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "restmuellsaecke",
        name: { de: "Restmüllsäcke", en: "Residual-waste sacks" },
        description: {
          de: "Verkauf zusätzlicher Restmüllsäcke, wenn die Tonne einmal nicht ausreicht.",
          en: "Sale of additional residual-waste sacks for when your bin is not big enough.",
        },
        category: { de: "Sonstiges", en: "Other" },
        durationMinutes: 5,
        additionalUnitMinutes: null,
        maxQuantity: 1,
        documents: [],
        hints: [
          {
            de: "Bei der Abfuhr werden nur Säcke mit dem Aufdruck des Entsorgers mitgenommen. Stellen Sie sie am Abfuhrtag neben Ihre Tonne.",
            en: "Only sacks printed with the waste collector's logo are taken. Put them next to your bin on collection day.",
          },
          {
            de: "Gelbe Säcke erhalten Sie ohne Termin im Foyer des Rathauses.",
            en: "Yellow recycling bags are available without an appointment in the town hall foyer.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "fuehrungszeugnis",
        name: { de: "Führungszeugnis", en: "Certificate of good conduct" },
        description: {
          de: "Antrag auf ein einfaches oder erweitertes Führungszeugnis für private Zwecke oder zur Vorlage bei einer Behörde.",
          en: "Application for a standard or extended certificate of good conduct, for private purposes or for submission to an authority.",
        },
        category: { de: "Bescheinigungen und Auszüge", en: "Certificates and extracts" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 2,
        documents: [
          ID_DOCUMENT,
          {
            de: "Für ein erweitertes Führungszeugnis: schriftliche Aufforderung der Stelle, die es verlangt",
            en: "For an extended certificate: the written request from the organisation that requires it",
          },
          {
            de: "Für ein Führungszeugnis zur Vorlage bei einer Behörde: Anschrift der Behörde und, falls vorhanden, das Aktenzeichen",
            en: "For a certificate to be sent to an authority: the authority's address and, if available, its reference number",
          },
        ],
        hints: [
          {
            de: "Sie müssen den Antrag persönlich stellen; eine Vertretung ist nicht möglich.",
            en: "You must apply in person; nobody can apply on your behalf.",
          },
          {
            de: "Das Führungszeugnis stellt das Bundesamt für Justiz aus und schickt es Ihnen in der Regel innerhalb von zwei Wochen per Post.",
            en: "The certificate is issued by the Federal Office of Justice and usually reaches you by post within two weeks.",
          },
          {
            de: "Mit der Online-Ausweisfunktion können Sie das Führungszeugnis auch online beim Bundesamt für Justiz beantragen.",
            en: "With the online ID function you can also apply online at the Federal Office of Justice.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "gewerbezentralregister",
        name: {
          de: "Gewerbezentralregisterauszug",
          en: "Extract from the central trade register",
        },
        description: {
          de: "Antrag auf Auskunft aus dem Gewerbezentralregister für Personen und Unternehmen, z. B. für eine Erlaubnis oder eine öffentliche Ausschreibung.",
          en: "Application for an extract from the central trade register for individuals and companies, e.g. for a licence or a public tender.",
        },
        category: { de: "Bescheinigungen und Auszüge", en: "Certificates and extracts" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 2,
        documents: [
          ID_DOCUMENT,
          {
            de: "Für juristische Personen: aktueller Handelsregisterauszug und Nachweis der Vertretungsberechtigung",
            en: "For legal entities: a current commercial register extract and proof of authority to represent the company",
          },
          {
            de: "Bei Auskunft zur Vorlage bei einer Behörde: Anschrift der Behörde und Verwendungszweck",
            en: "For an extract to be sent to an authority: the authority's address and the purpose",
          },
        ],
        hints: [
          {
            de: "Die Auskunft erstellt das Bundesamt für Justiz; sie wird per Post versandt.",
            en: "The extract is produced by the Federal Office of Justice and sent by post.",
          },
          {
            de: "Mit der Online-Ausweisfunktion können Sie die Auskunft auch online beantragen.",
            en: "With the online ID function you can also apply online.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "meldeangelegenheiten",
        name: { de: "Meldeangelegenheiten", en: "Registration matters" },
        description: {
          de: "Anmeldung, Ummeldung oder Abmeldung einer Wohnung sowie Auskunfts- und Übermittlungssperren.",
          en: "Registering, changing or deregistering your address, and blocking the disclosure of your data.",
        },
        category: { de: "Meldewesen", en: "Residence registration" },
        durationMinutes: 15,
        additionalUnitMinutes: 5,
        maxQuantity: 6,
        documents: [
          {
            de: "Personalausweis oder Reisepass aller umziehenden Personen (bei Kindern ohne Ausweis: Geburtsurkunde)",
            en: "ID card or passport of everyone who moves (for children without an ID document: birth certificate)",
          },
          {
            de: "Wohnungsgeberbestätigung des Vermieters oder der Vermieterin (bei Anmeldung und Ummeldung)",
            en: "Landlord's confirmation of moving in (Wohnungsgeberbestätigung) when registering or changing your address",
          },
          PROXY_DOCUMENT,
        ],
        hints: [
          {
            de: "Nach dem Einzug müssen Sie sich innerhalb von zwei Wochen anmelden.",
            en: "You must register within two weeks of moving in.",
          },
          {
            de: "Buchen Sie je umziehender Person eine Einheit.",
            en: "Book one unit for each person who moves.",
          },
          {
            de: "Wir tragen die neue Anschrift in Ihren Personalausweis ein – bringen Sie ihn bitte unbedingt mit.",
            en: "We update the address on your ID card, so please be sure to bring it.",
          },
        ],
        leikaKey: null,
        onlineBookable: true,
      },
    ],
    offices: [
      {
        slug: "rathaus",
        name: { de: "Bürgerbüro Rathaus", en: "Citizens' Office at the Town Hall" },
        street: "Marktplatz 1",
        postalCode: "12345",
        city: "Musterstadt",
        holidayRegion: "BB",
        notes: {
          phoneHours: {
            de: "Telefonische Terminvereinbarung: Di und Do 9–12 und 14–18 Uhr, Mi und Fr 9–12 Uhr",
            en: "Appointments by phone: Tue and Thu 9 am–12 noon and 2–6 pm, Wed and Fri 9 am–12 noon",
          },
          directions: {
            de: "Erdgeschoss, links neben dem Haupteingang. Parkplätze hinter dem Rathaus.",
            en: "Ground floor, to the left of the main entrance. Parking behind the town hall.",
          },
          accessibility: {
            de: "Stufenloser Zugang über den Eingang am Parkplatz; barrierefreies WC im Erdgeschoss.",
            en: "Step-free access via the car park entrance; accessible toilet on the ground floor.",
          },
        },
        // Only counters 1 and 2 have the terminal for photos and fingerprints.
        counters: [
          {
            name: "Schalter 1",
            services: [
              "ausweis-pass",
              "beglaubigungen",
              "bescheinigungen",
              "restmuellsaecke",
              "fuehrungszeugnis",
              "gewerbezentralregister",
              "meldeangelegenheiten",
            ],
          },
          {
            name: "Schalter 2",
            services: ["ausweis-pass", "meldeangelegenheiten", "bescheinigungen", "restmuellsaecke"],
          },
          {
            name: "Schalter 3",
            services: [
              "beglaubigungen",
              "bescheinigungen",
              "restmuellsaecke",
              "fuehrungszeugnis",
              "gewerbezentralregister",
              "meldeangelegenheiten",
            ],
          },
        ],
        rules: [
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            startTime: "08:00",
            endTime: "12:00",
            validFrom: "2026-01-01",
            validUntil: null,
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
            startTime: "14:00",
            endTime: "18:00",
            validFrom: "2026-01-01",
            validUntil: null,
          },
        ],
        closures: [
          {
            fromDate: "2026-12-09",
            toDate: "2026-12-09",
            reason: {
              de: "Ganztägige Schulung der Mitarbeitenden – das Bürgerbüro bleibt geschlossen.",
              en: "All-day staff training – the citizens' office is closed.",
            },
          },
        ],
      },
      {
        slug: "ortsteil-beispielfelde",
        name: {
          de: "Bürgerbüro Ortsteil Beispielfelde",
          en: "Citizens' Office Beispielfelde",
        },
        street: "Dorfstraße 12",
        postalCode: "12345",
        city: "Musterstadt",
        holidayRegion: "BB",
        notes: {
          phoneHours: {
            de: "Telefonische Terminvereinbarung: Di und Do 9–12 und 14–18 Uhr, Mi und Fr 9–12 Uhr",
            en: "Appointments by phone: Tue and Thu 9 am–12 noon and 2–6 pm, Wed and Fri 9 am–12 noon",
          },
          directions: {
            de: "Im Gemeindehaus neben der Kirche, Eingang über den Hof.",
            en: "In the community house next to the church; entrance through the courtyard.",
          },
          accessibility: {
            de: "Der Eingang hat drei Stufen und ist nicht barrierefrei. Bitte buchen Sie in diesem Fall im Bürgerbüro Rathaus.",
            en: "The entrance has three steps and is not step-free. In that case, please book at the town hall office.",
          },
        },
        counters: [
          {
            name: "Schalter 1",
            services: [
              "ausweis-pass",
              "beglaubigungen",
              "bescheinigungen",
              "restmuellsaecke",
              "fuehrungszeugnis",
              "meldeangelegenheiten",
            ],
          },
          {
            name: "Schalter 2",
            services: ["beglaubigungen", "bescheinigungen", "restmuellsaecke", "meldeangelegenheiten"],
          },
        ],
        rules: [
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
            startTime: "08:30",
            endTime: "12:00",
            validFrom: "2026-01-01",
            validUntil: null,
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=TH",
            startTime: "14:00",
            endTime: "17:00",
            validFrom: "2026-01-01",
            validUntil: null,
            counter: "Schalter 1",
            note: {
              de: "Donnerstagnachmittags ist nur ein Schalter besetzt.",
              en: "On Thursday afternoons only one counter is staffed.",
            },
          },
        ],
        closures: [],
      },
    ],
    staff: [
      { email: "buergerbuero.admin@example.org", name: "Petra Muster", role: "ADMIN" },
      { email: "buergerbuero.schalter@example.org", name: "Tom Beispiel", role: "CLERK" },
    ],
    customers: [],
    campaigns: [],
  },

  // ───────────────────────────── B ─────────────────────────────
  {
    slug: "demo-buergerservice",
    name: {
      de: "Stadt Beispielstadt – Bürgerservice",
      en: "City of Beispielstadt – Citizens' Service",
    },
    timeZone: "Europe/Berlin",
    locale: "de",
    theme: {
      "--tv-color-primary": "#9b1c31",
      "--tv-color-on-primary": "#ffffff",
      "--tv-color-focus": "#6d1322",
      "--tv-radius": "2px",
    },
    allowedOrigins: DEV_ORIGINS,
    policy: {
      slotGridMinutes: 10,
      // At least the cancellation cut-off and the verification window (issue 11.3): a booking
      // made at the last moment can still be changed and verified before it starts.
      minNoticeMinutes: 60,
      horizonDays: 42,
      holdMinutes: 10,
      maxActiveBookingsPerPerson: 1,
      noShowLimit: 2,
      noShowWindowMonths: 6,
      cancellationCutoffMinutes: 60,
      cancelledSlotCooldownMinutes: 30,
      requireEmailVerification: true,
      verificationWindowMinutes: 60,
      phoneRequired: false,
      staffReserveShare: 0.1,
    },
    privacyUrl: "https://example.org/beispielstadt/datenschutz",
    contactEmail: "buergerservice@example.org",
    services: [
      {
        slug: "personalausweis",
        name: { de: "Personalausweis", en: "ID card" },
        description: {
          de: "Antrag auf einen neuen Personalausweis, Änderung der Anschrift oder der PIN.",
          en: "Applying for a new ID card, changing the address or the PIN.",
        },
        category: { de: "Ausweise und Pässe", en: "ID cards and passports" },
        durationMinutes: 15,
        additionalUnitMinutes: 10,
        maxQuantity: 4,
        documents: [
          {
            de: "Bisheriger Personalausweis, auch wenn er abgelaufen ist",
            en: "Your current ID card, even if it has expired",
          },
          BIOMETRIC_PHOTO,
          {
            de: "Bei Erstausstellung: Geburtsurkunde",
            en: "For a first ID card: birth certificate",
          },
          {
            de: "Bei Minderjährigen: Zustimmung aller Sorgeberechtigten und deren Ausweise",
            en: "For minors: consent of everyone with parental responsibility and their ID documents",
          },
        ],
        hints: [
          {
            de: "Buchen Sie je Person eine Einheit.",
            en: "Book one unit per person.",
          },
          DIGITAL_PHOTO_HINT,
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "reisepass",
        name: { de: "Reisepass", en: "Passport" },
        description: {
          de: "Antrag auf einen Reisepass oder Express-Reisepass.",
          en: "Applying for a passport or an express passport.",
        },
        category: { de: "Ausweise und Pässe", en: "ID cards and passports" },
        durationMinutes: 15,
        additionalUnitMinutes: 10,
        maxQuantity: 4,
        documents: [
          {
            de: "Bisheriger Reisepass oder Personalausweis",
            en: "Your current passport or ID card",
          },
          BIOMETRIC_PHOTO,
          {
            de: "Bei Erstausstellung oder Namensänderung: Geburtsurkunde bzw. Eheurkunde",
            en: "For a first passport or after a change of name: birth certificate or marriage certificate",
          },
          {
            de: "Bei Minderjährigen: Zustimmung aller Sorgeberechtigten und deren Ausweise",
            en: "For minors: consent of everyone with parental responsibility and their ID documents",
          },
        ],
        hints: [
          {
            de: "Kinderreisepässe werden seit dem 1. Januar 2024 nicht mehr ausgestellt; Kinder erhalten einen Reisepass oder Personalausweis.",
            en: "Children's passports have not been issued since 1 January 2024; children receive a regular passport or ID card.",
          },
          DIGITAL_PHOTO_HINT,
          {
            de: "Ab sechs Jahren werden Fingerabdrücke aufgenommen; die antragstellende Person muss persönlich erscheinen.",
            en: "Fingerprints are taken from the age of six; the applicant must come in person.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "anmeldung-ummeldung",
        name: { de: "Anmeldung, Ummeldung, Abmeldung", en: "Registering or changing your address" },
        description: {
          de: "Anmeldung nach dem Zuzug, Ummeldung innerhalb der Stadt oder Abmeldung ins Ausland.",
          en: "Registering after moving to the city, changing your address within the city or deregistering when moving abroad.",
        },
        category: { de: "Meldewesen", en: "Residence registration" },
        durationMinutes: 15,
        additionalUnitMinutes: 5,
        maxQuantity: 6,
        documents: [
          {
            de: "Personalausweis oder Reisepass aller umziehenden Personen",
            en: "ID card or passport of everyone who moves",
          },
          {
            de: "Wohnungsgeberbestätigung des Vermieters oder der Vermieterin",
            en: "Landlord's confirmation of moving in (Wohnungsgeberbestätigung)",
          },
          PROXY_DOCUMENT,
        ],
        hints: [
          {
            de: "Nach dem Einzug müssen Sie sich innerhalb von zwei Wochen anmelden.",
            en: "You must register within two weeks of moving in.",
          },
          {
            de: "Buchen Sie je umziehender Person eine Einheit.",
            en: "Book one unit for each person who moves.",
          },
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "meldebescheinigung",
        name: { de: "Meldebescheinigung", en: "Certificate of registration" },
        description: {
          de: "Einfache oder erweiterte Meldebescheinigung, z. B. für Arbeitgeber, Banken oder Behörden.",
          en: "Simple or extended certificate of registration, e.g. for employers, banks or authorities.",
        },
        category: { de: "Bescheinigungen und Beglaubigungen", en: "Certificates and certifications" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 3,
        documents: [ID_DOCUMENT, PROXY_DOCUMENT],
        hints: [
          {
            de: "Eine einfache Meldebescheinigung können Sie auch online mit der Online-Ausweisfunktion beantragen.",
            en: "You can also request a simple certificate of registration online with the online ID function.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "fuehrungszeugnis",
        name: { de: "Führungszeugnis", en: "Certificate of good conduct" },
        description: {
          de: "Antrag auf ein einfaches oder erweitertes Führungszeugnis.",
          en: "Application for a standard or extended certificate of good conduct.",
        },
        category: { de: "Bescheinigungen und Beglaubigungen", en: "Certificates and certifications" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 2,
        documents: [
          ID_DOCUMENT,
          {
            de: "Für ein erweitertes Führungszeugnis: schriftliche Aufforderung der Stelle, die es verlangt",
            en: "For an extended certificate: the written request from the organisation that requires it",
          },
        ],
        hints: [
          {
            de: "Sie müssen den Antrag persönlich stellen; das Bundesamt für Justiz schickt Ihnen das Führungszeugnis per Post.",
            en: "You must apply in person; the Federal Office of Justice sends you the certificate by post.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "beglaubigung",
        name: { de: "Beglaubigung", en: "Certification" },
        description: {
          de: "Amtliche Beglaubigung von Kopien und Unterschriften zur Vorlage bei Behörden.",
          en: "Official certification of copies and signatures for submission to public authorities.",
        },
        category: { de: "Bescheinigungen und Beglaubigungen", en: "Certificates and certifications" },
        durationMinutes: 10,
        additionalUnitMinutes: 5,
        maxQuantity: 5,
        documents: [
          {
            de: "Originaldokumente und die zu beglaubigenden Kopien",
            en: "The original documents and the copies to be certified",
          },
          {
            de: "Bei Unterschriftsbeglaubigungen: Personalausweis oder Reisepass",
            en: "For certified signatures: ID card or passport",
          },
        ],
        hints: [
          {
            de: "Eine Einheit reicht für bis zu fünf Dokumente.",
            en: "One unit covers up to five documents.",
          },
          PAY_BY_CARD,
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "fundsachen",
        name: { de: "Fundsachen abholen", en: "Collecting lost property" },
        description: {
          de: "Abholung eines abgegebenen Fundstücks aus dem Fundbüro.",
          en: "Collecting an item that was handed in to the lost property office.",
        },
        category: { de: "Fundbüro", en: "Lost property" },
        durationMinutes: 10,
        additionalUnitMinutes: null,
        maxQuantity: 1,
        documents: [
          ID_DOCUMENT,
          {
            de: "Nachweis, dass der Gegenstand Ihnen gehört (z. B. Schlüssel zum Fahrradschloss, Kaufbeleg)",
            en: "Proof that the item is yours (e.g. the key to the bike lock, a receipt)",
          },
        ],
        hints: [
          {
            de: "Fundsachen abgeben können Sie ohne Termin während der offenen Sprechzeiten.",
            en: "You can hand in found items without an appointment during walk-in hours.",
          },
        ],
        leikaKey: null,
        onlineBookable: true,
      },
      {
        slug: "notfall-ausweisdokumente",
        name: {
          de: "Verlust oder Diebstahl von Ausweisdokumenten (Notfall)",
          en: "Lost or stolen identity documents (emergency)",
        },
        description: {
          de: "Verlustanzeige und bei dringendem Bedarf ein vorläufiger Personalausweis oder vorläufiger Reisepass, z. B. vor einer unmittelbar bevorstehenden Reise.",
          en: "Reporting the loss and, if urgently needed, a temporary ID card or temporary passport, e.g. right before a trip.",
        },
        category: { de: "Ausweise und Pässe", en: "ID cards and passports" },
        durationMinutes: 20,
        additionalUnitMinutes: 10,
        maxQuantity: 4,
        documents: [
          {
            de: "Falls vorhanden: ein anderer Lichtbildausweis (z. B. Führerschein)",
            en: "If available: another photo ID (e.g. driving licence)",
          },
          {
            de: "Bei Diebstahl: Bestätigung der Anzeige bei der Polizei",
            en: "If stolen: confirmation of the police report",
          },
          BIOMETRIC_PHOTO,
          {
            de: "Bei einer dringenden Reise: Buchungsbestätigung oder anderer Nachweis",
            en: "For an urgent trip: booking confirmation or other proof",
          },
        ],
        hints: [
          {
            de: "Diesen Termin vergeben unsere Mitarbeitenden nur telefonisch im Notfallfenster Mo–Fr 8–9 Uhr; online ist er nicht buchbar.",
            en: "Our staff book this appointment only by phone during the emergency window, Mon–Fri 8–9 am; it cannot be booked online.",
          },
          {
            de: "Lassen Sie die Online-Ausweisfunktion eines verlorenen Personalausweises sofort über den Sperr-Notruf sperren.",
            en: "Have the online ID function of a lost ID card blocked immediately via the blocking hotline.",
          },
          {
            de: "Ein vorläufiger Reisepass wird nicht von allen Staaten anerkannt; informieren Sie sich vorab über die Einreisebestimmungen.",
            en: "A temporary passport is not accepted by every country; check the entry requirements beforehand.",
          },
        ],
        leikaKey: null,
        onlineBookable: false,
      },
    ],
    offices: [
      {
        slug: "stadthaus",
        name: { de: "Bürgerservice im Stadthaus", en: "Citizens' Service at the City House" },
        street: "Stadthausplatz 3",
        postalCode: "23456",
        city: "Beispielstadt",
        holidayRegion: "BB",
        notes: {
          phoneHours: {
            de: "Notfalltelefon bei Verlust oder Diebstahl von Ausweisdokumenten: Mo–Fr 8–9 Uhr. Alle anderen Termine buchen Sie bitte online.",
            en: "Emergency line for lost or stolen identity documents: Mon–Fri 8–9 am. Please book all other appointments online.",
          },
          directions: {
            de: "Erdgeschoss, Eingang A. Bushaltestelle „Stadthaus“ direkt vor dem Gebäude.",
            en: "Ground floor, entrance A. The “Stadthaus” bus stop is right in front of the building.",
          },
          accessibility: {
            de: "Stufenloser Zugang über Eingang A, Aufzug und barrierefreies WC vorhanden.",
            en: "Step-free access via entrance A; lift and accessible toilet available.",
          },
        },
        counters: [
          {
            name: "Schalter 1",
            services: [
              "personalausweis",
              "reisepass",
              "anmeldung-ummeldung",
              "meldebescheinigung",
              "fuehrungszeugnis",
              "beglaubigung",
            ],
          },
          {
            name: "Schalter 2",
            services: [
              "personalausweis",
              "reisepass",
              "anmeldung-ummeldung",
              "meldebescheinigung",
              "fuehrungszeugnis",
              "beglaubigung",
            ],
          },
          {
            name: "Schalter 3",
            services: [
              "anmeldung-ummeldung",
              "meldebescheinigung",
              "fuehrungszeugnis",
              "beglaubigung",
              "fundsachen",
            ],
          },
          {
            name: "Schalter 4",
            services: ["anmeldung-ummeldung", "meldebescheinigung", "beglaubigung", "fundsachen"],
          },
          { name: "Notfallschalter", services: ["notfall-ausweisdokumente"] },
        ],
        rules: [
          {
            kind: "WALK_IN",
            rrule: "FREQ=WEEKLY;BYDAY=MO,TH",
            startTime: "09:00",
            endTime: "11:30",
            validFrom: "2021-09-01",
            validUntil: null,
            note: {
              de: "Offene Sprechzeit ohne Termin – bitte rechnen Sie mit Wartezeit.",
              en: "Walk-in hours without an appointment – please expect to wait.",
            },
          },
          {
            kind: "WALK_IN",
            rrule: "FREQ=WEEKLY;BYDAY=MO,TH",
            startTime: "13:00",
            endTime: "15:00",
            validFrom: "2021-09-01",
            validUntil: null,
            note: {
              de: "Offene Sprechzeit ohne Termin – bitte rechnen Sie mit Wartezeit.",
              en: "Walk-in hours without an appointment – please expect to wait.",
            },
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=TU,WE",
            startTime: "09:00",
            endTime: "11:30",
            validFrom: "2021-09-01",
            validUntil: null,
          },
          {
            kind: "WALK_IN",
            rrule: "FREQ=WEEKLY;BYDAY=TU",
            startTime: "14:00",
            endTime: "18:00",
            validFrom: "2021-09-01",
            validUntil: null,
            note: {
              de: "Offene Sprechzeit ohne Termin – bitte rechnen Sie mit Wartezeit.",
              en: "Walk-in hours without an appointment – please expect to wait.",
            },
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=FR",
            startTime: "08:00",
            endTime: "12:00",
            validFrom: "2021-09-01",
            validUntil: null,
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=MONTHLY;BYDAY=2SA,4SA",
            startTime: "08:00",
            endTime: "12:00",
            validFrom: "2021-09-01",
            validUntil: null,
            note: {
              de: "Jeden zweiten und vierten Samstag im Monat.",
              en: "Every second and fourth Saturday of the month.",
            },
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            startTime: "08:00",
            endTime: "09:00",
            validFrom: "2021-09-01",
            validUntil: null,
            counter: "Notfallschalter",
            note: {
              de: "Notfallfenster bei Verlust oder Diebstahl von Ausweisdokumenten: Diese Termine vergeben unsere Mitarbeitenden ausschließlich telefonisch.",
              en: "Emergency window for lost or stolen identity documents: our staff book these appointments by phone only.",
            },
          },
        ],
        closures: [
          {
            fromDate: "2026-12-24",
            toDate: "2026-12-24",
            reason: { de: "Heiligabend geschlossen", en: "Closed on Christmas Eve" },
          },
          {
            fromDate: "2026-12-31",
            toDate: "2026-12-31",
            reason: { de: "Silvester geschlossen", en: "Closed on New Year's Eve" },
          },
        ],
      },
    ],
    staff: [
      { email: "buergerservice.admin@example.org", name: "Clara Beispiel", role: "ADMIN" },
      { email: "buergerservice.schalter@example.org", name: "Jan Muster", role: "CLERK" },
    ],
    customers: [],
    campaigns: [],
  },

  // ───────────────────────────── C ─────────────────────────────
  {
    slug: "demo-steuerberatung",
    name: {
      de: "Arbeitnehmerkammer Beispielland – Steuerberatung",
      en: "Beispielland Chamber of Employees – Tax Advice",
    },
    timeZone: "Europe/Berlin",
    locale: "de",
    theme: {
      "--tv-color-primary": "#4a2c82",
      "--tv-color-on-primary": "#ffffff",
      "--tv-color-focus": "#331e5c",
      "--tv-radius": "12px",
    },
    allowedOrigins: DEV_ORIGINS,
    policy: {
      slotGridMinutes: 15,
      minNoticeMinutes: 1440,
      horizonDays: 200,
      holdMinutes: 10,
      maxActiveBookingsPerPerson: 1,
      requireEmailVerification: false,
      // The chamber advises its members only: the portal asks for the membership number.
      membershipNumberRequired: true,
    },
    privacyUrl: "https://example.org/arbeitnehmerkammer/datenschutz",
    contactEmail: "steuerberatung@example.org",
    services: [
      {
        slug: "steuerberatung",
        name: {
          de: "Steuerberatung (Einkommensteuererklärung)",
          en: "Tax advice (income tax return)",
        },
        description: {
          de: "Persönliche Beratung und Hilfe bei der Einkommensteuererklärung für Arbeitnehmerinnen und Arbeitnehmer. Die Termine werden per Los vergeben.",
          en: "Personal advice and help with the income tax return for employees. Appointments are allocated by lottery.",
        },
        category: { de: "Steuern", en: "Taxes" },
        durationMinutes: 45,
        additionalUnitMinutes: null,
        maxQuantity: 1,
        documents: [
          {
            de: "Mitgliedsnachweis, z. B. aktuelle Gehaltsabrechnung",
            en: "Proof of membership, e.g. a current payslip",
          },
          {
            de: "Lohnsteuerbescheinigung(en) des Steuerjahres",
            en: "Income tax statement(s) from your employer(s) for the tax year",
          },
          {
            de: "Steuerliche Identifikationsnummer (Steuer-ID)",
            en: "Tax identification number (Steuer-ID)",
          },
          {
            de: "Letzter Steuerbescheid",
            en: "Your most recent tax assessment notice",
          },
          {
            de: "Belege für Werbungskosten, z. B. Fahrtkosten, Arbeitsmittel, Fortbildung",
            en: "Receipts for work-related expenses, e.g. commuting, work equipment, training",
          },
          {
            de: "Nachweise über Lohnersatzleistungen, z. B. Elterngeld oder Arbeitslosengeld",
            en: "Statements of wage replacement benefits, e.g. parental allowance or unemployment benefit",
          },
          {
            de: "Belege für Sonderausgaben und außergewöhnliche Belastungen, z. B. Versicherungen, Spenden, Krankheitskosten",
            en: "Receipts for special expenses and extraordinary burdens, e.g. insurance, donations, medical costs",
          },
          {
            de: "Nebenkostenabrechnung oder Rechnungen für haushaltsnahe Dienstleistungen und Handwerkerleistungen",
            en: "Service charge statement or invoices for household services and tradespeople",
          },
        ],
        hints: [
          {
            de: "Die Beratung ist für Mitglieder der Kammer kostenfrei.",
            en: "The advice is free of charge for members of the chamber.",
          },
          {
            de: "Wir beraten nur zu Einkünften aus nichtselbständiger Arbeit – nicht bei Einkünften aus selbständiger Tätigkeit, Gewerbebetrieb oder Vermietung.",
            en: "We only advise on income from employment – not on income from self-employment, a business or letting property.",
          },
          {
            de: "Wenn Sie ausgelost werden, bestätigen Sie Ihren Termin bitte innerhalb von 14 Tagen über den Link in der E-Mail oder im Kundenportal; sonst geht er an die nächste Person auf der Warteliste.",
            en: "If you are drawn, please confirm your appointment within 14 days using the link in the e-mail or in the customer portal; otherwise it goes to the next person on the waiting list.",
          },
          {
            de: "Wenn Sie nicht kommen können, sagen Sie bitte im Kundenportal ab, damit jemand anderes den Termin bekommt.",
            en: "If you cannot come, please cancel in the customer portal so that someone else can have the appointment.",
          },
          {
            de: "Bitte sortieren Sie Ihre Unterlagen vorab nach Themen – so bleibt mehr Zeit für die Beratung.",
            en: "Please sort your documents by topic beforehand – that leaves more time for the advice.",
          },
        ],
        leikaKey: null,
        // Lottery only (campaigns, customer portal): first-come online booking would sell the scarce advice twice.
        onlineBookable: false,
      },
    ],
    offices: [
      {
        slug: "beratungszentrum",
        name: { de: "Beratungszentrum im Kammerhaus", en: "Advice Centre at the Chamber House" },
        street: "Kammerplatz 2",
        postalCode: "34567",
        city: "Beispielhafen",
        holidayRegion: "NI",
        notes: {
          directions: {
            de: "2. Obergeschoss, Anmeldung am Empfang im Erdgeschoss.",
            en: "Second floor; please check in at the reception on the ground floor.",
          },
          accessibility: {
            de: "Stufenloser Zugang, Aufzug und barrierefreies WC vorhanden.",
            en: "Step-free access; lift and accessible toilet available.",
          },
        },
        counters: [
          { name: "Beraterin 1", services: ["steuerberatung"] },
          { name: "Berater 2", services: ["steuerberatung"] },
          { name: "Beraterin 3", services: ["steuerberatung"] },
        ],
        // The advice hours. Nobody books them first-come: the campaigns' slot pools are
        // generated from these rules for their periods and allocated by lottery.
        rules: [
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            startTime: "09:00",
            endTime: "12:00",
            validFrom: "2026-01-01",
            validUntil: null,
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=MO,WE",
            startTime: "13:00",
            endTime: "16:00",
            validFrom: "2026-01-01",
            validUntil: null,
          },
          {
            kind: "APPOINTMENT",
            rrule: "FREQ=WEEKLY;BYDAY=TU,TH",
            startTime: "13:00",
            endTime: "18:00",
            validFrom: "2026-01-01",
            validUntil: null,
            note: {
              de: "Dienstags und donnerstags auch am späten Nachmittag für Berufstätige.",
              en: "On Tuesdays and Thursdays also in the late afternoon for people in work.",
            },
          },
        ],
        closures: [
          {
            fromDate: "2026-12-28",
            toDate: "2026-12-31",
            reason: {
              de: "Zwischen den Jahren findet keine Beratung statt.",
              en: "No advice between Christmas and New Year.",
            },
          },
        ],
      },
    ],
    staff: [
      { email: "steuerberatung.admin@example.org", name: "Hanna Muster", role: "ADMIN" },
      { email: "steuerberatung.team@example.org", name: "Felix Beispiel", role: "CLERK" },
    ],
    customers: [
      { email: "erika.beispiel@example.org", name: "Erika Beispiel" },
      { email: "max.mustermann@example.org", name: "Max Mustermann" },
      { email: "lena.musterfrau@example.org", name: "Lena Musterfrau" },
      { email: "deniz.probe@example.org", name: "Deniz Probe" },
    ],
    // Campaigns in each state (open, drawn with offers pending, finished) are created by the
    // gateway on first start, relative to that day (services/gateway/src/lottery/demo-campaigns.ts).
    campaigns: [],
  },
];
