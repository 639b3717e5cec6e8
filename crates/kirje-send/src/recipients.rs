//! The mailing list (`recipients.csv`) and the suppression list, read and
//! checked as a whole before anything is sent: every problem is reported
//! with its file and line, not just the first.

use std::collections::{HashMap, HashSet};

use kirje_core::Lang;
use kirje_core::email_addr::normalize_email;

use crate::text::say;

/// At most this many recipients in one list.
pub const MAX_RECIPIENTS: usize = 1_000_000;

/// One person on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The address as normalised (domain lowercased).
    pub email: String,
    /// Their name, when the list has one.
    pub name: Option<String>,
    /// The language they asked for, when given.
    pub lang: Option<Lang>,
    /// Every other column, by its lowercased header name, in the list's
    /// order: the merge fields. (A list rather than a map: a map's node
    /// was most of a recipient's memory on a list of 50 000.)
    pub fields: Vec<(String, String)>,
    /// The line of the list the row starts on.
    pub line: u64,
}

impl Recipient {
    /// A merge field's value by its (lowercased) column name.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The journal's key: the address in lower case, so that
    /// `Maija@x.fi` and `maija@x.fi` are one person.
    pub fn key(&self) -> String {
        key(&self.email)
    }
}

/// The journal's key for an address.
pub fn key(email: &str) -> String {
    email.to_lowercase()
}

/// What is wrong with one place of a list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text(Lang::En))]
pub struct Problem {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line; 0 when the problem is the whole file.
    pub line: u64,
    /// What.
    pub kind: ProblemKind,
}

/// The kinds of problems in a recipient or suppression list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A byte sequence that is not UTF-8.
    NotUtf8,
    /// The CSV itself cannot be read (an unclosed quote and the like).
    Malformed,
    /// The header row has no `email` column.
    NoEmailColumn,
    /// Two columns with the same name.
    DuplicateColumn(String),
    /// A row with another number of fields than the header.
    FieldCount {
        /// Columns in the header.
        expected: usize,
        /// Fields in the row.
        found: usize,
    },
    /// A line break or other control character inside a field.
    ControlCharacter {
        /// The column.
        column: String,
    },
    /// Not an address.
    InvalidEmail {
        /// As written.
        value: String,
        /// Why.
        reason: kirje_core::email_addr::EmailError,
    },
    /// The same address (ignoring case) twice.
    Duplicate {
        /// The address.
        email: String,
        /// Where it was first.
        first_line: u64,
    },
    /// A language that is not fi, sv or en.
    UnknownLanguage(String),
    /// No recipients at all.
    Empty,
    /// More than [`MAX_RECIPIENTS`].
    TooMany,
}

impl Problem {
    fn new(file: &str, line: u64, kind: ProblemKind) -> Problem {
        Problem {
            file: file.to_owned(),
            line,
            kind,
        }
    }

