//! One model for every problem kirje reports, whatever found it.
//!
//! YAML, TOML and JSON errors, the checks, and later Typst and template
//! errors are all turned into [`Diagnostic`]s at the crate boundary. A
//! diagnostic names its file and byte span; its [`Msg`] is rendered in the
//! reader's language only when shown, with numbers formatted by the locale
//! layer.

use std::ops::Range;

use serde::Serialize;

use crate::locale::Formatter;
use crate::source::line_col;
use crate::{Lang, messages};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the outputs are still made.
    Warning,
    /// Nothing is written until it is fixed.
    Error,
}

/// One problem at one place. Its `Display` is English for logs and other
/// programs; people read it through [`Diagnostic::to_report`] in their
/// language.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the project root (`project.yaml`).
    pub file: String,
    /// Byte range in the file, when the place is known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: Msg,
    /// How to fix it.
    pub hints: Vec<Msg>,
    /// The parser's own words (English), for `--verbose`; never part of
    /// the message a person reads.
    pub detail: Option<String>,
}

impl Diagnostic {
    /// An error in `file` at `span`.
    pub fn error(file: impl Into<String>, span: Option<Range<usize>>, message: Msg) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            span,
            message,
            hints: Vec::new(),
            detail: None,
        }
    }

    /// A warning in `file` at `span`.
    pub fn warning(
        file: impl Into<String>,
        span: Option<Range<usize>>,
        message: Msg,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: Msg) -> Diagnostic {
        self.hints.push(hint);
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `lang`.
    pub fn message_text(&self, lang: Lang) -> String {
        self.message.render(&Formatter::new(lang))
    }

    /// A plain, serialisable form with line and column resolved against the
    /// file's text (pass `None` when the text is not at hand).
    pub fn to_report(&self, lang: Lang, text: Option<&str>) -> Report {
        let fmt = Formatter::new(lang);
        let (start, end) = match (&self.span, text) {
            (Some(span), Some(text)) => {
                let (l, c) = line_col(text, span.start);
                let (el, ec) = line_col(text, span.end);
                (Some((l, c)), Some((el, ec)))
            }
            _ => (None, None),
        };
        Report {
            severity: self.severity,
            code: self.message.code(),
            file: self.file.clone(),
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            message: shown(&self.message.render(&fmt)),
            hints: self.hints.iter().map(|h| shown(&h.render(&fmt))).collect(),
            detail: None,
        }
    }
}

/// `text` safe to print on a terminal or a page: every control character
/// but the line break, and every invisible character that can hide or
/// reorder text, written out as `\u{1b}`. A value echoed from the data
/// (an e-mail address holding ESC ] … BEL, a name ending in CR) can then
/// neither retitle the terminal nor overwrite the line it is on.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && crate::email_addr::is_forbidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A diagnostic as it is printed in JSON (`kirje check --format json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// `error` or `warning`.
    pub severity: Severity,
    /// A stable identifier of the kind of problem (`funding-sum`).
    pub code: &'static str,
    /// Path relative to the project root.
    pub file: String,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// 1-based line where the span ends.
    pub end_line: Option<usize>,
    /// 1-based column where the span ends.
    pub end_column: Option<usize>,
    /// The message in the chosen language.
    pub message: String,
    /// Hints in the chosen language.
    pub hints: Vec<String>,
    /// The parser's own words (English), only when asked for (`--verbose`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A value with the warnings found while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    /// The value.
    pub output: T,
    /// What was worth saying.
    pub warnings: Vec<Diagnostic>,
}

