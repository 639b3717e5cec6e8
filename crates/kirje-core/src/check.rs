//! The checks that run on a loaded project: sums that must add up, dates
//! that must make sense, contacts that must reach someone, images that must
//! exist under the project and say what they show, links that must be safe,
//! and texts that must exist in every language the project publishes in.
//!
//! Each check points at the field it is about through the file's
//! [`SpanIndex`](crate::source::SpanIndex).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::dates::{self, Clock};
use crate::diagnostic::{Diagnostic, Msg};
use crate::load::{Loaded, SETTINGS_FILE};
use crate::model::{Funder, Funding, FundingSource, Image, Period};
use crate::source::{FileEntry, Files, Refusal, join, join_index};
use crate::values::{End, Text, When};
use crate::{Lang, email_addr, markdown, phone};

/// Checks a loaded project; `files` is needed to see that images exist.
/// Returns every problem, errors and warnings, in file order.
pub fn check(loaded: &Loaded, files: &Files) -> Vec<Diagnostic> {
    let mut cx = Cx {
        loaded,
        files,
        out: loaded.warnings.clone(),
    };
    cx.settings();
    cx.project();
    cx.editions();
    cx.translations();
    cx.unread();
    let mut out = cx.out;
    out.sort_by(|a, b| {
        (&a.file, a.span.as_ref().map(|s| s.start))
            .cmp(&(&b.file, b.span.as_ref().map(|s| s.start)))
    });
    out.dedup();
    out
}

struct Cx<'a> {
    loaded: &'a Loaded,
    files: &'a Files,
    out: Vec<Diagnostic>,
}

/// Whether a text has a control character other than newline and tab
/// (for one-line fields, newlines count too).
fn has_control(s: &str, one_line: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && (one_line || (c != '\n' && c != '\t')))
}

/// White or near black, whichever reads better on `bg`.
pub fn readable_on(bg: crate::values::Color) -> crate::values::Color {
    let white = crate::values::Color([255, 255, 255]);
    let black = crate::values::Color([0x1a, 0x1a, 0x1a]);
    if crate::view::contrast(bg.0, white.0) >= crate::view::contrast(bg.0, black.0) {
        white
    } else {
        black
    }
}

/// Checks a URL: https, http or mailto, with a host or an address.
pub fn check_url(url: &str) -> Result<(), Msg> {
    let bad = || Msg::UrlInvalid {
        value: url.to_owned(),
    };
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(bad());
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" | "http" => {
            let host = rest
                .strip_prefix("//")
                .ok_or_else(bad)?
                .split(['/', '?', '#'])
                .next()
                .unwrap_or_default();
            let host = host.rsplit('@').next().unwrap_or_default();
            if host.is_empty() || host.starts_with('.') || host.contains("..") {
                return Err(bad());
            }
            Ok(())
        }
        "mailto" => {
            let addr = rest.split('?').next().unwrap_or_default();
            email_addr::normalize_email(addr)
                .map(|_| ())
                .map_err(|_| bad())
        }
        _ => Err(Msg::UrlScheme {
            value: url.to_owned(),
        }),
    }
}

/// What an image file's first bytes say it is.
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("jpg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        (head.contains("<svg")).then_some("svg")
    }
}

/// Why a path named in the project cannot be used, if it cannot.
pub fn check_path(path: &str, files: &Files) -> Result<(), Msg> {
    let p = path.to_owned();
    if path.starts_with('/') || path.starts_with('\\') || path.get(1..2) == Some(":") {
        return Err(Msg::PathAbsolute { path: p });
    }
    if path.split(['/', '\\']).any(|seg| seg == "..") {
        return Err(Msg::PathParent { path: p });
    }
    let normal = path.trim_start_matches("./").replace('\\', "/");
    match files.get(&normal) {
        None => Err(Msg::PathMissing { path: p }),
        Some(FileEntry::Refused(Refusal::OutsideRoot)) => Err(Msg::PathOutsideRoot { path: p }),
        Some(FileEntry::Refused(Refusal::TooLarge { size, limit })) => Err(Msg::PathTooLarge {
            path: p,
            size: *size,
            limit: *limit,
        }),
        Some(FileEntry::Refused(_)) => Err(Msg::PathMissing { path: p }),
        Some(FileEntry::Data(_)) => Ok(()),
    }
}

