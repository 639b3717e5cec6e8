//! The locale layer against ICU4X's CLDR data, and the house forms.

use super::*;
use jiff::civil::{date, time};
use proptest::prelude::*;

fn fi() -> Formatter {
    Formatter::new(Lang::Fi)
}
fn sv() -> Formatter {
    Formatter::new(Lang::Sv)
}
fn en() -> Formatter {
    Formatter::new(Lang::En)
}

/// Makes the invisible visible in snapshots: U+00A0 as `⍽`, U+2212 as
/// `\u{2212}`; any other space or sign would show up as itself.
fn show(s: &str) -> String {
    s.replace('\u{a0}', "⍽").replace('\u{2212}', "\\u{2212}")
}

// ---- the exact examples of the specification ----

#[test]
fn dates_exact() {
    let d = date(2021, 5, 5);
    assert_eq!(fi().date(d), "5.5.2021");
    assert_eq!(sv().date(d), "5.5.2021");
    assert_eq!(en().date(d), "5 May 2021");
    // 4 May 2021 was a Tuesday, 5 May a Wednesday.
    let tue = date(2021, 5, 4);
    assert_eq!(fi().date_weekday(tue), "ti 4.5.2021");
    assert_eq!(sv().date_weekday(tue), "tis 4.5.2021");
    assert_eq!(en().date_weekday(tue), "Tue 4 May 2021");
    assert_eq!(fi().date_weekday(d), "ke 5.5.2021");
    assert_eq!(sv().date_weekday(d), "ons 5.5.2021");
    assert_eq!(en().date_weekday(d), "Wed 5 May 2021");
    assert_eq!(fi().date_long(d), "5. toukokuuta 2021");
    assert_eq!(sv().date_long(d), "5 maj 2021");
    assert_eq!(en().date_long(d), "5 May 2021");
    assert_eq!(fi().month_year(d), "toukokuu 2021");
    assert_eq!(sv().month_year(d), "maj 2021");
    assert_eq!(en().month_year(d), "May 2021");
}

#[test]
fn date_ranges_exact() {
    for f in [fi(), sv()] {
        assert_eq!(
            f.date_range(date(2021, 5, 6), date(2021, 5, 7)),
            "6.\u{2013}7.5.2021"
        );
        assert_eq!(
            f.date_range(date(2021, 4, 30), date(2021, 5, 2)),
            "30.4.\u{2013}2.5.2021"
        );
        assert_eq!(
            f.date_range(date(2021, 12, 30), date(2022, 1, 2)),
            "30.12.2021\u{2013}2.1.2022"
        );
        assert_eq!(f.date_range(date(2021, 5, 5), date(2021, 5, 5)), "5.5.2021");
    }
    let f = en();
    assert_eq!(
        f.date_range(date(2021, 5, 6), date(2021, 5, 7)),
        "6\u{2013}7 May 2021"
    );
    assert_eq!(
        f.date_range(date(2021, 4, 30), date(2021, 5, 2)),
        "30 April \u{2013} 2 May 2021"
    );
    assert_eq!(
        f.date_range(date(2021, 12, 30), date(2022, 1, 2)),
        "30 December 2021 \u{2013} 2 January 2022"
    );
    assert_eq!(
        f.date_range(date(2021, 5, 5), date(2021, 5, 5)),
        "5 May 2021"
    );
    // Reversed ends read forwards.
    assert_eq!(
        fi().date_range(date(2021, 5, 7), date(2021, 5, 6)),
        "6.\u{2013}7.5.2021"
    );
}

#[test]
fn times_exact() {
    let (a, b) = (time(13, 30, 0, 0), time(15, 0, 0, 0));
    assert_eq!(fi().time(a), "klo\u{a0}13.30");
    assert_eq!(sv().time(a), "kl.\u{a0}13.30");
    assert_eq!(en().time(a), "13:30");
    assert_eq!(fi().time(time(9, 0, 0, 0)), "klo\u{a0}9.00");
    assert_eq!(en().time(time(9, 0, 0, 0)), "09:00");
    assert_eq!(fi().time_range(a, b), "klo\u{a0}13.30\u{2013}15.00");
    assert_eq!(sv().time_range(a, b), "kl.\u{a0}13.30\u{2013}15.00");
    assert_eq!(en().time_range(a, b), "13:30\u{2013}15:00");
}

