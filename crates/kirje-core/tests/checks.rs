//! Each check fires on a small project built in memory, and points at the
//! right line. The base project is clean; each case breaks one thing.

use kirje_core::{Files, Lang, Msg, Severity, check, load};

const SETTINGS: &str = "languages = [\"fi\", \"sv\"]\n[theme]\nprimary = \"#004f71\"\n";

const PROJECT: &str = r#"name: {fi: Testihanke, sv: Testprojektet}
period: {start: 2021-01-01, end: 2022-12-31}
administrator: {id: iso, name: ISO}
co_implementers:
  - {id: essote, name: Essote}
funders:
  - {id: stm, name: STM}
purpose: {fi: Tarkoitus., sv: Syfte.}
funding:
  total: 1 000 000 €
  sources:
    - name: Valtionavustus
      funder: stm
      amount: 800 000 €
      share: 80 %
    - name: Omarahoitus
      amount: 200 000 €
      share: 20 %
  parts:
    - name: Essoten osatoteutus
      implementer: essote
      total: 221 750 €
      sources:
        - {name: STM, amount: 177 400 €, share: 80 %}
        - {name: Oma, share: 20 %}
contacts:
  - name: Marika Huupponen
    email: marika.huupponen [at] essote.fi
    phone: 040 359 7659
    photo: {path: assets/photo.png, alt: Marika}
links:
  - {label: Sivut, url: "https://www.isonet.fi/lumo-hanke"}
"#;

const EDITION: &str = r#"number: 2
date: 2021-05-03
title: {fi: Otsikko, sv: Rubrik}
news:
  - title: {fi: Uutinen, sv: Nyhet}
    body: {fi: "Teksti [linkki](https://example.org).", sv: Text.}
events:
  - title: Kehittäjäryhmä
    start: 2021-05-05 13:30
    end: "15:00"
  - title: Koulutus
    sessions:
      - {title: Osio I, start: 2021-05-28 8:30, end: "12:00"}
      - {title: Osio II, start: 2021-06-07 9:00, end: "15:00"}
"#;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn files(project: &str, edition: &str) -> Files {
    let mut f = Files::new();
    f.insert("kirje.toml", SETTINGS);
    f.insert("project.yaml", project);
    f.insert("editions/2021-05.yaml", edition);
    f.insert("assets/photo.png", PNG);
    f
}

/// (code, file, line, severity) of every diagnostic.
fn run(project: &str, edition: &str) -> Vec<(String, String, usize, Severity)> {
    let files = files(project, edition);
    let (diags, sources) = match load::load(&files) {
        Ok(l) => (check::check(&l, &files), l.sources),
        Err(d) => (d, Default::default()),
    };
    diags
        .iter()
        .map(|d| {
            let line = match (&d.span, sources.get(&d.file)) {
                (Some(s), Some(src)) => src.line_col(s.start).0,
                _ => 0,
            };
            (
                d.message.code().to_owned(),
                d.file.clone(),
                line,
                d.severity,
            )
        })
        .collect()
}

