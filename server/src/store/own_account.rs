//! One's own account in the store: the live sessions, ending one, and a new password
//! (which ends every other session and every open link of the account).

use diesel::prelude::*;
use model::lifecycle::Role;
use model::Lang;

use super::accounts::{Verdict, STAFF_LIFETIME};
use super::audit::{self, Action};
use super::beheer::revoke_links_in;
use super::schema::{accounts, sessions};
use super::StoreResult;
use crate::clock::now;
use crate::store::db::Db;

/// A live session of the account, as the store keeps it.
#[derive(Debug, Clone, Queryable)]
pub struct SessionRow {
    pub token_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: Option<String>,
}

/// The account's sessions that are still alive (expired ones are left for the next request
/// that finds them), the most recently used first.
pub async fn sessions_of(db: &Db, account: i64) -> StoreResult<Vec<SessionRow>> {
    db.run(move |conn| {
        let rows: Vec<SessionRow> = sessions::table
            .filter(sessions::account_id.eq(account))
            .order(sessions::last_seen_at.desc())
            .select((
                sessions::token_hash,
                sessions::created_at,
                sessions::last_seen_at,
                sessions::user_agent,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter(|row| {
                STAFF_LIFETIME.verdict(row.created_at, row.last_seen_at) != Verdict::Expired
            })
            .collect())
    })
    .await
}

/// Ends one of the account's own sessions; `false` when it has no such session.
pub async fn end_session(
    db: &Db,
    account: i64,
    role: Role,
    token_hash: String,
) -> StoreResult<bool> {
    db.transaction(move |conn| {
        let ended = diesel::delete(
            sessions::table
                .filter(sessions::account_id.eq(account))
                .filter(sessions::token_hash.eq(token_hash)),
        )
        .execute(conn)?;
        if ended == 1 {
            audit::record_about_in(
                conn,
                role,
                Some(account),
                Action::EndSession,
                &format!("account/{account}"),
            )?;
        }
        Ok(ended == 1)
    })
    .await
}

/// Sets a new password. Every other session ends (the change is often because someone else
/// may know the old one), and so does every open invitation or reset link.
pub async fn change_password(
    db: &Db,
    account: i64,
    role: Role,
    password_hash: String,
    keep_session: String,
) -> StoreResult<()> {
    db.transaction(move |conn| {
        let at = now();
        diesel::update(accounts::table.find(account))
            .set(accounts::password_hash.eq(password_hash))
            .execute(conn)?;
        diesel::delete(
            sessions::table
                .filter(sessions::account_id.eq(account))
                .filter(sessions::token_hash.ne(keep_session)),
        )
        .execute(conn)?;
        revoke_links_in(conn, account, at)?;
        audit::record_about_in(
            conn,
            role,
            Some(account),
            Action::ChangePassword,
            &format!("account/{account}"),
        )?;
        Ok(())
    })
    .await
}

/// Whether the account gets a mail on new messages.
pub async fn message_mails(db: &Db, account: i64) -> StoreResult<bool> {
    db.run(move |conn| {
        Ok(accounts::table
            .find(account)
            .select(accounts::message_mails)
            .first(conn)?)
    })
    .await
}

/// Switches the mails on new messages on or off for the account.
pub async fn set_message_mails(db: &Db, account: i64, on: bool) -> StoreResult<()> {
    db.run(move |conn| {
        diesel::update(accounts::table.find(account))
            .set(accounts::message_mails.eq(on))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// The language the account chose; Dutch for one that never chose.
pub async fn language(db: &Db, account: i64) -> StoreResult<Lang> {
    db.run(move |conn| {
        let code: String = accounts::table
            .find(account)
            .select(accounts::language)
            .first(conn)?;
        Ok(Lang::from_stored(&code))
    })
    .await
}

/// Keeps the account's language.
pub async fn set_language(db: &Db, account: i64, lang: Lang) -> StoreResult<()> {
    db.run(move |conn| {
        diesel::update(accounts::table.find(account))
            .set(accounts::language.eq(lang.code()))
            .execute(conn)?;
        Ok(())
    })
    .await
}