#[test]
fn event_when_exact() {
    let start = date(2021, 5, 4).at(13, 30, 0, 0);
    let end = date(2021, 5, 4).at(15, 0, 0, 0);
    assert_eq!(
        fi().event_when(start, Some(end)),
        "ti 4.5.2021 klo\u{a0}13.30\u{2013}15.00"
    );
    assert_eq!(
        sv().event_when(start, Some(end)),
        "tis 4.5.2021 kl.\u{a0}13.30\u{2013}15.00"
    );
    assert_eq!(
        en().event_when(start, Some(end)),
        "Tue 4 May 2021, 13:30\u{2013}15:00"
    );
    assert_eq!(fi().event_when(start, None), "ti 4.5.2021 klo\u{a0}13.30");
    assert_eq!(en().event_when(start, None), "Tue 4 May 2021, 13:30");
    let (s, e) = (
        date(2021, 5, 6).at(9, 0, 0, 0),
        date(2021, 5, 7).at(15, 0, 0, 0),
    );
    assert_eq!(
        fi().event_when(s, Some(e)),
        "to 6.5.2021 klo\u{a0}9.00 \u{2013} pe 7.5.2021 klo\u{a0}15.00"
    );
    assert_eq!(
        sv().event_when(s, Some(e)),
        "tors 6.5.2021 kl.\u{a0}9.00 \u{2013} fre 7.5.2021 kl.\u{a0}15.00"
    );
    assert_eq!(
        en().event_when(s, Some(e)),
        "Thu 6 May 2021, 09:00 \u{2013} Fri 7 May 2021, 15:00"
    );
    // An end that is not after the start adds nothing.
    assert_eq!(
        fi().event_when(start, Some(start)),
        "ti 4.5.2021 klo\u{a0}13.30"
    );
    assert_eq!(
        fi().event_when(end, Some(start)),
        "ti 4.5.2021 klo\u{a0}15.00"
    );
}

#[test]
fn all_day_exact() {
    assert_eq!(fi().all_day(date(2021, 5, 4), None), "ti 4.5.2021");
    assert_eq!(
        fi().all_day(date(2021, 5, 4), Some(date(2021, 5, 4))),
        "ti 4.5.2021"
    );
    assert_eq!(
        fi().all_day(date(2021, 5, 6), Some(date(2021, 5, 7))),
        "6.\u{2013}7.5.2021"
    );
    assert_eq!(en().all_day(date(2021, 5, 4), None), "Tue 4 May 2021");
}

#[test]
fn badge_exact() {
    let d = date(2021, 5, 4);
    let badge = |day: &str, month: &str, weekday: &str| Badge {
        day: day.into(),
        month: month.into(),
        weekday: weekday.into(),
    };
    assert_eq!(fi().badge(d), badge("4", "touko", "ti"));
    assert_eq!(sv().badge(d), badge("4", "maj", "tis"));
    assert_eq!(en().badge(d), badge("4", "May", "Tue"));
    // CLDR sv has "jan." for the abbreviation; the period goes.
    assert_eq!(sv().badge(date(2021, 1, 1)).month, "jan");
}

#[test]
fn numbers_exact() {
    assert_eq!(fi().number(1_000_000), "1\u{a0}000\u{a0}000");
    assert_eq!(sv().number(1_000_000), "1\u{a0}000\u{a0}000");
    assert_eq!(en().number(1_000_000), "1,000,000");
    assert_eq!(fi().number(2_248_352), "2\u{a0}248\u{a0}352");
    // CLDR fi's minimum grouping digits is 1: four digits are grouped.
    assert_eq!(fi().number(4500), "4\u{a0}500");
    assert_eq!(en().number(4500), "4,500");
    assert_eq!(fi().number(999), "999");
    assert_eq!(fi().number(-4500), "\u{2212}4\u{a0}500");
    assert_eq!(en().number(-4500), "-4,500");
}

#[test]
fn money_exact() {
    for f in [fi(), sv()] {
        assert_eq!(f.money(100_000_000, "EUR"), "1\u{a0}000\u{a0}000\u{a0}€");
        assert_eq!(f.money(17_740_000, "EUR"), "177\u{a0}400\u{a0}€");
        assert_eq!(f.money(123_450, "EUR"), "1\u{a0}234,50\u{a0}€");
        assert_eq!(f.money(100_000, "USD"), "1\u{a0}000\u{a0}USD");
        assert_eq!(f.money(-500, "EUR"), "\u{2212}5\u{a0}€");
        assert_eq!(f.money(0, "EUR"), "0\u{a0}€");
        assert_eq!(f.money(1, "EUR"), "0,01\u{a0}€");
    }
    let f = en();
    assert_eq!(f.money(100_000_000, "EUR"), "€1,000,000");
    assert_eq!(f.money(123_450, "EUR"), "€1,234.50");
    assert_eq!(f.money(100_000, "USD"), "USD\u{a0}1,000");
    assert_eq!(f.money(-500, "EUR"), "-€5");
    assert_eq!(f.money(100, "eur"), "€1");
    assert_eq!(f.money(100, " € "), "€1");
    assert_eq!(f.money(100, ""), "1");
}