fn codes(project: &str, edition: &str) -> Vec<String> {
    run(project, edition).into_iter().map(|d| d.0).collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn base_is_clean() {
    assert_eq!(run(PROJECT, EDITION), vec![]);
}

#[test]
fn funding_sources_must_add_up() {
    let p = PROJECT.replace("amount: 200 000 €\n      share: 20 %", "amount: 100 000 €");
    let d = run(&p, EDITION);
    assert!(
        d.iter()
            .any(|x| x.0 == "funding-sum" && x.2 == line_of(&p, "  sources:")),
        "{d:?}"
    );
}

#[test]
fn amount_must_match_share() {
    let p = PROJECT.replace(
        "amount: 800 000 €\n      share: 80 %",
        "amount: 800 000 €\n      share: 70 %",
    );
    let d = run(&p, EDITION);
    assert!(
        d.iter()
            .any(|x| x.0 == "funding-share" && x.2 == line_of(&p, "amount: 800 000 €")),
        "{d:?}"
    );
}

#[test]
fn amount_within_one_euro_is_fine() {
    let p = PROJECT.replace("177 400 €", "\"177 400,80 €\"").replace(
        "{name: Oma, share: 20 %}",
        "{name: Oma, amount: \"44 349,20 €\"}",
    );
    assert_eq!(codes(&p, EDITION), Vec::<String>::new());
}

#[test]
fn shares_must_add_up_to_100() {
    let p = PROJECT.replace("      share: 20 %\n  parts", "      share: 30 %\n  parts");
    let d = codes(&p, EDITION);
    assert!(d.contains(&"funding-shares-sum".to_owned()), "{d:?}");
    assert!(d.contains(&"funding-share".to_owned()), "{d:?}");
}

#[test]
fn one_currency() {
    let p = PROJECT.replace("amount: 800 000 €", "amount: 800 000 USD");
    assert!(codes(&p, EDITION).contains(&"funding-currency".to_owned()));
}

#[test]
fn parts_cannot_exceed_the_whole() {
    let p = PROJECT
        .replace("total: 221 750 €", "total: 2 217 500 €")
        .replace("177 400 €", "1 774 000 €");
    assert!(codes(&p, EDITION).contains(&"funding-parts-exceed".to_owned()));
}

#[test]
fn unknown_implementer() {
    let p = PROJECT.replace("implementer: essote", "implementer: esote");
    assert!(codes(&p, EDITION).contains(&"id-unknown".to_owned()));
}

#[test]
fn event_end_before_start() {
    let e = EDITION.replace(
        "end: \"15:00\"\n  - title: Koulutus",
        "end: \"12:00\"\n  - title: Koulutus",
    );
    let d = run(PROJECT, &e);
    assert!(
        d.iter()
            .any(|x| x.0 == "end-before-start" && x.2 == line_of(&e, "\"12:00\"")),
        "{d:?}"
    );
}

#[test]
fn session_end_before_start() {
    let e = EDITION.replace(
        "start: 2021-06-07 9:00, end: \"15:00\"",
        "start: 2021-06-07 9:00, end: \"8:00\"",
    );
    assert!(codes(PROJECT, &e).contains(&"end-before-start".to_owned()));
}

#[test]
fn event_outside_period_is_a_warning() {
    let e = EDITION.replace("2021-05-05 13:30", "2023-05-05 13:30");
    let d = run(PROJECT, &e);
    assert!(
        d.iter()
            .any(|x| x.0 == "event-outside-period" && x.3 == Severity::Warning),
        "{d:?}"
    );
    assert!(d.iter().all(|x| x.3 == Severity::Warning));
}

#[test]
fn past_event_is_a_warning() {
    let e = EDITION.replace("2021-05-05 13:30", "2021-04-05 13:30");
    let d = run(PROJECT, &e);
    assert!(
        d.iter()
            .any(|x| x.0 == "event-past" && x.3 == Severity::Warning),
        "{d:?}"
    );
}

#[test]
fn event_needs_start_or_sessions() {
    let e = EDITION.replace("    start: 2021-05-05 13:30\n    end: \"15:00\"\n", "");
    assert!(codes(PROJECT, &e).contains(&"event-start-or-sessions".to_owned()));
}

#[test]
fn impossible_date() {
    let e = EDITION.replace("date: 2021-05-03", "date: 2021-02-30");
    let d = run(PROJECT, &e);
    assert_eq!(d[0].0, "date-impossible");
}

#[test]
fn email_must_be_valid() {
    let p = PROJECT.replace(
        "marika.huupponen [at] essote.fi",
        "marika.huupponen essote.fi",
    );
    let d = run(&p, EDITION);
    assert!(
        d.iter()
            .any(|x| x.0 == "email-invalid" && x.2 == line_of(&p, "marika.huupponen essote")),
        "{d:?}"
    );
}

#[test]
fn phone_must_be_valid() {
    let p = PROJECT.replace("040 359 7659", "040 35x 7659");
    assert!(codes(&p, EDITION).contains(&"phone-invalid".to_owned()));
}

#[test]
fn image_must_exist_be_inside_and_have_alt() {
    let p = PROJECT.replace("assets/photo.png", "assets/nope.png");
    assert!(codes(&p, EDITION).contains(&"path-missing".to_owned()));
    let p = PROJECT.replace("assets/photo.png", "../photo.png");
    assert!(codes(&p, EDITION).contains(&"path-parent".to_owned()));
    let p = PROJECT.replace("assets/photo.png", "/etc/photo.png");
    assert!(codes(&p, EDITION).contains(&"path-absolute".to_owned()));
    let p = PROJECT.replace(", alt: Marika}", "}");
    assert!(codes(&p, EDITION).contains(&"image-no-alt".to_owned()));
    let p = PROJECT.replace(", alt: Marika}", ", decorative: true}");
    assert_eq!(codes(&p, EDITION), Vec::<String>::new());
}

#[test]
fn image_must_be_an_image() {
    let mut f = files(PROJECT, EDITION);
    f.insert("assets/photo.png", "not an image");
    let l = load::load(&f).expect("loads");
    let d = check::check(&l, &f);
    assert_eq!(
        d.iter().map(|d| d.message.code()).collect::<Vec<_>>(),
        vec!["image-format"]
    );
}

#[test]
fn links_must_be_web_or_mail() {
    let p = PROJECT.replace("https://www.isonet.fi/lumo-hanke", "javascript:alert(1)");
    assert!(codes(&p, EDITION).contains(&"url-scheme".to_owned()));
    let e = EDITION.replace("https://example.org", "javascript:alert(1)");
    assert!(codes(PROJECT, &e).contains(&"url-scheme".to_owned()));
    let p = PROJECT.replace("https://www.isonet.fi/lumo-hanke", "ftp://x.fi/");
    assert!(codes(&p, EDITION).contains(&"url-scheme".to_owned()));
}

#[test]
fn title_with_line_break_is_refused() {
    let e = EDITION.replace(
        "title: {fi: Otsikko, sv: Rubrik}",
        "title: {fi: \"Otsikko\\r\\nBcc: x@y.fi\", sv: Rubrik}",
    );
    assert!(codes(PROJECT, &e).contains(&"text-control".to_owned()));
}

#[test]
fn translation_missing() {
    let e = EDITION.replace("title: {fi: Otsikko, sv: Rubrik}", "title: {fi: Otsikko}");
    let d = run(PROJECT, &e);
    assert!(
        d.iter().any(|x| x.0 == "text-missing-lang" && x.2 == 3),
        "{d:?}"
    );
}

#[test]
fn extra_translation_is_a_warning() {
    let e = EDITION.replace(
        "title: {fi: Otsikko, sv: Rubrik}",
        "title: {fi: Otsikko, sv: Rubrik, en: Title}",
    );
    let d = run(PROJECT, &e);
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].0.as_str(), d[0].3),
        ("text-extra-lang", Severity::Warning)
    );
}