impl Cx<'_> {
    /// Where `path` is: its value, or its key when the value is a block of
    /// several lines (a list or mapping), so the label stays readable.
    fn span(&self, file: &str, path: &str) -> Option<Range<usize>> {
        let src = self.loaded.sources.get(file)?;
        let value = src.index.nearest(path)?;
        let multi_line = src
            .text
            .get(value.clone())
            .is_some_and(|t| t.trim_end().contains('\n'));
        match src.index.key(path) {
            Some(key) if multi_line => Some(key),
            _ => Some(value),
        }
    }

    /// The `nth` time `needle` is written in the value at `path`.
    fn occurrence(&self, file: &str, path: &str, needle: &str, nth: usize) -> Option<Range<usize>> {
        let src = self.loaded.sources.get(file)?;
        let value = src.index.value(path)?;
        let text = src.text.get(value.clone())?;
        let (at, _) = text.match_indices(needle).nth(nth)?;
        Some(value.start + at..value.start + at + needle.len())
    }

    fn key_span(&self, file: &str, path: &str) -> Option<Range<usize>> {
        let src = self.loaded.sources.get(file)?;
        src.index.key(path).or_else(|| src.index.nearest(path))
    }

    fn error(&mut self, file: &str, path: &str, msg: Msg) -> &mut Diagnostic {
        let span = self.span(file, path);
        self.out.push(Diagnostic::error(file, span, msg));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    fn warning(&mut self, file: &str, path: &str, msg: Msg) -> &mut Diagnostic {
        let span = self.span(file, path);
        self.out.push(Diagnostic::warning(file, span, msg));
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    fn settings(&mut self) {
        let s = &self.loaded.settings;
        let unique: BTreeSet<Lang> = s.languages.iter().copied().collect();
        if s.languages.is_empty() || unique.len() != s.languages.len() {
            self.error(SETTINGS_FILE, "languages", Msg::LanguagesInvalid);
        }
        if let Some(logo) = &s.theme.logo {
            self.image(SETTINGS_FILE, "theme.logo", logo);
        }
        // Text on the masthead band and on date badges, and links and
        // headings in the primary colour on white, must be readable.
        let white = crate::values::Color([255, 255, 255]);
        let pairs = [
            (
                "theme.primary",
                s.theme.primary,
                readable_on(s.theme.primary),
            ),
            ("theme.primary", s.theme.primary, white),
            ("theme.accent", s.theme.accent, readable_on(s.theme.accent)),
        ];
        for (path, color, against) in pairs {
            let ratio = crate::view::contrast(color.0, against.0);
            if ratio < 4.5 {
                self.warning(
                    SETTINGS_FILE,
                    path,
                    Msg::ThemeContrast {
                        color: color.hex(),
                        against: against.hex(),
                        ratio,
                    },
                );
            }
        }
        if !crate::model::FONT_FAMILIES
            .iter()
            .any(|f| f.eq_ignore_ascii_case(&s.theme.font))
        {
            let known: Vec<String> = crate::model::FONT_FAMILIES
                .iter()
                .map(|f| (*f).to_owned())
                .collect();
            let mut hints = crate::load::suggest(&s.theme.font, &known);
            hints.push(Msg::Allowed { words: known });
            self.error(
                SETTINGS_FILE,
                "theme.font",
                Msg::FontUnknown {
                    font: s.theme.font.clone(),
                },
            )
            .hints = hints;
        }
        if let Some(url) = &s.base_url {
            self.url(SETTINGS_FILE, "base_url", url);
        }
        if let Some(sender) = &s.sender {
            // The name goes into the From header and the organisation
            // into every footer line: a line break in either is an error.
            self.one_line(SETTINGS_FILE, "sender.name", &sender.name);
            self.one_line(SETTINGS_FILE, "sender.organisation", &sender.organisation);
            self.email(SETTINGS_FILE, "sender.email", &sender.email);
            if let Some(r) = &sender.reply_to {
                self.email(SETTINGS_FILE, "sender.reply_to", r);
            }
        }
        self.delivery();
    }

    /// `[send]` and `[smtp]`: found here rather than when a send starts.
    fn delivery(&mut self) {
        use crate::delivery::{SmtpUrlError, is_dns_name, parse_rate, parse_smtp_url};
        let s = &self.loaded.settings;
        let f = SETTINGS_FILE;
        let mut secrets = Vec::new();
        if let Some(send) = &s.send {
            if let Some(rate) = &send.rate
                && parse_rate(rate).is_none()
            {
                self.error(
                    f,
                    "send.rate",
                    Msg::RateFormat {
                        value: rate.clone(),
                    },
                );
            }
            if let Some(url) = &send.unsubscribe_url
                && !url.starts_with("https://")
            {
                self.error(
                    f,
                    "send.unsubscribe_url",
                    Msg::HttpsOnly { value: url.clone() },
                );
            }
            if let Some(m) = &send.unsubscribe_mailto {
                self.email(f, "send.unsubscribe_mailto", m);
            }
            if let Some(path) = &send.suppression
                && let Err(m) = check_path(path, self.files)
            {
                self.error(f, "send.suppression", m);
            }
            for (field, value) in [
                ("send.dkim_selector", &send.dkim_selector),
                ("send.dkim_domain", &send.dkim_domain),
            ] {
                if let Some(v) = value
                    && !is_dns_name(v)
                {
                    self.error(f, field, Msg::DkimName { value: v.clone() });
                }
            }
            if send.attach_max_kb == Some(0) {
                self.error(f, "send.attach_max_kb", Msg::MustBePositive);
            }
            secrets.push((
                "send.unsubscribe_secret_file",
                send.unsubscribe_secret_file.clone(),
            ));
            secrets.push(("send.dkim_key_file", send.dkim_key_file.clone()));
        }
        if let Some(smtp) = &s.smtp {
            match parse_smtp_url(&smtp.url) {
                Ok(_) => {}
                Err(SmtpUrlError::Password) => {
                    self.error(f, "smtp.url", Msg::SmtpPassword);
                }
                Err(_) => {
                    self.error(
                        f,
                        "smtp.url",
                        Msg::SmtpUrl {
                            value: smtp.url.clone(),
                        },
                    );
                }
            }
            if smtp.timeout == Some(0) {
                self.error(f, "smtp.timeout", Msg::MustBePositive);
            }
            secrets.push(("smtp.password_file", smtp.password_file.clone()));
        }
        // A secret must not travel with the project: a file of it, or a
        // relative path (read from where kirje runs, often the project).
        for (field, path) in secrets {
            if let Some(path) = path
                && (self.files.get(&path).is_some()
                    || !(path.starts_with('/') || path.get(1..3) == Some(":\\")))
            {
                self.error(f, field, Msg::SecretInProject { path });
            }
        }
    }

    fn project(&mut self) {
        let p = &self.loaded.project;
        let f = self.loaded.project_file.as_str();
        self.one_line(f, "name", &p.name);
        self.period(f, "period", &p.period);
        let mut ids = BTreeMap::new();
        let orgs = std::iter::once(("administrator".to_owned(), &p.administrator)).chain(
            p.co_implementers
                .iter()
                .enumerate()
                .map(|(i, o)| (join_index("co_implementers", i), o)),
        );
        for (path, org) in orgs {
            self.one_line(f, &join(&path, "name"), &org.name);
            if let Some(id) = &org.id
                && ids.insert(id.clone(), ()).is_some()
            {
                self.error(f, &join(&path, "id"), Msg::IdTwice { id: id.clone() });
            }
            if let Some(url) = &org.url {
                self.url(f, &join(&path, "url"), url);
            }
            if let Some(logo) = &org.logo {
                self.image(f, &join(&path, "logo"), logo);
            }
        }
        let mut funder_ids = BTreeSet::new();
        for (i, funder) in p.funders.iter().enumerate() {
            let path = join_index("funders", i);
            if let Some(id) = &funder.id
                && !funder_ids.insert(id.clone())
            {
                self.error(f, &join(&path, "id"), Msg::IdTwice { id: id.clone() });
            }
            self.funder(f, &path, funder);
            if let Some(url) = &funder.url {
                self.url(f, &join(&path, "url"), url);
            }
            if let Some(logo) = &funder.logo {
                self.image(f, &join(&path, "logo"), logo);
            }
        }
        self.markdown(f, "purpose", &p.purpose);
        self.funding(f, &p.funding, &ids, &funder_ids);
        for (i, c) in p.contacts.iter().enumerate() {
            let path = join_index("contacts", i);
            if c.name.trim().is_empty() {
                self.error(f, &join(&path, "name"), Msg::TextEmpty);
            } else if has_control(&c.name, true) {
                self.error(f, &join(&path, "name"), Msg::TextControl);
            }
            if let Some(e) = &c.email {
                self.email(f, &join(&path, "email"), e);
            }
            if let Some(org) = &c.organisation {
                self.organisation_typo(f, &join(&path, "organisation"), org, &ids);
            }
            if let Some(ph) = &c.phone
                && let Err(e) = phone::Phone::parse(ph)
            {
                self.error(
                    f,
                    &join(&path, "phone"),
                    Msg::PhoneInvalid {
                        value: ph.clone(),
                        reason: e,
                    },
                );
            }
            if let Some(photo) = &c.photo {
                self.image(f, &join(&path, "photo"), photo);
            }
        }
        if let Some(slides) = &p.slides {
            self.deck(f, slides);
            for (i, c) in slides.custom.iter().enumerate() {
                let path = join_index("slides.custom", i);
                self.one_line(f, &join(&path, "title"), &c.title);
                if let Some(statement) = &c.statement {
                    self.one_line(f, &join(&path, "statement"), statement);
                }
                if let Some(body) = &c.body {
                    self.markdown(f, &join(&path, "body"), body);
                }
                if let Some(img) = &c.image {
                    self.image(f, &join(&path, "image"), img);
                }
            }
        }
        for (i, l) in p.links.iter().enumerate() {
            self.url(f, &join(&join_index("links", i), "url"), &l.url);
        }
        for (i, s) in p.social.iter().enumerate() {
            self.url(f, &join(&join_index("social", i), "url"), &s.url);
        }
    }

    /// The deck's settings: a presenter who is one of the contacts, parts
    /// that start at a slide the deck has.
    fn deck(&mut self, f: &str, slides: &crate::model::Slides) {
        let p = &self.loaded.project;
        if let Some(who) = &slides.presenter
            && !p.contacts.iter().any(|c| c.name.trim() == who.trim())
        {
            let names: Vec<String> = p.contacts.iter().map(|c| c.name.clone()).collect();
            let hints = crate::load::suggest(who, &names);
            self.error(
                f,
                "slides.presenter",
                Msg::PresenterUnknown { name: who.clone() },
            )
            .hints
            .extend(hints);
        }
        if let Some(sub) = &slides.subtitle {
            self.one_line(f, "slides.subtitle", sub);
        }
        let include = slides.include.clone();
        for (i, part) in slides.parts.iter().flatten().enumerate() {
            let path = join_index("slides.parts", i);
            self.one_line(f, &join(&path, "title"), &part.title);
            let listed = include
                .as_ref()
                .is_none_or(|inc| inc.contains(&part.before));
            // Events depend on the edition; the View leaves the divider out then.
            let has = p.has_slide(part.before, true);
            if !listed || !has {
                self.warning(
                    f,
                    &join(&path, "before"),
                    Msg::PartNotInDeck {
                        slide: part.before.name().to_owned(),
                    },
                );
            }
        }
    }

    fn period(&mut self, file: &str, path: &str, p: &Period) {
        if p.end.0 < p.start.0 {
            self.error(
                file,
                &join(path, "end"),
                Msg::EndBeforeStart {
                    start: When::Day(p.start.0),
                    end: When::Day(p.end.0),
                },
            );
        }
    }

    /// Files the reader left out because the project has too many or
    /// they lie too deep: said, so nothing goes missing in silence.
    fn unread(&mut self) {
        for (path, entry) in self.files.iter() {
            let msg = match entry {
                FileEntry::Refused(Refusal::TooMany { limit }) => {
                    Msg::ProjectTooManyFiles { limit: *limit }
                }
                FileEntry::Refused(Refusal::TooDeep { limit }) => {
                    Msg::ProjectTooDeep { limit: *limit }
                }
                _ => continue,
            };
            self.out.push(Diagnostic::warning(path, None, msg));
        }
    }

    /// A funder's name, and what the EU's visibility rule needs of an
    /// ESR+ funder.
    fn funder(&mut self, f: &str, path: &str, funder: &Funder) {
        match (&funder.name, funder.preset) {
            (Some(name), _) => self.one_line(f, &join(path, "name"), name),
            (None, Some(_)) => {}
            (None, None) => {
                self.error(f, path, Msg::FunderNameMissing);
            }
        }
        match funder.preset {
            Some(preset) if preset.eu_emblem() => {
                let Some(statement) = &funder.statement else {
                    return;
                };
                let published = self.loaded.settings.languages.clone();
                for (lang, said) in statement.parts() {
                    let langs = lang.map_or(published.clone(), |l| vec![l]);
                    let Some(expected) = langs
                        .iter()
                        .map(|l| preset.statement(*l))
                        .find(|e| !crate::funders::says(said, e))
                    else {
                        continue;
                    };
                    let at = lang.map_or(join(path, "statement"), |l| {
                        join(&join(path, "statement"), l.code())
                    });
                    self.warning(
                        f,
                        &at,
                        Msg::EuStatementChanged {
                            expected: expected.to_owned(),
                        },
                    );
                }
            }
            Some(_) => {}
            None => {
                let names = funder.name.iter().chain(&funder.short_name);
                if let Some(eu) = names
                    .flat_map(|t| t.parts().into_iter().map(|(_, s)| s.to_owned()))
                    .find(|s| crate::funders::looks_eu(s))
                {
                    self.warning(f, path, Msg::FunderLooksEu { name: eu });
                }
            }
        }
    }

    fn one_line(&mut self, file: &str, path: &str, text: &Text) {
        for (lang, s) in text.parts() {
            let p = match lang {
                Some(l) => join(path, l.code()),
                None => path.to_owned(),
            };
            if s.trim().is_empty() {
                self.error(file, &p, Msg::TextEmpty);
            } else if has_control(s, true) {
                self.error(file, &p, Msg::TextControl);
            }
        }
    }

    /// A newsletter's own words written once, in a project of several
    /// languages: every reader would get them in that one language. Names,
    /// places and event and video titles (often names themselves) are fine
    /// as one text; the edition's title and intro, news and event
    /// descriptions are sentences and are not.
    fn in_every_language(&mut self, file: &str, path: &str, text: &Text) {
        let langs = &self.loaded.settings.languages;
        if langs.len() > 1
            && let Text::Plain(s) = text
            && !s.trim().is_empty()
        {
            self.warning(file, path, Msg::TextOneLanguage)
                .hints
                .push(Msg::HintTranslate {
                    langs: langs.clone(),
                });
        }
    }

    fn markdown(&mut self, file: &str, path: &str, text: &Text) {
        for (lang, s) in text.parts() {
            let p = match lang {
                Some(l) => join(path, l.code()),
                None => path.to_owned(),
            };
            if has_control(s, false) {
                self.error(file, &p, Msg::TextControl);
            }
            // Each bad link at its own place in the text: the n-th time a
            // URL is written, its n-th occurrence in the file.
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for (url, _) in markdown::links(s) {
                let nth = seen.entry(url.clone()).or_default();
                let at = self.occurrence(file, &p, &url, *nth);
                *nth += 1;
                if url.starts_with('#') {
                    continue;
                }
                if let Err(m) = check_url(&url) {
                    let span = at.or_else(|| self.span(file, &p));
                    self.out
                        .push(Diagnostic::error(file, span, m).with_hint(Msg::HintHttps));
                }
            }
        }
    }

    fn url(&mut self, file: &str, path: &str, url: &str) {
        if let Err(m) = check_url(url) {
            self.error(file, path, m).hints.push(Msg::HintHttps);
        }
    }

    /// `organisation: isoo` where `iso` is an id: the field also takes a
    /// plain name, so a typo of an id would print as a name unnoticed.
    fn organisation_typo(
        &mut self,
        file: &str,
        path: &str,
        org: &Text,
        ids: &BTreeMap<String, ()>,
    ) {
        let Text::Plain(value) = org else { return };
        let value = value.trim();
        if value.contains(char::is_whitespace) || ids.contains_key(value) {
            return;
        }
        let lower = value.to_lowercase();
        let close = ids.keys().find(|id| {
            let d = strsim::damerau_levenshtein(&lower, &id.to_lowercase());
            d > 0 && d <= 2 && d < id.chars().count()
        });
        if let Some(id) = close {
            self.warning(
                file,
                path,
                Msg::OrganisationLikeId {
                    value: value.to_owned(),
                },
            )
            .hints
            .push(Msg::DidYouMean { word: id.clone() });
        }
    }

    fn email(&mut self, file: &str, path: &str, email: &str) {
        if let Err(e) = email_addr::normalize_email(email) {
            self.error(
                file,
                path,
                Msg::EmailInvalid {
                    value: email.to_owned(),
                    reason: e,
                },
            );
        }
    }

    fn image(&mut self, file: &str, path: &str, img: &Image) {
        let p = join(path, "path");
        match check_path(&img.path, self.files) {
            Err(m) => {
                let hint = matches!(
                    m,
                    Msg::PathAbsolute { .. } | Msg::PathParent { .. } | Msg::PathOutsideRoot { .. }
                );
                let d = self.error(file, &p, m);
                if hint {
                    d.hints.push(Msg::HintInsideRoot);
                }
            }
            Ok(()) => {
                let normal = img.path.trim_start_matches("./").replace('\\', "/");
                if self.files.bytes(&normal).and_then(image_kind).is_none() {
                    self.error(
                        file,
                        &p,
                        Msg::ImageFormat {
                            path: img.path.clone(),
                        },
                    );
                }
            }
        }
        let no_alt = img
            .alt
            .as_ref()
            .is_none_or(|a| a.parts().iter().all(|(_, s)| s.trim().is_empty()));
        if no_alt && !img.decorative {
            let span = self.key_span(file, path);
            self.out
                .push(Diagnostic::error(file, span, Msg::ImageNoAlt).with_hint(Msg::HintAlt));
        }
    }

    fn funding(
        &mut self,
        f: &str,
        funding: &Funding,
        org_ids: &BTreeMap<String, ()>,
        funder_ids: &BTreeSet<String>,
    ) {
        let cur = funding.currency.clone();
        self.money_currency(f, "funding.total", funding.total.currency, &cur);
        if funding.total.cents <= 0 {
            self.error(f, "funding.total", Msg::FundingNotPositive);
        }
        self.sources(
            f,
            "funding",
            funding.total.cents,
            &funding.sources,
            &cur,
            funder_ids,
        );
        let mut parts_sum: i64 = 0;
        for (i, part) in funding.parts.iter().enumerate() {
            let path = join_index("funding.parts", i);
            parts_sum = parts_sum.saturating_add(part.total.cents);
            self.money_currency(f, &join(&path, "total"), part.total.currency, &cur);
            if part.total.cents <= 0 {
                self.error(f, &join(&path, "total"), Msg::FundingNotPositive);
            }
            if let Some(id) = &part.implementer
                && !org_ids.contains_key(id)
            {
                self.error(
                    f,
                    &join(&path, "implementer"),
                    Msg::IdUnknown { id: id.clone() },
                );
            }
            if let Some(period) = &part.period {
                self.period(f, &join(&path, "period"), period);
            }
            self.sources(f, &path, part.total.cents, &part.sources, &cur, funder_ids);
        }
        if parts_sum > funding.total.cents {
            self.error(
                f,
                "funding.parts",
                Msg::FundingPartsExceed {
                    currency: cur.clone(),
                    sum: parts_sum,
                    total: funding.total.cents,
                },
            );
        }
    }

    fn money_currency(&mut self, f: &str, path: &str, found: Option<&str>, expected: &str) {
        if let Some(found) = found
            && !found.eq_ignore_ascii_case(expected)
        {
            self.error(
                f,
                path,
                Msg::FundingCurrency {
                    found: found.to_owned(),
                    expected: expected.to_owned(),
                },
            );
        }
    }

    /// Sources of one budget: amounts and shares agree with the total and add up.
    fn sources(
        &mut self,
        f: &str,
        path: &str,
        total: i64,
        sources: &[FundingSource],
        cur: &str,
        funder_ids: &BTreeSet<String>,
    ) {
        let mut sum: i64 = 0;
        let mut share_sum: u32 = 0;
        let resolved = resolve_sources(total, sources);
        for (i, s) in sources.iter().enumerate() {
            let sp = join_index(&join(path, "sources"), i);
            if let Some(id) = &s.funder
                && !funder_ids.contains(id)
            {
                self.error(f, &join(&sp, "funder"), Msg::IdUnknown { id: id.clone() });
            }
            let (amount, share) = resolved[i];
            match (s.amount, s.share) {
                (None, None) => {
                    self.error(f, &sp, Msg::FundingSourceEmpty);
                }
                (Some(a), Some(sh)) => {
                    self.money_currency(f, &join(&sp, "amount"), a.currency, cur);
                    let expected = share_of(total, sh.0);
                    if (a.cents - expected).abs() > 100 {
                        self.error(
                            f,
                            &join(&sp, "amount"),
                            Msg::FundingShare {
                                currency: cur.to_owned(),
                                amount: a.cents,
                                expected,
                                share: sh.0,
                            },
                        );
                    }
                }
                (Some(a), None) => {
                    self.money_currency(f, &join(&sp, "amount"), a.currency, cur);
                }
                (None, Some(_)) => {}
            }
            if amount <= 0 && s.amount.is_some() {
                self.error(f, &join(&sp, "amount"), Msg::FundingNotPositive);
            }
            sum = sum.saturating_add(amount);
            share_sum = share_sum.saturating_add(share);
        }
        if sources.is_empty() {
            self.error(f, &join(path, "sources"), Msg::FundingNoSources);
            return;
        }
        if sum != total {
            self.error(
                f,
                &join(path, "sources"),
                Msg::FundingSum {
                    currency: cur.to_owned(),
                    sum,
                    total,
                },
            )
            .hints
            .push(Msg::HintDifference {
                currency: cur.to_owned(),
                amount: total - sum,
            });
        }
        // Shares computed from amounts, each rounded to 0.01 %, may miss
        // 100 % by half a basis point each: 0 for one source (its share must
        // be 100 % exactly), 0,01 % for two or three, 0,02 % for four or five.
        let tolerance = (sources.len() / 2) as u32;
        if share_sum.abs_diff(10_000) > tolerance && sum == total {
            self.error(
                f,
                &join(path, "sources"),
                Msg::FundingSharesSum { sum: share_sum },
            );
        }
    }

    fn editions(&mut self) {
        let period = self.loaded.project.period;
        let mut numbers: BTreeMap<(i16, u32), ()> = BTreeMap::new();
        for le in &self.loaded.editions {
            let f = le.file.as_str();
            let e = &le.edition;
            self.one_line(f, "title", &e.title);
            self.in_every_language(f, "title", &e.title);
            if let Some(intro) = &e.intro {
                self.markdown(f, "intro", intro);
                self.in_every_language(f, "intro", intro);
            }
            if e.date.0 < period.start.0 || e.date.0 > period.end.0 {
                self.warning(f, "date", Msg::EditionOutsidePeriod)
                    .hints
                    .push(Msg::HintPeriod {
                        start: period.start.0,
                        end: period.end.0,
                    });
            }
            if numbers.insert((e.date.0.year(), e.number), ()).is_some() {
                self.error(f, "number", Msg::EditionNumberTwice { number: e.number });
            }
            for (i, n) in e.news.iter().enumerate() {
                let p = join_index("news", i);
                self.one_line(f, &join(&p, "title"), &n.title);
                self.markdown(f, &join(&p, "body"), &n.body);
                self.in_every_language(f, &join(&p, "title"), &n.title);
                self.in_every_language(f, &join(&p, "body"), &n.body);
                if let Some(img) = &n.image {
                    self.image(f, &join(&p, "image"), img);
                }
                if let Some(l) = &n.link {
                    self.url(f, &join(&join(&p, "link"), "url"), &l.url);
                }
            }
            for (i, v) in e.videos.iter().enumerate() {
                let p = join_index("videos", i);
                self.one_line(f, &join(&p, "title"), &v.title);
                self.url(f, &join(&p, "url"), &v.url);
                if let Some(img) = &v.thumbnail {
                    self.image(f, &join(&p, "thumbnail"), img);
                }
            }
            for (i, ev) in e.events.iter().enumerate() {
                let p = join_index("events", i);
                if let Some(d) = &ev.description {
                    self.in_every_language(f, &join(&p, "description"), d);
                }
                self.event(f, &p, ev, e.date.0, &period);
            }
        }
    }

    fn event(
        &mut self,
        f: &str,
        p: &str,
        ev: &crate::model::Event,
        edition_date: jiff::civil::Date,
        period: &Period,
    ) {
        self.one_line(f, &join(p, "title"), &ev.title);
        if let Some(d) = &ev.description {
            self.markdown(f, &join(p, "description"), d);
        }
        for (key, url) in [("online", &ev.online), ("registration", &ev.registration)] {
            if let Some(u) = url {
                self.url(f, &join(p, key), u);
            }
        }
        let mut spans: Vec<(String, When, Option<End>)> = Vec::new();
        match (&ev.start, ev.sessions.is_empty()) {
            (Some(start), true) => spans.push((p.to_owned(), start.0, ev.end)),
            (None, false) => {
                if ev.end.is_some() {
                    self.error(f, &join(p, "end"), Msg::EventStartOrSessions);
                }
                for (i, s) in ev.sessions.iter().enumerate() {
                    let sp = join_index(&join(p, "sessions"), i);
                    if let Some(u) = &s.online {
                        self.url(f, &join(&sp, "online"), u);
                    }
                    spans.push((sp, s.start.0, s.end));
                }
            }
            _ => {
                self.error(f, p, Msg::EventStartOrSessions);
            }
        }
        for (sp, start, end) in spans {
            let end_when = match resolve_end(start, end) {
                Ok(e) => e,
                Err(m) => {
                    self.error(f, &join(&sp, "end"), m);
                    continue;
                }
            };
            if end_when < start {
                self.error(
                    f,
                    &join(&sp, "end"),
                    Msg::EndBeforeStart {
                        start,
                        end: end_when,
                    },
                );
                continue;
            }
            let ends = end.map(|_| ("end", end_when));
            for (key, w) in std::iter::once(("start", start)).chain(ends) {
                let When::At(dt) = w else { continue };
                let (date, time) = (dt.date(), dt.time());
                match dates::clock(dt) {
                    Clock::Once => {}
                    Clock::Skipped => {
                        self.error(f, &join(&sp, key), Msg::TimeInGap { date, time });
                    }
                    Clock::Twice => {
                        self.warning(f, &join(&sp, key), Msg::TimeInFold { date, time });
                    }
                }
            }
            if start.date() < period.start.0 || end_when.date() > period.end.0 {
                self.warning(f, &join(&sp, "start"), Msg::EventOutsidePeriod)
                    .hints
                    .push(Msg::HintPeriod {
                        start: period.start.0,
                        end: period.end.0,
                    });
            } else if end_when.date() < edition_date {
                self.warning(f, &join(&sp, "start"), Msg::EventPast)
                    .hints
                    .push(Msg::HintEditionDate { date: edition_date });
            }
        }
    }

    /// Translated texts must cover every language of the project.
    fn translations(&mut self) {
        let langs: BTreeSet<Lang> = self.loaded.settings.languages.iter().copied().collect();
        let mut found = Vec::new();
        for (file, src) in &self.loaded.sources {
            let mut groups: BTreeMap<&str, BTreeSet<Lang>> = BTreeMap::new();
            for (path, lang) in src.index.key_paths().filter_map(|k| {
                let (parent, last) = k.rsplit_once('.')?;
                Some((parent, Lang::from_code(last).filter(|l| l.code() == last)?))
            }) {
                groups.entry(path).or_default().insert(lang);
            }
            for (path, present) in groups {
                for missing in langs.difference(&present) {
                    found.push((
                        file.clone(),
                        path.to_owned(),
                        Msg::TextMissingLang { lang: *missing },
                        true,
                    ));
                }
                for extra in present.difference(&langs) {
                    found.push((
                        file.clone(),
                        join(path, extra.code()),
                        Msg::TextExtraLang { lang: *extra },
                        false,
                    ));
                }
            }
        }
        let all: Vec<Lang> = self.loaded.settings.languages.clone();
        for (file, path, msg, is_error) in found {
            if is_error {
                let span = self.key_span(&file, &path);
                self.out.push(
                    Diagnostic::error(&file, span, msg)
                        .with_hint(Msg::HintTranslate { langs: all.clone() }),
                );
            } else {
                let span = self.key_span(&file, &path);
                self.out.push(Diagnostic::warning(&file, span, msg));
            }
        }
    }
}

/// Every funding source's amount (cents) and share (basis points), each
/// computed from the other when left out.
///
/// Sources given only as shares are turned into cents together, by the
/// largest-remainder rule: each gets `total × share` rounded down, and the
/// cents left over go one by one to the largest remainders. So shares that
/// add up to what the amounts leave (1 000 050 € at 33,33 / 33,33 / 33,34 %)
/// make sums that add up to the total exactly, where rounding each share on
/// its own could miss by a cent. When the shares do not add up, each is
/// rounded on its own and the check reports the sum.
pub fn resolve_sources(total: i64, sources: &[FundingSource]) -> Vec<(i64, u32)> {
    let mut out: Vec<(i64, u32)> = sources
        .iter()
        .map(|s| match (s.amount, s.share) {
            (Some(a), Some(sh)) => (a.cents, sh.0),
            (Some(a), None) => (a.cents, share_from(total, a.cents)),
            (None, Some(sh)) => (share_of(total, sh.0), sh.0),
            (None, None) => (0, 0),
        })
        .collect();
    let only_shares: Vec<usize> = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.amount.is_none() && s.share.is_some())
        .map(|(i, _)| i)
        .collect();
    if only_shares.is_empty() || total <= 0 {
        return out;
    }
    let given: i64 = sources
        .iter()
        .filter_map(|s| s.amount.map(|a| a.cents))
        .sum();
    let left = i128::from(total) - i128::from(given);
    let exact = |i: usize| i128::from(total) * i128::from(out[i].1);
    let floors: Vec<i128> = only_shares.iter().map(|&i| exact(i) / 10_000).collect();
    let spare = left - floors.iter().sum::<i128>();
    // Only the rounding of shares that add up: at most a cent per source.
    if spare < 0 || spare > only_shares.len() as i128 {
        return out;
    }
    let mut order: Vec<usize> = (0..only_shares.len()).collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(exact(only_shares[k]) % 10_000), k));
    for (rank, &k) in order.iter().enumerate() {
        let extra = i128::from(rank < usize::try_from(spare).unwrap_or(0));
        out[only_shares[k]].0 = i64::try_from(floors[k] + extra).unwrap_or(i64::MAX);
    }
    out
}

