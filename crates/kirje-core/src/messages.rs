//! The words of every message, in Finnish, Swedish and English.
//!
//! Messages are data ([`Msg`]) until shown; this file is the one place
//! where they become text, so a translator reads one file.

use crate::Lang;
use crate::diagnostic::{EuOutput, Msg};
use crate::email_addr::EmailError;
use crate::locale::Formatter;
use crate::phone::PhoneError;

fn pick(lang: Lang, fi: String, sv: String, en: String) -> String {
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    }
}

macro_rules! say {
    ($lang:expr, $fi:expr, $sv:expr, $en:expr $(,)?) => {
        pick($lang, format!($fi), format!($sv), format!($en))
    };
}

/// Why an address is not an e-mail address, in the reader's language.
fn email_reason(l: Lang, e: &EmailError) -> String {
    use EmailError as E;
    match e {
        E::Empty => say!(
            l,
            "osoite on tyhjä",
            "adressen är tom",
            "the address is empty"
        ),
        E::ControlCharacter { ch } => {
            let u = format!("U+{:04X}", u32::from(*ch));
            say!(
                l,
                "siinä on näkymätön ohjausmerkki {u}",
                "den innehåller det osynliga styrtecknet {u}",
                "it contains the invisible control character {u}"
            )
        }
        E::MissingAt => say!(l, "siitä puuttuu @", "det saknas ett @", "it has no @"),
        E::MultipleAt => say!(
            l,
            "siinä on useampi kuin yksi @",
            "den har mer än ett @",
            "it has more than one @"
        ),
        E::EmptyLocal => say!(
            l,
            "ennen @-merkkiä ei ole mitään",
            "det finns inget före @",
            "there is nothing before the @"
        ),
        E::LocalTooLong { len } => say!(
            l,
            "@-merkkiä edeltävä osa on liian pitkä ({len} tavua, enintään 64)",
            "delen före @ är för lång ({len} byte, högst 64)",
            "the part before the @ is too long ({len} bytes, at most 64)"
        ),
        E::InvalidLocalChar { ch } => say!(
            l,
            "merkki ”{ch}” ei käy ennen @-merkkiä",
            "tecknet ”{ch}” får inte stå före @",
            "the character “{ch}” cannot stand before the @"
        ),
        E::NonAsciiLocal { ch } => say!(
            l,
            "kirje ei lähetä osoitteeseen, jossa on ”{ch}” ennen @-merkkiä: monet postipalvelimet eivät välitä tällaista osoitetta. Kysy vastaanottajalta osoite ilman ääkkösiä, usein ä on a ja ö on o",
            "kirje skickar inte till en adress med ”{ch}” före @: många e-postservrar förmedlar inte en sådan adress. Be mottagaren om en adress utan å, ä och ö, ofta är ä a och ö o",
            "kirje does not send to an address with “{ch}” before the @: many mail servers do not pass such an address on. Ask the recipient for an address without such letters"
        ),
        E::InvalidLocalDot => say!(
            l,
            "@-merkkiä edeltävä osa alkaa tai päättyy pisteeseen tai siinä on kaksi pistettä peräkkäin",
            "delen före @ börjar eller slutar med punkt eller har två punkter i rad",
            "the part before the @ starts or ends with a period or has two in a row"
        ),
        E::EmptyDomain => say!(
            l,
            "@-merkin jälkeen ei ole mitään",
            "det finns inget efter @",
            "there is nothing after the @"
        ),
        E::InvalidDomainChar { ch } => say!(
            l,
            "merkki ”{ch}” ei käy verkkotunnukseen",
            "tecknet ”{ch}” får inte stå i domännamnet",
            "the character “{ch}” cannot stand in the domain"
        ),
        E::MissingTld { domain } => say!(
            l,
            "verkkotunnuksesta ”{domain}” puuttuu pääte, kuten .fi",
            "domänen ”{domain}” saknar en toppdomän som .fi",
            "the domain “{domain}” has no top-level domain such as .fi"
        ),
        E::EmptyDomainLabel { domain } => say!(
            l,
            "verkkotunnuksessa ”{domain}” on kaksi pistettä peräkkäin tai piste alussa tai lopussa",
            "domänen ”{domain}” har två punkter i rad eller en punkt först eller sist",
            "the domain “{domain}” has two periods in a row or one at its start or end"
        ),
        E::DomainLabelHyphen { label } => say!(
            l,
            "verkkotunnuksen osa ”{label}” alkaa tai päättyy yhdysmerkkiin",
            "domändelen ”{label}” börjar eller slutar med bindestreck",
            "the domain part “{label}” starts or ends with a hyphen"
        ),
        E::DomainLabelTooLong { label } => say!(
            l,
            "verkkotunnuksen osa ”{label}” on yli 63 merkkiä pitkä",
            "domändelen ”{label}” är längre än 63 tecken",
            "the domain part “{label}” is longer than 63 characters"
        ),
        E::InvalidTld { tld } => say!(
            l,
            "”{tld}” ei ole verkkotunnuksen pääte",
            "”{tld}” är ingen toppdomän",
            "“{tld}” is not a top-level domain"
        ),
        E::InvalidIdna { domain } => say!(
            l,
            "verkkotunnus ”{domain}” ei ole kelvollinen kansainvälinen verkkotunnus",
            "domänen ”{domain}” är ingen giltig internationaliserad domän",
            "the domain “{domain}” is not a valid internationalised domain"
        ),
        E::NotSendable => say!(
            l,
            "osoitetta ei voi kirjoittaa sähköpostiviestin otsakkeeseen",
            "adressen kan inte skrivas i ett e-posthuvud",
            "the address cannot be written into a mail header"
        ),
        E::TooLong { len } => say!(
            l,
            "osoite on liian pitkä ({len} tavua, enintään 254)",
            "adressen är för lång ({len} byte, högst 254)",
            "the address is too long ({len} bytes, at most 254)"
        ),
    }
}

/// Why a text is not a phone number, in the reader's language.
fn phone_reason(l: Lang, e: &PhoneError) -> String {
    use PhoneError as E;
    match e {
        E::Empty => say!(
            l,
            "numero on tyhjä",
            "numret är tomt",
            "the number is empty"
        ),
        E::InvalidCharacter { ch, .. } => say!(
            l,
            "merkki ”{ch}” ei kuulu puhelinnumeroon",
            "tecknet ”{ch}” hör inte hemma i ett telefonnummer",
            "the character “{ch}” does not belong in a phone number"
        ),
        E::MissingPrefix => say!(
            l,
            "numeron pitää alkaa nollalla ja suunta- tai operaattoritunnuksella, tai +-merkillä ja maatunnuksella",
            "numret ska börja med 0 och riktnummer eller operatörskod, eller med + och landsnummer",
            "a number must start with 0 and the area or operator code, or with + and the country code"
        ),
        E::InvalidCountryCode => say!(
            l,
            "mikään maatunnus ei ala nollalla",
            "inget landsnummer börjar med 0",
            "no country code starts with 0"
        ),
        E::UnknownCountryCode { code } => say!(
            l,
            "maatunnusta +{code} ei ole: tarkista numerot +-merkin jälkeen, esimerkiksi Suomen maatunnus on +358 ja Ruotsin +46",
            "landsnumret +{code} finns inte: kontrollera siffrorna efter +, till exempel har Finland +358 och Sverige +46",
            "there is no country code +{code}: check the digits after +, Finland’s is +358 and Sweden’s +46"
        ),
        E::NotInNumberPlan { code: 358 } => say!(
            l,
            "yksikään suomalainen numero ei ala näin tai ole tämän pituinen: tarkista suunta- tai operaattoritunnus, kuten 040, 050, 09 tai 013, ja numeroiden määrä",
            "inget finskt nummer börjar så eller har den här längden: kontrollera riktnumret eller operatörskoden, som 040, 050, 09 eller 013, och antalet siffror",
            "no Finnish number starts like this or has this length: check the area or operator code, such as 040, 050, 09 or 013, and the number of digits"
        ),
        E::NotInNumberPlan { code } => say!(
            l,
            "yksikään maatunnuksen +{code} numero ei ala näin tai ole tämän pituinen: tarkista suuntanumero ja numeroiden määrä",
            "inget nummer med landsnumret +{code} börjar så eller har den här längden: kontrollera riktnumret och antalet siffror",
            "no number with the country code +{code} starts like this or has this length: check the area code and the number of digits"
        ),
        E::TooShort { digits } => say!(
            l,
            "numerossa on liian vähän numeroita ({digits})",
            "numret har för få siffror ({digits})",
            "the number has too few digits ({digits})"
        ),
        E::TooLong { digits } => say!(
            l,
            "numerossa on liikaa numeroita ({digits})",
            "numret har för många siffror ({digits})",
            "the number has too many digits ({digits})"
        ),
    }
}