#[test]
fn unknown_language_key() {
    let e = EDITION.replace(
        "title: {fi: Otsikko, sv: Rubrik}",
        "title: {fi: Otsikko, de: Titel}",
    );
    assert_eq!(codes(PROJECT, &e)[0], "lang-unknown");
}

#[test]
fn unknown_field_did_you_mean() {
    let p = PROJECT.replace("contacts:", "contact:");
    let files = files(&p, EDITION);
    let d = load::load(&files).expect_err("fails");
    assert_eq!(
        d[0].message,
        Msg::UnknownField {
            field: "contact".into()
        }
    );
    assert_eq!(
        d[0].hints[0],
        Msg::DidYouMean {
            word: "contacts".into()
        }
    );
}

#[test]
fn required_field_missing() {
    let p = PROJECT.replace("purpose: {fi: Tarkoitus., sv: Syfte.}\n", "");
    let files = files(&p, EDITION);
    let d = load::load(&files).expect_err("fails");
    assert_eq!(
        d[0].message,
        Msg::MissingField {
            field: "purpose".into()
        }
    );
}

#[test]
fn toml_errors_have_places() {
    let mut f = files(PROJECT, EDITION);
    f.insert(
        "kirje.toml",
        "languages = [\"fi\"]\n[theme]\nprimery = \"#000000\"\n",
    );
    let d = load::load(&f).expect_err("fails");
    assert_eq!(
        d[0].message,
        Msg::UnknownField {
            field: "primery".into()
        }
    );
    assert_eq!(
        d[0].hints[0],
        Msg::DidYouMean {
            word: "primary".into()
        }
    );
    let (line, _) = kirje_core::source::line_col(
        "languages = [\"fi\"]\n[theme]\nprimery = \"#000000\"\n",
        d[0].span.clone().expect("span").start,
    );
    assert_eq!(line, 3);
}

