//! The View: one edition in one language, with every string final.
//!
//! Dates, times, sums, shares, phone numbers and labels are formatted here,
//! once, by the [`locale`](crate::locale) layer, and Markdown is converted
//! here for every output. Templates (Typst, MJML, text) only place these
//! strings, which is what keeps the PDF, the slides, the email and the
//! calendar in agreement.

use schemars::JsonSchema;
use serde::Serialize;

use crate::check::{resolve_end, resolve_source};
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

/// Builds the View of `edition` in `lang`. The project should have passed
/// [`check`](crate::check::check) without errors; values a check would
/// refuse are shown as written rather than dropped.
pub fn view(loaded: &Loaded, edition: &LoadedEdition, lang: Lang) -> View {
    let b = Builder {
        lang,
        fmt: Formatter::new(lang),
        loaded,
    };
    let s = &loaded.settings;
    View {
        lang,
        languages: s.languages.clone(),
        labels: labels(lang),
        theme: ThemeView {
            primary: s.theme.primary.hex(),
            accent: s.theme.accent.hex(),
            on_primary: readable_on(s.theme.primary.0),
            on_accent: readable_on(s.theme.accent.0),
            logo: s.theme.logo.as_ref().map(|i| b.image(i)),
            font: s.theme.font.clone(),
        },
        sender: s.sender.as_ref().map(|x| SenderView {
            name: b.t(&x.name),
            email: email_addr::normalize_email(&x.email).unwrap_or_else(|_| x.email.clone()),
            reply_to: x.reply_to.clone(),
            organisation: b.t(&x.organisation),
            address: b.t(&x.address),
        }),
        project: b.project(),
        edition: b.edition(edition),
        sections: edition
            .edition
            .sections
            .clone()
            .unwrap_or_else(|| Section::ALL.to_vec()),
        base_url: s.base_url.clone(),
        deck: b.deck(edition),
        slides: b.slides(edition),
    }
}

/// "Name (SHORT)", or only the name when the short form is already a word
/// of it ("… kuntayhtymä Essote") or the same.
fn name_and_short(name: &str, short: &str) -> String {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (n, sh) = (words(name), words(short));
    let said = !sh.is_empty() && n.windows(sh.len()).any(|w| w == sh.as_slice());
    if short.trim().is_empty() || said {
        name.to_owned()
    } else {
        format!("{name} ({short})")
    }
}

/// The first letter as a capital ("huhtikuu 2021" → "Huhtikuu 2021").
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// White or near black, whichever reads better on `bg` (WCAG contrast).
fn readable_on(bg: [u8; 3]) -> String {
    crate::check::readable_on(crate::values::Color(bg)).hex()
}

/// WCAG 2 relative luminance.
pub fn luminance(c: [u8; 3]) -> f64 {
    let ch = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
}

/// WCAG 2 contrast ratio of two colours (1.0–21.0).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

struct Builder<'a> {
    lang: Lang,
    fmt: Formatter,
    loaded: &'a Loaded,
}

fn iso(w: When) -> String {
    match w {
        When::Day(d) => d.to_string(),
        When::At(dt) => format!("{}T{:02}:{:02}", dt.date(), dt.hour(), dt.minute()),
    }
}

