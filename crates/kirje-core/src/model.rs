//! The project format: what users write in `kirje.toml`, `project.yaml` and
//! `editions/*.yaml`. Every struct refuses unknown fields, so a typo is an
//! error with a suggestion instead of a silently missing section.
//!
//! The JSON Schema in `schema/` is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::Lang;
use crate::values::{Color, Day, End, Moment, Money, Share, Text};

/// `kirje.toml`: how this project's outputs are made.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The languages the project publishes in; the first is the main one.
    #[serde(default = "default_languages")]
    pub languages: Vec<Lang>,
    /// Colours, logo and type.
    #[serde(default)]
    pub theme: Theme,
    /// Who the newsletter comes from (used in the email footer and when sending).
    pub sender: Option<Sender>,
    /// Where the web archive will be published (`https://…/`); images in the
    /// email are linked from there when set.
    pub base_url: Option<String>,
    /// How `kirje send` delivers: pace, unsubscribe link, suppression list.
    pub send: Option<SendSettings>,
    /// The SMTP server `kirje send` delivers through (never a password).
    pub smtp: Option<SmtpProfile>,
    /// How `kirje inbox` reads returned mail: bounces, complaints and
    /// unsubscribe requests.
    pub inbox: Option<InboxSettings>,
}

/// `[inbox]` in `kirje.toml`: how `kirje inbox` treats returned mail.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InboxSettings {
    /// The mailbox replies arrive in: `imaps://user@host/INBOX` (TLS, port
    /// 993 unless given; a user name with `@` is written `%40`). Never a
    /// password: it comes from `KIRJE_IMAP_PASSWORD` or `password_file`, or
    /// an OAuth2 token from `KIRJE_IMAP_TOKEN` or `token_file`.
    pub url: Option<String>,
    /// A file outside the project holding the mailbox password.
    pub password_file: Option<String>,
    /// A file outside the project holding an OAuth2 access token (for
    /// Microsoft 365 and Gmail, which take no password over IMAP).
    pub token_file: Option<String>,
    /// The name your own mail server writes first in its
    /// `Authentication-Results` header (for example `"mail.example.fi"`).
    /// An unsubscribe request without the link's token is then honoured
    /// when that header shows DMARC passing for the subscriber's own
    /// address; without this setting, only requests with a token are.
    pub authserv_id: Option<String>,
    /// Temporary delivery failures in this many editions in a row put the
    /// address on the suppression list (default 3; 0 never does).
    pub soft_bounce_limit: Option<u32>,
}

/// `[send]` in `kirje.toml`: how `kirje send` delivers.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SendSettings {
    /// Messages per second, minute or hour: `"10/s"`, `"600/min"`,
    /// `"2000/h"` (default `"10/s"`; `--rate` overrides).
    pub rate: Option<String>,
    /// At most this many messages in any hour (also across runs).
    pub hourly_cap: Option<u32>,
    /// The unsubscribe page: `{email}` and `{token}` are filled per
    /// recipient (`https://example.fi/unsubscribe?e={email}&t={token}`).
    /// The token is an HMAC of the address under the secret given in
    /// `KIRJE_UNSUBSCRIBE_SECRET` or `unsubscribe_secret_file`.
    pub unsubscribe_url: Option<String>,
    /// A file outside the project holding the unsubscribe secret.
    pub unsubscribe_secret_file: Option<String>,
    /// Where unsubscribe e-mails go (default: the sender's address).
    pub unsubscribe_mailto: Option<String>,
    /// Addresses never to send to (unsubscribed, hard bounces): a file of
    /// one address per line, relative to the project.
    pub suppression: Option<String>,
    /// DKIM: the selector whose public key is published at
    /// `<selector>._domainkey.<domain>`. Setting it turns signing on; the
    /// key comes from `KIRJE_DKIM_KEY` (the PEM text) or `dkim_key_file`.
    pub dkim_selector: Option<String>,
    /// DKIM: the signing domain (default: the sender's domain).
    pub dkim_domain: Option<String>,
    /// DKIM: a file outside the project holding the private key (PEM, RSA or
    /// Ed25519).
    pub dkim_key_file: Option<String>,
    /// Attach the newsletter PDF (in the recipient's language) to every
    /// message (default false: the email links to the web copy instead).
    pub attach_pdf: Option<bool>,
    /// The largest PDF to attach, in kilobytes (default 2048). A bigger one
    /// stops the send before it starts.
    pub attach_max_kb: Option<u32>,
}

