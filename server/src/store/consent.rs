//! Consent links, the citizen's answers, their personal access code and their sessions.
//! Codes are stored only as hashes: a copy of the database gives nobody access.

use diesel::prelude::*;
use model::consent::{Besluit, Code, ConsentText, LinkPurpose, Wijze};

use super::conn::both;
use super::schema::{
    cases, citizen_access, citizen_sessions, consent_disputes, consent_invitations, consents,
    organisations,
};
use super::{Conn, StoreError, StoreResult};
use crate::clock::now;
use crate::crypto::{random_u64, secret_hash, secret_hashes};
use crate::store::accounts::{self, Lifetime, Sessions, Verdict};
use crate::store::cases::{CaseRecord, CaseRow};
use crate::store::db::Db;

/// Wrong dates of birth after which a consent link stops working.
pub const MAX_BIRTH_DATE_FAILURES: i64 = 5;
/// A citizen's session ends after this long without a request…
pub const CITIZEN_IDLE_SECONDS: i64 = 30 * 60;
/// …and in any case this long after signing in.
pub const CITIZEN_ABSOLUTE_SECONDS: i64 = 4 * 3600;

/// A one-time link as stored.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub case_id: i64,
    pub expires_at: i64,
    pub used: bool,
    pub revoked: bool,
    pub failures: i64,
}

/// Makes a new one-time link for `purpose` on the case and revokes the older unused ones of
/// that purpose, so only the newest link a helper handed over works; with `mail`, queues it
/// to the citizen's address in the same transaction.
pub async fn create_invitation(
    db: &Db,
    case: (i64, String),
    purpose: LinkPurpose,
    account_id: i64,
    expires_at: i64,
    mail: Option<super::outbox::LinkMail>,
) -> StoreResult<Code> {
    let (case_id, reference) = case;
    db.run(move |conn| {
        let at = now();
        for _ in 0..5 {
            let code = Code::from_random(random_u64()?);
            let made = conn.transaction::<_, StoreError, _>(|conn| {
                diesel::update(
                    consent_invitations::table
                        .filter(consent_invitations::case_id.eq(case_id))
                        .filter(consent_invitations::purpose.eq(purpose.key()))
                        .filter(consent_invitations::used_at.is_null())
                        .filter(consent_invitations::revoked_at.is_null()),
                )
                .set(consent_invitations::revoked_at.eq(at))
                .execute(conn)?;
                diesel::insert_into(consent_invitations::table)
                    .values((
                        consent_invitations::case_id.eq(case_id),
                        consent_invitations::code_hash.eq(secret_hash(code.as_str())),
                        consent_invitations::created_by.eq(account_id),
                        consent_invitations::created_at.eq(at),
                        consent_invitations::expires_at.eq(expires_at),
                        consent_invitations::purpose.eq(purpose.key()),
                    ))
                    .execute(conn)?;
                if let Some(mail) = &mail {
                    super::outbox::mail_link_in(conn, (case_id, &reference), mail, purpose, &code)?;
                }
                Ok(())
            });
            match made {
                Ok(()) => return Ok(code),
                Err(err) if err.is_unique_violation() => continue,
                Err(err) => return Err(err),
            }
        }
        Err(StoreError::NoFreeReference)
    })
    .await
}

/// The link of `purpose` with this code: a code of the other purpose opens nothing here.
pub async fn invitation_by_code(
    db: &Db,
    code: &Code,
    purpose: LinkPurpose,
) -> StoreResult<Option<Invitation>> {
    // Keyed, or the plain SHA-256 of a link made before the server key.
    let hashes = secret_hashes(code.as_str());
    db.run(move |conn| {
        let row = consent_invitations::table
            .filter(consent_invitations::code_hash.eq_any(hashes))
            .filter(consent_invitations::purpose.eq(purpose.key()))
            .select((
                consent_invitations::id,
                consent_invitations::case_id,
                consent_invitations::expires_at,
                consent_invitations::used_at,
                consent_invitations::revoked_at,
                consent_invitations::failures,
            ))
            .first::<(i64, i64, i64, Option<i64>, Option<i64>, i64)>(conn)
            .optional()?;
        Ok(row.map(
            |(id, case_id, expires_at, used_at, revoked_at, failures)| Invitation {
                id,
                case_id,
                expires_at,
                used: used_at.is_some(),
                revoked: revoked_at.is_some(),
                failures,
            },
        ))
    })
    .await
}

/// Counts a guess at the date of birth before it is compared, unless the link's guesses are
/// used up (one conditional UPDATE: parallel guesses cannot all pass). False: locked.
pub async fn reserve_birth_date_guess(db: &Db, invitation_id: i64) -> StoreResult<bool> {
    db.run(move |conn| {
        let counted = diesel::update(
            consent_invitations::table
                .find(invitation_id)
                .filter(consent_invitations::failures.lt(MAX_BIRTH_DATE_FAILURES)),
        )
        .set(consent_invitations::failures.eq(consent_invitations::failures + 1))
        .execute(conn)?;
        Ok(counted == 1)
    })
    .await
}

