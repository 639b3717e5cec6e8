//! The View: one edition in one language, with every string final.
//!
//! Dates, times, sums, shares, phone numbers and labels are formatted here,
//! once, by the [`locale`](crate::locale) layer, and Markdown is converted
//! here for every output. Templates (Typst, MJML, text) only place these
//! strings, which is what keeps the PDF, the slides, the email and the
//! calendar in agreement.

use schemars::JsonSchema;
use serde::Serialize;

use crate::check::{resolve_end, resolve_sources};
use crate::labels::{Labels, join_list, labels};
use crate::load::{Loaded, LoadedEdition};
use crate::locale::{Badge, Formatter};
use crate::markdown::{self, Converted};
use crate::model::{self, Image, Section};
use crate::values::{End, Text, When};
use crate::{Lang, email_addr, phone};

/// Everything a template sees.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct View {
    /// Language code of this View (`fi`).
    pub lang: Lang,
    /// Every language the project publishes in, main one first.
    pub languages: Vec<Lang>,
    /// Fixed words in this language.
    pub labels: Labels,
    /// Colours, logo, type.
    pub theme: ThemeView,
    /// Who sends the newsletter.
    pub sender: Option<SenderView>,
    /// The project's lasting facts.
    pub project: ProjectView,
    /// This edition.
    pub edition: EditionView,
    /// Sections in the order to show them.
    pub sections: Vec<Section>,
    /// The web archive's address, when set.
    pub base_url: Option<String>,
    /// The deck's title slide and closing slide.
    pub deck: DeckView,
    /// The slides of the deck after the title slide, in order.
    pub slides: Vec<SlideView>,
}

/// What the deck's title and closing slides show besides the project.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeckView {
    /// The project file (`project.yaml`), for warnings about the name.
    pub project_file: String,
    /// The PDF's title: the project's name once, with the subtitle.
    pub pdf_title: String,
    /// Under the name on the title slide.
    pub subtitle: Option<String>,
    /// The month of the presentation ("Huhtikuu 2021").
    pub month: String,
    /// The person presenting, for the closing slide.
    pub presenter: Option<ContactView>,
}

/// One slide of the deck (for `measures`, one slide per group; a long list
/// may continue on more slides).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SlideView {
    /// `goals`, `funding`, …, `divider` or `custom`.
    pub kind: String,
    /// A custom slide's heading, or a divider's part name.
    pub title: Option<String>,
    /// A divider's question.
    pub question: Option<String>,
    /// A custom slide's text.
    pub body: Option<Rich>,
    /// A custom slide's image.
    pub image: Option<ImageView>,
    /// A custom slide's statement: one sentence set large.
    pub statement: Option<String>,
    /// For `measures`: which group (0-based).
    pub index: Option<usize>,
    /// Speaker notes.
    pub notes: Option<String>,
    /// The data file whose facts the slide shows (`project.yaml`).
    pub file: String,
    /// Where in that file (`measures[1]`, `slides.custom[0]`), so a warning
    /// about the slide can point at the text to shorten.
    pub path: String,
}

/// Markdown converted for each output.
pub type Rich = Converted;

/// Colours and logo.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThemeView {
    /// `#rrggbb`.
    pub primary: String,
    /// `#rrggbb`.
    pub accent: String,
    /// Text colour that reads on `primary` (white or near black).
    pub on_primary: String,
    /// Text colour that reads on `accent`.
    pub on_accent: String,
    /// The project's logo.
    pub logo: Option<ImageView>,
    /// The type family.
    pub font: String,
}

/// The sender.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SenderView {
    /// Display name.
    pub name: String,
    /// From address.
    pub email: String,
    /// Reply-To.
    pub reply_to: Option<String>,
    /// Organisation.
    pub organisation: String,
    /// Postal address.
    pub address: String,
}

/// An image with its text alternative.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ImageView {
    /// Path relative to the project root.
    pub path: String,
    /// Alternative text; empty for a decorative image.
    pub alt: String,
    /// Caption.
    pub caption: Option<String>,
    /// Decorative: screen readers skip it.
    pub decorative: bool,
    /// Set across the text column in the newsletter.
    pub wide: bool,
}

