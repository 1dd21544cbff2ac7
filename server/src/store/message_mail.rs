//! Mail on new messages (issue 20): a message leaves a notice for each reader it is meant
//! for, in the message's own transaction; the digest job mails each reader at most once per
//! window ([`DIGEST_SECONDS`] unless configured), naming the cases with new messages and where to read them — never
//! the text (fiscal secrecy: mail passes servers we do not control). Whoever switched
//! message mails off on their account gets none; a citizen only with an address on the case.

use std::collections::BTreeMap;

use diesel::prelude::*;
use model::lifecycle::Role;

use super::cases::CaseRow;
use super::message_writer::Writer;
use super::schema::{accounts, cases, message_digests, message_notices};
use super::{Conn, StoreResult};

/// One mail per reader per quarter of an hour at most, by default.
pub const DIGEST_SECONDS: i64 = crate::config::DEFAULT_MESSAGE_DIGEST_SECONDS;

/// Leaves the notices for a new message by `writer` on `case`: the helper who sent the case
/// hears of the Belangenbehartiger's messages and of the citizen's meant for them too, the
/// casemanager of the helper's and the citizen's, the citizen of messages meant for them.
/// Nobody hears of their own message.
pub(crate) fn notice_in(
    conn: &mut Conn,
    case: &CaseRow,
    writer: Writer,
    at: i64,
) -> StoreResult<()> {
    let created_by: i64 = cases::table
        .find(case.id)
        .select(cases::created_by)
        .first(conn)?;
    let mut readers: Vec<Option<i64>> = Vec::new();
    match writer {
        Writer::Staff { for_citizen, .. } => {
            readers.push(Some(created_by));
            if for_citizen {
                readers.push(None);
            }
        }
        Writer::Helper { .. } => readers.extend(case.casemanager_id.map(Some)),
        Writer::Citizen { for_helper } => {
            readers.extend(case.casemanager_id.map(Some));
            if for_helper {
                readers.push(Some(created_by));
            }
        }
    }
    for account in readers {
        diesel::insert_into(message_notices::table)
            .values((
                message_notices::case_id.eq(case.id),
                message_notices::account_id.eq(account),
                message_notices::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// What waits for one reader: who (an account, or a case's citizen), the notices, and the
/// cases they name with, for a citizen, the address on the case.
struct Pending {
    account: Option<i64>,
    notices: Vec<i64>,
    cases: BTreeMap<String, Option<String>>,
}

/// A reader's key in `message_digests`.
fn reader_key(account: Option<i64>, case_id: i64) -> String {
    match account {
        Some(id) => format!("account/{id}"),
        None => format!("burger/{case_id}"),
    }
}

/// Where a reader reads a case's messages.
fn link(public_url: &str, role: Option<Role>, reference: &str) -> String {
    match role {
        Some(Role::Behandelaar) => format!("{public_url}/backoffice/zaken/{reference}"),
        Some(_) => format!("{public_url}/zaken/{reference}"),
        None => format!("{public_url}/status"),
    }
}

/// Mails every reader whose notices wait and who was not mailed in the last
/// `window` seconds; returns how many mails were queued. Safe with several instances: a
/// reader's notices are marked in the same transaction, only where no other run did first.
pub fn send_due_in(conn: &mut Conn, now: i64, window: i64, public_url: &str) -> StoreResult<usize> {
    type Waiting = (i64, i64, Option<i64>, String, Option<String>);
    let waiting: Vec<Waiting> = message_notices::table
        .inner_join(cases::table)
        .filter(message_notices::mailed_at.is_null())
        .order(message_notices::id)
        .select((
            message_notices::id,
            message_notices::case_id,
            message_notices::account_id,
            cases::reference,
            cases::submission,
        ))
        .load(conn)?;
    // Per reader: their notices' ids and the cases (reference, citizen's address) they name.
    let mut per_reader: BTreeMap<String, Pending> = BTreeMap::new();
    for (id, case_id, account, reference, submission) in waiting {
        let entry = per_reader
            .entry(reader_key(account, case_id))
            .or_insert_with(|| Pending {
                account,
                notices: Vec::new(),
                cases: BTreeMap::new(),
            });
        entry.notices.push(id);
        let address = match account {
            Some(_) => None,
            None => submission
                .as_deref()
                .and_then(|s| serde_json::from_str::<model::case::Submission>(s).ok())
                .and_then(|s| s.burger_email.map(|e| e.as_str().to_owned())),
        };
        entry.cases.insert(reference, address);
    }
    let mut queued = 0;
    for (key, pending) in per_reader {
        let Pending {
            account,
            notices: ids,
            cases: references,
        } = pending;
        let last: Option<i64> = message_digests::table
            .find(&key)
            .select(message_digests::last_sent_at)
            .first(conn)
            .optional()?;
        if last.is_some_and(|last| now - last < window) {
            continue;
        }
        let claimed = diesel::update(
            message_notices::table
                .filter(message_notices::id.eq_any(&ids))
                .filter(message_notices::mailed_at.is_null()),
        )
        .set(message_notices::mailed_at.eq(now))
        .execute(conn)?;
        if claimed == 0 {
            continue;
        }
        // The address and whether they want these mails, as they are now.
        // And the language each reads in: the account's, or the consent text's.
        let (address, role, lang) = match account {
            Some(id) => {
                let row: Option<(String, String, bool, bool, String)> = accounts::table
                    .find(id)
                    .select((
                        accounts::email,
                        accounts::role,
                        accounts::active,
                        accounts::message_mails,
                        accounts::language,
                    ))
                    .first(conn)
                    .optional()?;
                match row {
                    Some((email, role, true, true, lang)) => (
                        Some(email),
                        Role::parse(&role),
                        model::Lang::from_stored(&lang),
                    ),
                    _ => (None, None, model::Lang::Nl),
                }
            }
            None => {
                let lang = match references.keys().next() {
                    Some(reference) => {
                        let case: Option<i64> = super::schema::cases::table
                            .filter(super::schema::cases::reference.eq(reference))
                            .select(super::schema::cases::id)
                            .first(conn)
                            .optional()?;
                        match case {
                            Some(case) => super::outbox::citizen_language_in(conn, case)?,
                            None => model::Lang::Nl,
                        }
                    }
                    None => model::Lang::Nl,
                };
                (references.values().flatten().next().cloned(), None, lang)
            }
        };
        let Some(address) = address else {
            continue;
        };
        let lines: Vec<String> = references
            .keys()
            .map(|reference| format!("- {reference}: {}", link(public_url, role, reference)))
            .collect();
        let (subject, body) = model::lang::speaking(lang, || {
            let (subject, intro, off) = match model::lang::current() {
                model::Lang::Nl => (
                    "Nieuw bericht in Bondgenoot",
                    "Er is een nieuw bericht voor u in Bondgenoot, bij:",
                    "Lees het bericht na het inloggen. In deze e-mail staat de tekst niet: zo \
                     blijft die bij de zaak.",
                ),
                model::Lang::En => (
                    "New message in Bondgenoot",
                    "There is a new message for you in Bondgenoot, on:",
                    "Read the message after signing in. The text is not in this e-mail: that way \
                     it stays with the case.",
                ),
            };
            let stop = if account.is_some() {
                model::lang::tr(
                    " Wilt u deze e-mails niet meer? Zet ze uit bij Mijn account.",
                    " Do you no longer want these e-mails? Switch them off under My account.",
                )
            } else {
                ""
            };
            let body = format!(
                "{intro}\n\n{}\n\n{off}\n\n{}{stop}\n",
                lines.join("\n"),
                super::outbox::footer()
            );
            (subject, body)
        });
        match (account, references.keys().next()) {
            // The citizen's mail belongs to their one case, and goes with it.
            (None, Some(reference)) => {
                super::outbox::enqueue_about_case_in(conn, reference, &address, subject, &body)?;
            }
            _ => super::outbox::enqueue_about_account_in(conn, &address, subject, &body)?,
        }
        let updated = diesel::update(message_digests::table.find(&key))
            .set(message_digests::last_sent_at.eq(now))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(message_digests::table)
                .values((
                    message_digests::reader.eq(&key),
                    message_digests::last_sent_at.eq(now),
                ))
                .execute(conn)?;
        }
        queued += 1;
    }
    Ok(queued)
}