/// `[smtp]` in `kirje.toml`: the server to send through. The password is
/// never written here: it comes from `KIRJE_SMTP_PASSWORD` or `password_file`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SmtpProfile {
    /// `smtp://user@host:587` (STARTTLS, required) or `smtps://user@host:465`
    /// (TLS from the start); plain `smtp://` only to localhost.
    pub url: String,
    /// A file outside the project holding the password.
    pub password_file: Option<String>,
    /// Seconds to wait for the server before giving up (default 30).
    pub timeout: Option<u32>,
    /// Connections to the server at once (default: one per 50 messages a
    /// second of the rate, at most 4): each message's round trips overlap
    /// the others'. After a crash, at most this many recipients are
    /// `unknown`.
    pub connections: Option<u32>,
}

fn default_languages() -> Vec<Lang> {
    vec![Lang::Fi]
}

/// The look shared by every output.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Masthead band, headings, links.
    #[serde(default = "default_primary")]
    pub primary: Color,
    /// One highlight per page: event dates, key figures.
    #[serde(default = "default_accent")]
    pub accent: Color,
    /// The project's logo, shown in the masthead (a path under the project).
    pub logo: Option<Image>,
    /// The type family (must be one kirje ships or the project provides).
    #[serde(default = "default_font")]
    pub font: String,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            primary: default_primary(),
            accent: default_accent(),
            logo: None,
            font: default_font(),
        }
    }
}

fn default_primary() -> Color {
    Color([0x00, 0x4f, 0x71])
}
fn default_accent() -> Color {
    Color([0xb4, 0x3c, 0x00])
}
fn default_font() -> String {
    FONT_FAMILIES[0].to_owned()
}

/// The font families kirje ships and embeds (no system fonts are used, so a
/// document looks the same everywhere): Inter for text (OFL), and Typst's own
/// families. `theme.font` must name one of them; kirje-typst tests that its
/// font book holds exactly these.
pub const FONT_FAMILIES: &[&str] = &[
    "Inter",
    "Libertinus Serif",
    "New Computer Modern",
    "New Computer Modern Math",
    "DejaVu Sans Mono",
];

/// The sender shown in the email and used by `kirje send`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    /// Display name ("LUMO-hanke").
    pub name: Text,
    /// The From address.
    pub email: String,
    /// Reply-To, when replies should go elsewhere.
    pub reply_to: Option<String>,
    /// The organisation responsible for the newsletter.
    pub organisation: Text,
    /// Postal address, shown in the email footer.
    pub address: Text,
}

/// `project.yaml`: the facts that last across editions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Full name: "LUMO – Lastensuojelun uudistaminen monialaisesti".
    pub name: Text,
    /// Short name: "LUMO".
    pub acronym: Option<String>,
    /// One line under the name.
    pub tagline: Option<Text>,
    /// The programme the project belongs to.
    pub programme: Option<Text>,
    /// The area the project works in, as presented
    /// ("Itä- ja Keski-Suomen yhteistyöalue (YTA)"); under the name on the
    /// title slide.
    pub area: Option<Text>,
    /// When the project runs.
    pub period: Period,
    /// The organisation that administers the project.
    pub administrator: Organisation,
    /// Organisations that carry out parts of it.
    #[serde(default)]
    pub co_implementers: Vec<Organisation>,
    /// Regions (maakunnat) where it works.
    #[serde(default)]
    pub regions: Vec<Text>,
    /// Who pays, with the statement their rules require on every output.
    #[serde(default)]
    pub funders: Vec<Funder>,
    /// Why the project exists (Markdown).
    pub purpose: Text,
    /// Background points.
    #[serde(default)]
    pub background: Vec<Text>,
    /// The problems the project answers, with where that knowledge comes from.
    pub key_problems: Option<KeyProblems>,
    /// Development goals, in order.
    #[serde(default)]
    pub goals: Vec<Text>,
    /// What success looks like from different points of view
    /// ("through the client's eyes", "through the professional's eyes").
    #[serde(default)]
    pub perspectives: Vec<Perspective>,
    /// One sentence saying what is true when the goals are met; the centre
    /// of the perspectives slide.
    pub vision: Option<Text>,
    /// Who the project is for.
    pub target_groups: Option<TargetGroups>,
    /// Work packages and their measures.
    #[serde(default)]
    pub work_packages: Vec<WorkPackage>,
    /// Key measures, grouped under a heading each.
    #[serde(default)]
    pub measures: Vec<Measures>,
    /// Partners and stakeholders, as a label and a text each.
    #[serde(default)]
    pub partners: Vec<Partner>,
    /// Budget and its sources.
    pub funding: Funding,
    /// Contact people.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Web pages.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Social media accounts.
    #[serde(default)]
    pub social: Vec<Social>,
    /// Which generated slides the deck has, and slides of your own.
    pub slides: Option<Slides>,
}

