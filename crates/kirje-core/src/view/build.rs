//! Builds the [`View`](super::View) from a loaded project: every value
//! formatted once, here, for every output.

use super::*;

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

/// When an occasion is, as every output prints it: "ti 5.5.2026 klo
/// 13.30–15.00", "6.–7.5.2026". `end` is already resolved (the start
/// itself when none was written).
pub fn when_text(f: &Formatter, start: When, end: When) -> String {
    match (start, end) {
        (When::At(s), When::At(e)) => f.event_when(s, (e != s).then_some(e)),
        (s, e) => f.all_day(s.date(), (e.date() != s.date()).then_some(e.date())),
    }
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
        let resolved = resolve_sources(total, sources);
        sources
            .iter()
            .zip(resolved)
            .map(|(s, (amount, share))| SourceView {
                name: self.t(&s.name),
                amount: self.fmt.money(amount, cur),
                amount_cents: amount,
                share: self.fmt.percent(share),
                share_bp: share,
                ratio: f64::from(share) / 10_000.0,
                note: self.ot(&s.note),
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
            email_href: email.as_deref().map(email_addr::mailto),
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
        let when = when_text(f, start, end);
        match (start, end) {
            (When::At(s), When::At(e)) => {
                let time = (s.date() == e.date()).then(|| {
                    if s == e {
                        f.time(s.time())
                    } else {
                        f.time_range(s.time(), e.time())
                    }
                });
                (when, f.badge(s.date()), time, end, false)
            }
            (s, _) => (when, f.badge(s.date()), None, end, true),
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