#[test]
fn percent_exact() {
    assert_eq!(fi().percent(8000), "80\u{a0}%");
    assert_eq!(sv().percent(8000), "80\u{a0}%");
    assert_eq!(en().percent(8000), "80%");
    assert_eq!(fi().percent(3333), "33,33\u{a0}%");
    assert_eq!(en().percent(3333), "33.33%");
    assert_eq!(fi().percent(1250), "12,5\u{a0}%");
    assert_eq!(en().percent(1250), "12.5%");
    assert_eq!(fi().percent(0), "0\u{a0}%");
    assert_eq!(fi().percent(10_000), "100\u{a0}%");
}

#[test]
fn lang_is_kept() {
    for lang in Lang::ALL {
        assert_eq!(Formatter::new(lang).lang(), lang);
    }
}

// ---- the house tables are CLDR's ----

#[test]
fn house_names_are_cldr_names() {
    for lang in Lang::ALL {
        let icu = icu_names(&icu_locale(lang));
        assert_eq!(icu, Some(house_names(lang)), "{lang}");
    }
}

#[test]
fn house_minus_is_cldr_minus() {
    for lang in Lang::ALL {
        assert_eq!(Formatter::icu(lang).minus, house_minus(lang), "{lang}");
    }
}

#[test]
fn icu_is_loaded() {
    for lang in Lang::ALL {
        let f = Formatter::icu(lang);
        assert!(f.long_date.is_some() && f.decimal.is_some(), "{lang}");
    }
}

fn civil_date() -> impl Strategy<Value = Date> {
    (1i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| {
        let first = date(y, m, 1);
        date(y, m, d.min(first.days_in_month()))
    })
}

proptest! {
    #[test]
    fn house_numbers_match_icu(n in any::<i64>(), bp in any::<u32>()) {
        for lang in Lang::ALL {
            let (icu, house) = (Formatter::icu(lang), Formatter::new(lang));
            prop_assert_eq!(icu.number(n), house.number(n));
            prop_assert_eq!(icu.money(n, "EUR"), house.money(n, "EUR"));
            prop_assert_eq!(icu.money(n, "SEK"), house.money(n, "SEK"));
            prop_assert_eq!(icu.percent(bp), house.percent(bp));
        }
    }

    #[test]
    fn house_dates_match_icu(d in civil_date()) {
        for lang in Lang::ALL {
            let (icu, house) = (Formatter::icu(lang), Formatter::new(lang));
            prop_assert_eq!(icu.date_long(d), house.date_long(d));
            prop_assert_eq!(icu.badge(d), house.badge(d));
            prop_assert_eq!(icu.month_year(d), house.month_year(d));
            prop_assert_eq!(icu.date_weekday(d), house.date_weekday(d));
        }
    }

    #[test]
    fn numbers_never_break(n in any::<i64>()) {
        for lang in Lang::ALL {
            let f = Formatter::new(lang);
            let all = [f.number(n), f.money(n, "EUR"), f.money(n, "USD")];
            for s in all {
                prop_assert!(!s.contains(' '), "{:?}", s);
            }
        }
    }
}

// ---- snapshots: every function, every language ----