/// An organisation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OrgView {
    /// Id.
    pub id: Option<String>,
    /// Full name.
    pub name: String,
    /// Short name, or the full name when there is none.
    pub short_name: String,
    /// The full name with the short name in brackets, unless the name
    /// already says it ("Itä-Suomen sosiaalialan osaamiskeskus (ISO)",
    /// "Kuopion kaupunki").
    pub name_and_short: String,
    /// Role.
    pub role: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Web site.
    pub url: Option<String>,
    /// Logo.
    pub logo: Option<ImageView>,
    /// Who works in the project there.
    pub team: Option<String>,
}

/// A funder.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FunderView {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Required statement.
    pub statement: Option<String>,
    /// Logo.
    pub logo: Option<ImageView>,
    /// Web site.
    pub url: Option<String>,
    /// The preset it follows (`stm`, `esr+`).
    pub preset: Option<String>,
    /// The EU emblem, shown with the statement beside it (ESR+).
    pub emblem: Option<ImageView>,
}

/// A labelled list.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ListView {
    /// Heading.
    pub title: String,
    /// Items.
    pub items: Vec<String>,
}

/// The project's facts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ProjectView {
    /// Full name.
    pub name: String,
    /// Short name (the full name when none).
    pub acronym: String,
    /// Tagline.
    pub tagline: Option<String>,
    /// Programme.
    pub programme: Option<String>,
    /// The area the project works in, as presented.
    pub area: Option<String>,
    /// "1.8.2020–31.12.2022".
    pub period: String,
    /// `2020-08-01`.
    pub period_start: String,
    /// `2022-12-31`.
    pub period_end: String,
    /// Administrator.
    pub administrator: OrgView,
    /// Co-implementers.
    pub co_implementers: Vec<OrgView>,
    /// Regions.
    pub regions: Vec<String>,
    /// Regions as a sentence ("Etelä-Savo, Keski-Suomi ja Pohjois-Savo").
    pub regions_text: String,
    /// Funders.
    pub funders: Vec<FunderView>,
    /// Purpose.
    pub purpose: Rich,
    /// Background.
    pub background: Vec<String>,
    /// Key problems.
    pub key_problems: Option<KeyProblemsView>,
    /// Goals, in order.
    pub goals: Vec<String>,
    /// Points of view.
    pub perspectives: Vec<ListView>,
    /// What is true when the goals are met, in one sentence.
    pub vision: Option<String>,
    /// Primary target groups.
    pub target_groups_primary: Vec<String>,
    /// Indirect target groups.
    pub target_groups_indirect: Vec<String>,
    /// Work packages.
    pub work_packages: Vec<WorkPackageView>,
    /// Key measures.
    pub measures: Vec<ListView>,
    /// Partners.
    pub partners: Vec<PartnerView>,
    /// Funding.
    pub funding: FundingView,
    /// Contacts.
    pub contacts: Vec<ContactView>,
    /// Links.
    pub links: Vec<LinkView>,
    /// Social accounts.
    pub social: Vec<SocialView>,
}

/// Key problems.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KeyProblemsView {
    /// Where this is from.
    pub source: Option<String>,
    /// The problems.
    pub items: Vec<String>,
    /// Closing remark.
    pub note: Option<String>,
}

/// A work package.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WorkPackageView {
    /// 1-based number.
    pub number: usize,
    /// Title.
    pub title: String,
    /// Measures.
    pub measures: Vec<String>,
}

/// A partner group.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartnerView {
    /// Label.
    pub label: String,
    /// Text.
    pub text: String,
}

/// Funding, formatted.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FundingView {
    /// ISO code.
    pub currency: String,
    /// "1 000 000 €".
    pub total: String,
    /// Cents.
    pub total_cents: i64,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// Sub-implementations.
    pub parts: Vec<PartView>,
}

/// A funding source.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SourceView {
    /// Name.
    pub name: String,
    /// "800 000 €".
    pub amount: String,
    /// Cents.
    pub amount_cents: i64,
    /// "80 %".
    pub share: String,
    /// Basis points.
    pub share_bp: u32,
    /// 0.0–1.0, for bar widths.
    pub ratio: f64,
    /// Remark.
    pub note: Option<String>,
}

