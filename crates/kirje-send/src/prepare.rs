//! From a checked project and a recipient list to one finished message per
//! recipient: kirje-email renders the edition once per language, kirje-send
//! personalises it. Every message is built once before anything is sent (to
//! find every problem and to hash the content the journal is bound to), and
//! built again, identically, when its turn comes, so that a long list never
//! sits in memory as messages.
//!
//! What a run is bound to is decided here, once for every front end: the
//! content hash of the rendered edition, the sender, the unsubscribe setup
//! and the list ([`Prepared::check_all`]). Each message's `Date:` is the
//! moment it is built for sending, read from the caller's [`Clock`]; the
//! hash leaves it out.

use std::collections::{BTreeSet, HashMap};

use kirje_core::load::Loaded;
use kirje_core::view::{View, view};
use kirje_core::{Diagnostic, Files, Lang};
use kirje_email::{InlineImage, Mailbox, Raster, Templates};
use sha2::{Digest, Sha256};

use crate::personalise::{self, Escape, Unsubscribe};
use crate::{Clock, Dkim, Job, Jobs, Recipient};

/// The edition rendered in one language.
struct Rendered {
    view: View,
    html: String,
    text: String,
    images: Vec<InlineImage>,
    /// The newsletter PDF to attach (`[send] attach_pdf`).
    pdf: Option<kirje_email::Attached>,
}

/// Everything needed to build any recipient's message.
pub struct Prepared {
    rendered: HashMap<Lang, Rendered>,
    main: Lang,
    recipients: Vec<Recipient>,
    by_key: HashMap<String, usize>,
    columns: Vec<String>,
    unsubscribe: Unsubscribe,
    edition: String,
    domain: String,
    from: crate::Address,
    dkim: Option<Dkim>,
}

/// A message that could not be built, by recipient.
#[derive(Debug)]
pub struct BuildError {
    /// The recipient's line in the list.
    pub line: u64,
    /// The address.
    pub email: String,
    /// Why.
    pub error: MessageError,
}

