//! Sending the outbox over SMTP with `lettre`, when an SMTP relay is configured
//! (`BONDGENOOT_SMTP`, `host:port`, e.g. `127.0.0.1:25` for the mail server on the same host,
//! which passes mail on with TLS). Without one, mails wait in the outbox; the app's own
//! unread markers still work.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::store::db::Db;
use crate::store::{outbox, StoreError};

/// How long a claimed mail is ours before another instance may try it.
const LEASE_SECONDS: i64 = 120;

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `relay`: `host:port` of an SMTP relay, spoken to without TLS, so only one on the same
    /// host or network. `from`: e.g. `Bondgenoot <noreply@example.nl>`.
    pub fn new(relay: &str, from: &str) -> Result<Self, String> {
        let (host, port) = relay
            .rsplit_once(':')
            .and_then(|(host, port)| Some((host, port.parse::<u16>().ok()?)))
            .ok_or_else(|| format!("SMTP relay {relay:?}: use host:port, e.g. 127.0.0.1:25"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .build();
        let from = from
            .parse()
            .map_err(|err| format!("afzender {from:?}: {err}"))?;
        Ok(Mailer { transport, from })
    }

    /// Sends every mail that is due; returns how many went out.
    pub async fn send_due(&self, db: &Db) -> Result<usize, StoreError> {
        let mut sent = 0;
        while let Some(mail) = outbox::claim(db, LEASE_SECONDS).await? {
            match self.send(&mail).await {
                Ok(()) => {
                    outbox::mark_sent(db, mail.id).await?;
                    sent += 1;
                }
                Err(error) => {
                    // The address is personal data: the log names the row only.
                    tracing::warn!(id = mail.id, %error, "mail not sent");
                    outbox::mark_failed(db, &mail, &error).await?;
                }
            }
        }
        Ok(sent)
    }

    /// Sends one mail. The error kept (in the log and the outbox row) is only a kind and the
    /// SMTP reply code: a server's reply text can echo the address, which is personal data.
    async fn send(&self, mail: &outbox::Mail) -> Result<(), String> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|_| "address not accepted".to_owned())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .body(mail.body.clone())
            .map_err(|_| "message not built".to_owned())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|err| smtp_failure(&err))
    }
}

/// "smtp 550 permanent", "smtp 421 transient", or the kind of failure without a reply.
fn smtp_failure(err: &lettre::transport::smtp::Error) -> String {
    let class = if err.is_permanent() {
        "permanent"
    } else if err.is_transient() {
        "transient"
    } else if err.is_timeout() {
        "timeout"
    } else {
        "connection"
    };
    match err.status() {
        Some(code) => format!("smtp {code} {class}"),
        None => format!("smtp {class}"),
    }
}