/// "2 välilyönnillä", "med 2 blanksteg", "2 spaces".
fn spaces(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Fi, 0) => "ilman sisennystä".to_owned(),
        (Lang::Sv, 0) => "utan indrag".to_owned(),
        (Lang::En, 0) => "not indented".to_owned(),
        (Lang::Fi, 1) => "yhdellä välilyönnillä".to_owned(),
        (Lang::Fi, _) => format!("{n} välilyönnillä"),
        (Lang::Sv, 1) => "med ett blanksteg".to_owned(),
        (Lang::Sv, _) => format!("med {n} blanksteg"),
        (Lang::En, 1) => "by one space".to_owned(),
        (Lang::En, _) => format!("by {n} spaces"),
    }
}

fn list(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The EU's visibility rule for cohesion-policy funds, as a reader looks
/// it up.
fn rule(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "asetus (EU) 2021/1060, 47 artikla ja liite IX",
        Lang::Sv => "förordning (EU) 2021/1060, artikel 47 och bilaga IX",
        Lang::En => "Regulation (EU) 2021/1060, Article 47 and Annex IX",
    }
}

fn size(fmt: &Formatter, bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 1.0 {
        let tenths = (mib * 10.0).round() as i64;
        let whole = fmt.number(tenths / 10);
        let sep = if fmt.lang() == Lang::En { '.' } else { ',' };
        format!("{whole}{sep}{}\u{a0}MiB", tenths % 10)
    } else {
        format!("{}\u{a0}kiB", fmt.number(bytes.div_ceil(1024) as i64))
    }
}

/// The stable identifier of a message kind.
pub fn code(msg: &Msg) -> &'static str {
    match msg {
        Msg::FileMissing { .. } => "file-missing",
        Msg::NoEditions => "no-editions",
        Msg::FileTooLarge { .. } => "file-too-large",
        Msg::FileOutsideRoot => "file-outside-root",
        Msg::FileNotAFile => "file-not-a-file",
        Msg::FileEmpty => "file-empty",
        Msg::NotUtf8 => "not-utf8",
        Msg::BinaryFile => "binary-file",
        Msg::Syntax { .. } => "syntax",
        Msg::DataSyntax { .. } => "syntax",
        Msg::Utf16 => "utf16",
        Msg::YamlColonInText => "yaml-colon-in-text",
        Msg::YamlIndent { .. } => "yaml-indent",
        Msg::YamlIndentUnderValue { .. } => "yaml-indent-under-value",
        Msg::YamlNoDash => "yaml-no-dash",
        Msg::YamlUnclosedQuote { .. } => "yaml-unclosed-quote",
        Msg::YamlCommentInText { .. } => "yaml-comment-in-text",
        Msg::YamlShortForm { .. } => "yaml-short-form",
        Msg::WrongKind { .. } => "wrong-kind",
        Msg::TabIndent => "tab-indent",
        Msg::UnknownField { .. } => "unknown-field",
        Msg::MissingField { .. } => "missing-field",
        Msg::DuplicateKey { .. } => "duplicate-key",
        Msg::WrongType { .. } => "wrong-type",
        Msg::InvalidValue { .. } => "invalid-value",
        Msg::UnknownVariant { .. } => "unknown-variant",
        Msg::AliasLimit => "alias-limit",
        Msg::TooComplex => "too-complex",
        Msg::DateFormat { .. } => "date-format",
        Msg::DateImpossible { .. } => "date-impossible",
        Msg::TimeFormat { .. } => "time-format",
        Msg::MoneyFormat { .. } => "money-format",
        Msg::ShareFormat { .. } => "share-format",
        Msg::ColorFormat { .. } => "color-format",
        Msg::LangUnknown { .. } => "lang-unknown",
        Msg::EmailInvalid { .. } => "email-invalid",
        Msg::PhoneInvalid { .. } => "phone-invalid",
        Msg::OrganisationLikeId { .. } => "organisation-like-id",
        Msg::UrlInvalid { .. } => "url-invalid",
        Msg::UrlScheme { .. } => "url-scheme",
        Msg::TextEmpty => "text-empty",
        Msg::TextControl => "text-control",
        Msg::TextMissingLang { .. } => "text-missing-lang",
        Msg::TextOneLanguage => "text-one-language",
        Msg::TextExtraLang { .. } => "text-extra-lang",
        Msg::LanguagesInvalid => "languages-invalid",
        Msg::ThemeContrast { .. } => "theme-contrast",
        Msg::EmailClipped { .. } => "email-clipped",
        Msg::GlyphMissing { .. } => "glyph-missing",
        Msg::FontUnknown { .. } => "font-unknown",
        Msg::RateFormat { .. } => "send-rate",
        Msg::HttpsOnly { .. } => "https-only",
        Msg::SmtpUrl { .. } => "smtp-url",
        Msg::SmtpPassword => "smtp-password",
        Msg::SecretInProject { .. } => "secret-in-project",
        Msg::DkimName { .. } => "dkim-name",
        Msg::MustBePositive => "must-be-positive",
        Msg::TextOffPage { .. } => "text-off-page",
        Msg::FunderNameMissing => "funder-name-missing",
        Msg::FunderLooksEu { .. } => "funder-looks-eu",
        Msg::EuStatementChanged { .. } => "eu-statement-changed",
        Msg::EuVisibilityMissing { .. } => "eu-visibility-missing",
        Msg::SlideOverflow { .. } => "slide-overflow",
        Msg::SlideShortened { .. } => "slide-shortened",
        Msg::PresenterUnknown { .. } => "presenter-unknown",
        Msg::PartNotInDeck { .. } => "part-not-in-deck",
        Msg::FundingSum { .. } => "funding-sum",
        Msg::FundingShare { .. } => "funding-share",
        Msg::FundingSharesSum { .. } => "funding-shares-sum",
        Msg::FundingSourceEmpty => "funding-source-empty",
        Msg::FundingNoSources => "funding-no-sources",
        Msg::FundingCurrency { .. } => "funding-currency",
        Msg::FundingPartsExceed { .. } => "funding-parts-exceed",
        Msg::FundingNotPositive => "funding-not-positive",
        Msg::EndBeforeStart { .. } => "end-before-start",
        Msg::YearNeeded => "year-needed",
        Msg::EndTwice => "end-twice",
        Msg::TimeInGap { .. } => "time-in-gap",
        Msg::TimeInFold { .. } => "time-in-fold",
        Msg::EventOutsidePeriod => "event-outside-period",
        Msg::EventPast => "event-past",
        Msg::EventStartOrSessions => "event-start-or-sessions",
        Msg::EventMixedTimes => "event-mixed-times",
        Msg::EditionOutsidePeriod => "edition-outside-period",
        Msg::EditionNumberTwice { .. } => "edition-number-twice",
        Msg::PathParent { .. } => "path-parent",
        Msg::PathAbsolute { .. } => "path-absolute",
        Msg::PathMissing { .. } => "path-missing",
        Msg::PathOutsideRoot { .. } => "path-outside-root",
        Msg::PathTooLarge { .. } => "path-too-large",
        Msg::ProjectTooManyFiles { .. } => "project-too-many-files",
        Msg::ProjectTooDeep { .. } => "project-too-deep",
        Msg::ImageFormat { .. } => "image-format",
        Msg::ImageNoAlt => "image-no-alt",
        Msg::IdTwice { .. } => "id-twice",
        Msg::IdUnknown { .. } => "id-unknown",
        Msg::DidYouMean { .. } => "hint-did-you-mean",
        Msg::Allowed { .. } => "hint-allowed",
        Msg::HintDate => "hint-date",
        Msg::HintYearNeeded => "hint-year-needed",
        Msg::HintYearFromEdition { .. } => "hint-year-from-edition",
        Msg::HintTime => "hint-time",
        Msg::HintMoney => "hint-money",
        Msg::HintShare => "hint-share",
        Msg::HintSpaces => "hint-spaces",
        Msg::HintTranslate { .. } => "hint-translate",
        Msg::HintInsideRoot => "hint-inside-root",
        Msg::HintAlt => "hint-alt",
        Msg::HintHttps => "hint-https",
        Msg::HintQuote => "hint-quote",
        Msg::HintUtf8 => "hint-utf8",
        Msg::HintQuoteLine { .. } => "hint-quote-line",
        Msg::HintIndent { .. } => "hint-indent",
        Msg::HintDash => "hint-dash",
        Msg::HintCloseQuote { .. } => "hint-close-quote",
        Msg::HintShortForm { .. } => "hint-short-form",
        Msg::HintEditionDate { .. } => "hint-edition-date",
        Msg::HintPeriod { .. } => "hint-period",
        Msg::HintDifference { .. } => "hint-difference",
    }
}