#[test]
fn json_project_file_works_too() {
    let mut f = files(PROJECT, EDITION);
    f.remove("project.yaml");
    f.insert("project.json", "{\"name\": \"X\", \"period\": {\"start\": \"2021-01-01\", \"end\": \"2022-12-31\"}, \"administrator\": {\"name\": \"ISO\"}, \"purpose\": \"P\", \"funding\": {\"total\": 100, \"sourcez\": []}}");
    let d = load::load(&f).expect_err("fails");
    assert_eq!(d[0].file, "project.json");
    assert_eq!(
        d[0].message,
        Msg::UnknownField {
            field: "sourcez".into()
        }
    );
    assert!(d[0].span.is_some());
}

#[test]
fn messages_exist_in_every_language() {
    let p = PROJECT.replace("amount: 200 000 €\n      share: 20 %", "amount: 100 000 €");
    let files = files(&p, EDITION);
    let l = load::load(&files).expect("loads");
    let d = check::check(&l, &files);
    let texts: Vec<String> = Lang::ALL
        .iter()
        .map(|lang| d[0].message_text(*lang))
        .collect();
    assert!(texts[0].contains("900\u{a0}000\u{a0}€"), "{texts:?}");
    assert!(texts[1].contains("900\u{a0}000\u{a0}€"), "{texts:?}");
    assert!(texts[2].contains("€900,000"), "{texts:?}");
}

#[test]
fn low_contrast_theme_is_a_warning() {
    let mut f = files(PROJECT, EDITION);
    f.insert(
        "kirje.toml",
        "languages = [\"fi\", \"sv\"]\n[theme]\nprimary = \"#8fc1e3\"\n",
    );
    let l = load::load(&f).expect("loads");
    let d = check::check(&l, &f);
    assert!(
        d.iter()
            .any(|d| d.message.code() == "theme-contrast" && d.severity == Severity::Warning),
        "{d:?}"
    );
    assert!(d[0].message_text(Lang::Fi).contains("4,5:1"));
}

#[test]
fn send_and_smtp_settings_are_checked_where_they_are_written() {
    let toml = "languages = [\"fi\", \"sv\"]\n[theme]\nprimary = \"#004f71\"\n\
                [send]\nrate = \"fast\"\nunsubscribe_url = \"http://x.fi/u?t={token}\"\n\
                suppression = \"missing.txt\"\ndkim_selector = \"bad selector\"\n\
                dkim_key_file = \"keys/dkim.pem\"\nattach_max_kb = 0\n\
                [smtp]\nurl = \"smtp://user:secret@mail.example.fi\"\ntimeout = 0\n\
                password_file = \"/home/maija/.config/kirje/smtp\"\n";
    let mut f = files(PROJECT, EDITION);
    f.insert("kirje.toml", toml);
    let l = load::load(&f).expect("loads");
    let d = check::check(&l, &f);
    let found: Vec<(&str, usize)> = d
        .iter()
        .filter(|d| d.file == "kirje.toml")
        .map(|d| {
            let span = d.span.clone().expect("a place");
            (
                d.message.code(),
                kirje_core::source::line_col(toml, span.start).0,
            )
        })
        .collect();
    let line = |needle: &str| line_of(toml, needle);
    for (code, needle) in [
        ("send-rate", "rate ="),
        ("https-only", "unsubscribe_url"),
        ("path-missing", "suppression"),
        ("dkim-name", "dkim_selector"),
        ("secret-in-project", "dkim_key_file"),
        ("must-be-positive", "attach_max_kb"),
        ("smtp-password", "url = \"smtp"),
        ("must-be-positive", "timeout"),
    ] {
        assert!(
            found.contains(&(code, line(needle))),
            "{code} at line {} of {found:?}",
            line(needle)
        );
    }
    // An absolute path outside the project is fine.
    assert_eq!(found.len(), 8, "{found:?}");
    for lang in Lang::ALL {
        assert!(d.iter().all(|d| !d.message_text(lang).is_empty()));
    }
}

