//! One run over returned mail: each message classified once, and what
//! follows from all of them together: the addresses to suppress (with the
//! reason, date and edition for the list's comment), the temporary failures
//! to remember, and the messages a person should look at.

use std::collections::HashSet;

use kirje_core::Lang;
use kirje_send::recipients::key;

use crate::classify::{Known, Proof, Verdict, Why, classify};
use crate::read::Raw;
use crate::store::{Record, Store, StoreError, digest};
use crate::suppress::Entry;

/// How many of each kind a run found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Messages read.
    pub messages: usize,
    /// Messages counted in an earlier run, passed over.
    pub seen_before: usize,
    /// Addresses that no longer work (permanent failures).
    pub gone: usize,
    /// Temporary failures.
    pub soft: usize,
    /// Proven unsubscribe requests.
    pub unsubscribed: usize,
    /// Spam complaints.
    pub complaints: usize,
    /// Automatic replies.
    pub auto_replies: usize,
    /// Messages that need a person's look.
    pub needs_look: usize,
    /// Anything else.
    pub other: usize,
}

/// A message a person should look at, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    /// Where it is (file, or mbox and number).
    pub origin: String,
    /// Why kirje did not act on it.
    pub why: Why,
    /// The address it named.
    pub address: Option<String>,
}

/// What a run would do.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The counts for the summary.
    pub counts: Counts,
    /// New lines for the suppression list.
    pub suppress: Vec<Entry>,
    /// What the store records.
    pub record: Record,
    /// Messages left for a person.
    pub looks: Vec<Look>,
    /// Recipients whose very message bounced for good: (edition, address),
    /// for the edition's journal.
    pub bounced: Vec<(String, String)>,
}

/// What a run needs besides the messages.
pub struct Settings<'a> {
    /// What kirje sent.
    pub known: &'a Known<'a>,
    /// The project's editions with a journal, oldest first.
    pub editions: &'a [String],
    /// Temporary failures in this many editions in a row suppress.
    pub soft_limit: usize,
    /// Addresses already on the suppression list (keys).
    pub suppressed: &'a HashSet<String>,
    /// Today, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The language of the list's comments.
    pub lang: Lang,
}

/// Classifies `messages` and works out what follows.
pub fn plan(messages: &[Raw], store: &Store, s: &Settings) -> Result<Plan, StoreError> {
    let mut plan = Plan::default();
    let mut listed: HashSet<String> = s.suppressed.clone();
    let mut digests = HashSet::new();
    for m in messages {
        plan.counts.messages += 1;
        let d = digest(&m.bytes);
        if store.seen(&d)? || !digests.insert(d.clone()) {
            plan.counts.seen_before += 1;
            continue;
        }
        plan.record.digests.push(d);
        for verdict in classify(&m.bytes, s.known) {
            match verdict {
                Verdict::Bounce {
                    address,
                    permanent: true,
                    status,
                    edition,
                } => {
                    plan.counts.gone += 1;
                    if let Some(ed) = &edition {
                        plan.bounced.push((ed.clone(), key(&address)));
                    }
                    let reason = reason_gone(s.lang, &status);
                    add(
                        &mut plan,
                        &mut listed,
                        s,
                        &address,
                        reason,
                        "bounced",
                        &status,
                        edition,
                    );
                }
                Verdict::Bounce {
                    address,
                    permanent: false,
                    status,
                    edition,
                } => {
                    plan.counts.soft += 1;
                    let edition = edition.or_else(|| s.editions.last().cloned());
                    if let Some(edition) = edition {
                        plan.record.soft.push((key(&address), edition, status));
                    }
                }
                Verdict::Complaint { address, edition } => {
                    plan.counts.complaints += 1;
                    let reason = reason_complaint(s.lang);
                    add(
                        &mut plan,
                        &mut listed,
                        s,
                        &address,
                        reason,
                        "complaint",
                        "abuse",
                        edition,
                    );
                }
                Verdict::Unsubscribe { address, proof } => {
                    plan.counts.unsubscribed += 1;
                    let detail = match proof {
                        Proof::Token => "token",
                        Proof::Dmarc => "dmarc",
                    };
                    let reason = reason_unsubscribed(s.lang);
                    add(
                        &mut plan,
                        &mut listed,
                        s,
                        &address,
                        reason,
                        "unsubscribed",
                        detail,
                        None,
                    );
                }
                Verdict::AutoReply => plan.counts.auto_replies += 1,
                Verdict::Skipped { why, address } => match why {
                    Why::NotForKirje => plan.counts.other += 1,
                    _ => {
                        plan.counts.needs_look += 1;
                        plan.looks.push(Look {
                            origin: m.origin.clone(),
                            why,
                            address,
                        });
                    }
                },
            }
        }
    }
    // Temporary failures in `soft_limit` editions in a row suppress.
    let mut soft_addresses: Vec<String> =
        plan.record.soft.iter().map(|(a, _, _)| a.clone()).collect();
    soft_addresses.sort();
    soft_addresses.dedup();
    for address in soft_addresses {
        let mut failed: HashSet<String> = store.soft_editions(&address)?.into_iter().collect();
        failed.extend(
            plan.record
                .soft
                .iter()
                .filter(|(a, _, _)| *a == address)
                .map(|(_, e, _)| e.clone()),
        );
        let Some(last) = s.editions.iter().rposition(|e| failed.contains(e)) else {
            continue;
        };
        let run = s.editions[..=last]
            .iter()
            .rev()
            .take_while(|e| failed.contains(*e))
            .count();
        if s.soft_limit > 0 && run >= s.soft_limit {
            let edition = s.editions.get(last).cloned();
            let reason = reason_soft(s.lang, run);
            add(
                &mut plan,
                &mut listed,
                s,
                &address,
                reason,
                "soft-bounced",
                &run.to_string(),
                edition,
            );
        }
    }
    Ok(plan)
}