/// A sub-implementation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PartView {
    /// Name.
    pub name: String,
    /// The implementer's short name.
    pub implementer: Option<String>,
    /// "7.12.2020–31.12.2022".
    pub period: Option<String>,
    /// "221 750 €".
    pub total: String,
    /// Cents.
    pub total_cents: i64,
    /// Share of the whole budget, "22,18 %".
    pub share_of_total: String,
    /// Sources.
    pub sources: Vec<SourceView>,
}

/// A contact person.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContactView {
    /// Name.
    pub name: String,
    /// Initials for a placeholder circle ("PM").
    pub initials: String,
    /// Title.
    pub title: Option<String>,
    /// Organisation's short name.
    pub organisation: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Normalised e-mail.
    pub email: Option<String>,
    /// `mailto:` link.
    pub email_href: Option<String>,
    /// "040 359 7659".
    pub phone: Option<String>,
    /// `tel:+358403597659`.
    pub phone_href: Option<String>,
    /// Photo.
    pub photo: Option<ImageView>,
}

/// A link.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LinkView {
    /// Where it leads.
    pub label: String,
    /// Address.
    pub url: String,
}

/// A social account.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SocialView {
    /// Service.
    pub service: String,
    /// Handle, or the address when none.
    pub handle: String,
    /// Address.
    pub url: String,
}

/// One edition.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EditionView {
    /// `2021-05`.
    pub id: String,
    /// Number in its year.
    pub number: u32,
    /// Year.
    pub year: i16,
    /// "Hankekirje 2/2021".
    pub label: String,
    /// "3.5.2021".
    pub date: String,
    /// "3. toukokuuta 2021".
    pub date_long: String,
    /// `2021-05-03`.
    pub date_iso: String,
    /// Title.
    pub title: String,
    /// Opening paragraph.
    pub intro: Option<Rich>,
    /// News.
    pub news: Vec<NewsView>,
    /// Events, in time order.
    pub events: Vec<EventView>,
    /// Videos.
    pub videos: Vec<VideoView>,
}

/// A news item.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NewsView {
    /// Title.
    pub title: String,
    /// "14.4.2021".
    pub date: Option<String>,
    /// `2021-04-14`.
    pub date_iso: Option<String>,
    /// Body.
    pub body: Rich,
    /// Image.
    pub image: Option<ImageView>,
    /// Read-more link.
    pub link: Option<LinkView>,
}

/// An event.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EventView {
    /// Stable id, the same on every build (`2021-05-e1`).
    pub id: String,
    /// Title.
    pub title: String,
    /// "ti 5.5.2021 klo 13.30–15.00", or the date range of all sessions.
    pub when: String,
    /// Date badge of the (first) day.
    pub badge: Badge,
    /// "klo 13.30–15.00" when on one day with times.
    pub time: Option<String>,
    /// `2021-05-05T13:30` or `2021-05-05`.
    pub start_iso: String,
    /// End in the same form.
    pub end_iso: String,
    /// Whole days, no times.
    pub all_day: bool,
    /// Place, or "Verkossa" for an online event.
    pub place: Option<String>,
    /// Online link.
    pub online: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Registration link.
    pub registration: Option<String>,
    /// Description.
    pub description: Option<Rich>,
    /// Sessions of a multi-part event.
    pub sessions: Vec<SessionView>,
}

/// One session.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SessionView {
    /// Stable id (`2021-05-e3-s2`).
    pub id: String,
    /// "Osio I".
    pub title: Option<String>,
    /// "pe 28.5.2021 klo 8.30–12.00".
    pub when: String,
    /// Badge.
    pub badge: Badge,
    /// "klo 8.30–12.00".
    pub time: Option<String>,
    /// Start.
    pub start_iso: String,
    /// End.
    pub end_iso: String,
    /// Whole days.
    pub all_day: bool,
    /// Place.
    pub place: Option<String>,
    /// Online link.
    pub online: Option<String>,
}

/// A video.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VideoView {
    /// Title.
    pub title: String,
    /// Address.
    pub url: String,
    /// Still image.
    pub thumbnail: Option<ImageView>,
    /// Description.
    pub description: Option<String>,
}

mod build;

pub use build::{contrast, luminance, view, when_text};