impl Builder<'_> {
    fn t(&self, t: &Text) -> String {
        t.get(self.lang).to_owned()
    }

    fn ot(&self, t: &Option<Text>) -> Option<String> {
        t.as_ref()
            .map(|t| self.t(t))
            .filter(|s| !s.trim().is_empty())
    }

    fn ts(&self, t: &[Text]) -> Vec<String> {
        t.iter().map(|t| self.t(t)).collect()
    }

    fn rich(&self, t: &Text) -> Rich {
        markdown::convert(t.get(self.lang))
    }

    /// A funder, its preset filling what the project leaves out.
    fn funder(&self, x: &model::Funder) -> FunderView {
        let preset = x.preset;
        let name = self
            .ot(&x.name)
            .or_else(|| preset.map(|p| p.full_name(self.lang).to_owned()))
            .unwrap_or_default();
        FunderView {
            short_name: self
                .ot(&x.short_name)
                .or_else(|| preset.map(|p| p.short_name(self.lang).to_owned()))
                .unwrap_or_else(|| name.clone()),
            name,
            statement: self
                .ot(&x.statement)
                .or_else(|| preset.map(|p| p.statement(self.lang).to_owned())),
            logo: x.logo.as_ref().map(|i| self.image(i)),
            url: x.url.clone().or_else(|| preset.map(|p| p.url().to_owned())),
            preset: preset.map(|p| p.name().to_owned()),
            emblem: preset.filter(|p| p.eu_emblem()).map(|_| ImageView {
                path: crate::funders::EU_EMBLEM_PATH.to_owned(),
                alt: labels(self.lang).eu_emblem.to_owned(),
                caption: None,
                decorative: false,
                wide: false,
            }),
        }
    }

    fn image(&self, i: &Image) -> ImageView {
        ImageView {
            path: i.path.trim_start_matches("./").replace('\\', "/"),
            alt: if i.decorative {
                String::new()
            } else {
                self.ot(&i.alt).unwrap_or_default()
            },
            caption: self.ot(&i.caption),
            decorative: i.decorative,
            wide: i.wide,
        }
    }

    fn org(&self, o: &model::Organisation) -> OrgView {
        let name = self.t(&o.name);
        let short_name = self.ot(&o.short_name).unwrap_or_else(|| name.clone());
        OrgView {
            id: o.id.clone(),
            name_and_short: name_and_short(&name, &short_name),
            short_name,
            name,
            role: self.ot(&o.role),
            region: self.ot(&o.region),
            url: o.url.clone(),
            logo: o.logo.as_ref().map(|i| self.image(i)),
            team: self.ot(&o.team),
        }
    }

    fn organisations(&self) -> Vec<&model::Organisation> {
        let p = &self.loaded.project;
        std::iter::once(&p.administrator)
            .chain(p.co_implementers.iter())
            .collect()
    }

    /// An organisation's short name for an id, or the text itself.
    fn org_name(&self, text: &str) -> String {
        self.organisations()
            .into_iter()
            .find(|o| o.id.as_deref() == Some(text))
            .map_or_else(
                || text.to_owned(),
                |o| self.ot(&o.short_name).unwrap_or_else(|| self.t(&o.name)),
            )
    }

    fn sources(&self, total: i64, sources: &[model::FundingSource], cur: &str) -> Vec<SourceView> {
        sources
            .iter()
            .map(|s| {
                let (amount, share) = resolve_source(total, s);
                SourceView {
                    name: self.t(&s.name),
                    amount: self.fmt.money(amount, cur),
                    amount_cents: amount,
                    share: self.fmt.percent(share),
                    share_bp: share,
                    ratio: f64::from(share) / 10_000.0,
                    note: self.ot(&s.note),
                }
            })
            .collect()
    }

    fn project(&self) -> ProjectView {
        let p = &self.loaded.project;
        let f = &self.fmt;
        let name = self.t(&p.name);
        let cur = p.funding.currency.as_str();
        let regions = self.ts(&p.regions);
        ProjectView {
            acronym: p.acronym.clone().unwrap_or_else(|| name.clone()),
            name,
            tagline: self.ot(&p.tagline),
            programme: self.ot(&p.programme),
            area: self.ot(&p.area),
            period: f.date_range(p.period.start.0, p.period.end.0),
            period_start: p.period.start.0.to_string(),
            period_end: p.period.end.0.to_string(),
            administrator: self.org(&p.administrator),
            co_implementers: p.co_implementers.iter().map(|o| self.org(o)).collect(),
            regions_text: join_list(self.lang, &regions),
            regions,
            funders: p.funders.iter().map(|x| self.funder(x)).collect(),
            purpose: self.rich(&p.purpose),
            background: self.ts(&p.background),
            key_problems: p.key_problems.as_ref().map(|k| KeyProblemsView {
                source: self.ot(&k.source),
                items: self.ts(&k.items),
                note: self.ot(&k.note),
            }),
            goals: self.ts(&p.goals),
            vision: self.ot(&p.vision),
            perspectives: p
                .perspectives
                .iter()
                .map(|x| ListView {
                    title: self.t(&x.title),
                    items: self.ts(&x.items),
                })
                .collect(),
            target_groups_primary: p
                .target_groups
                .as_ref()
                .map(|t| self.ts(&t.primary))
                .unwrap_or_default(),
            target_groups_indirect: p
                .target_groups
                .as_ref()
                .map(|t| self.ts(&t.indirect))
                .unwrap_or_default(),
            work_packages: p
                .work_packages
                .iter()
                .enumerate()
                .map(|(i, w)| WorkPackageView {
                    number: i + 1,
                    title: self.t(&w.title),
                    measures: self.ts(&w.measures),
                })
                .collect(),
            measures: p
                .measures
                .iter()
                .map(|m| ListView {
                    title: self.t(&m.title),
                    items: self.ts(&m.items),
                })
                .collect(),
            partners: p
                .partners
                .iter()
                .map(|x| PartnerView {
                    label: self.t(&x.label),
                    text: self.t(&x.text),
                })
                .collect(),
            funding: FundingView {
                currency: cur.to_owned(),
                total: f.money(p.funding.total.cents, cur),
                total_cents: p.funding.total.cents,
                sources: self.sources(p.funding.total.cents, &p.funding.sources, cur),
                parts: p
                    .funding
                    .parts
                    .iter()
                    .map(|part| PartView {
                        name: self.t(&part.name),
                        implementer: part.implementer.as_deref().map(|i| self.org_name(i)),
                        period: part.period.map(|x| f.date_range(x.start.0, x.end.0)),
                        total: f.money(part.total.cents, cur),
                        total_cents: part.total.cents,
                        share_of_total: f.percent(crate::check::share_from(
                            p.funding.total.cents,
                            part.total.cents,
                        )),
                        sources: self.sources(part.total.cents, &part.sources, cur),
                    })
                    .collect(),
            },
            contacts: p.contacts.iter().map(|c| self.contact(c)).collect(),
            links: p
                .links
                .iter()
                .map(|l| LinkView {
                    label: self.t(&l.label),
                    url: l.url.clone(),
                })
                .collect(),
            social: p
                .social
                .iter()
                .map(|s| SocialView {
                    service: s.service.clone(),
                    handle: s.handle.clone().unwrap_or_else(|| s.url.clone()),
                    url: s.url.clone(),
                })
                .collect(),
        }
    }

    fn deck(&self, edition: &LoadedEdition) -> DeckView {
        let p = &self.loaded.project;
        let config = p.slides.as_ref();
        let name = self.t(&p.name);
        let subtitle = config.and_then(|c| self.ot(&c.subtitle));
        let date = config
            .and_then(|c| c.date)
            .map_or(edition.edition.date.0, |d| d.0);
        DeckView {
            project_file: self.loaded.project_file.clone(),
            pdf_title: match &subtitle {
                Some(sub) => format!("{name}: {sub}"),
                None => name,
            },
            subtitle,
            month: capitalised(&self.fmt.month_year(date)),
            presenter: config
                .and_then(|c| c.presenter.as_deref())
                .and_then(|who| p.contacts.iter().find(|c| c.name.trim() == who.trim()))
                .map(|c| self.contact(c)),
        }
    }

    /// The parts the deck is divided into: the project's, or the four usual
    /// ones, each starting at the first of its slides that the deck has.
    fn parts(&self, shown: &[model::SlideKind]) -> Vec<(model::SlideKind, SlideView)> {
        use model::SlideKind as K;
        let config = self.loaded.project.slides.as_ref();
        let divider =
            |title: String, question: Option<String>, notes: Option<String>, path: String| {
                SlideView {
                    kind: "divider".to_owned(),
                    title: Some(title),
                    question,
                    notes,
                    path,
                    ..self.slide_view("")
                }
            };
        if let Some(parts) = config.and_then(|c| c.parts.as_ref()) {
            return parts
                .iter()
                .enumerate()
                .filter(|(_, x)| shown.contains(&x.before))
                .map(|(i, x)| {
                    let path = format!("slides.parts[{i}]");
                    let slide = divider(
                        self.t(&x.title),
                        self.ot(&x.question),
                        self.ot(&x.notes),
                        path,
                    );
                    (x.before, slide)
                })
                .collect();
        }
        let l = labels(self.lang);
        let usual: [(&[K], &str, &str); 4] = [
            (
                &[K::Background, K::KeyProblems],
                l.part_start,
                l.part_start_question,
            ),
            (
                &[K::Goals, K::Perspectives, K::TargetGroups],
                l.part_goals,
                l.part_goals_question,
            ),
            (
                &[K::WorkPackages, K::Measures],
                l.part_work,
                l.part_work_question,
            ),
            (
                &[K::Organisation, K::Partners, K::Funding, K::Team],
                l.part_resources,
                l.part_resources_question,
            ),
        ];
        usual
            .iter()
            .filter_map(|(kinds, title, question)| {
                let first = shown.iter().find(|k| kinds.contains(k))?;
                Some((
                    *first,
                    divider(
                        (*title).to_owned(),
                        Some((*question).to_owned()),
                        None,
                        "slides".to_owned(),
                    ),
                ))
            })
            .collect()
    }

    /// An empty slide of `kind` whose facts are in the project file.
    fn slide_view(&self, kind: &str) -> SlideView {
        SlideView {
            kind: kind.to_owned(),
            title: None,
            question: None,
            body: None,
            image: None,
            statement: None,
            index: None,
            notes: None,
            file: self.loaded.project_file.clone(),
            path: kind.to_owned(),
        }
    }

    fn slides(&self, edition: &LoadedEdition) -> Vec<SlideView> {
        use model::SlideKind as K;
        let config = self.loaded.project.slides.as_ref();
        let include: Vec<K> = config
            .and_then(|c| c.include.clone())
            .unwrap_or_else(|| K::ALL.to_vec());
        let shown: Vec<K> = include
            .iter()
            .copied()
            .filter(|k| {
                self.loaded
                    .project
                    .has_slide(*k, !edition.edition.events.is_empty())
            })
            .collect();
        let customs: Vec<(usize, &model::CustomSlide)> = config
            .map(|c| c.custom.iter().enumerate().collect())
            .unwrap_or_default();
        let custom = |(i, c): &(usize, &model::CustomSlide)| SlideView {
            title: Some(self.t(&c.title)),
            body: c.body.as_ref().map(|b| self.rich(b)),
            image: c.image.as_ref().map(|i| self.image(i)),
            statement: self.ot(&c.statement),
            notes: self.ot(&c.notes),
            path: format!("slides.custom[{i}]"),
            ..self.slide_view("custom")
        };
        let unplaced = || {
            customs
                .iter()
                .filter(|(_, c)| c.after.is_none_or(|a| !shown.contains(&a)))
                .map(custom)
        };
        let parts = self.parts(&shown);
        let notes = |k: K| config.and_then(|c| c.notes.get(&k)).map(|t| self.t(t));
        let mut out = Vec::new();
        for k in &shown {
            if *k == K::Thanks {
                // Slides placed nowhere in particular go before the thank-you slide.
                out.extend(unplaced());
            }
            out.extend(
                parts
                    .iter()
                    .filter(|(at, _)| at == k)
                    .map(|(_, d)| d.clone()),
            );
            if *k == K::Measures {
                for i in 0..self.loaded.project.measures.len() {
                    out.push(SlideView {
                        index: Some(i),
                        notes: if i == 0 { notes(*k) } else { None },
                        path: format!("measures[{i}]"),
                        ..self.slide_view(k.name())
                    });
                }
            } else {
                let mut slide = SlideView {
                    notes: notes(*k),
                    ..self.slide_view(k.name())
                };
                if *k == K::Events {
                    slide.file.clone_from(&edition.file);
                }
                if *k == K::Thanks {
                    slide.path = "links".to_owned();
                }
                out.push(slide);
            }
            out.extend(
                customs
                    .iter()
                    .filter(|(_, c)| c.after == Some(*k))
                    .map(custom),
            );
        }
        if !shown.contains(&K::Thanks) {
            out.extend(unplaced());
        }
        out
    }

    fn contact(&self, c: &model::Contact) -> ContactView {
        let email = c
            .email
            .as_ref()
            .map(|e| email_addr::normalize_email(e).unwrap_or_else(|_| e.clone()));
        let phone = c.phone.as_ref().map(|p| phone::Phone::parse(p));
        ContactView {
            initials: c
                .name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .take(3)
                .collect(),
            name: c.name.clone(),
            title: self.ot(&c.title),
            organisation: c
                .organisation
                .as_ref()
                .map(|o| self.org_name(o.get(self.lang))),
            region: self.ot(&c.region),
            email_href: email.as_ref().map(|e| format!("mailto:{e}")),
            email,
            phone: match (&phone, &c.phone) {
                (Some(Ok(p)), _) => Some(p.national()),
                (_, raw) => raw.clone(),
            },
            phone_href: match &phone {
                Some(Ok(p)) => Some(p.tel_uri()),
                _ => None,
            },
            photo: c.photo.as_ref().map(|i| self.image(i)),
        }
    }

    fn edition(&self, le: &LoadedEdition) -> EditionView {
        let e = &le.edition;
        let f = &self.fmt;
        let l = labels(self.lang);
        let mut events: Vec<(When, EventView)> = e
            .events
            .iter()
            .enumerate()
            .filter_map(|(i, ev)| self.event(&le.id, i, ev))
            .collect();
        events.sort_by_key(|a| a.0);
        EditionView {
            id: le.id.clone(),
            number: e.number,
            year: e.date.0.year(),
            label: format!("{} {}/{}", l.newsletter, e.number, e.date.0.year()),
            date: f.date(e.date.0),
            date_long: f.date_long(e.date.0),
            date_iso: e.date.0.to_string(),
            title: self.t(&e.title),
            intro: e.intro.as_ref().map(|t| self.rich(t)),
            news: e
                .news
                .iter()
                .map(|n| NewsView {
                    title: self.t(&n.title),
                    date: n.date.map(|d| f.date(d.0)),
                    date_iso: n.date.map(|d| d.0.to_string()),
                    body: self.rich(&n.body),
                    image: n.image.as_ref().map(|i| self.image(i)),
                    link: n.link.as_ref().map(|x| LinkView {
                        label: self.t(&x.label),
                        url: x.url.clone(),
                    }),
                })
                .collect(),
            events: events.into_iter().map(|(_, v)| v).collect(),
            videos: e
                .videos
                .iter()
                .map(|v| VideoView {
                    title: self.t(&v.title),
                    url: v.url.clone(),
                    thumbnail: v.thumbnail.as_ref().map(|i| self.image(i)),
                    description: self.ot(&v.description),
                })
                .collect(),
        }
    }

    /// When, badge and time of one occasion.
    fn occasion(
        &self,
        start: When,
        end: Option<End>,
    ) -> (String, Badge, Option<String>, When, bool) {
        let end = resolve_end(start, end).unwrap_or(start);
        let f = &self.fmt;
        match (start, end) {
            (When::At(s), When::At(e)) => {
                let time = (s.date() == e.date()).then(|| {
                    if s == e {
                        f.time(s.time())
                    } else {
                        f.time_range(s.time(), e.time())
                    }
                });
                let end_opt = (e != s).then_some(e);
                (
                    f.event_when(s, end_opt),
                    f.badge(s.date()),
                    time,
                    end,
                    false,
                )
            }
            (s, e) => {
                let e_opt = (e.date() != s.date()).then_some(e.date());
                (
                    f.all_day(s.date(), e_opt),
                    f.badge(s.date()),
                    None,
                    end,
                    true,
                )
            }
        }
    }

    fn event(&self, edition_id: &str, i: usize, ev: &model::Event) -> Option<(When, EventView)> {
        let l = labels(self.lang);
        let id = format!("{edition_id}-e{}", i + 1);
        let place = self
            .ot(&ev.place)
            .or_else(|| ev.online.as_ref().map(|_| l.online.to_owned()));
        let sessions: Vec<SessionView> = ev
            .sessions
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let (when, badge, time, end, all_day) = self.occasion(s.start.0, s.end);
                SessionView {
                    id: format!("{id}-s{}", j + 1),
                    title: self.ot(&s.title),
                    when,
                    badge,
                    time,
                    start_iso: iso(s.start.0),
                    end_iso: iso(end),
                    all_day,
                    place: self
                        .ot(&s.place)
                        .or_else(|| s.online.as_ref().map(|_| l.online.to_owned())),
                    online: s.online.clone(),
                }
            })
            .collect();
        let (start, when, badge, time, end, all_day) = match (&ev.start, ev.sessions.first()) {
            (Some(st), _) => {
                let (when, badge, time, end, all_day) = self.occasion(st.0, ev.end);
                (st.0, when, badge, time, end, all_day)
            }
            (None, Some(first)) => {
                let last = ev
                    .sessions
                    .iter()
                    .map(|s| resolve_end(s.start.0, s.end).unwrap_or(s.start.0))
                    .max()?;
                let first_start = ev
                    .sessions
                    .iter()
                    .map(|s| s.start.0)
                    .min()
                    .unwrap_or(first.start.0);
                let f = &self.fmt;
                let when = if first_start.date() == last.date() {
                    f.all_day(first_start.date(), None)
                } else {
                    f.date_range(first_start.date(), last.date())
                };
                (
                    first_start,
                    when,
                    f.badge(first_start.date()),
                    None,
                    last,
                    false,
                )
            }
            (None, None) => return None,
        };
        Some((
            start,
            EventView {
                id,
                title: self.t(&ev.title),
                when,
                badge,
                time,
                start_iso: iso(start),
                end_iso: iso(end),
                all_day,
                place,
                online: ev.online.clone(),
                region: self.ot(&ev.region),
                registration: ev.registration.clone(),
                description: ev.description.as_ref().map(|t| self.rich(t)),
                sessions,
            },
        ))
    }
}