/// Every kind of message kirje gives, with what it needs to say it in any
/// language. The texts themselves live in [`crate::messages`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.render(&Formatter::new(Lang::En)))]
#[non_exhaustive]
pub enum Msg {
    // Files.
    /// A required file is not in the project.
    FileMissing { path: String },
    /// No edition files under `editions/`.
    NoEditions,
    /// Larger than the limit.
    FileTooLarge { size: u64, limit: u64 },
    /// A link leading out of the project folder.
    FileOutsideRoot,
    /// Not a regular file.
    FileNotAFile,
    /// Zero bytes, or only whitespace and comments.
    FileEmpty,
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// NUL bytes: an image or a document saved under a data file's name.
    BinaryFile,
    // Syntax and structure.
    /// The parser's own words (kept in English; they name YAML/TOML terms).
    Syntax {
        format: &'static str,
        detail: String,
    },
    /// A tab used for indentation in YAML.
    TabIndent,
    /// The data file's syntax is broken here (the parser's own words go
    /// to [`Diagnostic::detail`]).
    DataSyntax { format: &'static str },
    /// A file saved as UTF-16 (Notepad's "Unicode").
    Utf16,
    /// `title: Valmennus: vanhemmuuden tuki`: a colon and a space inside
    /// unquoted text.
    YamlColonInText,
    /// A line indented differently from the lines it belongs with.
    YamlIndent {
        found: usize,
        expected: usize,
        sibling: String,
    },
    /// A key indented deeper than the finished `key: value` above it.
    YamlIndentUnderValue {
        found: usize,
        expected: usize,
        sibling: String,
    },
    /// A list line without its `- `.
    YamlNoDash,
    /// A quote opened and not closed on its line.
    YamlUnclosedQuote { quote: char },
    /// ` #` in unquoted text: the rest of the line is a comment, dropped.
    YamlCommentInText { dropped: String },
    /// A value of another kind than its field holds (`goals:` a sentence
    /// where a list is wanted, `number: kolme`).
    WrongKind { key: String, expected: ValueKind },
    /// One value where a group of fields is wanted (`image: kuva.jpg`).
    YamlShortForm { key: String, fields: Vec<String> },
    /// A field the format does not have.
    UnknownField { field: String },
    /// A required field is missing.
    MissingField { field: String },
    /// The same key twice in one mapping.
    DuplicateKey { key: String },
    /// A value of the wrong kind.
    WrongType { found: String, expected: String },
    /// A value the type does not accept (serde's words).
    InvalidValue { detail: String },
    /// A word that is not one of the allowed ones.
    UnknownVariant { value: String },
    /// Aliases expanding beyond the limits (an "alias bomb").
    AliasLimit,
    /// Nested too deeply or too many nodes.
    TooComplex,
    // Values.
    /// Not a date written as YYYY-MM-DD.
    DateFormat { value: String },
    /// A date that does not exist (2021-02-30).
    DateImpossible { value: String },
    /// A date without its year where nothing can give it one.
    YearNeeded,
    /// A range in `start:` and an `end:` beside it.
    EndTwice,
    /// A local time the clocks skip (spring forward).
    TimeInGap {
        date: jiff::civil::Date,
        time: jiff::civil::Time,
    },
    /// A local time the clocks show twice (autumn back); the first is taken.
    TimeInFold {
        date: jiff::civil::Date,
        time: jiff::civil::Time,
    },
    /// Not a time written as HH:MM.
    TimeFormat { value: String },
    /// Not a sum of money.
    MoneyFormat {
        value: String,
        problem: crate::values::MoneyProblem,
    },
    /// Not a percentage.
    ShareFormat { value: String },
    /// Not a colour written as #rrggbb.
    ColorFormat { value: String },
    /// Not one of fi, sv, en.
    LangUnknown { value: String },
    /// Not an e-mail address.
    EmailInvalid {
        value: String,
        reason: crate::email_addr::EmailError,
    },
    /// A contact's organisation that is no id but one or two letters from
    /// one (the field also takes a plain name).
    OrganisationLikeId { value: String },
    /// Not a phone number.
    PhoneInvalid {
        value: String,
        reason: crate::phone::PhoneError,
    },
    /// Not a URL.
    UrlInvalid { value: String },
    /// A URL with a scheme other than https, http or mailto.
    UrlScheme { value: String },
    /// An empty text where one is required.
    TextEmpty,
    /// A control character (other than newline and tab) in a text.
    TextControl,
    /// A title or body written once in a project of several languages.
    TextOneLanguage,
    /// A translated text that lacks one of the project's languages.
    TextMissingLang { lang: Lang },
    /// A translation for a language the project does not publish in.
    TextExtraLang { lang: Lang },
    /// kirje.toml lists no languages, or one twice.
    LanguagesInvalid,
    /// A slide whose content did not fit and ran onto an extra page.
    SlideOverflow { slide: usize, title: String },
    /// A text too long for its slide even in the smallest readable size:
    /// the slide shows its beginning and an ellipsis.
    SlideShortened { slide: usize, title: String },
    /// `slides.presenter` names no one under `contacts`.
    PresenterUnknown { name: String },
    /// A part of the deck starts at a slide the deck does not have.
    PartNotInDeck { slide: String },
    /// A funder with neither a name nor a preset.
    FunderNameMissing,
    /// A funder without a preset that looks like ESR+ (or another EU fund).
    FunderLooksEu { name: String },
    /// An ESR+ funder whose statement is not the one the EU's rule requires.
    EuStatementChanged { expected: String },
    /// An output of an ESR+ project that lacks the EU emblem or the
    /// statement where the rule wants them (`output`: which output and
    /// where, `what`: the emblem, the statement or both).
    EuVisibilityMissing {
        output: EuOutput,
        emblem: bool,
        statement: bool,
    },
    /// Text laid out (partly) outside its page: it would be cut off.
    TextOffPage { page: usize, text: String },
    /// A theme colour whose text contrast is below WCAG AA (4.5:1).
    ThemeContrast {
        color: String,
        against: String,
        ratio: f64,
    },
    /// A character none of kirje's fonts has (an emoji): left out of the
    /// PDF and the slides.
    GlyphMissing {
        /// The character.
        ch: String,
    },
    /// The email's HTML part is near the size at which Gmail clips it.
    EmailClipped {
        /// Which language version.
        lang: crate::Lang,
        /// Its size.
        kilobytes: u64,
        /// The warning limit.
        limit: u64,
        /// The largest sections, by name in that language, with their size.
        largest: Vec<(String, u64)>,
    },
    /// `theme.font` names a font family kirje does not ship.
    FontUnknown { font: String },
    // Sending.
    /// `[send] rate` is not `10/s`, `600/min` or `2000/h`.
    RateFormat { value: String },
    /// An address that must be `https://`.
    HttpsOnly { value: String },
    /// `[smtp] url` cannot be read.
    SmtpUrl { value: String },
    /// A password written into `[smtp] url`.
    SmtpPassword,
    /// A secret file (password, key) inside the project folder.
    SecretInProject { path: String },
    /// A DKIM selector or domain that is not a DNS name.
    DkimName { value: String },
    /// A number that must be at least 1.
    MustBePositive,
    // Funding.
    /// Sources do not add up to the total.
    FundingSum {
        currency: String,
        sum: i64,
        total: i64,
    },
    /// amount ≠ total × share.
    FundingShare {
        currency: String,
        amount: i64,
        expected: i64,
        share: u32,
    },
    /// Shares do not add up to 100 %.
    FundingSharesSum { sum: u32 },
    /// A source with neither amount nor share.
    FundingSourceEmpty,
    /// A budget with no sources at all.
    FundingNoSources,
    /// Another currency than the funding's.
    FundingCurrency { found: String, expected: String },
    /// Sub-implementations worth more than the whole.
    FundingPartsExceed {
        currency: String,
        sum: i64,
        total: i64,
    },
    /// A negative or zero sum.
    FundingNotPositive,
    // Dates and events.
    /// A period or event that ends before it starts.
    EndBeforeStart {
        start: crate::values::When,
        end: crate::values::When,
    },
    /// An event outside the project's period.
    EventOutsidePeriod,
    /// An event over before the edition is published.
    EventPast,
    /// An event with neither a start nor sessions, or both.
    EventStartOrSessions,
    /// A start with a time and an end with only a date, or the reverse.
    EventMixedTimes,
    /// The edition's date lies outside the project's period.
    EditionOutsidePeriod,
    /// Two editions with the same number.
    EditionNumberTwice { number: u32 },
    // Images and paths.
    /// A path that climbs out with `..`.
    PathParent { path: String },
    /// An absolute path.
    PathAbsolute { path: String },
    /// A path to a file that is not there.
    PathMissing { path: String },
    /// A path to a file that leads out of the project.
    PathOutsideRoot { path: String },
    /// A path to a file that is too large.
    PathTooLarge { path: String, size: u64, limit: u64 },
    /// The project has more files than are read: the rest were left out.
    ProjectTooManyFiles { limit: usize },
    /// A folder too deep in the project: its files were left out.
    ProjectTooDeep { limit: usize },
    /// An image that is not PNG, JPEG, GIF, WebP or SVG.
    ImageFormat { path: String },
    /// An image without alt text (and not marked decorative).
    ImageNoAlt,
    /// A contact or organisation id used twice.
    IdTwice { id: String },
    /// A reference to an id that does not exist.
    IdUnknown { id: String },
    // Hints.
    /// "did you mean `x`?"
    DidYouMean { word: String },
    /// "allowed: a, b, c"
    Allowed { words: Vec<String> },
    /// How to write a date.
    HintDate,
    /// How to write a time.
    HintTime,
    /// How to write money.
    HintMoney,
    /// How to write a percentage.
    HintShare,
    /// Indent with spaces.
    HintSpaces,
    /// Write the text for every language.
    HintTranslate { langs: Vec<Lang> },
    /// Put the file under the project folder.
    HintInsideRoot,
    /// Add `alt:` or `decorative: true`.
    HintAlt,
    /// Use https://
    HintHttps,
    /// Quote the string.
    HintQuote,
    /// The file is read as UTF-8.
    HintUtf8,
    /// The line as it should be written, its text in quotes.
    HintQuoteLine { line: String },
    /// Line the line up with `sibling`.
    HintIndent { sibling: String, expected: usize },
    /// Start the line with `- `.
    HintDash,
    /// Close the quote.
    HintCloseQuote { quote: char },
    /// The fields on their own lines, as an example.
    HintShortForm { example: String },
    /// Write the year.
    HintYearNeeded,
    /// The year came from the edition's date.
    HintYearFromEdition { edition: jiff::civil::Date },
    /// The edition's date for the past-event warning.
    HintEditionDate { date: jiff::civil::Date },
    /// Project period.
    HintPeriod {
        start: jiff::civil::Date,
        end: jiff::civil::Date,
    },
    /// The difference in a sum.
    HintDifference { currency: String, amount: i64 },
}

/// What a field holds, as a message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    /// A list of `- ` lines.
    List,
    /// A whole number.
    Number,
    /// `true` or `false`.
    YesNo,
    /// A text on the field's own line, or one per language.
    Text,
}

/// Where an ESR+ project must show the EU emblem and statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EuOutput {
    /// The newsletter PDF's first page.
    Newsletter,
    /// The deck's title slide.
    TitleSlide,
    /// The top of the email.
    Email,
    /// The top of the web page.
    WebPage,
}

impl Msg {
    /// Stable identifier, used in JSON output and tests.
    pub fn code(&self) -> &'static str {
        messages::code(self)
    }

    /// The text in the formatter's language.
    pub fn render(&self, fmt: &Formatter) -> String {
        messages::render(self, fmt)
    }
}
