//! Two-factor sign-in in the store: whether an account needs a second factor and has one,
//! the short-lived step between the password and the code, app codes accepted once (the
//! last step used is kept), and recovery codes (hashed, each used once). Every acceptance
//! is one conditional update, so two requests at once cannot both pass with one code.

use diesel::prelude::*;
use model::lifecycle::Role;

use super::accounts::{account_columns, account_from, may_sign_in, Account, AccountRecord};
use super::audit::{self, Action};
use super::conn::both;
use super::schema::{accounts, organisations, recovery_codes, sign_in_steps};
use super::StoreResult;
use crate::clock::now;
use crate::store::db::Db;

/// How long the step between password and code lives.
pub const STEP_SECONDS: i64 = 300;

/// Where an account stands with its second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Factor {
    /// Set up: every sign-in asks for a code from the app with this secret.
    Set { secret: String },
    /// Not set up, and required: the next sign-in sets it up.
    Needed,
    /// Not set up and not required.
    Off,
}

/// The account's second factor, and whether it needs one.
pub async fn factor_of(db: &Db, account: i64) -> StoreResult<Factor> {
    let (secret, required) = standing(db, account).await?;
    Ok(match secret {
        Some(secret) => Factor::Set { secret },
        None if required => Factor::Needed,
        None => Factor::Off,
    })
}

/// Whether the account must sign in with a second factor (its role, or its organisation,
/// asks it; demo accounts are exempt).
pub async fn required_for(db: &Db, account: i64) -> StoreResult<bool> {
    Ok(standing(db, account).await?.1)
}

/// The account's secret, and whether a second factor is required of it.
async fn standing(db: &Db, account: i64) -> StoreResult<(Option<String>, bool)> {
    db.run(move |conn| {
        let (role, secret, exempt, organisation_requires): (
            String,
            Option<String>,
            bool,
            Option<bool>,
        ) = accounts::table
            .left_join(organisations::table)
            .filter(accounts::id.eq(account))
            .select((
                accounts::role,
                accounts::totp_secret,
                accounts::two_factor_exempt,
                organisations::two_factor_required.nullable(),
            ))
            .get_result(conn)?;
        let role = super::role_of(&role)?;
        let required =
            !exempt && model::two_factor::required(role, organisation_requires.unwrap_or(false));
        Ok((secret, required))
    })
    .await
}