    /// `recipients.csv:4: …` in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        let place = if self.line > 0 {
            format!("{}:{}", self.file, self.line)
        } else {
            self.file.clone()
        };
        let what = match &self.kind {
            ProblemKind::NotUtf8 => say(
                l,
                "tiedosto ei ole UTF-8-muodossa; tallenna se UTF-8:na".into(),
                "filen är inte i UTF-8; spara den som UTF-8".into(),
                "the file is not UTF-8; save it as UTF-8".into(),
            ),
            ProblemKind::Malformed => say(
                l,
                "rivi ei ole kelvollista CSV:tä (onko jokin lainausmerkki jäänyt sulkematta?)"
                    .into(),
                "raden är inte giltig CSV (har ett citattecken lämnats öppet?)".into(),
                "the row is not valid CSV (is a quote left open?)".into(),
            ),
            ProblemKind::NoEmailColumn => say(
                l,
                "otsikkorivillä ei ole saraketta `email`".into(),
                "rubrikraden har ingen kolumn `email`".into(),
                "the header row has no `email` column".into(),
            ),
            ProblemKind::DuplicateColumn(c) => say(
                l,
                format!("sarake `{c}` on otsikkorivillä kahdesti"),
                format!("kolumnen `{c}` finns två gånger på rubrikraden"),
                format!("the column `{c}` appears twice in the header row"),
            ),
            ProblemKind::FieldCount { expected, found } => say(
                l,
                format!("rivillä on {found} kenttää, otsikkorivillä {expected}"),
                format!("raden har {found} fält, rubrikraden {expected}"),
                format!("the row has {found} fields, the header row {expected}"),
            ),
            ProblemKind::ControlCharacter { column } => say(
                l,
                format!("sarakkeessa `{column}` on rivinvaihto tai muu ohjausmerkki"),
                format!("kolumnen `{column}` innehåller en radbrytning eller ett annat styrtecken"),
                format!("the column `{column}` holds a line break or another control character"),
            ),
            ProblemKind::InvalidEmail { value, reason } => kirje_core::Msg::EmailInvalid {
                value: value.clone(),
                reason: reason.clone(),
            }
            .render(&kirje_core::locale::Formatter::new(l)),
            ProblemKind::Duplicate { email, first_line } => say(
                l,
                format!("`{email}` on listalla jo rivillä {first_line}"),
                format!("`{email}` finns redan på rad {first_line}"),
                format!("`{email}` is already on the list at line {first_line}"),
            ),
            ProblemKind::UnknownLanguage(v) => say(
                l,
                format!("tuntematon kieli `{v}`; kirje tuntee kielet fi, sv ja en"),
                format!("okänt språk `{v}`; kirje känner till fi, sv och en"),
                format!("unknown language `{v}`; kirje knows fi, sv and en"),
            ),
            ProblemKind::Empty => say(
                l,
                "listalla ei ole yhtään vastaanottajaa".into(),
                "listan har inga mottagare".into(),
                "the list has no recipients".into(),
            ),
            ProblemKind::TooMany => say(
                l,
                format!("listalla on yli {MAX_RECIPIENTS} vastaanottajaa"),
                format!("listan har fler än {MAX_RECIPIENTS} mottagare"),
                format!("the list has more than {MAX_RECIPIENTS} recipients"),
            ),
        };
        format!("{place}: {what}")
    }
}

