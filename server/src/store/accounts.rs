//! Organisations, accounts and sessions.

use diesel::prelude::*;
use model::lifecycle::Role;

use super::schema::{accounts, organisations, sessions};
use super::{role_of, Conn, StoreResult};
use crate::clock::now;
use crate::store::conn::both;
use crate::store::db::Db;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
}

/// A session ends after this long without a request…
pub const IDLE_SECONDS: i64 = 2 * 3600;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_SECONDS: i64 = 12 * 3600;

pub async fn create_organisation(db: &Db, name: &str, is_demo: bool) -> StoreResult<i64> {
    let name = name.to_owned();
    db.run(move |conn| {
        let insert = diesel::insert_into(organisations::table).values((
            organisations::name.eq(name),
            organisations::is_demo.eq(is_demo),
            organisations::created_at.eq(now()),
        ));
        Ok(both!(conn, |c| insert
            .returning(organisations::id)
            .get_result(c))?)
    })
    .await
}

pub async fn create_account(
    db: &Db,
    organisation_id: Option<i64>,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
) -> StoreResult<i64> {
    let (email, name, hash) = (
        email.to_lowercase(),
        name.to_owned(),
        password_hash.to_owned(),
    );
    db.run(move |conn| {
        let insert = diesel::insert_into(accounts::table).values((
            accounts::organisation_id.eq(organisation_id),
            accounts::email.eq(email),
            accounts::name.eq(name),
            accounts::role.eq(role.as_str()),
            accounts::password_hash.eq(hash),
            accounts::created_at.eq(now()),
        ));
        Ok(both!(conn, |c| insert
            .returning(accounts::id)
            .get_result(c))?)
    })
    .await
}

/// Demo mode's accounts (their passwords are public) sign in without a second factor.
pub async fn exempt_from_second_factor(db: &Db, account: i64) -> StoreResult<()> {
    db.run(move |conn| {
        diesel::update(accounts::table.find(account))
            .set(accounts::two_factor_exempt.eq(true))
            .execute(conn)?;
        Ok(())
    })
    .await
}

pub(super) type AccountColumns = (
    accounts::id,
    accounts::name,
    accounts::email,
    accounts::role,
    accounts::organisation_id,
    diesel::dsl::Nullable<organisations::name>,
);

/// An account's columns, with its organisation's name (staff have none).
pub(super) fn account_columns() -> AccountColumns {
    (
        accounts::id,
        accounts::name,
        accounts::email,
        accounts::role,
        accounts::organisation_id,
        organisations::name.nullable(),
    )
}

/// An account may sign in, and its sessions count, while it is active and so is its
/// organisation (staff have none). Checked on every request: a deactivation works at once.
#[diesel::dsl::auto_type]
pub(super) fn may_sign_in() -> _ {
    accounts::active.eq(true).and(
        accounts::organisation_id
            .is_null()
            .or(organisations::active.nullable().eq(true)),
    )
}

pub(super) type AccountRecord = (i64, String, String, String, Option<i64>, Option<String>);

pub(super) fn account_from(
    (id, name, email, role, organisation_id, organisation_name): AccountRecord,
) -> StoreResult<Account> {
    Ok(Account {
        id,
        name,
        email,
        role: role_of(&role)?,
        organisation_id,
        organisation_name,
    })
}

/// The account and its password hash, by e-mail address.
pub async fn by_email(db: &Db, email: &str) -> StoreResult<Option<(Account, String)>> {
    let email = email.trim().to_lowercase();
    db.run(move |conn| {
        let row = accounts::table
            .left_join(organisations::table)
            .filter(accounts::email.eq(email))
            .filter(may_sign_in())
            // Invited, but no password chosen yet.
            .filter(accounts::password_hash.ne(""))
            .select((account_columns(), accounts::password_hash))
            .first::<(AccountRecord, String)>(conn)
            .optional()?;
        row.map(|(account, hash)| Ok((account_from(account)?, hash)))
            .transpose()
    })
    .await
}

/// Stores `new` as the account's password hash, made anew from the same password with today's
/// parameters, unless the password changed since `old` was read (then nothing happens).
pub async fn rehash_password(db: &Db, account: i64, old: String, new: String) -> StoreResult<()> {
    db.run(move |conn| {
        diesel::update(
            accounts::table
                .find(account)
                .filter(accounts::password_hash.eq(old)),
        )
        .set(accounts::password_hash.eq(new))
        .execute(conn)?;
        Ok(())
    })
    .await
}

/// The longest user agent kept (for the own account page's list of sessions).
const USER_AGENT_MAX: usize = 200;