/// Starts the step after a right password. During set-up it holds the new secret until a
/// code shows the app has it. Steps past their time are cleared on the way.
pub async fn begin(
    db: &Db,
    token_hash: &str,
    account: i64,
    new_secret: Option<String>,
) -> StoreResult<()> {
    let hash = token_hash.to_owned();
    db.run(move |conn| {
        let at = now();
        diesel::delete(sign_in_steps::table.filter(sign_in_steps::expires_at.lt(at)))
            .execute(conn)?;
        diesel::insert_into(sign_in_steps::table)
            .values((
                sign_in_steps::token_hash.eq(hash),
                sign_in_steps::account_id.eq(account),
                sign_in_steps::new_secret.eq(new_secret),
                sign_in_steps::expires_at.eq(at + STEP_SECONDS),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// A live step: whose it is, and what the code is checked against.
#[derive(Debug, Clone)]
pub struct Step {
    pub account: Account,
    pub check: Against,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Against {
    /// The account's secret (its codes, or a recovery code).
    Secret(String),
    /// The secret being set up.
    New(String),
}

/// The step behind this token, while it lives and its account may sign in.
pub async fn step(db: &Db, token_hash: &str) -> StoreResult<Option<Step>> {
    let hash = token_hash.to_owned();
    db.run(move |conn| {
        let row = sign_in_steps::table
            .inner_join(accounts::table.left_join(organisations::table))
            .filter(sign_in_steps::token_hash.eq(hash))
            .filter(sign_in_steps::expires_at.ge(now()))
            .filter(may_sign_in())
            .select((
                account_columns(),
                accounts::totp_secret,
                sign_in_steps::new_secret,
            ))
            .get_result::<(AccountRecord, Option<String>, Option<String>)>(conn)
            .optional()?;
        let Some((account, secret, new_secret)) = row else {
            return Ok(None);
        };
        // A step with a new secret sets it up (at sign-in, or a change on the own account
        // page); [`set_up`] refuses it when the secret changed meanwhile.
        let check = match (new_secret, secret) {
            (Some(new), _) => Against::New(new),
            (None, Some(secret)) => Against::Secret(secret),
            // Neither: the factor was reset meanwhile; sign in again.
            (None, None) => return Ok(None),
        };
        Ok(Some(Step {
            account: account_from(account)?,
            check,
        }))
    })
    .await
}

/// Ends the step; `false` when another request ended it first (only one may sign in).
pub async fn finish(db: &Db, token_hash: &str) -> StoreResult<bool> {
    let hash = token_hash.to_owned();
    db.run(move |conn| Ok(diesel::delete(sign_in_steps::table.find(hash)).execute(conn)? == 1))
        .await
}

/// Takes the app's code for time step `step`, once: refused when this step or a later one
/// was used already.
pub async fn accept_app_code(db: &Db, account: i64, step: i64) -> StoreResult<bool> {
    db.run(move |conn| {
        let taken = diesel::update(
            accounts::table
                .find(account)
                .filter(accounts::totp_secret.is_not_null())
                .filter(accounts::totp_last_step.lt(step)),
        )
        .set(accounts::totp_last_step.eq(step))
        .execute(conn)?;
        Ok(taken == 1)
    })
    .await
}

/// Uses one recovery code (by its hash), once.
pub async fn use_recovery_code(db: &Db, account: &Account, code_hash: &str) -> StoreResult<bool> {
    let (id, role, hash) = (account.id, account.role, code_hash.to_owned());
    db.transaction(move |conn| {
        let used = diesel::update(
            recovery_codes::table
                .filter(recovery_codes::account_id.eq(id))
                .filter(recovery_codes::code_hash.eq(hash))
                .filter(recovery_codes::used_at.is_null()),
        )
        .set(recovery_codes::used_at.eq(now()))
        .execute(conn)?;
        if used == 1 {
            audit::record_about_in(
                conn,
                role,
                Some(id),
                Action::UseRecoveryCode,
                &format!("account/{id}"),
            )?;
        }
        Ok(used == 1)
    })
    .await
}

/// Keeps the set-up secret (its first code was for `step`) and new recovery codes, in place
/// of the secret `was` (none at a first set-up) and any old codes. `false` when the secret
/// changed meanwhile (set up twice at once, or reset by a beheerder).
pub async fn set_up(
    db: &Db,
    account: i64,
    role: Role,
    was: Option<String>,
    secret: String,
    step: i64,
    recovery_hashes: Vec<String>,
) -> StoreResult<bool> {
    db.transaction(move |conn| {
        let target = accounts::table.find(account);
        let update = (
            accounts::totp_secret.eq(secret),
            accounts::totp_last_step.eq(step),
        );
        let set = match was {
            None => diesel::update(target.filter(accounts::totp_secret.is_null()))
                .set(update)
                .execute(conn)?,
            Some(was) => diesel::update(target.filter(accounts::totp_secret.eq(was)))
                .set(update)
                .execute(conn)?,
        };
        if set == 0 {
            return Ok(false);
        }
        diesel::delete(recovery_codes::table.filter(recovery_codes::account_id.eq(account)))
            .execute(conn)?;
        let rows: Vec<_> = recovery_hashes
            .into_iter()
            .map(|hash| {
                (
                    recovery_codes::account_id.eq(account),
                    recovery_codes::code_hash.eq(hash),
                )
            })
            .collect();
        let insert = diesel::insert_into(recovery_codes::table).values(rows);
        both!(conn, |c| insert.execute(c))?;
        audit::record_about_in(
            conn,
            role,
            Some(account),
            Action::SetUpSecondFactor,
            &format!("account/{account}"),
        )?;
        Ok(true)
    })
    .await
}

/// Recovery codes not used yet.
pub async fn recovery_codes_left(db: &Db, account: i64) -> StoreResult<i64> {
    db.run(move |conn| {
        Ok(recovery_codes::table
            .filter(recovery_codes::account_id.eq(account))
            .filter(recovery_codes::used_at.is_null())
            .count()
            .get_result(conn)?)
    })
    .await
}