/// `total × share`, rounded to the cent.
pub fn share_of(total: i64, basis_points: u32) -> i64 {
    let p = i128::from(total) * i128::from(basis_points);
    i64::try_from((p + 5_000) / 10_000).unwrap_or(i64::MAX)
}

/// `amount / total` in basis points, rounded.
pub fn share_from(total: i64, amount: i64) -> u32 {
    if total <= 0 {
        return 0;
    }
    let bp = (i128::from(amount) * 10_000 + i128::from(total) / 2) / i128::from(total);
    u32::try_from(bp.max(0)).unwrap_or(u32::MAX)
}

/// The end of an event as a point: the same day at a time, a given day or
/// time, or the start itself. Errors when a day is mixed with a time.
pub fn resolve_end(start: When, end: Option<End>) -> Result<When, Msg> {
    match (start, end) {
        (s, None) => Ok(s),
        (When::At(s), Some(End::Time(t))) => Ok(When::At(s.date().to_datetime(t))),
        (When::Day(_), Some(End::Time(_))) => Err(Msg::EventMixedTimes),
        (When::At(_), Some(End::When(When::Day(_))))
        | (When::Day(_), Some(End::When(When::At(_)))) => Err(Msg::EventMixedTimes),
        (_, Some(End::When(w))) => Ok(w),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{Money, Share};

    fn source(amount: Option<i64>, share: Option<u32>) -> FundingSource {
        FundingSource {
            name: Text::from("x"),
            funder: None,
            amount: amount.map(|cents| Money {
                cents,
                currency: None,
            }),
            share: share.map(Share),
            note: None,
        }
    }

    proptest::proptest! {
        /// Sources given only as shares that add up to 100 % always add up
        /// to the total to the cent, and each is within a cent of its exact
        /// share (exact integer arithmetic as the reference).
        #[test]
        fn shares_become_cents_that_add_up(
            total in 1i64..1_000_000_000_000_000,
            cuts in proptest::collection::vec(0u32..=10_000, 0..6),
        ) {
            let mut cuts = cuts;
            cuts.sort_unstable();
            let mut shares = Vec::new();
            let mut last = 0;
            for c in cuts.into_iter().chain([10_000]) {
                shares.push(c - last);
                last = c;
            }
            let sources: Vec<FundingSource> =
                shares.iter().map(|&s| source(None, Some(s))).collect();
            let resolved = resolve_sources(total, &sources);
            let sum: i128 = resolved.iter().map(|(c, _)| i128::from(*c)).sum();
            proptest::prop_assert_eq!(sum, i128::from(total));
            for ((cents, _), share) in resolved.iter().zip(&shares) {
                let exact = i128::from(total) * i128::from(*share);
                let diff = (i128::from(*cents) * 10_000 - exact).abs();
                proptest::prop_assert!(diff < 10_000, "{cents} for {share} bp of {total}");
            }
        }
    }

    #[test]
    fn shares_alone_add_up_to_the_total_to_the_cent() {
        // 1 000 050 € at 33,33 / 33,33 / 33,34 %: each rounded alone, the
        // sums came to 1 000 050,01 €.
        let total = 100_005_000;
        let s = [
            source(None, Some(3333)),
            source(None, Some(3333)),
            source(None, Some(3334)),
        ];
        let r = resolve_sources(total, &s);
        assert_eq!(r.iter().map(|x| x.0).sum::<i64>(), total, "{r:?}");
        // Every share's cents within a cent of its exact value.
        for (x, src) in r.iter().zip(&s) {
            let exact = i128::from(total) * i128::from(src.share.map_or(0, |s| s.0));
            assert!((i128::from(x.0) * 10_000 - exact).abs() < 10_000, "{r:?}");
        }
        // With an amount given, the shares share what is left.
        let s = [
            source(Some(33_331_667), None),
            source(None, Some(3333)),
            source(None, Some(3334)),
        ];
        let r = resolve_sources(total, &s);
        assert_eq!(r.iter().map(|x| x.0).sum::<i64>(), total, "{r:?}");
    }

    #[test]
    fn shares_that_do_not_add_up_are_not_bent_to_fit() {
        let total = 10_000_000;
        let r = resolve_sources(total, &[source(None, Some(5000)), source(None, Some(4000))]);
        assert_eq!(r.iter().map(|x| x.0).sum::<i64>(), 9_000_000);
    }
}