fn sample(f: &Formatter) -> String {
    let mut out = String::new();
    let mut line = |call: &str, value: String| {
        out.push_str(&format!("{call} = {}\n", show(&value)));
    };
    let dates = [
        date(2021, 1, 1),
        date(2021, 5, 4),
        date(2021, 5, 5),
        date(2021, 9, 30),
        date(2021, 12, 31),
        date(2024, 2, 29),
        date(999, 12, 31),
        date(1000, 1, 1),
    ];
    for d in dates {
        line(&format!("date({d})"), f.date(d));
        line(&format!("date_weekday({d})"), f.date_weekday(d));
        line(&format!("date_long({d})"), f.date_long(d));
        line(&format!("month_year({d})"), f.month_year(d));
        let b = f.badge(d);
        line(
            &format!("badge({d})"),
            format!("{} | {} | {}", b.day, b.month, b.weekday),
        );
    }
    for m in 1..=12 {
        let d = date(2021, m, 1);
        let b = f.badge(d);
        line(
            &format!("date_long({d})"),
            format!("{} | badge month {}", f.date_long(d), b.month),
        );
    }
    let ranges = [
        (date(2021, 5, 6), date(2021, 5, 7)),
        (date(2021, 4, 30), date(2021, 5, 2)),
        (date(2021, 12, 30), date(2022, 1, 2)),
        (date(2021, 5, 5), date(2021, 5, 5)),
        (date(2024, 2, 28), date(2024, 3, 1)),
        (date(2021, 1, 1), date(2021, 12, 31)),
        (date(2021, 5, 7), date(2021, 5, 6)),
    ];
    for (a, b) in ranges {
        line(&format!("date_range({a}, {b})"), f.date_range(a, b));
        line(&format!("all_day({a}, Some({b}))"), f.all_day(a, Some(b)));
    }
    line(
        "all_day(2021-05-04, None)",
        f.all_day(date(2021, 5, 4), None),
    );
    let times = [
        time(0, 0, 0, 0),
        time(9, 0, 0, 0),
        time(13, 30, 0, 0),
        time(23, 59, 59, 0),
    ];
    for t in times {
        line(&format!("time({t})"), f.time(t));
    }
    line(
        "time_range(13:30, 15:00)",
        f.time_range(time(13, 30, 0, 0), time(15, 0, 0, 0)),
    );
    line(
        "time_range(22:00, 01:00)",
        f.time_range(time(22, 0, 0, 0), time(1, 0, 0, 0)),
    );
    let events = [
        (
            date(2021, 5, 4).at(13, 30, 0, 0),
            Some(date(2021, 5, 4).at(15, 0, 0, 0)),
        ),
        (date(2021, 5, 4).at(13, 30, 0, 0), None),
        (
            date(2021, 5, 6).at(9, 0, 0, 0),
            Some(date(2021, 5, 7).at(15, 0, 0, 0)),
        ),
        (
            date(2021, 12, 31).at(22, 0, 0, 0),
            Some(date(2022, 1, 1).at(2, 0, 0, 0)),
        ),
        (
            date(2021, 5, 4).at(13, 30, 0, 0),
            Some(date(2021, 5, 4).at(13, 30, 0, 0)),
        ),
        (
            date(2021, 5, 4).at(15, 0, 0, 0),
            Some(date(2021, 5, 4).at(13, 30, 0, 0)),
        ),
    ];
    for (s, e) in events {
        let e_str = e.map_or("None".to_owned(), |e| format!("Some({e})"));
        line(&format!("event_when({s}, {e_str})"), f.event_when(s, e));
    }
    for n in [
        0,
        7,
        999,
        1000,
        4500,
        12_345,
        177_400,
        2_248_352,
        1_000_000,
        -1,
        -4500,
        i64::MAX,
        i64::MIN,
    ] {
        line(&format!("number({n})"), f.number(n));
    }
    for (cents, cur) in [
        (0, "EUR"),
        (1, "EUR"),
        (10, "EUR"),
        (99, "EUR"),
        (100, "EUR"),
        (123_450, "EUR"),
        (17_740_000, "EUR"),
        (100_000_000, "EUR"),
        (-1, "EUR"),
        (-123_450, "EUR"),
        (-100_000_000, "EUR"),
        (100_000, "USD"),
        (-100_050, "sek"),
        (100_000, ""),
        (i64::MIN, "EUR"),
    ] {
        line(&format!("money({cents}, {cur:?})"), f.money(cents, cur));
    }
    for bp in [
        0,
        1,
        50,
        1250,
        3333,
        8000,
        10_000,
        12_345,
        1_000_000,
        u32::MAX,
    ] {
        line(&format!("percent({bp})"), f.percent(bp));
    }
    out
}

#[test]
fn snapshot_fi() {
    insta::assert_snapshot!("locale_fi", sample(&fi()));
}

#[test]
fn snapshot_sv() {
    insta::assert_snapshot!("locale_sv", sample(&sv()));
}

#[test]
fn snapshot_en() {
    insta::assert_snapshot!("locale_en", sample(&en()));
}

#[test]
fn snapshot_badges_json() {
    let d = date(2021, 5, 4);
    let badges: Vec<Badge> = Lang::ALL.map(|l| Formatter::new(l).badge(d)).into();
    insta::assert_json_snapshot!("locale_badges", badges);
}