/// Loading through a [`load::LoadCache`] gives exactly what a fresh load
/// gives, edit after edit: good files, a broken one, a mended one, a
/// removed one.
#[test]
fn a_cached_load_is_a_fresh_load() {
    let mut cache = load::LoadCache::default();
    let broken_yaml = format!("{EDITION}news: [\n");
    let steps: Vec<Files> = vec![
        files(PROJECT, EDITION),
        files(PROJECT, &EDITION.replace("Uutinen", "Uusi uutinen")),
        files(PROJECT, &broken_yaml),
        files(PROJECT, &EDITION.replace("Uutinen", "Uusi uutinen")),
        files(&PROJECT.replace("purpose:", "porpose:"), EDITION),
        files(PROJECT, EDITION),
        {
            let mut f = files(PROJECT, EDITION);
            f.insert(
                "editions/2021-06.yaml",
                EDITION.replace("number: 2", "number: 3"),
            );
            f
        },
        files(PROJECT, EDITION),
    ];
    for (i, f) in steps.iter().enumerate() {
        let fresh = outcome(&load::load(f));
        let cached = outcome(&load::load_with(f, &mut cache));
        assert_eq!(cached, fresh, "step {i}");
    }
}

/// A load's result as text: the typed data, the diagnostics, and each
/// source's text and key spans (the span index keeps them unordered).
fn outcome(r: &Result<load::Loaded, Vec<kirje_core::Diagnostic>>) -> String {
    match r {
        Err(d) => format!("Err({d:?})"),
        Ok(l) => {
            let mut out = format!(
                "{:?} {:?} {} {:?}",
                l.settings, l.project, l.project_file, l.editions
            );
            for (name, src) in &l.sources {
                let mut keys: Vec<_> = src
                    .index
                    .key_paths()
                    .map(|k| (k.to_owned(), src.index.key(k), src.index.value(k)))
                    .collect();
                keys.sort_by(|a, b| a.0.cmp(&b.0));
                out += &format!("\n{name} {:?} {keys:?}", src.text);
            }
            out
        }
    }
}

#[test]
fn a_presenter_who_is_not_a_contact_is_an_error_with_the_nearest_name() {
    let p = format!("{PROJECT}slides:\n  presenter: Marika Hupponen\n");
    let found = run(&p, EDITION);
    assert_eq!(
        found,
        vec![(
            "presenter-unknown".to_owned(),
            "project.yaml".to_owned(),
            line_of(&p, "presenter:"),
            Severity::Error
        )]
    );
    let files = files(&p, EDITION);
    let loaded = load::load(&files).expect("loads");
    let d = check::check(&loaded, &files);
    assert_eq!(
        d[0].hints,
        vec![Msg::DidYouMean {
            word: "Marika Huupponen".into()
        }]
    );
    let said: Vec<String> = Lang::ALL
        .iter()
        .map(|l| d[0].message.render(&kirje_core::locale::Formatter::new(*l)))
        .collect();
    assert!(
        said[0].starts_with("esittäjää ”Marika Hupponen”"),
        "{said:?}"
    );
    assert!(
        said[1].starts_with("presentatören ”Marika Hupponen”"),
        "{said:?}"
    );
    assert!(
        said[2].starts_with("the presenter “Marika Hupponen”"),
        "{said:?}"
    );
    // Written as under `contacts`, it is clean.
    let ok = format!("{PROJECT}slides:\n  presenter: Marika Huupponen\n");
    assert_eq!(run(&ok, EDITION), vec![]);
}