#[allow(clippy::too_many_arguments)]
fn add(
    plan: &mut Plan,
    listed: &mut HashSet<String>,
    s: &Settings,
    address: &str,
    reason: String,
    kind: &str,
    detail: &str,
    edition: Option<String>,
) {
    if !listed.insert(key(address)) {
        return;
    }
    plan.suppress.push(Entry {
        address: address.to_owned(),
        reason,
        date: s.date.to_owned(),
        edition: edition.clone(),
    });
    plan.record
        .acted
        .push((key(address), kind.to_owned(), detail.to_owned(), edition));
}

fn reason_gone(l: Lang, status: &str) -> String {
    match l {
        Lang::Fi => format!("osoite ei ole käytössä ({status})"),
        Lang::Sv => format!("adressen används inte ({status})"),
        Lang::En => format!("address no longer in use ({status})"),
    }
}

fn reason_complaint(l: Lang) -> String {
    match l {
        Lang::Fi => "merkitsi kirjeen roskapostiksi".into(),
        Lang::Sv => "markerade brevet som skräppost".into(),
        Lang::En => "marked the newsletter as spam".into(),
    }
}

fn reason_unsubscribed(l: Lang) -> String {
    match l {
        Lang::Fi => "pyysi poistoa listalta".into(),
        Lang::Sv => "bad att bli borttagen från listan".into(),
        Lang::En => "asked to be taken off the list".into(),
    }
}

fn reason_soft(l: Lang, n: usize) -> String {
    match l {
        Lang::Fi => format!("tilapäinen toimitusvirhe {n} kirjeessä peräkkäin"),
        Lang::Sv => format!("tillfälligt leveransfel i {n} brev i rad"),
        Lang::En => format!("temporary delivery failure in {n} editions in a row"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Record, Store};

    fn delayed(to: &str, n: usize) -> Raw {
        Raw {
            origin: format!("m{n}"),
            bytes: format!(
                "From: MAILER-DAEMON@mail.example\r\nSubject: Delayed Mail\r\n\
                 Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n\
                 --b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x{n}\r\n\r\n\
                 Final-Recipient: rfc822; {to}\r\nAction: delayed\r\nStatus: 4.2.2\r\n\r\n--b--\r\n"
            )
            .into_bytes(),
        }
    }

    #[test]
    fn temporary_failures_suppress_only_in_enough_editions_in_a_row() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("inbox.sqlite")).expect("store");
        // Maija failed in 2026-09 and 2026-10, Matti in 2026-08 and 2026-10
        // (not in a row: 2026-09 reached him).
        let earlier = Record {
            soft: vec![
                ("maija@example.org".into(), "2026-09".into(), "4.2.2".into()),
                ("maija@example.org".into(), "2026-10".into(), "4.2.2".into()),
                ("matti@example.org".into(), "2026-08".into(), "4.2.2".into()),
                ("matti@example.org".into(), "2026-10".into(), "4.2.2".into()),
            ],
            ..Record::default()
        };
        store.record(&earlier, 0).expect("record");
        let known = Known {
            recipients: ["maija@example.org", "matti@example.org"]
                .iter()
                .map(|a| (*a).to_owned())
                .collect(),
            ..Known::default()
        };
        let editions: Vec<String> = ["2026-08", "2026-09", "2026-10", "2026-11"]
            .iter()
            .map(|e| (*e).to_owned())
            .collect();
        let suppressed = HashSet::new();
        let settings = Settings {
            known: &known,
            editions: &editions,
            soft_limit: 3,
            suppressed: &suppressed,
            date: "2026-12-06",
            lang: Lang::Fi,
        };
        // This run: both fail again in the newest edition.
        let messages = [
            delayed("maija@example.org", 1),
            delayed("matti@example.org", 2),
        ];
        let plan = plan(&messages, &store, &settings).expect("plan");
        assert_eq!(plan.counts.soft, 2);
        let added: Vec<&str> = plan.suppress.iter().map(|e| e.address.as_str()).collect();
        assert_eq!(added, ["maija@example.org"]);
        assert_eq!(
            plan.suppress[0].reason,
            "tilapäinen toimitusvirhe 3 kirjeessä peräkkäin"
        );
        assert_eq!(plan.suppress[0].edition.as_deref(), Some("2026-11"));
        // With the limit at 0, never.
        let never = Settings {
            soft_limit: 0,
            ..settings
        };
        assert!(plan_of(&messages, &store, &never).is_empty());
    }

    fn plan_of(messages: &[Raw], store: &Store, s: &Settings) -> Vec<Entry> {
        plan(messages, store, s)
            .map(|p| p.suppress)
            .unwrap_or_default()
    }
}