/// Why one recipient's message cannot be built; told in the reader's
/// language by [`MessageError::text`] (its `Display` is the English).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.text(Lang::En))]
pub enum MessageError {
    /// The text asks for a merge field the list does not have.
    Field(#[from] personalise::UnknownField),
    /// The email could not be made (a template's error).
    Email(Vec<Diagnostic>),
    /// An address that is not one.
    Address {
        /// As written.
        email: String,
        /// Why.
        reason: kirje_core::email_addr::EmailError,
    },
    /// The journal names a recipient the list no longer has.
    NotOnList(String),
    /// The edition was made in no language.
    NoLanguage,
}

impl MessageError {
    /// The message in the reader's language.
    pub fn text(&self, l: Lang) -> String {
        match self {
            MessageError::Field(f) => f.text(l),
            MessageError::Email(d) => messages_text(d, l),
            MessageError::Address { email, reason } => kirje_core::Msg::EmailInvalid {
                value: email.clone(),
                reason: reason.clone(),
            }
            .render(&kirje_core::locale::Formatter::new(l)),
            MessageError::NotOnList(key) => crate::text::say(
                l,
                format!("{key} on lähetyspäiväkirjassa mutta ei vastaanottajaluettelossa"),
                format!("{key} finns i utskicksjournalen men inte i mottagarlistan"),
                format!("{key} is in the sending journal but not on the recipient list"),
            ),
            MessageError::NoLanguage => crate::text::say(
                l,
                "kirjettä ei ole tehty yhdelläkään kielellä".to_owned(),
                "brevet har inte gjorts på något språk".to_owned(),
                "the newsletter was not made in any language".to_owned(),
            ),
        }
    }
}

impl Prepared {
    /// Renders the edition `edition_id` in every language of the project,
    /// the email's images drawn with `raster`.
    pub fn new(
        loaded: &Loaded,
        files: &Files,
        raster: &Raster,
        edition_id: &str,
        recipients: Vec<Recipient>,
        unsubscribe: Unsubscribe,
    ) -> Result<Prepared, Vec<Diagnostic>> {
        let templates = Templates::with_overrides(files)?;
        let Some(edition) = loaded.edition(Some(edition_id)) else {
            return Err(vec![]);
        };
        let main = loaded.main_lang();
        let mut rendered = HashMap::new();
        let mut errors = Vec::new();
        for &lang in &loaded.settings.languages {
            let v = view(loaded, edition, lang);
            let made = raster.email_images(&v, files);
            match (
                kirje_email::email_html(&v, &templates, &made),
                kirje_email::email_text(&v, &templates),
            ) {
                (Ok(html), Ok(text)) => {
                    let images = kirje_email::inline_images(&html, &made);
                    rendered.insert(
                        lang,
                        Rendered {
                            view: v,
                            html,
                            text,
                            images,
                            pdf: None,
                        },
                    );
                }
                (h, t) => {
                    errors.extend(h.err().unwrap_or_default());
                    errors.extend(t.err().unwrap_or_default());
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let sender = loaded
            .settings
            .sender
            .as_ref()
            .map(|s| s.email.clone())
            .unwrap_or_default();
        let from: crate::Address = sender.parse().map_err(|_| Vec::new())?;
        let domain = from.domain().to_ascii_lowercase();
        let columns: Vec<String> = recipients
            .iter()
            .flat_map(|r| r.fields.iter().map(|(k, _)| k.clone()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let by_key = recipients
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key(), i))
            .collect();
        Ok(Prepared {
            rendered,
            main,
            recipients,
            by_key,
            columns,
            unsubscribe,
            edition: edition.id.clone(),
            domain,
            from,
            dkim: None,
        })
    }

    /// Signs every message sent (not the copies hashed by [`Self::check_all`]).
    pub fn set_dkim(&mut self, dkim: Dkim) {
        self.dkim = Some(dkim);
    }

    /// Attaches `pdf` to the messages in `lang`.
    pub fn attach(&mut self, lang: Lang, pdf: kirje_email::Attached) {
        if let Some(r) = self.rendered.get_mut(&lang) {
            r.pdf = Some(pdf);
        }
    }

    /// The languages rendered.
    pub fn languages(&self) -> Vec<Lang> {
        let mut langs: Vec<Lang> = self.rendered.keys().copied().collect();
        langs.sort();
        langs
    }

    /// The recipients in list order.
    pub fn recipients(&self) -> &[Recipient] {
        &self.recipients
    }

    /// A recipient by journal key.
    pub fn recipient(&self, key: &str) -> Option<&Recipient> {
        self.by_key.get(key).map(|&i| &self.recipients[i])
    }

    /// The subject in the main language.
    pub fn subject(&self) -> String {
        self.rendered
            .get(&self.main)
            .map(|r| r.view.edition.title.clone())
            .unwrap_or_default()
    }

    /// The envelope sender.
    pub fn sender_address(&self) -> &crate::Address {
        &self.from
    }

    /// The From line.
    pub fn from(&self) -> String {
        let name = self
            .rendered
            .get(&self.main)
            .and_then(|r| r.view.sender.as_ref())
            .map(|s| s.name.clone())
            .unwrap_or_default();
        format!("{name} <{}>", self.from)
    }

    /// The finished message for `recipient`, addressed to `to` (their own
    /// address, or a test address for `--test-to`), dated `unix` (its
    /// `Date:` in Helsinki time).
    pub fn build(
        &self,
        recipient: &Recipient,
        to: &crate::Address,
        unix: i64,
    ) -> Result<Vec<u8>, MessageError> {
        self.message(recipient, to, unix).map(|m| m.formatted())
    }

    /// [`Self::build`], DKIM-signed when signing is set up: what goes out.
    pub fn build_signed(
        &self,
        recipient: &Recipient,
        to: &crate::Address,
        unix: i64,
    ) -> Result<Vec<u8>, MessageError> {
        let mut message = self.message(recipient, to, unix)?;
        if let Some(dkim) = &self.dkim {
            dkim.sign(&mut message);
        }
        Ok(message.formatted())
    }

    fn message(
        &self,
        recipient: &Recipient,
        to: &crate::Address,
        unix: i64,
    ) -> Result<crate::Message, MessageError> {
        let own = recipient.lang.filter(|l| self.rendered.contains_key(l));
        let r = own
            .and_then(|l| self.rendered.get(&l))
            .or_else(|| self.rendered.get(&self.main))
            .ok_or(MessageError::NoLanguage)?;
        let links = self.unsubscribe.links(&recipient.email);
        let values = personalise::merge_values(recipient, &links, &self.columns);
        let html = personalise::fill(&r.html, &values, Escape::Html)?;
        let text = personalise::fill(&r.text, &values, Escape::Text)?;
        let mailbox = Mailbox::new(recipient.name.as_ref().map(|n| one_line(n)), to.clone());
        let mut message = kirje_email::message_with(
            &r.view,
            &html,
            &text,
            &r.images,
            Some(mailbox),
            r.pdf.as_slice(),
        )
        .map_err(MessageError::Email)?;
        let id = personalise::message_id(&self.edition, &recipient.email, &self.domain);
        personalise::set_headers(&mut message, &id, &links);
        personalise::set_date(&mut message, &kirje_email::date_header(unix));
        Ok(message)
    }

    /// Builds every message once: the problems, by recipient, or the hash
    /// of the edition, every message and the list, which the journal is
    /// bound to.
    pub fn check_all(&self) -> Result<String, Vec<BuildError>> {
        // Each message is a function of the rendered edition and the
        // recipient's row, so those are hashed rather than 100 kB of
        // message per recipient.
        let mut hash = Sha256::new();
        let mut put = |bytes: &[u8]| {
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        };
        put(self.edition.as_bytes());
        put(self.from.to_string().as_bytes());
        put(self.unsubscribe.mailto.as_bytes());
        put(self
            .unsubscribe
            .url_template
            .as_deref()
            .unwrap_or_default()
            .as_bytes());
        for l in self.languages() {
            let Some(r) = self.rendered.get(&l) else {
                continue;
            };
            put(l.to_string().as_bytes());
            put(r.html.as_bytes());
            put(r.text.as_bytes());
            for image in &r.images {
                put(image.content_id.as_bytes());
                put(&image.bytes);
            }
            if let Some(pdf) = &r.pdf {
                put(&pdf.bytes);
            }
        }
        for r in &self.recipients {
            put(r.key().as_bytes());
            put(r.name.as_deref().unwrap_or_default().as_bytes());
            put(r.lang.map(|l| l.to_string()).unwrap_or_default().as_bytes());
            for (k, v) in &r.fields {
                put(k.as_bytes());
                put(v.as_bytes());
            }
        }
        // Every message is built once to find what cannot be, on every core.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let chunk = self.recipients.len().div_ceil(threads).max(1);
        let results: Vec<Result<(), MessageError>> = std::thread::scope(|scope| {
            let running: Vec<_> = self
                .recipients
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|r| {
                                let to = address(&r.email)?;
                                // Dated 0: the date is not part of the hash.
                                self.build(r, &to, 0).map(drop)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            running
                .into_iter()
                .flat_map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut errors = Vec::new();
        let mut seen_field_errors = BTreeSet::new();
        for (r, result) in self.recipients.iter().zip(results) {
            match result {
                Ok(()) => {}
                // The same unknown merge field would be reported for everyone.
                Err(error) if !seen_field_errors.insert(error.to_string()) => {}
                Err(error) => errors.push(BuildError {
                    line: r.line,
                    email: r.email.clone(),
                    error,
                }),
            }
        }
        if errors.is_empty() {
            Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
        } else {
            Err(errors)
        }
    }

    /// The [`Jobs`] for a run: each message built when its turn comes,
    /// dated by `clock`.
    pub fn jobs<'a>(&'a self, clock: &'a (dyn Clock + Sync)) -> PreparedJobs<'a> {
        PreparedJobs {
            prepared: self,
            clock,
        }
    }
}

/// Builds each message when its turn comes.
pub struct PreparedJobs<'a> {
    prepared: &'a Prepared,
    clock: &'a (dyn Clock + Sync),
}

impl Jobs for PreparedJobs<'_> {
    fn job(&self, key: &str) -> Result<Job, MessageError> {
        let p = self.prepared;
        let r = p
            .recipient(key)
            .ok_or_else(|| MessageError::NotOnList(key.to_owned()))?;
        let to = address(&r.email)?;
        let bytes = p.build_signed(r, &to, self.clock.unix())?;
        Ok(Job {
            from: p.from.clone(),
            to,
            bytes,
        })
    }
}

/// An address as lettre reads it, with its domain in ASCII (IDNA
/// A-labels) for the envelope and the headers, or why it is not one.
pub fn address(email: &str) -> Result<crate::Address, MessageError> {
    let envelope = kirje_core::email_addr::envelope_address(email).map_err(|reason| {
        MessageError::Address {
            email: email.to_owned(),
            reason,
        }
    })?;
    envelope
        .parse()
        .map_err(|_: lettre::address::AddressError| MessageError::Address {
            email: email.to_owned(),
            reason: kirje_core::email_addr::normalize_email(email)
                .err()
                .unwrap_or(kirje_core::email_addr::EmailError::NotSendable),
        })
}

/// Diagnostics as one line of text in `lang`, for a message that cannot
/// be built.
pub fn messages_text(diags: &[Diagnostic], lang: Lang) -> String {
    diags
        .iter()
        .map(|d| d.message_text(lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A display name on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