impl Project {
    /// Whether the generated slide `kind` has anything to show (`events`:
    /// whether the edition has events).
    pub fn has_slide(&self, kind: SlideKind, events: bool) -> bool {
        use SlideKind as K;
        match kind {
            K::Background => !self.background.is_empty(),
            K::KeyProblems => self
                .key_problems
                .as_ref()
                .is_some_and(|k| !k.items.is_empty()),
            K::Goals => !self.goals.is_empty(),
            K::Perspectives => !self.perspectives.is_empty(),
            K::TargetGroups => self
                .target_groups
                .as_ref()
                .is_some_and(|t| !t.primary.is_empty() || !t.indirect.is_empty()),
            K::WorkPackages => !self.work_packages.is_empty(),
            K::Measures => !self.measures.is_empty(),
            K::Partners => !self.partners.is_empty(),
            K::Team => !self.contacts.is_empty(),
            K::Events => events,
            K::Organisation | K::Funding | K::Thanks => true,
        }
    }
}

/// The slide deck's contents.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slides {
    /// Under the project's name on the title slide, and in the PDF's title
    /// ("Hankkeen lähtökohdat, tavoitteet ja toteutus").
    pub subtitle: Option<Text>,
    /// The day of the presentation; the title slide shows its month
    /// ("Huhtikuu 2021"). The edition's date when not given.
    pub date: Option<Day>,
    /// The contact (by name, as written under `contacts`) who presents:
    /// shown with photo and details on the closing slide.
    pub presenter: Option<String>,
    /// The parts of the presentation, each opened by a divider slide with
    /// a title and a question. Not given: the four usual parts
    /// (starting points, goals, implementation, resources). `[]`: none.
    pub parts: Option<Vec<Part>>,
    /// Speaker notes for the generated slides, by slide name
    /// (`goals: …`). Shown by presenter views such as pdfpc.
    #[serde(default)]
    pub notes: BTreeMap<SlideKind, Text>,
    /// The generated slides to include, in order; all by default. The title
    /// slide always comes first.
    pub include: Option<Vec<SlideKind>>,
    /// Slides of your own.
    #[serde(default)]
    pub custom: Vec<CustomSlide>,
}

/// A part of the presentation, opened by a divider slide.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The generated slide the part starts with (`goals`).
    pub before: SlideKind,
    /// The part's name, small above the question ("Hankkeen lähtökohdat").
    pub title: Text,
    /// The question the part answers, large ("Mitä haluamme saavuttaa?").
    pub question: Option<Text>,
    /// Speaker notes.
    pub notes: Option<Text>,
}

/// A generated slide.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SlideKind {
    /// Background points.
    Background,
    /// Key problems with their source.
    KeyProblems,
    /// Goals.
    Goals,
    /// Goals seen through the client's and the professional's eyes.
    Perspectives,
    /// Target groups.
    TargetGroups,
    /// Work packages as a table.
    WorkPackages,
    /// Key measures, a slide per group.
    Measures,
    /// Administrator, co-implementers, regions.
    Organisation,
    /// Partners and stakeholders.
    Partners,
    /// Funding: key figures, chart and table.
    Funding,
    /// The team as contact cards.
    Team,
    /// Upcoming events of the edition.
    Events,
    /// Thank-you slide with the presenter, links and logos.
    Thanks,
}

impl SlideKind {
    /// Every generated slide in the default order.
    pub const ALL: [SlideKind; 13] = [
        SlideKind::Background,
        SlideKind::KeyProblems,
        SlideKind::Goals,
        SlideKind::Perspectives,
        SlideKind::TargetGroups,
        SlideKind::WorkPackages,
        SlideKind::Measures,
        SlideKind::Organisation,
        SlideKind::Partners,
        SlideKind::Funding,
        SlideKind::Team,
        SlideKind::Events,
        SlideKind::Thanks,
    ];

    /// Its name in the format (`key_problems`).
    pub fn name(self) -> &'static str {
        match self {
            SlideKind::Background => "background",
            SlideKind::KeyProblems => "key_problems",
            SlideKind::Goals => "goals",
            SlideKind::Perspectives => "perspectives",
            SlideKind::TargetGroups => "target_groups",
            SlideKind::WorkPackages => "work_packages",
            SlideKind::Measures => "measures",
            SlideKind::Organisation => "organisation",
            SlideKind::Partners => "partners",
            SlideKind::Funding => "funding",
            SlideKind::Team => "team",
            SlideKind::Events => "events",
            SlideKind::Thanks => "thanks",
        }
    }
}

