//! Delivery of the outbox by email: a worker in every server takes the messages that are
//! due, one at a time, and hands them to the configured SMTP server.
//!
//! A message is written in the transaction of the change it reports (`store::outbox`), so
//! a crash never loses one. The worker claims a message for [`LEASE_SECS`] in a write
//! transaction before sending, so two servers never send the same message at once; only a
//! server that dies between the SMTP server's "accepted" and the mark "sent" can cause a
//! second copy, after the lease. A refused try is put off (doubling from
//! `KLEVER_MAIL_RETRY_SECONDS`), and given up, with its reason in the log and the row,
//! after `KLEVER_MAIL_MAX_TRIES` tries or at once when the SMTP server refuses for good.

use std::time::Duration;

use lettre::{
    message::{Mailbox, MultiPart},
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use crate::{
    clock::rfc3339,
    error::AppResult,
    store::outbox::{self, Claimed},
    AppState,
};

/// How long a claim keeps other workers off a message: far beyond the SMTP time-out, so a
/// slow but live delivery is never sent twice.
pub const LEASE_SECS: i64 = 5 * 60;

/// The longest a failed message waits before its next try.
const MAX_RETRY_WAIT_SECS: u64 = 6 * 3600;

/// How the connection to the SMTP server is protected (`KLEVER_SMTP_TLS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP: only for a relay on the same host or a test server.
    None,
    /// STARTTLS, required (not merely tried): the submission port 587.
    StartTls,
    /// TLS from the first byte ("implicit TLS"): port 465.
    Tls,
}

impl SmtpTls {
    pub fn parse(value: &str) -> Result<SmtpTls, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(SmtpTls::None),
            "starttls" => Ok(SmtpTls::StartTls),
            "tls" => Ok(SmtpTls::Tls),
            _ => Err(format!(
                "KLEVER_SMTP_TLS={value:?}: expected starttls (port 587), tls (port 465) or none"
            )),
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

/// Where and how mail goes. Without it (no `KLEVER_SMTP_HOST`) no worker runs and the
/// messages stay in the outbox, each noted in the log when it was queued.
#[derive(Clone, Debug)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// User name and password, when the SMTP server wants them.
    pub credentials: Option<(String, String)>,
    /// The sender, as `Kleverapp <no-reply@klever.fi>`.
    pub from: Mailbox,
    /// Tries before a message is given up.
    pub max_tries: u32,
    /// The wait after the first failed try; each further one doubles it.
    pub retry_after: Duration,
    /// How often an idle worker looks for due messages.
    pub poll: Duration,
}

impl MailConfig {
    /// A plain-SMTP set-up for `host:port` sending as `from` (tests, a local relay).
    pub fn plain(host: &str, port: u16, from: &str) -> MailConfig {
        MailConfig {
            host: host.to_owned(),
            port,
            tls: SmtpTls::None,
            credentials: None,
            from: from.parse().expect("a valid sender"),
            max_tries: 8,
            retry_after: Duration::from_secs(60),
            poll: Duration::from_secs(2),
        }
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let tls = match self.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::StartTls => Tls::Required(tls_parameters(&self.host)?),
            SmtpTls::Tls => Tls::Wrapper(tls_parameters(&self.host)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, String> {
    TlsParameters::new(host.to_owned())
        .map_err(|e| format!("KLEVER_SMTP_HOST={host:?}: cannot set up TLS for it: {e}"))
}

/// Starts the delivery worker, if mail is configured; it runs until the task is dropped.
pub fn spawn_worker(state: AppState) -> Result<Option<tokio::task::JoinHandle<()>>, String> {
    let Some(mail) = state.config.mail.clone() else {
        return Ok(None);
    };
    let transport = mail.transport()?;
    Ok(Some(tokio::spawn(async move {
        loop {
            match deliver_next(&state, &mail, &transport).await {
                Ok(true) => continue,
                Ok(false) => {}
                // A database hiccup: the message stays due and is tried on the next round.
                Err(e) => tracing::warn!(error = ?e, "mail worker could not reach the outbox"),
            }
            tokio::time::sleep(mail.poll).await;
        }
    })))
}

/// Why a try failed, and whether trying again could help.
struct Failure {
    reason: String,
    permanent: bool,
}

/// Delivers the next due message, if any; whether there was one.
async fn deliver_next(
    state: &AppState,
    mail: &MailConfig,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
) -> AppResult<bool> {
    let now = state.clock.now();
    // A read first, so an idle worker does not write (and, on SQLite, sync) every round.
    if !state.db.read(move |c| outbox::any_due(c, now)).await? {
        return Ok(false);
    }
    let Some(message) = state
        .db
        .write(move |tx| outbox::claim(tx, now, now + LEASE_SECS))
        .await?
    else {
        // Another worker took it first.
        return Ok(true);
    };
    let result = match compose(mail, &message) {
        Ok(email) => transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| Failure {
                reason: e.to_string(),
                permanent: e.is_permanent(),
            }),
        Err(reason) => Err(Failure {
            reason,
            permanent: true,
        }),
    };
    let at = state.clock.now();
    let id = message.id;
    match result {
        Ok(()) => {
            let sent_at = rfc3339(at);
            state
                .db
                .write(move |tx| outbox::mark_sent(tx, id, &sent_at))
                .await?;
            tracing::info!(id, kind = %message.kind, attempt = message.attempts, "delivered a message");
        }
        Err(failure) => {
            let give_up = failure.permanent || message.attempts >= mail.max_tries;
            let (given_up_at, next) = if give_up {
                (Some(rfc3339(at)), at)
            } else {
                (None, at + retry_wait(mail.retry_after, message.attempts))
            };
            if give_up {
                tracing::warn!(
                    id,
                    kind = %message.kind,
                    attempts = message.attempts,
                    reason = %failure.reason,
                    "gave up delivering a message"
                );
            } else {
                tracing::info!(id, attempt = message.attempts, reason = %failure.reason, "delivery failed; will try again");
            }
            let reason = failure.reason;
            state
                .db
                .write(move |tx| outbox::mark_failed(tx, id, &reason, next, given_up_at.as_deref()))
                .await?;
        }
    }
    Ok(true)
}

/// `base`, doubled for every try after the first, at most [`MAX_RETRY_WAIT_SECS`].
fn retry_wait(base: Duration, attempts: u32) -> i64 {
    let doublings = attempts.saturating_sub(1).min(20);
    let wait = base.as_secs().saturating_mul(1 << doublings);
    wait.min(MAX_RETRY_WAIT_SECS) as i64
}

/// The email: the stored text as plain text and as simple HTML, both in the message's
/// language. A recipient that is no address fails for good.
fn compose(mail: &MailConfig, message: &Claimed) -> Result<Message, String> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|e| format!("the recipient is no email address: {e}"))?;
    let footer = footer(&message.language);
    let text = format!("{}\n\n-- \n{footer}\n", message.body);
    Message::builder()
        .from(mail.from.clone())
        .to(to)
        // Messages queued before subjects were stored have none.
        .subject(if message.subject.is_empty() {
            "Kleverapp"
        } else {
            message.subject.as_str()
        })
        .multipart(MultiPart::alternative_plain_html(
            text,
            html(&message.language, &message.subject, &message.body, footer),
        ))
        .map_err(|e| format!("the message could not be put together: {e}"))
}

