//! The small grammars of `[send]` and `[smtp]` in `kirje.toml`: the pace,
//! the SMTP server's address and DNS names. `kirje check` uses them to point
//! at a bad value; kirje-send uses the same functions when it sends.

use percent_encoding::percent_decode_str;

/// A pace: `count` messages per `per_seconds` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateSpec {
    /// How many.
    pub count: u32,
    /// Per this many seconds (1, 60 or 3600).
    pub per_seconds: u32,
}

/// Reads `10/s`, `600/min` or `2000/h` (also `sec`, `m`, `hour`).
pub fn parse_rate(s: &str) -> Option<RateSpec> {
    let (n, unit) = s.trim().split_once('/')?;
    let count: u32 = n.trim().parse().ok().filter(|&n| n > 0)?;
    let per_seconds = match unit.trim() {
        "s" | "sec" => 1,
        "min" | "m" => 60,
        "h" | "hour" => 3600,
        _ => return None,
    };
    Some(RateSpec { count, per_seconds })
}

/// An SMTP server's address as written: `smtp://[user@]host[:port]`,
/// `smtps://…`, and `smtp://…?tls=required`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    /// `smtps://`: TLS from the first byte.
    pub implicit_tls: bool,
    /// `?tls=required`: STARTTLS even to this machine.
    pub starttls_required: bool,
    /// The user name, percent-decoded (`lumo%40isonet.fi` is `lumo@isonet.fi`).
    pub user: Option<String>,
    /// Host name or address, lower case; an IPv6 address without brackets.
    pub host: String,
    /// The port: as written, or 587 for `smtp://` and 465 for `smtps://`.
    pub port: u16,
}

/// Why an SMTP address cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpUrlError {
    /// Not `smtp://` or `smtps://`.
    Scheme,
    /// Not of the form `smtp://user@host:port`.
    Form,
    /// A password written into the address.
    Password,
}

/// Reads an SMTP server's address.
pub fn parse_smtp_url(url: &str) -> Result<SmtpUrl, SmtpUrlError> {
    let (implicit_tls, rest, default_port) = if let Some(r) = url.strip_prefix("smtps://") {
        (true, r, 465)
    } else if let Some(r) = url.strip_prefix("smtp://") {
        (false, r, 587)
    } else {
        return Err(SmtpUrlError::Scheme);
    };
    let bad = SmtpUrlError::Form;
    // `?tls=required` (lettre's URL form); nothing else is read from a query.
    let (rest, starttls_required) = match rest.split_once('?') {
        Some((r, "tls=required")) if !implicit_tls => (r, true),
        Some(_) => return Err(bad),
        None => (rest, false),
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['/', '?', '#']) || rest.is_empty() {
        return Err(bad);
    }
    let (user, hostport) = match rest.rsplit_once('@') {
        Some((u, h)) => {
            if u.contains(':') {
                return Err(SmtpUrlError::Password);
            }
            let u = percent_decode_str(u)
                .decode_utf8()
                .map_err(|_| bad)?
                .into_owned();
            (Some(u).filter(|u| !u.is_empty()), h)
        }
        None => (None, rest),
    };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, p) = v6.split_once(']').ok_or(bad)?;
        (h.to_owned(), p.strip_prefix(':'))
    } else {
        match hostport.split_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (hostport.to_owned(), None),
        }
    };
    let port = match port {
        Some(p) => p.parse::<u16>().ok().filter(|&p| p > 0).ok_or(bad)?,
        None => default_port,
    };
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    {
        return Err(bad);
    }
    Ok(SmtpUrl {
        implicit_tls,
        starttls_required,
        user,
        host: host.to_ascii_lowercase(),
        port,
    })
}

/// A DNS name such as a DKIM selector or domain: labels of letters,
/// digits, `-` and `_`, separated by dots.
pub fn is_dns_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates() {
        assert_eq!(
            parse_rate("600/min"),
            Some(RateSpec {
                count: 600,
                per_seconds: 60
            })
        );
        for bad in ["fast", "0/s", "10/day", "10", "-1/s"] {
            assert_eq!(parse_rate(bad), None, "{bad}");
        }
    }

    #[test]
    fn smtp_urls() {
        let u = parse_smtp_url("smtp://lumo%40isonet.fi@Mail.isonet.fi").expect("valid");
        assert_eq!(u.user.as_deref(), Some("lumo@isonet.fi"));
        assert_eq!((u.host.as_str(), u.port), ("mail.isonet.fi", 587));
        let u = parse_smtp_url("smtp://[::1]:2525?tls=required").expect("valid");
        assert!(u.starttls_required);
        assert_eq!(u.host, "::1");
        assert_eq!(parse_smtp_url("smtp://u:pw@h"), Err(SmtpUrlError::Password));
        assert_eq!(parse_smtp_url("http://h"), Err(SmtpUrlError::Scheme));
        assert_eq!(
            parse_smtp_url("smtps://h?tls=required"),
            Err(SmtpUrlError::Form)
        );
    }

    #[test]
    fn dns_names() {
        assert!(is_dns_name("kirje2026"));
        assert!(is_dns_name("isonet.fi"));
        assert!(!is_dns_name("bad name"));
        assert!(!is_dns_name("-x.fi"));
        assert!(!is_dns_name(""));
    }
}
