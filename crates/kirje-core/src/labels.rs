//! Every fixed word the outputs print, in Finnish, Swedish and English.
//!
//! Templates never hold language: they print these labels from the View.

use schemars::JsonSchema;
use serde::Serialize;

use crate::Lang;

macro_rules! labels {
    ($( $(#[$doc:meta])* $field:ident: $fi:literal, $sv:literal, $en:literal; )*) => {
        /// The fixed words of the outputs in one language.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
        pub struct Labels {
            $( $(#[$doc])* pub $field: &'static str, )*
        }

        /// The labels in `lang`.
        pub fn labels(lang: Lang) -> Labels {
            match lang {
                Lang::Fi => Labels { $( $field: $fi, )* },
                Lang::Sv => Labels { $( $field: $sv, )* },
                Lang::En => Labels { $( $field: $en, )* },
            }
        }
    };
}

labels! {
    /// The kind of publication ("Hankekirje").
    newsletter: "Hankekirje", "Projektbrev", "Newsletter";
    /// Heading of the news section.
    news: "Ajankohtaista", "Aktuellt", "News";
    /// Heading of the event calendar.
    events: "Tapahtumakalenteri", "Evenemangskalender", "Events";
    /// Heading of the videos.
    videos: "Videot", "Videor", "Videos";
    /// Heading of the project box.
    project: "Hanke", "Projektet", "The project";
    /// Purpose.
    purpose: "Tarkoitus", "Syfte", "Purpose";
    /// Goals.
    goals: "Kehittämistavoitteet", "Utvecklingsmål", "Goals";
    /// Target groups.
    target_groups: "Kohderyhmät", "Målgrupper", "Target groups";
    /// Primary target groups.
    primary_groups: "Ensisijaiset kohderyhmät", "Primära målgrupper", "Primary target groups";
    /// Indirect target groups.
    indirect_groups: "Välilliset kohderyhmät ja yhteistyökumppanit", "Indirekta målgrupper och samarbetspartner", "Indirect target groups and partners";
    /// Schedule.
    schedule: "Aikataulu", "Tidsplan", "Schedule";
    /// Funding.
    funding: "Rahoitus", "Finansiering", "Funding";
    /// Column: source of funding.
    funding_source: "Rahoituslähde", "Finansieringskälla", "Source";
    /// Column: amount.
    amount: "Summa", "Belopp", "Amount";
    /// Column: share.
    share: "Osuus", "Andel", "Share";
    /// Total row.
    total: "Yhteensä", "Totalt", "Total";
    /// Total costs.
    total_costs: "Kokonaiskustannukset", "Totala kostnader", "Total costs";
    /// Sub-implementations.
    sub_implementations: "Osatoteutukset", "Delgenomföranden", "Sub-implementations";
    /// Contact people.
    contacts: "Yhteyshenkilöt", "Kontaktpersoner", "Contacts";
    /// Read more link.
    read_more: "Lue lisää", "Läs mer", "Read more";
    /// Registration link.
    register: "Ilmoittaudu", "Anmäl dig", "Register";
    /// Place of an online event.
    online: "Verkossa", "På nätet", "Online";
    /// Join an online event.
    join_online: "Osallistu verkossa", "Delta på nätet", "Join online";
    /// Add to calendar link.
    add_to_calendar: "Lisää kalenteriin", "Lägg till i kalendern", "Add to calendar";
    /// Page label ("Sivu 2 / 4").
    page: "Sivu", "Sida", "Page";
    /// E-mail label.
    email: "Sähköposti", "E-post", "E-mail";
    /// Phone label.
    phone: "Puhelin", "Telefon", "Phone";
    /// Background.
    background: "Tausta", "Bakgrund", "Background";
    /// Key problems.
    key_problems: "Keskeiset ongelmat", "Centrala problem", "Key problems";
    /// Source of a statement.
    source: "Lähde", "Källa", "Source";
    /// Work packages.
    work_packages: "Työpaketit", "Arbetspaket", "Work packages";
    /// Key measures.
    measures: "Keskeiset toimenpiteet", "Centrala åtgärder", "Key measures";
    /// Organisation of the project.
    organisation: "Organisointi", "Organisation", "Organisation";
    /// Administrator.
    administrator: "Hallinnoija", "Huvudman", "Administrator";
    /// Co-implementers.
    co_implementers: "Osatoteuttajat", "Delgenomförare", "Co-implementers";
    /// Regions.
    regions: "Toiminta-alue", "Verksamhetsområde", "Regions";
    /// Partners.
    partners: "Yhteistyökumppanit", "Samarbetspartner", "Partners";
    /// Team.
    team: "Hanketiimi", "Projektteamet", "The team";
    /// Upcoming events.
    upcoming_events: "Tulevia tapahtumia", "Kommande evenemang", "Upcoming events";
    /// The project's period, as a label.
    project_period: "Hankeaika", "Projekttid", "Project period";
    /// The programme a project belongs to.
    programme: "Ohjelma", "Program", "Programme";
    /// Heading of the perspectives slide.
    perspectives: "Tavoitteiden toteutuessa", "När målen nås", "When the goals are met";
    /// The EU emblem's alternative text (the statement is written beside it).
    eu_emblem: "Euroopan unionin tunnus", "Europeiska unionens emblem", "The emblem of the European Union";
    /// Funders' logos on the closing slide.
    funded_by: "Rahoittajat", "Finansiärer", "Funded by";
    /// Default part 1 of the deck.
    part_start: "Hankkeen lähtökohdat", "Projektets utgångspunkter", "Where the project starts";
    /// Default part 1's question.
    part_start_question: "Mistä kehittämistyössä on kysymys?", "Vad handlar utvecklingsarbetet om?", "What is the development work about?";
    /// Default part 2 of the deck.
    part_goals: "Tavoitteet", "Målen", "Goals";
    /// Default part 2's question.
    part_goals_question: "Mitä haluamme saavuttaa?", "Vad vill vi uppnå?", "What do we want to achieve?";
    /// Default part 3 of the deck.
    part_work: "Toteutus", "Genomförandet", "Implementation";
    /// Default part 3's question.
    part_work_question: "Miten saavutamme tavoitteet?", "Hur når vi målen?", "How do we reach the goals?";
    /// Default part 4 of the deck.
    part_resources: "Resurssit", "Resurser", "Resources";
    /// Default part 4's question.
    part_resources_question: "Hankkeen hallinto ja rahoitus", "Projektets förvaltning och finansiering", "How the project is run and funded";
    /// Thank-you slide.
    thanks: "Kiitos mielenkiinnostasi", "Tack för ditt intresse", "Thank you for your interest";
    /// Follow us.
    follow: "Seuraa hanketta", "Följ projektet", "Follow the project";
    /// Web site.
    website: "Verkkosivut", "Webbplats", "Website";
    /// Watch the video.
    watch_video: "Katso video", "Se videon", "Watch the video";
    /// View in browser.
    view_in_browser: "Avaa selaimessa", "Öppna i webbläsaren", "View in your browser";
    /// A link to the newsletter's PDF.
    newsletter_pdf: "Hankekirje PDF-tiedostona", "Nyhetsbrevet som PDF", "The newsletter as a PDF";
    /// Unsubscribe.
    unsubscribe: "Peru tilaus", "Avsluta prenumerationen", "Unsubscribe";
    /// Why the reader receives this.
    why_receiving: "Saat tämän viestin, koska olet tilannut hankkeen uutiskirjeen.", "Du får detta meddelande eftersom du prenumererar på projektets nyhetsbrev.", "You receive this message because you subscribed to the project's newsletter.";
    /// Archive of editions.
    archive: "Arkisto", "Arkiv", "Archive";
    /// Feed link.
    feed: "Syöte (Atom)", "Flöde (Atom)", "Feed (Atom)";
    /// Calendar file link.
    calendar_file: "Tapahtumat kalenteriin (.ics)", "Evenemangen till kalendern (.ics)", "Events for your calendar (.ics)";
    /// Sessions of an event.
    sessions: "Osiot", "Delar", "Sessions";
    /// Contents.
    contents: "Sisällys", "Innehåll", "Contents";
    /// Time of day prefix in badges ("klo").
    time_prefix: "klo", "kl.", "";
    /// The language's own name, for a link to a version in it.
    language_name: "Suomeksi", "På svenska", "In English";
}

/// Joins a list as a sentence: "A, B ja C" / "A, B och C" / "A, B and C".
pub fn join_list(lang: Lang, items: &[String]) -> String {
    let and = match lang {
        Lang::Fi => "ja",
        Lang::Sv => "och",
        Lang::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}