/// Reads a recipient list: UTF-8 CSV with a header row that has an `email`
/// column; `name` and `language` are optional; every other column becomes a
/// merge field. `file` names the list in messages.
pub fn parse_recipients(file: &str, bytes: &[u8]) -> Result<Vec<Recipient>, Vec<Problem>> {
    let text = utf8(file, bytes)?;
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();

    let header = match records.next() {
        None => return Err(vec![Problem::new(file, 0, ProblemKind::Empty)]),
        Some(Err(e)) => return Err(vec![csv_problem(file, text, &e)]),
        Some(Ok(h)) => h,
    };
    let columns: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let header_line = header.position().map_or(1, |p| line_at(text, p.byte()));
    let mut seen = HashSet::new();
    for c in &columns {
        if !seen.insert(c.as_str()) {
            problems.push(Problem::new(
                file,
                header_line,
                ProblemKind::DuplicateColumn(c.clone()),
            ));
        }
    }
    let Some(email_col) = columns.iter().position(|c| c == "email") else {
        problems.push(Problem::new(file, header_line, ProblemKind::NoEmailColumn));
        return Err(problems);
    };

    let mut out: Vec<Recipient> = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(file, text, &e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != columns.len() {
            problems.push(Problem::new(
                file,
                line,
                ProblemKind::FieldCount {
                    expected: columns.len(),
                    found: record.len(),
                },
            ));
            continue;
        }
        let mut row_ok = true;
        for (column, value) in columns.iter().zip(record.iter()) {
            if value.chars().any(char::is_control) {
                problems.push(Problem::new(
                    file,
                    line,
                    ProblemKind::ControlCharacter {
                        column: column.clone(),
                    },
                ));
                row_ok = false;
            }
        }
        if !row_ok {
            continue;
        }
        let raw_email = record.get(email_col).unwrap_or_default();
        let email = match normalize_email(raw_email) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::new(
                    file,
                    line,
                    ProblemKind::InvalidEmail {
                        value: raw_email.to_owned(),
                        reason: e,
                    },
                ));
                continue;
            }
        };
        if let Some(&first) = first_line.get(&key(&email)) {
            problems.push(Problem::new(
                file,
                line,
                ProblemKind::Duplicate {
                    email,
                    first_line: first,
                },
            ));
            continue;
        }
        first_line.insert(key(&email), line);
        let mut name = None;
        let mut lang = None;
        let mut fields = Vec::new();
        for (i, (column, value)) in columns.iter().zip(record.iter()).enumerate() {
            match column.as_str() {
                _ if i == email_col => {}
                "name" => name = (!value.is_empty()).then(|| value.to_owned()),
                "language" if !value.is_empty() => match Lang::from_code(value) {
                    Some(l) => lang = Some(l),
                    None => problems.push(Problem::new(
                        file,
                        line,
                        ProblemKind::UnknownLanguage(value.to_owned()),
                    )),
                },
                "language" => {}
                _ => {
                    fields.push((column.clone(), value.to_owned()));
                }
            }
        }
        fields.shrink_to_fit();
        out.push(Recipient {
            email,
            name,
            lang,
            fields,
            line,
        });
        if out.len() > MAX_RECIPIENTS {
            problems.push(Problem::new(file, line, ProblemKind::TooMany));
            break;
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(Problem::new(file, 0, ProblemKind::Empty));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads a suppression list: one address per line (a CSV whose first column
/// is the address also works; a header `email` is skipped); empty lines and
/// lines starting with `#` are ignored. Returns the journal keys.
pub fn parse_suppressions(file: &str, bytes: &[u8]) -> Result<HashSet<String>, Vec<Problem>> {
    let text = utf8(file, bytes)?;
    let mut problems = Vec::new();
    let mut out = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        let first = line.split(',').next().unwrap_or_default().trim();
        let first = first.trim_matches('"');
        if first.is_empty()
            || first.starts_with('#')
            || (n == 1 && first.eq_ignore_ascii_case("email"))
        {
            continue;
        }
        match normalize_email(first) {
            Ok(e) => {
                out.insert(key(&e));
            }
            Err(e) => problems.push(Problem::new(
                file,
                n,
                ProblemKind::InvalidEmail {
                    value: first.to_owned(),
                    reason: e,
                },
            )),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The text without a byte-order mark, or where the first non-UTF-8 byte is.
fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Problem>> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.strip_prefix('\u{feff}').unwrap_or(t)),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            Err(vec![Problem::new(file, line, ProblemKind::NotUtf8)])
        }
    }
}

fn csv_problem(file: &str, text: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(0, |p| line_at(text, p.byte()));
    Problem::new(file, line, ProblemKind::Malformed)
}