/// A slide of your own: a title with a Markdown body, a picture, or one
/// large statement (or a picture beside a body).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomSlide {
    /// Heading.
    pub title: Text,
    /// Text (Markdown, at most six bullets read well).
    pub body: Option<Text>,
    /// A picture (a map, a process chart): alone it fills the slide.
    pub image: Option<Image>,
    /// One sentence set large in the middle of the slide.
    pub statement: Option<Text>,
    /// Speaker notes.
    pub notes: Option<Text>,
    /// The generated slide it follows; before the thank-you slide when not given.
    pub after: Option<SlideKind>,
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub start: Day,
    /// Last day.
    pub end: Day,
}

/// An organisation: administrator, co-implementer or funder.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// A short identifier other entries can refer to (`essote`).
    pub id: Option<String>,
    /// Full name.
    pub name: Text,
    /// Short name (ISO, Essote, Koske).
    pub short_name: Option<Text>,
    /// What it does in the project.
    pub role: Option<Text>,
    /// Its region.
    pub region: Option<Text>,
    /// Its web site.
    pub url: Option<String>,
    /// Its logo.
    pub logo: Option<Image>,
    /// Who works in the project there ("3 kokoaikaista hanketyöntekijää").
    pub team: Option<Text>,
}

/// A funder and the statement its rules require.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    /// A short identifier funding sources refer to (`stm`).
    pub id: Option<String>,
    /// A funder kirje knows (`stm`, `esr+`): its name, short name and
    /// required statement in every language, and for `esr+` the EU emblem,
    /// unless the fields below say otherwise.
    pub preset: Option<FunderPreset>,
    /// Full name; may be left out when `preset` gives it.
    pub name: Option<Text>,
    /// Short name (STM, EU).
    pub short_name: Option<Text>,
    /// The required statement ("Euroopan unionin osarahoittama").
    pub statement: Option<Text>,
    /// The required logo (the ministry's logo file). For `esr+` the EU
    /// emblem is drawn by kirje and this is shown beside it.
    pub logo: Option<Image>,
    /// Its web site.
    pub url: Option<String>,
}

/// The funders whose rules kirje knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum FunderPreset {
    /// The Ministry of Social Affairs and Health's state grant
    /// (sosiaali- ja terveysministeriön valtionavustus).
    #[serde(rename = "stm")]
    Stm,
    /// The European Social Fund Plus (ESR+), a cohesion-policy fund: every
    /// output shows the EU emblem with "Euroopan unionin osarahoittama"
    /// (Regulation (EU) 2021/1060, Article 47 and Annex IX).
    #[serde(rename = "esr+", alias = "esf+")]
    EsrPlus,
}

/// The problems the project answers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyProblems {
    /// Where this comes from (a survey, a report).
    pub source: Option<Text>,
    /// The problems.
    pub items: Vec<Text>,
    /// A closing remark.
    pub note: Option<Text>,
}

/// Goals seen from one point of view.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Perspective {
    /// "Asiakkaan silmin".
    pub title: Text,
    /// What that person says when the goals are met.
    pub items: Vec<Text>,
}

/// Target groups.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroups {
    /// Primary target groups.
    #[serde(default)]
    pub primary: Vec<Text>,
    /// Indirect target groups and partners.
    #[serde(default)]
    pub indirect: Vec<Text>,
}

/// A work package.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkPackage {
    /// Its title.
    pub title: Text,
    /// What is done in it.
    #[serde(default)]
    pub measures: Vec<Text>,
}

/// A group of key measures.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measures {
    /// Heading.
    pub title: Text,
    /// The measures.
    pub items: Vec<Text>,
}

/// A partner or stakeholder group.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// "Keskeisimmät yhteistyökumppanit".
    pub label: Text,
    /// Who they are.
    pub text: Text,
}

/// The budget and where the money comes from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// ISO 4217 code; EUR unless said.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// The whole budget.
    pub total: Money,
    /// Where it comes from; the amounts add up to the total.
    pub sources: Vec<FundingSource>,
    /// Sub-implementations (osatoteutukset) with budgets of their own.
    #[serde(default)]
    pub parts: Vec<FundingPart>,
}

fn default_currency() -> String {
    "EUR".to_owned()
}

/// One source of money.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// "Valtionavustus (STM)".
    pub name: Text,
    /// The funder's id, when it is one of `funders`.
    pub funder: Option<String>,
    /// The sum; computed from the share when left out.
    pub amount: Option<Money>,
    /// The share of the total; computed from the amount when left out.
    pub share: Option<Share>,
    /// A remark ("partly covered by transferred work time").
    pub note: Option<Text>,
}