/// Who sent it and that replies go nowhere, in the message's language.
fn footer(language: &str) -> &'static str {
    match language {
        "sv" => "Kleverapp, Klever Ab Oy, Vasa. Meddelandet skickades automatiskt; svar läses inte.",
        "en" => "Kleverapp, Klever Ab Oy, Vaasa. This message was sent automatically; replies are not read.",
        _ => "Kleverapp, Klever Ab Oy, Vaasa. Viesti lähetettiin automaattisesti; vastauksia ei lueta.",
    }
}

fn html(language: &str, subject: &str, body: &str, footer: &str) -> String {
    let paragraphs: String = body
        .split("\n\n")
        .map(|p| {
            // A paragraph that is one address (an account link) is a link to it.
            let link = (p.starts_with("https://") || p.starts_with("http://"))
                && !p.contains(char::is_whitespace);
            if link {
                format!("<p><a href=\"{0}\">{0}</a></p>", escape(p))
            } else {
                format!("<p>{}</p>", escape(p).replace('\n', "<br>"))
            }
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a2e;max-width:36em\">\
         {paragraphs}<p style=\"color:#555;font-size:14px\">{footer}</p></body></html>\n",
        lang = escape(language),
        title = escape(subject),
        footer = escape(footer),
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_a_limit() {
        let base = Duration::from_secs(60);
        let waits: Vec<i64> = (1..=4).map(|a| retry_wait(base, a)).collect();
        assert_eq!(waits, [60, 120, 240, 480]);
        assert_eq!(retry_wait(base, 30), 6 * 3600);
    }

    #[test]
    fn the_html_part_shows_text_as_text() {
        let page = html("en", "Hi <you>", "a < b & \"c\"\n\nsecond", "footer");
        assert!(page.contains("<html lang=\"en\">"));
        assert!(page.contains("<title>Hi &lt;you&gt;</title>"));
        assert!(page.contains("<p>a &lt; b &amp; &quot;c&quot;</p><p>second</p>"));
        let link = html(
            "fi",
            "s",
            "Open:\n\nhttps://app.klever.fi/account/reset#ab12\n\nOnce.",
            "f",
        );
        assert!(
            link.contains("<p><a href=\"https://app.klever.fi/account/reset#ab12\">https://app.klever.fi/account/reset#ab12</a></p>"),
            "{link}"
        );
    }

    #[test]
    fn tls_modes_read_as_written_and_others_are_refused() {
        assert_eq!(SmtpTls::parse("STARTTLS"), Ok(SmtpTls::StartTls));
        assert_eq!(SmtpTls::parse("tls").unwrap().default_port(), 465);
        assert_eq!(SmtpTls::parse("none").unwrap().default_port(), 25);
        assert!(SmtpTls::parse("ssl")
            .unwrap_err()
            .contains("KLEVER_SMTP_TLS"));
    }
}