/// The 1-based line a record starting at byte `at` is on, counted by the
/// file's own line breaks. With CR LF line ends (what spreadsheets write)
/// the csv crate starts a record at the LF of the line before, so its own
/// line count is one too low; the record's first character is past it.
fn line_at(text: &str, at: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(csv: &str) -> Vec<String> {
        match parse_recipients("r.csv", csv.as_bytes()) {
            Ok(r) => panic!("expected problems, got {r:?}"),
            Err(p) => p.iter().map(|p| p.text(Lang::En)).collect(),
        }
    }

    #[test]
    fn reads_columns_and_merge_fields() {
        let r = parse_recipients(
            "r.csv",
            "\u{feff}Email,Name,Language,Organisation\nMaija@Example.ORG, Maija M ,sv,Kunta\nb@example.org,,,\n"
                .as_bytes(),
        )
        .expect("valid");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].email, "Maija@example.org");
        assert_eq!(r[0].key(), "maija@example.org");
        assert_eq!(r[0].name.as_deref(), Some("Maija M"));
        assert_eq!(r[0].lang, Some(Lang::Sv));
        assert_eq!(r[0].field("organisation"), Some("Kunta"));
        assert_eq!(r[0].line, 2);
        assert_eq!(r[1].name, None);
        assert_eq!(r[1].lang, None);
    }

    #[test]
    fn lines_are_right_with_crlf_ends_and_fields_spanning_lines() {
        let csv = "email,name,notes\r\na@b.fi,A,\"two\r\nlines\"\r\nnot-an-address,B,x\r\nc@b.fi,\"C\r\nD\",y\r\nok@b.fi,E,z\r\nOK@b.fi,F,z\r\n";
        let p = problems(csv);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(
            p[0].starts_with("r.csv:2:") && p[0].contains("`notes`"),
            "{p:?}"
        );
        assert!(p[1].starts_with("r.csv:4:"), "{p:?}");
        assert!(
            p[2].starts_with("r.csv:5:") && p[2].contains("`name`"),
            "{p:?}"
        );
        assert!(
            p[3].starts_with("r.csv:8:") && p[3].contains("line 7"),
            "{p:?}"
        );
        let fi = parse_recipients("r.csv", csv.as_bytes()).expect_err("problems");
        let text = fi[1].text(Lang::Fi);
        assert!(
            text.contains("ei ole sähköpostiosoite (siitä puuttuu @)"),
            "{text}"
        );
    }

    #[test]
    fn every_problem_with_its_line() {
        let p = problems(
            "email,name,language\na@example.org,A,fi\nA@EXAMPLE.org,A2,fi\nnot-an-address,B,fi\nc@example.org,\"C\nD\",fi\nd@example.org,D\ne@example.org,E,de\n",
        );
        insta::assert_snapshot!(p.join("\n"), @r"
        r.csv:3: `A@example.org` is already on the list at line 2
        r.csv:4: `not-an-address` is not an e-mail address (it has no @)
        r.csv:5: the column `name` holds a line break or another control character
        r.csv:7: the row has 2 fields, the header row 3
        r.csv:8: unknown language `de`; kirje knows fi, sv and en
        ");
    }

    #[test]
    fn a_letter_outside_ascii_before_the_at_is_refused_at_its_line() {
        // #19: such an address needs SMTPUTF8 on every server on its way;
        // it is refused before anything is sent, with the reason, and the
        // domain may still be internationalised.
        let csv = "email,name\nmaija@sähkö.fi,M\nmäättä@example.fi,A\n";
        let p = match parse_recipients("r.csv", csv.as_bytes()) {
            Ok(r) => panic!("expected a problem, got {r:?}"),
            Err(p) => p,
        };
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].text(Lang::Fi)
                .starts_with("r.csv:3: `määttä@example.fi`")
        );
        assert!(
            p[0].text(Lang::Fi).contains("ilman ääkkösiä"),
            "{}",
            p[0].text(Lang::Fi)
        );
        assert!(p[0].text(Lang::Sv).contains("utan å, ä och ö"));
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(problems(""), ["r.csv: the list has no recipients"]);
        assert_eq!(
            problems("email,name\n"),
            ["r.csv: the list has no recipients"]
        );
        assert_eq!(
            problems("name,address\nA,a@example.org\n"),
            ["r.csv:1: the header row has no `email` column"]
        );
        let e = parse_recipients("r.csv", b"email\na@example.org\n\xff@example.org\n")
            .expect_err("not utf-8");
        assert_eq!(e[0].line, 3);
        assert_eq!(e[0].kind, ProblemKind::NotUtf8);
        assert!(e[0].text(Lang::Fi).contains("UTF-8"));
    }

    #[test]
    fn header_injection_is_refused() {
        let p = problems("email,name\n\"a@example.org\r\nBcc: x@example.org\",A\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("r.csv:2:"), "{p:?}");
    }

    #[test]
    fn suppressions() {
        let s = parse_suppressions(
            "s.txt",
            b"email\n# unsubscribed\nMaija@Example.org\n\nb@example.org,2021-05-01,bounce\n",
        )
        .expect("valid");
        assert!(s.contains("maija@example.org"));
        assert!(s.contains("b@example.org"));
        assert_eq!(s.len(), 2);
        let e = parse_suppressions("s.txt", b"ok@example.org\nbroken\n").expect_err("bad");
        assert_eq!(e[0].line, 2);
    }
}