/// A sub-implementation's budget.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingPart {
    /// "Essoten osatoteutus".
    pub name: Text,
    /// The id of the co-implementer that carries it out.
    pub implementer: Option<String>,
    /// When it runs, if not the project's whole period.
    pub period: Option<Period>,
    /// Its budget.
    pub total: Money,
    /// Where its money comes from.
    pub sources: Vec<FundingSource>,
}

/// A contact person.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Title or role ("lastensuojelun kehittäjä").
    pub title: Option<Text>,
    /// Organisation: an organisation's id or its name.
    pub organisation: Option<Text>,
    /// Region.
    pub region: Option<Text>,
    /// E-mail address ("name [at] org.fi" is accepted and normalised).
    pub email: Option<String>,
    /// Phone number ("040 359 7659" or "+358 40 359 7659").
    pub phone: Option<String>,
    /// A photo.
    pub photo: Option<Image>,
}

/// A link with a text that says where it leads.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Where it leads ("Ilmoittaudu koulutukseen", never "tästä").
    pub label: Text,
    /// https://, http:// or mailto:
    pub url: String,
}

/// A social media account.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Social {
    /// The service's name ("Twitter", "Facebook", "YouTube").
    pub service: String,
    /// The account's handle ("@LUMOhanke").
    pub handle: Option<String>,
    /// The account's address.
    pub url: String,
}

/// An image file of the project with its alternative text.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Path under the project folder (`assets/logo.svg`).
    pub path: String,
    /// What the image shows, for readers who cannot see it.
    pub alt: Option<Text>,
    /// A caption shown under it.
    pub caption: Option<Text>,
    /// `true` for a purely decorative image, which needs no alt text.
    #[serde(default)]
    pub decorative: bool,
    /// In the newsletter, `true` sets a news item's picture across the text
    /// column (at most about a quarter of the page high); otherwise it sits
    /// small in the margin beside the text.
    #[serde(default)]
    pub wide: bool,
}

/// `editions/<id>.yaml`: one newsletter issue.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The number within its year ("Hankekirje 2/2021").
    pub number: u32,
    /// Publication date.
    pub date: Day,
    /// Title (the email subject too).
    pub title: Text,
    /// The opening paragraph (Markdown).
    pub intro: Option<Text>,
    /// Which sections to show and in which order; all by default.
    pub sections: Option<Vec<Section>>,
    /// News items.
    #[serde(default)]
    pub news: Vec<News>,
    /// Events.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Videos.
    #[serde(default)]
    pub videos: Vec<Video>,
}

/// A section of the newsletter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// News items.
    News,
    /// The event calendar.
    Events,
    /// Videos.
    Videos,
    /// Purpose, goals, target groups, schedule.
    Project,
    /// Funding table and chart.
    Funding,
    /// Contact people.
    Contacts,
}

impl Section {
    /// Every section in the default order.
    pub const ALL: [Section; 6] = [
        Section::News,
        Section::Events,
        Section::Videos,
        Section::Project,
        Section::Funding,
        Section::Contacts,
    ];
}

/// A news item.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct News {
    /// Heading.
    pub title: Text,
    /// When it happened or was written.
    pub date: Option<Day>,
    /// The text (Markdown).
    pub body: Text,
    /// A picture.
    pub image: Option<Image>,
    /// "Read more" link.
    pub link: Option<Link>,
}

/// An event, on one occasion or in several sessions.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Title.
    pub title: Text,
    /// Start, local Helsinki time (`2021-05-05 13:30`) or a day.
    pub start: Option<Moment>,
    /// End: a time on the same day (`15:00`), a day, or a day and time.
    pub end: Option<End>,
    /// Sessions of a multi-part event (each with its own start and end).
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Where it happens.
    pub place: Option<Text>,
    /// Link to an online event.
    pub online: Option<String>,
    /// Region.
    pub region: Option<Text>,
    /// Registration link.
    pub registration: Option<String>,
    /// Description (Markdown).
    pub description: Option<Text>,
}

/// One session of a multi-part event.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// "Osio I".
    pub title: Option<Text>,
    /// Start.
    pub start: Moment,
    /// End.
    pub end: Option<End>,
    /// Where, if not the event's place.
    pub place: Option<Text>,
    /// Online link, if not the event's.
    pub online: Option<String>,
}

/// A video.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Video {
    /// Title.
    pub title: Text,
    /// Address of the video.
    pub url: String,
    /// A still with alt text.
    pub thumbnail: Option<Image>,
    /// A sentence about it.
    pub description: Option<Text>,
}