/// The guess was right: it does not count as a failure.
pub async fn release_birth_date_guess(db: &Db, invitation_id: i64) -> StoreResult<()> {
    db.run(move |conn| {
        diesel::update(
            consent_invitations::table
                .find(invitation_id)
                .filter(consent_invitations::failures.gt(0)),
        )
        .set(consent_invitations::failures.eq(consent_invitations::failures - 1))
        .execute(conn)?;
        Ok(())
    })
    .await
}

/// Marks the link used; false when it already was (two answers at once: the first wins).
pub fn use_invitation(conn: &mut Conn, invitation_id: i64) -> StoreResult<bool> {
    let used = diesel::update(
        consent_invitations::table
            .find(invitation_id)
            .filter(consent_invitations::used_at.is_null()),
    )
    .set(consent_invitations::used_at.eq(now()))
    .execute(conn)?;
    Ok(used == 1)
}

/// The answer, with the version and scope of the text that was shown and how it was given.
pub fn record_decision(
    conn: &mut Conn,
    case_id: i64,
    decision: Besluit,
    text: &ConsentText,
    method: Wijze,
) -> StoreResult<()> {
    diesel::insert_into(consents::table)
        .values((
            consents::case_id.eq(case_id),
            consents::decision.eq(decision.as_str()),
            consents::text_version.eq(text.version),
            consents::scope.eq(text.scope),
            consents::method.eq(method.as_str()),
            consents::decided_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn record_withdrawal(conn: &mut Conn, case_id: i64) -> StoreResult<()> {
    diesel::update(consents::table.find(case_id))
        .set(consents::withdrawn_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// A paper form staff found not right was no consent: its record, the access code handed out
/// with it and any session of that code go, in the refusing step's transaction. The
/// timeline keeps both steps and their messages.
pub fn forget_refused_form_in(conn: &mut Conn, case_id: i64) -> StoreResult<()> {
    diesel::delete(citizen_sessions::table.filter(citizen_sessions::case_id.eq(case_id)))
        .execute(conn)?;
    diesel::delete(citizen_access::table.find(case_id)).execute(conn)?;
    diesel::delete(consents::table.find(case_id)).execute(conn)?;
    Ok(())
}

/// The stored consent record, for staff and tests: (decision, text version, method, withdrawn).
pub async fn decision(
    db: &Db,
    case_id: i64,
) -> StoreResult<Option<(String, String, String, bool)>> {
    db.run(move |conn| {
        let row = consents::table
            .find(case_id)
            .select((
                consents::decision,
                consents::text_version,
                consents::method,
                consents::withdrawn_at,
            ))
            .first::<(String, String, String, Option<i64>)>(conn)
            .optional()?;
        Ok(row.map(|(decision, version, method, withdrawn)| {
            (decision, version, method, withdrawn.is_some())
        }))
    })
    .await
}

pub fn set_access_code(conn: &mut Conn, case_id: i64, code_hash: &str) -> StoreResult<()> {
    diesel::insert_into(citizen_access::table)
        .values((
            citizen_access::case_id.eq(case_id),
            citizen_access::code_hash.eq(code_hash),
            citizen_access::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A new personal code in place of the old one (which stops working), and every session
/// opened with the old one ends.
pub fn replace_access_code(conn: &mut Conn, case_id: i64, code_hash: &str) -> StoreResult<()> {
    diesel::delete(citizen_sessions::table.filter(citizen_sessions::case_id.eq(case_id)))
        .execute(conn)?;
    diesel::delete(citizen_access::table.find(case_id)).execute(conn)?;
    set_access_code(conn, case_id, code_hash)
}

/// The case id and argon2 hash of the access code for a case reference, if it has one.
pub async fn access_code_hash(db: &Db, reference: &str) -> StoreResult<Option<(i64, String)>> {
    let reference = reference.to_owned();
    db.run(move |conn| {
        Ok(cases::table
            .inner_join(citizen_access::table)
            .filter(cases::reference.eq(reference))
            .select((cases::id, citizen_access::code_hash))
            .first(conn)
            .optional()?)
    })
    .await
}

pub async fn create_citizen_session(
    db: &Db,
    token_hash: &str,
    case_id: i64,
    csrf_token: &str,
) -> StoreResult<()> {
    let (token_hash, csrf_token) = (token_hash.to_owned(), csrf_token.to_owned());
    db.run(move |conn| {
        let at = now();
        diesel::insert_into(citizen_sessions::table)
            .values((
                citizen_sessions::token_hash.eq(token_hash),
                citizen_sessions::case_id.eq(case_id),
                citizen_sessions::csrf_token.eq(csrf_token),
                citizen_sessions::created_at.eq(at),
                citizen_sessions::last_seen_at.eq(at),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// A live citizen session, with the case it opens and the name of the helper organisation
/// that sent it.
pub struct CitizenSession {
    pub case: CaseRow,
    pub organisation: String,
    /// The organisation's contact line for its citizens.
    pub contact: Option<String>,
    pub csrf_token: String,
}

const CITIZEN_LIFETIME: Lifetime = Lifetime {
    idle: CITIZEN_IDLE_SECONDS,
    absolute: CITIZEN_ABSOLUTE_SECONDS,
};

/// The citizen's session with its case, in one query (the status page asks for it on every
/// load), and what the session's lifetime says about it (apply that with
/// [`accounts::keep`]). Only reads.
pub fn citizen_session_in(
    conn: &mut Conn,
    token_hash: &str,
) -> StoreResult<Option<(CitizenSession, Verdict)>> {
    // On the concrete connection (`both!`): Diesel's MultiConnection writes a query's SQL out
    // anew on every run, where the connection's own statement cache needs no SQL at all; a
    // tenth of the status lookup's time went to that. (Written out in the arm: `as_select`
    // is made for one backend.)
    let row = both!(conn, |c| citizen_sessions::table
        .inner_join(cases::table.inner_join(organisations::table))
        .filter(citizen_sessions::token_hash.eq(token_hash))
        .select((
            CaseRecord::as_select(),
            citizen_sessions::csrf_token,
            citizen_sessions::created_at,
            citizen_sessions::last_seen_at,
            organisations::name,
            organisations::contact,
        ))
        .get_result::<(CaseRecord, String, i64, i64, String, Option<String>)>(c)
        .optional())?;
    let Some((case, csrf_token, created, last_seen, organisation, contact)) = row else {
        return Ok(None);
    };
    let session = CitizenSession {
        case: case.try_into()?,
        organisation,
        contact,
        csrf_token,
    };
    Ok(Some((
        session,
        CITIZEN_LIFETIME.verdict(created, last_seen),
    )))
}

/// A live citizen session with its case. Touches the session; an expired one is removed.
pub async fn citizen_session(db: &Db, token_hash: &str) -> StoreResult<Option<CitizenSession>> {
    let hash = token_hash.to_owned();
    let Some((session, verdict)) = db.run(move |conn| citizen_session_in(conn, &hash)).await?
    else {
        return Ok(None);
    };
    let alive = accounts::keep(db, Sessions::Citizens, token_hash, verdict).await?;
    Ok(alive.then_some(session))
}

pub async fn delete_citizen_session(db: &Db, token_hash: &str) -> StoreResult<()> {
    let token_hash = token_hash.to_owned();
    db.run(move |conn| {
        diesel::delete(citizen_sessions::table.find(token_hash)).execute(conn)?;
        Ok(())
    })
    .await
}

/// Cases whose citizen did not answer before the deadline: (case id) of every case still
/// waiting for consent that was submitted before `submitted_before`.
pub async fn unanswered_before(db: &Db, submitted_before: i64) -> StoreResult<Vec<i64>> {
    db.run(move |conn| {
        Ok(cases::table
            .filter(cases::status_key.eq(model::lifecycle::CaseStatus::WachtOpToestemming.key()))
            .filter(cases::submitted_at.lt(submitted_before))
            .select(cases::id)
            .load(conn)?)
    })
    .await
}

/// The "dit was ik niet" link of a case, as stored.
#[derive(Debug, Clone, Copy)]
pub struct Dispute {
    pub case_id: i64,
    pub expires_at: i64,
    pub used: bool,
}

/// Makes the case's "dit was ik niet" link (replacing an older one), valid until
/// `expires_at`; in the consent's own transaction, so the mail that carries it is queued
/// only when the consent is stored.
pub fn offer_dispute_in(conn: &mut Conn, case_id: i64, expires_at: i64) -> StoreResult<Code> {
    diesel::delete(consent_disputes::table.find(case_id)).execute(conn)?;
    let code = Code::from_random(random_u64()?);
    diesel::insert_into(consent_disputes::table)
        .values((
            consent_disputes::case_id.eq(case_id),
            consent_disputes::code_hash.eq(secret_hash(code.as_str())),
            consent_disputes::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(code)
}

pub async fn dispute_by_code(db: &Db, code: &Code) -> StoreResult<Option<Dispute>> {
    let hash = secret_hash(code.as_str());
    db.run(move |conn| {
        let row = consent_disputes::table
            .filter(consent_disputes::code_hash.eq(hash))
            .select((
                consent_disputes::case_id,
                consent_disputes::expires_at,
                consent_disputes::used_at,
            ))
            .first::<(i64, i64, Option<i64>)>(conn)
            .optional()?;
        Ok(row.map(|(case_id, expires_at, used_at)| Dispute {
            case_id,
            expires_at,
            used: used_at.is_some(),
        }))
    })
    .await
}

/// Marks the link used, unless it was already (parallel clicks report once). False: used.
pub fn use_dispute_in(conn: &mut Conn, case_id: i64) -> StoreResult<bool> {
    let changed = diesel::update(
        consent_disputes::table
            .find(case_id)
            .filter(consent_disputes::used_at.is_null()),
    )
    .set(consent_disputes::used_at.eq(now()))
    .execute(conn)?;
    Ok(changed == 1)
}