pub async fn create_session(
    db: &Db,
    token_hash: &str,
    account_id: i64,
    csrf_token: &str,
    user_agent: Option<&str>,
) -> StoreResult<()> {
    let (token_hash, csrf_token) = (token_hash.to_owned(), csrf_token.to_owned());
    let user_agent: Option<String> = user_agent.map(|ua| ua.chars().take(USER_AGENT_MAX).collect());
    db.run(move |conn| {
        let at = now();
        diesel::insert_into(sessions::table)
            .values((
                sessions::token_hash.eq(token_hash),
                sessions::account_id.eq(account_id),
                sessions::csrf_token.eq(csrf_token),
                sessions::created_at.eq(at),
                sessions::last_seen_at.eq(at),
                sessions::user_agent.eq(user_agent),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

pub const STAFF_LIFETIME: Lifetime = Lifetime {
    idle: IDLE_SECONDS,
    absolute: ABSOLUTE_SECONDS,
};

/// The account behind a session, the session's CSRF token, and what the session's lifetime
/// says about it (apply that with [`keep`]). Only reads.
pub fn session_in(
    conn: &mut Conn,
    token_hash: &str,
) -> StoreResult<Option<(Account, String, Verdict)>> {
    let row = sessions::table
        .inner_join(accounts::table.left_join(organisations::table))
        .filter(sessions::token_hash.eq(token_hash))
        .filter(may_sign_in())
        .select((
            account_columns(),
            sessions::csrf_token,
            sessions::created_at,
            sessions::last_seen_at,
        ))
        .get_result::<(AccountRecord, String, i64, i64)>(conn)
        .optional()?;
    let Some((account, csrf, created, last_seen)) = row else {
        return Ok(None);
    };
    let verdict = STAFF_LIFETIME.verdict(created, last_seen);
    Ok(Some((account_from(account)?, csrf, verdict)))
}

/// The account behind a live session, and the session's CSRF token. Touches the session, so
/// it stays alive while it is used; an expired one is removed.
pub async fn session(db: &Db, token_hash: &str) -> StoreResult<Option<(Account, String)>> {
    let hash = token_hash.to_owned();
    let Some((account, csrf, verdict)) = db.run(move |conn| session_in(conn, &hash)).await? else {
        return Ok(None);
    };
    let alive = keep(db, Sessions::Accounts, token_hash, verdict).await?;
    Ok(alive.then_some((account, csrf)))
}

/// The table a kind of session lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sessions {
    /// Helpers, staff and beheerders.
    Accounts,
    /// Citizens, each signed in to their own case.
    Citizens,
    /// Intermediairs, each through their invitation.
    Intermediaries,
}

/// Applies a session's [`Verdict`]: an expired session is removed, a live one is touched
/// when due — a write, so at most once a minute per session. Answers whether it is alive.
pub async fn keep(
    db: &Db,
    table: Sessions,
    token_hash: &str,
    verdict: Verdict,
) -> StoreResult<bool> {
    if verdict == Verdict::Fresh {
        return Ok(true);
    }
    let hash = token_hash.to_owned();
    db.run(move |conn| {
        use super::schema::citizen_sessions as citizens;
        use super::schema::intermediary_sessions as intermediaries;
        match (verdict, table) {
            (Verdict::Expired, Sessions::Accounts) => {
                diesel::delete(sessions::table.find(hash)).execute(conn)?
            }
            (Verdict::Expired, Sessions::Citizens) => {
                diesel::delete(citizens::table.find(hash)).execute(conn)?
            }
            (Verdict::Touch(at), Sessions::Accounts) => diesel::update(sessions::table.find(hash))
                .set(sessions::last_seen_at.eq(at))
                .execute(conn)?,
            (Verdict::Touch(at), Sessions::Citizens) => diesel::update(citizens::table.find(hash))
                .set(citizens::last_seen_at.eq(at))
                .execute(conn)?,
            (Verdict::Expired, Sessions::Intermediaries) => {
                diesel::delete(intermediaries::table.find(hash)).execute(conn)?
            }
            (Verdict::Touch(at), Sessions::Intermediaries) => {
                diesel::update(intermediaries::table.find(hash))
                    .set(intermediaries::last_seen_at.eq(at))
                    .execute(conn)?
            }
            (Verdict::Fresh, _) => 0,
        };
        Ok(())
    })
    .await?;
    Ok(verdict != Verdict::Expired)
}

pub async fn delete_session(db: &Db, token_hash: &str) -> StoreResult<()> {
    let token_hash = token_hash.to_owned();
    db.run(move |conn| {
        diesel::delete(sessions::table.find(token_hash)).execute(conn)?;
        Ok(())
    })
    .await
}

/// How long a session lives. One rule for every kind of session: expired ones are removed;
/// live ones are touched at most once a minute (a write per request would serialise readers
/// on SQLite).
pub struct Lifetime {
    pub idle: i64,
    pub absolute: i64,
}

/// What to do with a session that was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Past its idle or absolute limit: remove it; the request is not signed in.
    Expired,
    /// Alive, and last touched a minute or more ago: set `last_seen_at` to this.
    Touch(i64),
    /// Alive and touched within the minute.
    Fresh,
}

impl Lifetime {
    /// The verdict on a session made at `created` and last seen at `last_seen`.
    pub fn verdict(&self, created: i64, last_seen: i64) -> Verdict {
        let at = now();
        if at - last_seen > self.idle || at - created > self.absolute {
            Verdict::Expired
        } else if at - last_seen >= 60 {
            Verdict::Touch(at)
        } else {
            Verdict::Fresh
        }
    }
}
