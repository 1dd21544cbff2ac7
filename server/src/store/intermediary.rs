//! Invitations for an intermediair (a bewindvoerder, a belastingadviseur) to add documents to
//! one case. The link's token opens a session once; the session works until the invitation
//! expires or the helper revokes it. Tokens are stored hashed.

use diesel::prelude::*;
use model::document::IntermediaryInvitation;
use model::domain::Date;

use super::accounts::{keep, Lifetime, Sessions, ABSOLUTE_SECONDS, IDLE_SECONDS};
use super::conn::both;
use super::schema::{intermediary_invitations as invitations, intermediary_sessions as sessions};
use super::{StoreError, StoreResult};
use crate::clock::now;
use crate::crypto::{random_token, secret_hash, secret_hashes};
use crate::store::db::Db;

fn date_of(seconds: i64) -> StoreResult<Date> {
    crate::clock::date_of(seconds).ok_or_else(|| StoreError::Corrupt("date out of range".into()))
}

/// Makes an invitation and returns it with its token (shown once, in the link).
pub async fn create(
    db: &Db,
    case_id: i64,
    account: i64,
    label: &str,
    expires_at: i64,
) -> StoreResult<(IntermediaryInvitation, String)> {
    let token = random_token(24)?;
    let (hash, name) = (secret_hash(&token), label.to_owned());
    let id = db
        .run(move |conn| {
            let insert = diesel::insert_into(invitations::table).values((
                invitations::case_id.eq(case_id),
                invitations::token_hash.eq(hash),
                invitations::label.eq(name),
                invitations::created_by.eq(account),
                invitations::created_at.eq(now()),
                invitations::expires_at.eq(expires_at),
            ));
            Ok(both!(conn, |c| insert
                .returning(invitations::id)
                .get_result::<i64>(c))?)
        })
        .await?;
    Ok((
        IntermediaryInvitation {
            id,
            naam: label.to_owned(),
            geldig_tot: date_of(expires_at)?,
            gebruikt: false,
            ingetrokken: false,
            link: None,
        },
        token,
    ))
}

pub async fn list(db: &Db, case_id: i64) -> StoreResult<Vec<IntermediaryInvitation>> {
    db.run(move |conn| {
        let rows = invitations::table
            .filter(invitations::case_id.eq(case_id))
            .order(invitations::id)
            .select((
                invitations::id,
                invitations::label,
                invitations::expires_at,
                invitations::used_at,
                invitations::revoked_at,
            ))
            .load::<(i64, String, i64, Option<i64>, Option<i64>)>(conn)?;
        rows.into_iter()
            .map(|(id, naam, expires_at, used_at, revoked_at)| {
                Ok(IntermediaryInvitation {
                    id,
                    naam,
                    geldig_tot: date_of(expires_at)?,
                    gebruikt: used_at.is_some(),
                    ingetrokken: revoked_at.is_some(),
                    link: None,
                })
            })
            .collect()
    })
    .await
}

/// Revokes an invitation of this case; false when there is none.
pub async fn revoke(db: &Db, case_id: i64, id: i64) -> StoreResult<bool> {
    db.run(move |conn| {
        let revoked = diesel::update(
            invitations::table
                .find(id)
                .filter(invitations::case_id.eq(case_id))
                .filter(invitations::revoked_at.is_null()),
        )
        .set(invitations::revoked_at.eq(now()))
        .execute(conn)?;
        Ok(revoked == 1)
    })
    .await
}

/// Uses the token once: opens a session and returns its token and CSRF token. `None` when the
/// token is unknown, used, revoked or expired (all answer alike).
pub async fn open_session(db: &Db, token: &str) -> StoreResult<Option<(String, String)>> {
    // Keyed, or the plain SHA-256 of an invitation made before the server key.
    let hashes = secret_hashes(token);
    let session = random_token(32)?;
    let csrf = random_token(32)?;
    let session_hash = secret_hash(&session);
    let session_csrf = csrf.clone();
    let opened = db
        .transaction(move |conn| {
            let at = now();
            let usable = invitations::table
                .filter(invitations::token_hash.eq_any(hashes))
                .filter(invitations::used_at.is_null())
                .filter(invitations::revoked_at.is_null())
                .filter(invitations::expires_at.gt(at));
            let update = diesel::update(usable).set(invitations::used_at.eq(at));
            let Some(invitation) = both!(conn, |c| update
                .returning(invitations::id)
                .get_result::<i64>(c)
                .optional())?
            else {
                return Ok::<_, StoreError>(false);
            };
            diesel::insert_into(sessions::table)
                .values((
                    sessions::token_hash.eq(session_hash),
                    sessions::invitation_id.eq(invitation),
                    sessions::csrf_token.eq(session_csrf),
                    sessions::created_at.eq(at),
                    sessions::last_seen_at.eq(at),
                ))
                .execute(conn)?;
            Ok(true)
        })
        .await?;
    Ok(opened.then_some((session, csrf)))
}

/// A live intermediair session.
pub struct IntermediarySession {
    pub invitation_id: i64,
    pub case_id: i64,
    pub label: String,
    pub expires_at: i64,
    pub csrf_token: String,
}

impl IntermediarySession {
    pub fn valid_until(&self) -> StoreResult<Date> {
        date_of(self.expires_at)
    }
}

/// The session behind a token, while its invitation still works.
/// An intermediair's session lives like a staff session: 2 hours without use, 12 at most
/// (and never past its invitation).
const INTERMEDIARY_LIFETIME: Lifetime = Lifetime {
    idle: IDLE_SECONDS,
    absolute: ABSOLUTE_SECONDS,
};

/// The session behind `token_hash`, if it is alive: expired ones are removed, used ones
/// touched (`accounts::keep`).
pub async fn session(db: &Db, token_hash: &str) -> StoreResult<Option<IntermediarySession>> {
    let hash = token_hash.to_owned();
    let found = db
        .run(move |conn| {
            let row = sessions::table
                .inner_join(invitations::table)
                .filter(sessions::token_hash.eq(hash))
                .filter(invitations::revoked_at.is_null())
                .filter(invitations::expires_at.gt(now()))
                .select((
                    invitations::id,
                    invitations::case_id,
                    invitations::label,
                    invitations::expires_at,
                    sessions::csrf_token,
                    sessions::created_at,
                    sessions::last_seen_at,
                ))
                .first::<(i64, i64, String, i64, String, i64, i64)>(conn)
                .optional()?;
            Ok(row.map(
                |(invitation_id, case_id, label, expires_at, csrf_token, created, seen)| {
                    let session = IntermediarySession {
                        invitation_id,
                        case_id,
                        label,
                        expires_at,
                        csrf_token,
                    };
                    (session, INTERMEDIARY_LIFETIME.verdict(created, seen))
                },
            ))
        })
        .await?;
    let Some((session, verdict)) = found else {
        return Ok(None);
    };
    let alive = keep(db, Sessions::Intermediaries, token_hash, verdict).await?;
    Ok(alive.then_some(session))
}

/// Signs out: the session is gone (the invitation stays used: a new one comes from the helper).
pub async fn end_session(db: &Db, token_hash: &str) -> StoreResult<()> {
    let hash = token_hash.to_owned();
    db.run(move |conn| {
        diesel::delete(sessions::table.find(hash)).execute(conn)?;
        Ok(())
    })
    .await
}