#[test]
fn a_part_that_starts_at_a_slide_the_deck_lacks_is_a_warning() {
    let p = format!(
        "{PROJECT}slides:\n  parts:\n    - before: goals\n      title: {{fi: Tavoitteet, sv: Målen}}\n"
    );
    // The project has no goals: the divider would open nothing.
    assert_eq!(
        run(&p, EDITION),
        vec![(
            "part-not-in-deck".to_owned(),
            "project.yaml".to_owned(),
            line_of(&p, "before: goals"),
            Severity::Warning
        )]
    );
    let with_goals = p.replace("funding:", "goals:\n  - {fi: Tavoite., sv: Mål.}\nfunding:");
    assert_eq!(run(&with_goals, EDITION), vec![]);
}

/// The project with its funders replaced by `funders` (YAML list items).
fn with_funders(funders: &str) -> String {
    PROJECT.replace("  - {id: stm, name: STM}\n", funders)
}

#[test]
fn a_preset_funder_needs_no_name_and_a_funder_without_either_is_an_error() {
    let p = with_funders("  - {id: stm, preset: stm}\n  - {id: esr, preset: esr+}\n");
    assert_eq!(run(&p, EDITION), vec![]);
    let p = with_funders("  - {id: stm, preset: stm}\n  - {id: x, url: \"https://x.fi\"}\n");
    assert_eq!(
        run(&p, EDITION),
        vec![(
            "funder-name-missing".to_owned(),
            "project.yaml".to_owned(),
            line_of(&p, "{id: x"),
            Severity::Error
        )]
    );
    // An unknown preset is a wrong value, not a silent default.
    let p = with_funders("  - {id: stm, preset: eakr}\n");
    assert_eq!(codes(&p, EDITION).len(), 1, "{:?}", codes(&p, EDITION));
}

#[test]
fn the_preset_fills_names_and_statements_and_the_eu_emblem() {
    let p = with_funders(
        "  - {id: stm, preset: stm}\n  - {id: esr, preset: esr+, url: \"https://www.eura2021.fi\"}\n",
    );
    let files = files(&p, EDITION);
    let loaded = load::load(&files).expect("loads");
    let ed = loaded.edition(None).expect("edition");
    let sv = kirje_core::view::view(&loaded, ed, Lang::Sv);
    let [stm, esr] = &sv.project.funders[..] else {
        panic!("two funders")
    };
    assert_eq!(stm.name, "Social- och hälsovårdsministeriet");
    assert_eq!(stm.short_name, "SHM");
    assert_eq!(
        stm.statement.as_deref(),
        Some("Projektet får statsunderstöd från social- och hälsovårdsministeriet.")
    );
    assert!(stm.emblem.is_none());
    assert_eq!(esr.short_name, "ESF+");
    assert_eq!(
        esr.statement.as_deref(),
        Some("Medfinansieras av Europeiska unionen")
    );
    assert_eq!(esr.url.as_deref(), Some("https://www.eura2021.fi"));
    let emblem = esr.emblem.as_ref().expect("the EU emblem");
    assert_eq!(emblem.alt, "Europeiska unionens emblem");
    assert!(
        files
            .bytes(&emblem.path)
            .is_some_and(|b| b.starts_with(b"<svg"))
    );
}

#[test]
fn eu_money_without_the_preset_and_a_reworded_eu_statement_are_warnings() {
    let p = with_funders(
        "  - {id: stm, name: STM}\n  - name: {fi: Euroopan sosiaalirahasto plus, sv: Europeiska socialfonden plus}\n",
    );
    assert_eq!(
        run(&p, EDITION),
        vec![(
            "funder-looks-eu".to_owned(),
            "project.yaml".to_owned(),
            line_of(&p, "- name: {fi: Euroopan"),
            Severity::Warning
        )]
    );
    let p = with_funders(
        "  - {id: stm, name: STM}\n  - id: esr\n    preset: esr+\n    statement: {fi: EU-rahoitteinen hanke, sv: Medfinansieras av Europeiska unionen.}\n",
    );
    let found = run(&p, EDITION);
    assert_eq!(
        found,
        vec![(
            "eu-statement-changed".to_owned(),
            "project.yaml".to_owned(),
            line_of(&p, "statement: {fi: EU"),
            Severity::Warning
        )],
        "only the Finnish text is reworded"
    );
}