/// The message in the formatter's language.
pub fn render(msg: &Msg, fmt: &Formatter) -> String {
    let l = fmt.lang();
    match msg {
        Msg::FileMissing { path } => say!(
            l,
            "tiedosto `{path}` puuttuu projektista",
            "filen `{path}` saknas i projektet",
            "the project has no file `{path}`"
        ),
        Msg::NoEditions => say!(
            l,
            "kansiossa `editions/` ei ole yhtään numeroa (.yaml)",
            "mappen `editions/` innehåller inget nummer (.yaml)",
            "the folder `editions/` holds no edition (.yaml)"
        ),
        Msg::FileTooLarge { size: s, limit } => {
            let (s, limit) = (size(fmt, *s), size(fmt, *limit));
            say!(
                l,
                "tiedosto on liian suuri ({s}); enimmäiskoko on {limit}",
                "filen är för stor ({s}); största tillåtna storlek är {limit}",
                "the file is too large ({s}); the limit is {limit}"
            )
        }
        Msg::FileOutsideRoot => say!(
            l,
            "tiedosto on linkki projektikansion ulkopuolelle",
            "filen är en länk utanför projektmappen",
            "the file is a link to outside the project folder"
        ),
        Msg::FileNotAFile => say!(
            l,
            "tämä ei ole tavallinen tiedosto",
            "detta är ingen vanlig fil",
            "this is not a regular file"
        ),
        Msg::FileEmpty => say!(l, "tiedosto on tyhjä", "filen är tom", "the file is empty"),
        Msg::NotUtf8 => say!(
            l,
            "tiedosto ei ole UTF-8-tekstiä",
            "filen är inte UTF-8-text",
            "the file is not UTF-8 text"
        ),
        Msg::BinaryFile => say!(
            l,
            "tiedosto ei ole tekstiä (se näyttää kuvalta tai muulta binääritiedostolta)",
            "filen är inte text (den ser ut som en bild eller annan binärfil)",
            "the file is not text (it looks like an image or another binary file)"
        ),
        Msg::Syntax { format, detail } => say!(
            l,
            "{format}-muoto on rikki: {detail}",
            "{format}-syntaxfel: {detail}",
            "{format} syntax error: {detail}"
        ),
        Msg::DataSyntax { format } => say!(
            l,
            "{format}-tiedoston rakenne on rikki tässä kohdassa",
            "{format}-filens struktur är trasig här",
            "the {format} file's structure is broken here"
        ),
        Msg::Utf16 => say!(
            l,
            "tiedosto on tallennettu UTF-16-muodossa (Muistiossa ”Unicode”), ja kirje lukee vain UTF-8-tekstiä",
            "filen är sparad som UTF-16 (”Unicode” i Anteckningar), och kirje läser bara UTF-8-text",
            "the file is saved as UTF-16 (\"Unicode\" in Notepad), and kirje reads only UTF-8 text"
        ),
        Msg::YamlColonInText => say!(
            l,
            "tekstissä on kaksoispiste ja välilyönti, ja ilman lainausmerkkejä YAML lukee ne uuden kentän aluksi",
            "texten innehåller kolon och mellanslag, och utan citattecken läser YAML dem som början på ett nytt fält",
            "the text holds a colon and a space, and without quotes YAML reads them as the start of a new field"
        ),
        Msg::YamlIndent {
            found,
            expected,
            sibling,
        } => {
            let (f, e) = (spaces(l, *found), spaces(l, *expected));
            say!(
                l,
                "rivi on sisennetty {f}, mutta rivit, joiden joukkoon se kuuluu (kuten `{sibling}` yllä), {e}",
                "raden är indragen {f}, men raderna den hör till (som `{sibling}` ovan) {e}",
                "this line is indented {f}, but the lines it belongs with (such as `{sibling}` above) {e}"
            )
        }
        Msg::YamlIndentUnderValue {
            found,
            expected,
            sibling,
        } => {
            let (f, e) = (spaces(l, *found), spaces(l, *expected));
            say!(
                l,
                "rivi on sisennetty {f}, syvemmälle kuin `{sibling}` yllä ({e}), joten YAML lukee sen edellisen tekstin jatkoksi",
                "raden är indragen {f}, djupare än `{sibling}` ovan ({e}), så YAML läser den som en fortsättning på texten ovan",
                "this line is indented {f}, deeper than `{sibling}` above ({e}), so YAML reads it as more of the text above"
            )
        }
        Msg::YamlNoDash => say!(
            l,
            "tämä listan rivi ei ala viivalla `- ` kuten muut saman listan rivit",
            "den här listraden börjar inte med strecket `- ` som listans andra rader",
            "this line of a list does not start with `- ` as the list's other lines do"
        ),
        Msg::YamlUnclosedQuote { quote } => say!(
            l,
            "lainausmerkki {quote} aukeaa tällä rivillä, mutta ei sulkeudu",
            "citattecknet {quote} öppnas på den här raden men stängs inte",
            "the quote {quote} opens on this line but is not closed"
        ),
        Msg::YamlCommentInText { dropped } => say!(
            l,
            "merkki # aloittaa YAMLissa kommentin, joten teksti `{dropped}` jää pois",
            "tecknet # inleder en kommentar i YAML, så texten `{dropped}` faller bort",
            "# starts a comment in YAML, so the text `{dropped}` is left out"
        ),
        Msg::WrongKind { key, expected } => {
            use crate::diagnostic::ValueKind as K;
            match expected {
                K::List => say!(
                    l,
                    "kenttään `{key}` kuuluu lista: jokainen kohta omalle rivilleen viivalla alkaen",
                    "fältet `{key}` ska vara en lista: varje punkt på en egen rad som börjar med ett streck",
                    "`{key}` takes a list: each item on a line of its own starting with a dash"
                ),
                K::Number => say!(
                    l,
                    "kenttään `{key}` kuuluu luku numeroin",
                    "fältet `{key}` ska vara ett tal skrivet med siffror",
                    "`{key}` takes a number written in digits"
                ),
                K::YesNo => say!(
                    l,
                    "kenttään `{key}` kuuluu true (kyllä) tai false (ei)",
                    "fältet `{key}` ska vara true (ja) eller false (nej)",
                    "`{key}` takes true or false"
                ),
                K::Text => say!(
                    l,
                    "kenttään `{key}` kuuluu teksti samalle riville tai käännökset (fi:, sv:, en:), ei listaa",
                    "fältet `{key}` ska vara en text på samma rad eller översättningar (fi:, sv:, en:), inte en lista",
                    "`{key}` takes a text on the same line, or translations (fi:, sv:, en:), not a list"
                ),
            }
        }
        Msg::YamlShortForm { key, fields } => {
            let w = list(fields);
            say!(
                l,
                "kenttä `{key}` tarvitsee omille riveilleen kentät {w}, ei yhtä arvoa",
                "fältet `{key}` behöver fälten {w} på egna rader, inte ett enda värde",
                "`{key}` needs the fields {w} on lines of their own, not one value"
            )
        }
        Msg::TabIndent => say!(
            l,
            "YAML ei salli sarkainta sisennyksessä",
            "YAML tillåter inte tabbtecken i indrag",
            "YAML does not allow a tab in indentation"
        ),
        Msg::UnknownField { field } => say!(
            l,
            "tuntematon kenttä `{field}`",
            "okänt fält `{field}`",
            "unknown field `{field}`"
        ),
        Msg::MissingField { field } => say!(
            l,
            "pakollinen kenttä `{field}` puuttuu",
            "det obligatoriska fältet `{field}` saknas",
            "the required field `{field}` is missing"
        ),
        Msg::DuplicateKey { key } => say!(
            l,
            "avain `{key}` on kahdesti samassa kohdassa",
            "nyckeln `{key}` förekommer två gånger på samma ställe",
            "the key `{key}` appears twice in the same mapping"
        ),
        // The parser's words for what it found and wanted are English; they
        // go to `--verbose` (the diagnostic's detail), not into the message.
        Msg::WrongType { .. } => say!(
            l,
            "tähän kohtaan kuuluu toisenlainen arvo",
            "här ska det stå ett annat slags värde",
            "a different kind of value belongs here"
        ),
        Msg::InvalidValue { .. } => say!(
            l,
            "tämä arvo ei käy tähän kohtaan",
            "det här värdet passar inte här",
            "this value does not fit here"
        ),
        Msg::UnknownVariant { value } => say!(
            l,
            "tuntematon arvo `{value}`",
            "okänt värde `{value}`",
            "unknown value `{value}`"
        ),
        Msg::AliasLimit => say!(
            l,
            "YAML-viittaukset (alias) laajenevat liian suuriksi",
            "YAML-alias expanderar till för mycket data",
            "YAML aliases expand to too much data"
        ),
        Msg::TooComplex => say!(
            l,
            "tiedosto on liian syvälle sisäkkäinen tai liian suuri käsiteltäväksi",
            "filen är för djupt nästlad eller för stor att behandla",
            "the file is nested too deeply or is too large to process"
        ),
        Msg::DateFormat { value } => say!(
            l,
            "`{value}` ei ole päivämäärä",
            "`{value}` är inget datum",
            "`{value}` is not a date"
        ),
        Msg::DateImpossible { value } => say!(
            l,
            "päivämäärää {value} ei ole olemassa",
            "datumet {value} finns inte",
            "the date {value} does not exist"
        ),
        Msg::TimeFormat { value } => say!(
            l,
            "`{value}` ei ole kellonaika",
            "`{value}` är ingen tid",
            "`{value}` is not a time of day"
        ),
        Msg::MoneyFormat { value, problem } => {
            use crate::values::MoneyProblem as P;
            let why = match problem {
                P::NotANumber => say!(
                    l,
                    "siinä on muuta kuin numeroita",
                    "det innehåller annat än siffror",
                    "it holds more than digits"
                ),
                P::Decimals => say!(
                    l,
                    "desimaaleja on enemmän kuin kaksi",
                    "det har fler än två decimaler",
                    "it has more than two decimals"
                ),
                P::Groups => say!(
                    l,
                    "numerot on ryhmitelty muuten kuin kolmen ryhmiin",
                    "siffrorna är grupperade på annat sätt än i tretal",
                    "its digits are grouped other than in threes"
                ),
                P::Mixed => say!(
                    l,
                    "pisteet ja pilkut voi lukea kahdella tavalla",
                    "punkterna och kommatecknen kan läsas på två sätt",
                    "its periods and commas can be read two ways"
                ),
                P::TooLarge => say!(
                    l,
                    "summa on liian suuri",
                    "summan är för stor",
                    "the sum is too large"
                ),
            };
            say!(
                l,
                "`{value}` ei ole rahasumma: {why}",
                "`{value}` är ingen summa pengar: {why}",
                "`{value}` is not a sum of money: {why}"
            )
        }
        Msg::ShareFormat { value } => say!(
            l,
            "`{value}` ei ole prosenttiosuus väliltä 0–100 %",
            "`{value}` är ingen procentandel mellan 0 och 100 %",
            "`{value}` is not a percentage from 0 to 100%"
        ),
        Msg::ColorFormat { value } => say!(
            l,
            "`{value}` ei ole väri muodossa #rrggbb",
            "`{value}` är ingen färg i formen #rrggbb",
            "`{value}` is not a colour written as #rrggbb"
        ),
        Msg::LangUnknown { value } => say!(
            l,
            "tuntematon kieli `{value}`; kirje tuntee kielet fi, sv ja en",
            "okänt språk `{value}`; kirje kan fi, sv och en",
            "unknown language `{value}`; kirje knows fi, sv and en"
        ),
        Msg::EmailInvalid { value, reason } => {
            let reason = email_reason(l, reason);
            say!(
                l,
                "`{value}` ei ole sähköpostiosoite ({reason})",
                "`{value}` är ingen e-postadress ({reason})",
                "`{value}` is not an e-mail address ({reason})"
            )
        }
        Msg::OrganisationLikeId { value } => say!(
            l,
            "`{value}` ei ole minkään organisaation tunniste, joten se näkyy nimenä sellaisenaan",
            "`{value}` är ingen organisations id, så det visas som ett namn som det står",
            "`{value}` is no organisation's id, so it is shown as a name as written"
        ),
        Msg::PhoneInvalid { value, reason } => {
            let reason = phone_reason(l, reason);
            say!(
                l,
                "`{value}` ei ole puhelinnumero ({reason})",
                "`{value}` är inget telefonnummer ({reason})",
                "`{value}` is not a phone number ({reason})"
            )
        }
        Msg::UrlInvalid { value } => say!(
            l,
            "`{value}` ei ole verkko-osoite",
            "`{value}` är ingen webbadress",
            "`{value}` is not a web address"
        ),
        Msg::UrlScheme { value } => say!(
            l,
            "linkki `{value}` ei ala https:, http: tai mailto:",
            "länken `{value}` börjar inte med https:, http: eller mailto:",
            "the link `{value}` does not start with https:, http: or mailto:"
        ),
        Msg::TextEmpty => say!(l, "teksti on tyhjä", "texten är tom", "the text is empty"),
        Msg::TextControl => say!(
            l,
            "tekstissä on ohjausmerkki (esimerkiksi rivinvaihto otsikossa)",
            "texten innehåller ett styrtecken (till exempel radbrytning i en rubrik)",
            "the text contains a control character (such as a line break in a title)"
        ),
        Msg::TextOneLanguage => say!(
            l,
            "teksti on kirjoitettu vain kerran, joten jokainen kieliversio näyttää sen sellaisenaan",
            "texten är skriven bara en gång, så varje språkversion visar den som den är",
            "the text is written only once, so every language's edition shows it as it is"
        ),
        Msg::TextMissingLang { lang } => {
            let name = lang_name(*lang, l);
            say!(
                l,
                "teksti puuttuu kieleltä {name} ({lang})",
                "texten saknas på {name} ({lang})",
                "the text is missing in {name} ({lang})"
            )
        }
        Msg::TextExtraLang { lang } => say!(
            l,
            "käännös kielelle `{lang}`, jota ei ole kirje.toml-tiedoston kielissä",
            "översättning till `{lang}`, som inte finns bland språken i kirje.toml",
            "a translation into `{lang}`, which is not among the languages in kirje.toml"
        ),
        Msg::LanguagesInvalid => say!(
            l,
            "`languages` tarvitsee vähintään yhden kielen, kunkin vain kerran",
            "`languages` behöver minst ett språk, vart och ett en gång",
            "`languages` needs at least one language, each only once"
        ),
        Msg::SlideOverflow { slide, title } => say!(
            l,
            "dia {slide} ({title}) ei mahdu yhdelle dialle; sisältö jatkuu ylimääräiselle sivulle – lyhennä tekstiä",
            "bild {slide} ({title}) ryms inte på en bild; innehållet fortsätter på en extra sida – korta texten",
            "slide {slide} ({title}) does not fit; its content runs onto an extra page – shorten the text"
        ),
        Msg::SlideShortened { slide, title } => say!(
            l,
            "dian {slide} ({title}) teksti on liian pitkä mahtuakseen dialle luettavan kokoisena; dia näyttää sen alun ja kolme pistettä – lyhennä tekstiä",
            "texten på bild {slide} ({title}) är för lång för att rymmas på bilden i läsbar storlek; bilden visar början och tre punkter – korta texten",
            "the text of slide {slide} ({title}) is too long to fit on the slide at a readable size; the slide shows its beginning and an ellipsis – shorten the text"
        ),
        Msg::PresenterUnknown { name } => say!(
            l,
            "esittäjää ”{name}” ei löydy yhteyshenkilöistä (`contacts`); kirjoita nimi samoin kuin siellä",
            "presentatören ”{name}” finns inte bland kontaktpersonerna (`contacts`); skriv namnet som där",
            "the presenter “{name}” is not among the contacts (`contacts`); write the name as it is written there"
        ),
        Msg::PartNotInDeck { slide } => say!(
            l,
            "osa alkaa diasta `{slide}`, jota esityksessä ei ole (se puuttuu `include`-luettelosta tai sillä ei ole sisältöä), joten väliotsikkodiaa ei näytetä",
            "delen börjar med bilden `{slide}`, som inte finns i presentationen (den saknas i `include` eller har inget innehåll), så mellanrubriksbilden visas inte",
            "the part starts at the slide `{slide}`, which the deck does not have (it is not in `include` or has nothing to show), so its divider slide is left out"
        ),
        Msg::GlyphMissing { ch } => {
            let code = ch
                .chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>()
                .join(" ");
            say!(
                l,
                "merkkiä {ch} ({code}) ei ole kirjeen fonteissa: se jätetään pois PDF-kirjeestä ja dioista, mutta sähköposti ja verkkosivu näyttävät sen. Jos merkki on tärkeä, kirjoita se sanoin",
                "tecknet {ch} ({code}) finns inte i nyhetsbrevets typsnitt: det lämnas bort ur PDF-nyhetsbrevet och bildspelet, men e-posten och webbsidan visar det. Om tecknet är viktigt, skriv det med ord",
                "the character {ch} ({code}) is in none of the newsletter's fonts: it is left out of the PDF and the slides, while the email and the web page show it. If it matters, say it in words"
            )
        }
        Msg::EmailClipped {
            lang,
            kilobytes,
            limit,
            largest,
        } => {
            let name = lang.code();
            let parts = largest
                .iter()
                .map(|(s, kb)| format!("{s} {kb}\u{a0}kB"))
                .collect::<Vec<_>>()
                .join(", ");
            say!(
                l,
                "sähköpostin HTML-osa ({name}) on {kilobytes}\u{a0}kB, yli {limit}\u{a0}kB:n: Gmail katkaisee yli noin 102\u{a0}kB:n viestin, ja loppu (myös tilauksen peruutuslinkki) jää piiloon. Suurimmat osiot: {parts}. Lyhennä niitä tai siirrä osa seuraavaan kirjeeseen",
                "e-postens HTML-del ({name}) är {kilobytes}\u{a0}kB, över {limit}\u{a0}kB: Gmail klipper meddelanden över cirka 102\u{a0}kB, och resten (också länken för att avsluta prenumerationen) döljs. Största avsnitt: {parts}. Korta dem eller flytta en del till nästa nyhetsbrev",
                "the email's HTML part ({name}) is {kilobytes}\u{a0}kB, over {limit}\u{a0}kB: Gmail clips messages over about 102\u{a0}kB and hides the rest (the unsubscribe link too). Largest sections: {parts}. Shorten them or move some to the next newsletter"
            )
        }
        Msg::ThemeContrast {
            color,
            against,
            ratio,
        } => {
            let r = format!("{ratio:.1}");
            let r = if l == Lang::En {
                r
            } else {
                r.replace('.', ",")
            };
            say!(
                l,
                "värin {color} ja värin {against} kontrasti on {r}:1; tekstille tarvitaan vähintään 4,5:1 (WCAG AA)",
                "kontrasten mellan {color} och {against} är {r}:1; text behöver minst 4,5:1 (WCAG AA)",
                "the contrast of {color} and {against} is {r}:1; text needs at least 4.5:1 (WCAG AA)"
            )
        }
        Msg::FunderNameMissing => say!(
            l,
            "rahoittajalta puuttuu nimi: kirjoita `name` tai valitse valmis rahoittaja, `preset: stm` (STM:n valtionavustus) tai `preset: esr+` (ESR+)",
            "finansiären saknar namn: skriv `name` eller välj en färdig finansiär, `preset: stm` (SHM:s statsunderstöd) eller `preset: esr+` (ESF+)",
            "the funder has no name: write `name`, or choose a funder kirje knows, `preset: stm` (the ministry's state grant) or `preset: esr+` (ESF+)"
        ),
        Msg::FunderLooksEu { name } => {
            let rule = rule(l);
            say!(
                l,
                "”{name}” näyttää EU-rahoitukselta: lisää `preset: esr+`, niin kirjeen ensimmäinen sivu, avausdia, sähköposti ja verkkosivu näyttävät EU:n tunnuksen ja tekstin ”Euroopan unionin osarahoittama”, kuten EU:n näkyvyyssääntö vaatii ({rule})",
                "”{name}” ser ut som EU-finansiering: lägg till `preset: esr+`, så visar brevets första sida, titelbilden, e-posten och webbsidan EU:s emblem och texten ”Medfinansieras av Europeiska unionen”, som EU:s synlighetsregel kräver ({rule})",
                "“{name}” looks like EU funding: add `preset: esr+` so that the newsletter's first page, the title slide, the email and the web page show the EU emblem and “Co-funded by the European Union”, as the EU's visibility rule requires ({rule})"
            )
        }
        Msg::EuStatementChanged { expected } => {
            let rule = rule(l);
            say!(
                l,
                "EU:n näkyvyyssääntö ({rule}) vaatii tunnuksen viereen tekstin ”{expected}” sellaisenaan: poista `statement`, niin kirje käyttää sitä",
                "EU:s synlighetsregel ({rule}) kräver texten ”{expected}” som den är bredvid emblemet: ta bort `statement`, så använder kirje den",
                "the EU's visibility rule ({rule}) wants “{expected}” beside the emblem, word for word: remove `statement` and kirje uses it"
            )
        }
        Msg::EuVisibilityMissing {
            output,
            emblem,
            statement,
        } => {
            let (fi, sv, en) = match output {
                EuOutput::Newsletter => (
                    "kirjeen PDF:n ensimmäiseltä sivulta",
                    "på första sidan i brevets PDF",
                    "the newsletter PDF's first page",
                ),
                EuOutput::TitleSlide => ("avausdialta", "på titelbilden", "the title slide"),
                EuOutput::Email => (
                    "sähköpostin alusta",
                    "i början av e-posten",
                    "the top of the email",
                ),
                EuOutput::WebPage => (
                    "verkkosivun yläosasta",
                    "högst upp på webbsidan",
                    "the top of the web page",
                ),
            };
            let (wfi, wsv, wen) = match (emblem, statement) {
                (true, true) => (
                    "EU:n tunnus ja teksti puuttuvat",
                    "EU:s emblem och texten saknas",
                    "the EU emblem and the statement are missing from",
                ),
                (true, false) => (
                    "EU:n tunnus puuttuu",
                    "EU:s emblem saknas",
                    "the EU emblem is missing from",
                ),
                _ => (
                    "EU-rahoituksen teksti puuttuu",
                    "texten om EU-finansieringen saknas",
                    "the EU funding statement is missing from",
                ),
            };
            let rule = rule(l);
            say!(
                l,
                "{wfi} {fi}. EU:n näkyvyyssääntö ({rule}) vaatii ESR+-hankkeen jokaiseen tuotokseen EU:n tunnuksen ja tekstin ”Euroopan unionin osarahoittama”; jos hanke käyttää omaa pohjaa (`templates/`), lisää ne siihen",
                "{wsv} {sv}. EU:s synlighetsregel ({rule}) kräver EU:s emblem och texten ”Medfinansieras av Europeiska unionen” i varje produkt från ett ESF+-projekt; om projektet använder en egen mall (`templates/`), lägg till dem där",
                "{wen} {en}. The EU's visibility rule ({rule}) requires the EU emblem and “Co-funded by the European Union” on every output of an ESF+ project; if the project uses its own template (`templates/`), add them there"
            )
        }
        Msg::TextOffPage { page, text } => say!(
            l,
            "sivulla {page} teksti ”{text}” jatkuu sivun reunan yli ja leikkautuu pois",
            "på sidan {page} går texten ”{text}” över sidkanten och klipps av",
            "on page {page} the text “{text}” runs over the edge of the page and is cut off"
        ),
        Msg::RateFormat { value } => say!(
            l,
            "lähetystahti `{value}` ei ole muotoa 10/s, 600/min tai 2000/h",
            "takten `{value}` har inte formen 10/s, 600/min eller 2000/h",
            "the rate `{value}` is not of the form 10/s, 600/min or 2000/h"
        ),
        Msg::HttpsOnly { value } => say!(
            l,
            "osoitteen `{value}` pitää alkaa https://",
            "adressen `{value}` ska börja med https://",
            "the address `{value}` must start with https://"
        ),
        Msg::SmtpUrl { value } => say!(
            l,
            "SMTP-osoite `{value}` ei ole muotoa smtp://käyttäjä@palvelin:portti tai smtps://käyttäjä@palvelin:portti",
            "SMTP-adressen `{value}` har inte formen smtp://användare@server:port eller smtps://användare@server:port",
            "the SMTP address `{value}` is not of the form smtp://user@host:port or smtps://user@host:port"
        ),
        Msg::SmtpPassword => say!(
            l,
            "salasanaa ei kirjoiteta SMTP-osoitteeseen; anna se ympäristömuuttujassa KIRJE_SMTP_PASSWORD tai password_file-tiedostossa projektin ulkopuolella",
            "lösenordet skrivs inte i SMTP-adressen; ge det i miljövariabeln KIRJE_SMTP_PASSWORD eller i en password_file utanför projektet",
            "a password does not belong in the SMTP address; give it in the KIRJE_SMTP_PASSWORD environment variable or in a password_file outside the project"
        ),
        Msg::SecretInProject { path } => say!(
            l,
            "salaisuustiedosto `{path}` on projektikansion sisällä, josta se päätyisi jaettuihin kopioihin; siirrä se projektin ulkopuolelle ja anna koko polku",
            "hemlighetsfilen `{path}` ligger i projektmappen och skulle följa med delade kopior; flytta den utanför projektet och ge hela sökvägen",
            "the secret file `{path}` is inside the project folder, where it would travel with every copy; move it outside the project and give its full path"
        ),
        Msg::DkimName { value } => say!(
            l,
            "`{value}` ei kelpaa DKIM-valitsimeksi tai -verkkotunnukseksi (vain kirjaimia, numeroita, - ja .)",
            "`{value}` duger inte som DKIM-selektor eller -domän (bara bokstäver, siffror, - och .)",
            "`{value}` is not a valid DKIM selector or domain (letters, digits, - and . only)"
        ),
        Msg::MustBePositive => say!(
            l,
            "arvon pitää olla vähintään 1",
            "värdet ska vara minst 1",
            "the value must be at least 1"
        ),
        Msg::FontUnknown { font } => say!(
            l,
            "fonttia `{font}` ei ole kirjeen mukana; kirje käyttää vain mukana tulevia fontteja, jotta tulos on sama joka koneella",
            "typsnittet `{font}` följer inte med kirje; kirje använder bara sina egna typsnitt så att resultatet blir detsamma på varje dator",
            "the font `{font}` does not come with kirje; kirje uses only the fonts it ships so that the output is the same on every machine"
        ),
        Msg::FundingSum {
            currency,
            sum,
            total,
        } => {
            let (s, t) = (fmt.money(*sum, currency), fmt.money(*total, currency));
            say!(
                l,
                "rahoituslähteiden summa {s} ei ole sama kuin kokonaisrahoitus {t}",
                "finansieringskällornas summa {s} är inte lika med totalbeloppet {t}",
                "the funding sources add up to {s}, not to the total of {t}"
            )
        }
        Msg::FundingShare {
            currency,
            amount,
            expected,
            share,
        } => {
            let (a, e, p) = (
                fmt.money(*amount, currency),
                fmt.money(*expected, currency),
                fmt.percent(*share),
            );
            say!(
                l,
                "summa {a} ei vastaa osuutta {p}: {p} kokonaisrahoituksesta on {e}",
                "beloppet {a} motsvarar inte andelen {p}: {p} av totalbeloppet är {e}",
                "the amount {a} does not match the share {p}: {p} of the total is {e}"
            )
        }
        Msg::FundingSharesSum { sum } => {
            let p = fmt.percent(*sum);
            say!(
                l,
                "osuudet ovat yhteensä {p}, eivät 100 %",
                "andelarna är sammanlagt {p}, inte 100 %",
                "the shares add up to {p}, not to 100%"
            )
        }
        Msg::FundingNoSources => say!(
            l,
            "rahoituksella ei ole yhtään lähdettä: kerro, mistä raha tulee (`sources:`)",
            "finansieringen har inga källor: ange var pengarna kommer ifrån (`sources:`)",
            "the funding has no sources: say where the money comes from (`sources:`)"
        ),
        Msg::FundingSourceEmpty => say!(
            l,
            "rahoituslähteeltä puuttuu sekä summa (`amount`) että osuus (`share`)",
            "finansieringskällan saknar både belopp (`amount`) och andel (`share`)",
            "the funding source has neither an amount (`amount`) nor a share (`share`)"
        ),
        Msg::FundingCurrency { found, expected } => say!(
            l,
            "valuutta {found} poikkeaa rahoituksen valuutasta {expected}",
            "valutan {found} avviker från finansieringens valuta {expected}",
            "the currency {found} differs from the funding's currency {expected}"
        ),
        Msg::FundingPartsExceed {
            currency,
            sum,
            total,
        } => {
            let (s, t) = (fmt.money(*sum, currency), fmt.money(*total, currency));
            say!(
                l,
                "osatoteutukset ovat yhteensä {s}, enemmän kuin kokonaisrahoitus {t}",
                "delgenomförandena är sammanlagt {s}, mer än totalbeloppet {t}",
                "the sub-implementations add up to {s}, more than the total of {t}"
            )
        }
        Msg::FundingNotPositive => say!(
            l,
            "summan pitää olla suurempi kuin nolla",
            "beloppet måste vara större än noll",
            "the amount must be greater than zero"
        ),
        Msg::YearNeeded => say!(
            l,
            "päivämäärästä puuttuu vuosi",
            "datumet saknar år",
            "the date has no year"
        ),
        Msg::EndTwice => say!(
            l,
            "loppu on annettu kahdesti: alkuajan perässä (esimerkiksi 13.30–15) ja kentässä `end`",
            "slutet är angivet två gånger: efter starttiden (till exempel 13.30–15) och i fältet `end`",
            "the end is given twice: after the start (as in 13.30–15) and in `end`"
        ),
        Msg::TimeInGap { date, time } => {
            let (d, t) = (fmt.date(*date), fmt.time(*time));
            say!(
                l,
                "{t} ei ole olemassa {d}: kellot siirretään silloin tunnilla eteenpäin",
                "{t} finns inte {d}: klockorna ställs då fram en timme",
                "{t} does not exist on {d}: the clocks go forward an hour then"
            )
        }
        Msg::TimeInFold { date, time } => {
            let (d, t) = (fmt.date(*date), fmt.time(*time));
            say!(
                l,
                "{t} on {d} kahdesti, koska kellot siirretään tunnilla taaksepäin; kirje käyttää ensimmäistä (kesäaikaa)",
                "{t} kommer två gånger {d} eftersom klockorna ställs tillbaka en timme; kirje använder den första (sommartid)",
                "{t} comes twice on {d} as the clocks go back an hour; kirje takes the first (summer time)"
            )
        }
        Msg::EndBeforeStart { start, end } => {
            let show = |w: &crate::values::When| match w {
                crate::values::When::Day(d) => fmt.moment(*d, None),
                crate::values::When::At(dt) => fmt.moment(dt.date(), Some(dt.time())),
            };
            let (s, e) = (show(start), show(end));
            say!(
                l,
                "loppu ({e}) on ennen alkua ({s})",
                "slutet ({e}) kommer före början ({s})",
                "the end ({e}) comes before the start ({s})"
            )
        }
        Msg::EventOutsidePeriod => say!(
            l,
            "tapahtuma on hankkeen toteutusajan ulkopuolella",
            "evenemanget ligger utanför projektets genomförandetid",
            "the event lies outside the project's period"
        ),
        Msg::EventPast => say!(
            l,
            "tapahtuma on jo ohi, kun numero julkaistaan",
            "evenemanget är redan över när numret publiceras",
            "the event is already over when the edition is published"
        ),
        Msg::EventStartOrSessions => say!(
            l,
            "tapahtumalla pitää olla joko alkuaika (`start`) tai osiot (`sessions`), ei molempia",
            "evenemanget ska ha antingen starttid (`start`) eller delar (`sessions`), inte båda",
            "an event needs either a start (`start`) or sessions (`sessions`), not both"
        ),
        Msg::EventMixedTimes => say!(
            l,
            "alku ja loppu pitää antaa samalla tarkkuudella: molemmat kellonaikoina tai molemmat päivinä",
            "start och slut ska anges lika noggrant: båda med klockslag eller båda som datum",
            "start and end must be given alike: both with a time of day or both as dates"
        ),
        Msg::EditionOutsidePeriod => say!(
            l,
            "numeron päivämäärä on hankkeen toteutusajan ulkopuolella",
            "numrets datum ligger utanför projektets genomförandetid",
            "the edition's date lies outside the project's period"
        ),
        Msg::EditionNumberTwice { number } => say!(
            l,
            "numero {number} on jo käytössä toisella saman vuoden numerolla",
            "nummer {number} används redan av ett annat nummer samma år",
            "number {number} is already used by another edition of the same year"
        ),
        Msg::PathParent { path } => say!(
            l,
            "polku `{path}` viittaa projektikansion ulkopuolelle (`..`)",
            "sökvägen `{path}` pekar utanför projektmappen (`..`)",
            "the path `{path}` points outside the project folder (`..`)"
        ),
        Msg::PathAbsolute { path } => say!(
            l,
            "polku `{path}` on absoluuttinen; kirje hyväksyy vain projektikansion sisäiset polut",
            "sökvägen `{path}` är absolut; kirje godtar bara sökvägar inom projektmappen",
            "the path `{path}` is absolute; kirje takes only paths inside the project folder"
        ),
        Msg::PathMissing { path } => say!(
            l,
            "tiedostoa `{path}` ei löydy",
            "filen `{path}` finns inte",
            "the file `{path}` does not exist"
        ),
        Msg::PathOutsideRoot { path } => say!(
            l,
            "`{path}` on linkki projektikansion ulkopuolelle",
            "`{path}` är en länk utanför projektmappen",
            "`{path}` is a link to outside the project folder"
        ),
        Msg::ProjectTooManyFiles { limit } => {
            let n = fmt.number(*limit as i64);
            say!(
                l,
                "projektikansiossa on yli {n} tiedostoa: tämä ja sitä seuraavat jätettiin lukematta. Siirrä kansiosta pois se, mikä ei kuulu kirjeeseen (vanhat kuvat, varmuuskopiot)",
                "projektmappen har över {n} filer: den här och de som följer lästes inte. Flytta bort det som inte hör till brevet (gamla bilder, säkerhetskopior)",
                "the project folder has more than {n} files: this one and those after it were not read. Move out what the newsletter does not use (old pictures, backups)"
            )
        }
        Msg::ProjectTooDeep { limit } => say!(
            l,
            "kansio on yli {limit} tason syvyydessä, eikä sen tiedostoja luettu: siirrä käytetyt tiedostot lähemmäs projektikansiota",
            "mappen ligger djupare än {limit} nivåer, och dess filer lästes inte: flytta filerna som används närmare projektmappen",
            "the folder is more than {limit} levels deep, and its files were not read: move the files in use closer to the project folder"
        ),
        Msg::PathTooLarge {
            path,
            size: s,
            limit,
        } => {
            let (s, limit) = (size(fmt, *s), size(fmt, *limit));
            say!(
                l,
                "`{path}` on liian suuri ({s}); enimmäiskoko on {limit}",
                "`{path}` är för stor ({s}); största tillåtna storlek är {limit}",
                "`{path}` is too large ({s}); the limit is {limit}"
            )
        }
        Msg::ImageFormat { path } => say!(
            l,
            "`{path}` ei ole PNG-, JPEG-, GIF-, WebP- tai SVG-kuva",
            "`{path}` är ingen PNG-, JPEG-, GIF-, WebP- eller SVG-bild",
            "`{path}` is not a PNG, JPEG, GIF, WebP or SVG image"
        ),
        Msg::ImageNoAlt => say!(
            l,
            "kuvalta puuttuu vaihtoehtoinen teksti (`alt`)",
            "bilden saknar alternativtext (`alt`)",
            "the image has no alternative text (`alt`)"
        ),
        Msg::IdTwice { id } => say!(
            l,
            "tunniste `{id}` on käytössä kahdesti",
            "id:t `{id}` används två gånger",
            "the id `{id}` is used twice"
        ),
        Msg::IdUnknown { id } => say!(
            l,
            "tunnistetta `{id}` ei ole määritelty",
            "id:t `{id}` är inte definierat",
            "the id `{id}` is not defined"
        ),
        Msg::DidYouMean { word } => say!(
            l,
            "tarkoititko `{word}`?",
            "menade du `{word}`?",
            "did you mean `{word}`?"
        ),
        Msg::Allowed { words } => {
            let w = list(words);
            say!(l, "sallitut: {w}", "tillåtna: {w}", "allowed: {w}")
        }
        Msg::HintDate => say!(
            l,
            "kirjoita päivämäärä esimerkiksi 5.5.2026, 5.5. (vuosi numeron päivämäärästä) tai 6.–7.5.2026",
            "skriv datumet till exempel 5.5.2026, 5.5. (året från numrets datum) eller 6.–7.5.2026",
            "write the date as, for example, 5.5.2026, 5.5. (the year from the edition's date) or 6.–7.5.2026"
        ),
        Msg::HintTime => say!(
            l,
            "kirjoita aika esimerkiksi 5.5.2026 klo 13.30, 5.5. klo 13.30–15 tai pelkkä kellonaika klo 15",
            "skriv tiden till exempel 5.5.2026 kl. 13.30, 5.5. kl. 13.30–15 eller bara klockslaget kl. 15",
            "write the time as, for example, 5.5.2026 klo 13.30, 5.5. klo 13.30–15, or only the time of day, klo 15"
        ),
        Msg::HintYearNeeded => say!(
            l,
            "kirjoita vuosi mukaan, esimerkiksi 5.5.2026: hankkeen tiedoilla ei ole numeron päivämäärää, josta vuoden voisi ottaa",
            "skriv året, till exempel 5.5.2026: projektets uppgifter har inget nummerdatum att ta året från",
            "write the year, for example 5.5.2026: the project's facts have no edition date to take it from"
        ),
        Msg::HintYearFromEdition { edition } => {
            let d = fmt.date(*edition);
            say!(
                l,
                "vuosi tulee numeron päivämäärästä {d}; kirjoita vuosi itse, jos tarkoitit toista",
                "året kommer från numrets datum {d}; skriv året själv om du menade ett annat",
                "the year comes from the edition's date, {d}; write the year yourself if you meant another"
            )
        }
        Msg::HintMoney => say!(
            l,
            "kirjoita summa esimerkiksi 221750, \"221 750 €\" tai \"221 750,50 €\"",
            "skriv beloppet till exempel 221750, \"221 750 €\" eller \"221 750,50 €\"",
            "write the amount as, for example, 221750, \"221 750 €\" or \"221 750,50 €\""
        ),
        Msg::HintShare => say!(
            l,
            "kirjoita osuus esimerkiksi \"80 %\" tai 80",
            "skriv andelen till exempel \"80 %\" eller 80",
            "write the share as, for example, \"80 %\" or 80"
        ),
        Msg::HintSpaces => say!(
            l,
            "sisennä välilyönneillä (esimerkiksi kaksi välilyöntiä tasoa kohden)",
            "gör indrag med mellanslag (till exempel två per nivå)",
            "indent with spaces (for example two per level)"
        ),
        Msg::HintTranslate { langs } => {
            let w = langs
                .iter()
                .map(|x| format!("`{}:`", x.code()))
                .collect::<Vec<_>>()
                .join(", ");
            say!(
                l,
                "anna teksti jokaiselle kielelle: {w}",
                "ge texten på varje språk: {w}",
                "give the text in every language: {w}"
            )
        }
        Msg::HintInsideRoot => say!(
            l,
            "kopioi tiedosto projektin `assets/`-kansioon ja viittaa siihen suhteellisella polulla",
            "kopiera filen till projektets mapp `assets/` och hänvisa till den med en relativ sökväg",
            "copy the file into the project's `assets/` folder and refer to it with a relative path"
        ),
        Msg::HintAlt => say!(
            l,
            "kerro kuvan sisältö kentässä `alt`, tai merkitse koristekuva `decorative: true`",
            "beskriv bilden i fältet `alt`, eller markera en dekorativ bild med `decorative: true`",
            "describe the image in `alt`, or mark a decorative image with `decorative: true`"
        ),
        Msg::HintHttps => say!(
            l,
            "käytä osoitetta, joka alkaa https://",
            "använd en adress som börjar med https://",
            "use an address that starts with https://"
        ),
        Msg::HintQuote => say!(
            l,
            "laita teksti lainausmerkkeihin, jos siinä on kaksoispiste tai muu erikoismerkki",
            "sätt texten inom citattecken om den innehåller kolon eller andra specialtecken",
            "put the text in quotes if it contains a colon or another special character"
        ),
        Msg::HintQuoteLine { line } => say!(
            l,
            "kirjoita teksti lainausmerkkeihin: {line}",
            "skriv texten inom citattecken: {line}",
            "put the text in quotes: {line}"
        ),
        Msg::HintIndent {
            sibling,
            expected: 0,
        } => say!(
            l,
            "aloita rivi rivin alusta kuten `{sibling}`",
            "börja raden i början av raden som `{sibling}`",
            "start the line at the very beginning, as `{sibling}` does"
        ),
        Msg::HintIndent { sibling, expected } => {
            let e = spaces(l, *expected);
            say!(
                l,
                "aloita rivi samasta kohdasta kuin `{sibling}` (sisennä {e})",
                "börja raden på samma ställe som `{sibling}` (gör indrag {e})",
                "start the line where `{sibling}` starts (indent it {e})"
            )
        }
        Msg::HintDash => say!(
            l,
            "aloita jokainen listan rivi viivalla ja välilyönnillä: `- `",
            "börja varje rad i listan med ett streck och ett mellanslag: `- `",
            "start every line of the list with a dash and a space: `- `"
        ),
        Msg::HintCloseQuote { quote } => say!(
            l,
            "lisää {quote} tekstin loppuun samalle riville",
            "lägg till {quote} i slutet av texten på samma rad",
            "add {quote} at the end of the text on the same line"
        ),
        Msg::HintShortForm { example } => say!(
            l,
            "kirjoita esimerkiksi:\n{example}",
            "skriv till exempel:\n{example}",
            "write, for example:\n{example}"
        ),
        Msg::HintUtf8 => say!(
            l,
            "tallenna tiedosto tekstieditorissa UTF-8-muodossa",
            "spara filen i textredigeraren som UTF-8",
            "save the file as UTF-8 in your text editor"
        ),
        Msg::HintEditionDate { date } => {
            let d = fmt.date(*date);
            say!(
                l,
                "numeron päivämäärä on {d}",
                "numrets datum är {d}",
                "the edition's date is {d}"
            )
        }
        Msg::HintPeriod { start, end } => {
            let p = fmt.date_range(*start, *end);
            say!(
                l,
                "hankkeen toteutusaika on {p}",
                "projektets genomförandetid är {p}",
                "the project runs {p}"
            )
        }
        Msg::HintDifference { currency, amount } => {
            let a = fmt.money(*amount, currency);
            say!(
                l,
                "erotus on {a}",
                "skillnaden är {a}",
                "the difference is {a}"
            )
        }
    }
}

/// A language's name in another language ("ruotsi", "svenska", "Swedish").
pub fn lang_name(lang: Lang, in_lang: Lang) -> &'static str {
    match (in_lang, lang) {
        (Lang::Fi, Lang::Fi) => "suomi",
        (Lang::Fi, Lang::Sv) => "ruotsi",
        (Lang::Fi, Lang::En) => "englanti",
        (Lang::Sv, Lang::Fi) => "finska",
        (Lang::Sv, Lang::Sv) => "svenska",
        (Lang::Sv, Lang::En) => "engelska",
        (Lang::En, Lang::Fi) => "Finnish",
        (Lang::En, Lang::Sv) => "Swedish",
        (Lang::En, Lang::En) => "English",
    }
}
