//! Beheer: organisations, teams and accounts, and the one-time links with which a person
//! chooses a password (an invitation, a reset). Every change writes its audit row in the
//! same transaction. Links are stored as hashes only.

use std::collections::HashMap;

use diesel::prelude::*;
use model::beheer::{
    AccountState, AccountView, Assignment, CheckedOrganisation, CheckedTeam, LinkInfo, LinkPurpose,
    Organisation, OrganisationKind, Team,
};
use model::lifecycle::Role;

use super::accounts::{account_columns, account_from, AccountRecord};
use super::audit::{self, Action};
use super::conn::both;
use super::outbox;
use super::schema::{
    account_links, account_teams, accounts, cases, organisations, sessions, teams,
};
use super::{role_of, Conn, StoreError};
use crate::clock::now;
use crate::store::db::Db;

/// How long an invitation or reset link works.
pub const LINK_SECONDS: i64 = 72 * 3600;

/// Why a beheer change was refused.
#[derive(Debug, thiserror::Error)]
pub enum BeheerError {
    #[error("not found")]
    NotFound,
    #[error("an organisation with this name exists")]
    OrganisationNameTaken,
    #[error("a team with this name exists")]
    TeamNameTaken,
    #[error("an account with this e-mail address exists")]
    EmailTaken,
    #[error("unknown organisation")]
    UnknownOrganisation,
    #[error("unknown team")]
    UnknownTeam,
    #[error("the last active beheerder")]
    LastBeheerder,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for BeheerError {
    fn from(err: diesel::result::Error) -> Self {
        BeheerError::Store(err.into())
    }
}

type BeheerResult<T> = Result<T, BeheerError>;

/// The beheerder who makes a change, for the audit row.
#[derive(Debug, Clone, Copy)]
pub struct By(pub i64);

fn audit_in(conn: &mut Conn, by: By, action: Action, subject: String) -> BeheerResult<()> {
    Ok(audit::record_about_in(
        conn,
        Role::Beheerder,
        Some(by.0),
        action,
        &subject,
    )?)
}

fn kind_of(text: &str) -> Result<OrganisationKind, StoreError> {
    OrganisationKind::parse(text)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown organisation kind {text}")))
}

/// Counts per id, from `(id, count)` rows.
fn counts(rows: Vec<(i64, i64)>) -> HashMap<i64, i64> {
    rows.into_iter().collect()
}

pub async fn organisations(db: &Db) -> BeheerResult<Vec<Organisation>> {
    db.run(|conn| {
        let case_counts = counts(
            cases::table
                .group_by(cases::organisation_id)
                .select((cases::organisation_id, diesel::dsl::count_star()))
                .load(conn)?,
        );
        let account_counts: Vec<(Option<i64>, i64)> = accounts::table
            .filter(accounts::organisation_id.is_not_null())
            .group_by(accounts::organisation_id)
            .select((accounts::organisation_id, diesel::dsl::count_star()))
            .load(conn)?;
        let account_counts: HashMap<i64, i64> = account_counts
            .into_iter()
            .filter_map(|(id, n)| Some((id?, n)))
            .collect();
        let rows: Vec<(i64, String, String, Option<String>, bool, bool)> = organisations::table
            .order(organisations::name)
            .select((
                organisations::id,
                organisations::name,
                organisations::kind,
                organisations::contact,
                organisations::active,
                organisations::two_factor_required,
            ))
            .load(conn)?;
        rows.into_iter()
            .map(
                |(id, naam, kind, contact, actief, tweede_factor_verplicht)| {
                    Ok(Organisation {
                        id,
                        naam,
                        soort: kind_of(&kind)?,
                        contact,
                        actief,
                        tweede_factor_verplicht,
                        zaken: case_counts.get(&id).copied().unwrap_or(0),
                        accounts: account_counts.get(&id).copied().unwrap_or(0),
                    })
                },
            )
            .collect::<Result<_, StoreError>>()
    })
    .await
    .map_err(BeheerError::from)
}

fn name_taken(err: BeheerError, taken: BeheerError) -> BeheerError {
    match err {
        BeheerError::Store(e) if e.is_unique_violation() => taken,
        other => other,
    }
}

pub async fn create_organisation(db: &Db, by: By, input: CheckedOrganisation) -> BeheerResult<i64> {
    db.transaction(move |conn| {
        let insert = diesel::insert_into(organisations::table).values((
            organisations::name.eq(&input.naam),
            organisations::kind.eq(input.soort.as_str()),
            organisations::contact.eq(&input.contact),
            organisations::is_demo.eq(false),
            organisations::active.eq(true),
            organisations::two_factor_required.eq(input.tweede_factor_verplicht),
            organisations::created_at.eq(now()),
        ));
        let id: i64 = both!(conn, |c| insert.returning(organisations::id).get_result(c))?;
        audit_in(
            conn,
            by,
            Action::CreateOrganisation,
            format!("organisatie/{id}"),
        )?;
        Ok(id)
    })
    .await
    .map_err(|e| name_taken(e, BeheerError::OrganisationNameTaken))
}

/// Renames, re-kinds or (de)activates an organisation. Deactivated, its helpers can no
/// longer sign in (their sessions end at once); its cases stay.
pub async fn update_organisation(
    db: &Db,
    by: By,
    id: i64,
    input: CheckedOrganisation,
) -> BeheerResult<()> {
    db.transaction(move |conn| {
        let changed = diesel::update(organisations::table.find(id))
            .set((
                organisations::name.eq(&input.naam),
                organisations::kind.eq(input.soort.as_str()),
                organisations::contact.eq(&input.contact),
                organisations::active.eq(input.actief),
                organisations::two_factor_required.eq(input.tweede_factor_verplicht),
            ))
            .execute(conn)?;
        if changed == 0 {
            return Err(BeheerError::NotFound);
        }
        if !input.actief {
            let helpers = accounts::table
                .filter(accounts::organisation_id.eq(id))
                .select(accounts::id);
            diesel::delete(sessions::table.filter(sessions::account_id.eq_any(helpers)))
                .execute(conn)?;
        }
        audit_in(
            conn,
            by,
            Action::ChangeOrganisation,
            format!("organisatie/{id}"),
        )
    })
    .await
    .map_err(|e| name_taken(e, BeheerError::OrganisationNameTaken))
}

pub async fn teams(db: &Db) -> BeheerResult<Vec<Team>> {
    db.run(|conn| {
        let members = counts(
            account_teams::table
                .inner_join(accounts::table)
                .filter(accounts::active.eq(true))
                .group_by(account_teams::team_id)
                .select((account_teams::team_id, diesel::dsl::count_star()))
                .load(conn)?,
        );
        let rows: Vec<(i64, String, bool, bool)> = teams::table
            .order(teams::name)
            .select((teams::id, teams::name, teams::triage, teams::break_glass))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, naam, triage, inzage_met_reden)| Team {
                id,
                naam,
                leden: members.get(&id).copied().unwrap_or(0),
                triage,
                inzage_met_reden,
            })
            .collect())
    })
    .await
    .map_err(BeheerError::from)
}

pub async fn create_team(db: &Db, by: By, team: CheckedTeam) -> BeheerResult<i64> {
    db.transaction(move |conn| {
        let insert = diesel::insert_into(teams::table).values((
            teams::name.eq(&team.naam),
            teams::created_at.eq(now()),
            teams::triage.eq(team.triage),
            teams::break_glass.eq(team.inzage_met_reden),
        ));
        let id: i64 = both!(conn, |c| insert.returning(teams::id).get_result(c))?;
        audit_in(conn, by, Action::CreateTeam, format!("team/{id}"))?;
        Ok(id)
    })
    .await
    .map_err(|e| name_taken(e, BeheerError::TeamNameTaken))
}

/// Renames a team or changes what its members may (triage, opening with a reason).
pub async fn update_team(db: &Db, by: By, id: i64, team: CheckedTeam) -> BeheerResult<()> {
    db.transaction(move |conn| {
        let changed = diesel::update(teams::table.find(id))
            .set((
                teams::name.eq(&team.naam),
                teams::triage.eq(team.triage),
                teams::break_glass.eq(team.inzage_met_reden),
            ))
            .execute(conn)?;
        if changed != 1 {
            return Err(BeheerError::NotFound);
        }
        audit_in(conn, by, Action::ChangeTeam, format!("team/{id}"))?;
        Ok(())
    })
    .await
    .map_err(|e| name_taken(e, BeheerError::TeamNameTaken))
}

/// An account's columns, whether it is active, its password hash (empty: invited) and
/// whether it has a second factor.
type AccountRow = (AccountRecord, bool, String, bool);

fn view_of(
    (record, active, hash, second_factor): AccountRow,
    teams: Vec<i64>,
) -> Result<AccountView, StoreError> {
    let account = account_from(record)?;
    Ok(AccountView {
        id: account.id,
        naam: account.name,
        email: account.email,
        rol: account.role,
        organisatie_id: account.organisation_id,
        organisatie: account.organisation_name,
        teams,
        tweede_factor: second_factor,
        stand: if !active {
            AccountState::Gedeactiveerd
        } else if hash.is_empty() {
            AccountState::Uitgenodigd
        } else {
            AccountState::Actief
        },
    })
}

/// Every account of the installation.
pub async fn accounts(db: &Db) -> BeheerResult<Vec<AccountView>> {
    db.run(|conn| {
        let mut memberships: HashMap<i64, Vec<i64>> = HashMap::new();
        let pairs: Vec<(i64, i64)> = account_teams::table
            .order((account_teams::account_id, account_teams::team_id))
            .select((account_teams::account_id, account_teams::team_id))
            .load(conn)?;
        for (account, team) in pairs {
            memberships.entry(account).or_default().push(team);
        }
        let rows: Vec<AccountRow> = accounts::table
            .left_join(organisations::table)
            .order(accounts::name)
            .select((
                account_columns(),
                accounts::active,
                accounts::password_hash,
                accounts::totp_secret.is_not_null(),
            ))
            .load(conn)?;
        rows.into_iter()
            .map(|row| {
                let teams = memberships.remove(&row.0 .0).unwrap_or_default();
                view_of(row, teams)
            })
            .collect::<Result<_, StoreError>>()
    })
    .await
    .map_err(BeheerError::from)
}

/// Sets an account's teams to `teams` (all must exist).
fn set_teams_in(conn: &mut Conn, account: i64, wanted: &[i64]) -> BeheerResult<()> {
    let known: i64 = teams::table
        .filter(teams::id.eq_any(wanted))
        .count()
        .get_result(conn)?;
    if known != wanted.len() as i64 {
        return Err(BeheerError::UnknownTeam);
    }
    diesel::delete(account_teams::table.filter(account_teams::account_id.eq(account)))
        .execute(conn)?;
    let rows: Vec<_> = wanted
        .iter()
        .map(|team| {
            (
                account_teams::account_id.eq(account),
                account_teams::team_id.eq(*team),
            )
        })
        .collect();
    let insert = diesel::insert_into(account_teams::table).values(&rows);
    both!(conn, |c| insert.execute(c))?;
    Ok(())
}

/// A helper's organisation must exist and be active.
fn check_organisation_in(conn: &mut Conn, assignment: &Assignment) -> BeheerResult<()> {
    if let Some(id) = assignment.organisation() {
        let usable: i64 = organisations::table
            .find(id)
            .filter(organisations::active.eq(true))
            .count()
            .get_result(conn)?;
        if usable == 0 {
            return Err(BeheerError::UnknownOrganisation);
        }
    }
    Ok(())
}

/// A new link for `account`: the token to send (only its hash is stored). Earlier open
/// links of the account stop working.
fn new_link_in(conn: &mut Conn, account: i64, purpose: LinkPurpose) -> BeheerResult<String> {
    let at = now();
    revoke_links_in(conn, account, at)?;
    let token = crate::crypto::random_token(32).map_err(StoreError::from)?;
    diesel::insert_into(account_links::table)
        .values((
            account_links::token_hash.eq(crate::crypto::secret_hash(&token)),
            account_links::account_id.eq(account),
            account_links::purpose.eq(purpose.as_str()),
            account_links::created_at.eq(at),
            account_links::expires_at.eq(at + LINK_SECONDS),
        ))
        .execute(conn)?;
    Ok(token)
}

pub(super) fn revoke_links_in(conn: &mut Conn, account: i64, at: i64) -> QueryResult<usize> {
    diesel::update(
        account_links::table
            .filter(account_links::account_id.eq(account))
            .filter(account_links::used_at.is_null())
            .filter(account_links::revoked_at.is_null()),
    )
    .set(account_links::revoked_at.eq(at))
    .execute(conn)
}

/// A new link of `purpose` for the account, mailed to its holder.
fn send_link_in(
    conn: &mut Conn,
    account: i64,
    name: &str,
    email: &str,
    purpose: LinkPurpose,
    public_url: &str,
) -> BeheerResult<String> {
    let token = new_link_in(conn, account, purpose)?;
    mail_link_in(conn, name, email, purpose, &token, public_url)?;
    Ok(token)
}

/// The mail with a link: to the addressee, naming only them.
fn mail_link_in(
    conn: &mut Conn,
    name: &str,
    email: &str,
    purpose: LinkPurpose,
    token: &str,
    public_url: &str,
) -> BeheerResult<()> {
    // An invitation goes out before anyone chose: the account's language is Dutch then; a
    // reset is in the language the account chose.
    let lang = outbox::language_of_address_in(conn, email)?;
    let footer = model::lang::speaking(lang, outbox::footer);
    let (subject, body) = match (lang, purpose) {
        (model::Lang::En, LinkPurpose::Uitnodiging) => (
            "Your account for Bondgenoot".to_owned(),
            format!(
                "Dear {name},\n\nAn account was made for you in Bondgenoot.\n\
                 Choose your password with this link:\n{public_url}/account/uitnodiging#{token}\n\n\
                 The link works for 72 hours, and only once.\n\
                 Did you not expect this message? Then you can ignore it.\n\n{footer}\n"
            ),
        ),
        (model::Lang::En, LinkPurpose::Herstel) => (
            "New password for Bondgenoot".to_owned(),
            format!(
                "Dear {name},\n\nYou asked for a new password for Bondgenoot.\n\
                 Choose it with this link:\n{public_url}/account/herstellen#{token}\n\n\
                 The link works for 72 hours, and only once.\n\
                 Did you not ask for anything? Then you can ignore this message. Your password stays the same.\n\n{footer}\n"
            ),
        ),
        (model::Lang::Nl, LinkPurpose::Uitnodiging) => (
            "Uw account voor Bondgenoot".to_owned(),
            format!(
                "Beste {name},\n\nEr is een account voor u gemaakt in Bondgenoot.\n\
                 Kies uw wachtwoord via deze link:\n{public_url}/account/uitnodiging#{token}\n\n\
                 De link werkt 72 uur, en maar één keer.\n\
                 Verwachtte u dit bericht niet? Dan kunt u het negeren.\n\n{footer}\n"
            ),
        ),
        (model::Lang::Nl, LinkPurpose::Herstel) => (
            "Nieuw wachtwoord voor Bondgenoot".to_owned(),
            format!(
                "Beste {name},\n\nU vroeg om een nieuw wachtwoord voor Bondgenoot.\n\
                 Kies het via deze link:\n{public_url}/account/herstellen#{token}\n\n\
                 De link werkt 72 uur, en maar één keer.\n\
                 Vroeg u niets? Dan kunt u dit bericht negeren. Uw wachtwoord blijft dan hetzelfde.\n\n{footer}\n"
            ),
        ),
    };
    Ok(outbox::enqueue_about_account_in(
        conn, email, &subject, &body,
    )?)
}

/// A new invitation: the account (without password) and its link, mailed through the
/// outbox. Returns the account's id and the link's token (the CLI prints it when there is no
/// mail server).
pub async fn invite(
    db: &Db,
    by: Option<By>,
    name: String,
    email: String,
    assignment: Assignment,
    public_url: String,
) -> BeheerResult<(i64, String)> {
    db.transaction(move |conn| {
        check_organisation_in(conn, &assignment)?;
        let email = email.to_lowercase();
        let insert = diesel::insert_into(accounts::table).values((
            accounts::organisation_id.eq(assignment.organisation()),
            accounts::email.eq(&email),
            accounts::name.eq(&name),
            accounts::role.eq(assignment.role().as_str()),
            accounts::password_hash.eq(""),
            accounts::active.eq(true),
            accounts::created_at.eq(now()),
        ));
        let id: i64 = both!(conn, |c| insert.returning(accounts::id).get_result(c))
            .map_err(|e| name_taken(BeheerError::from(e), BeheerError::EmailTaken))?;
        set_teams_in(conn, id, assignment.teams())?;
        let token = send_link_in(
            conn,
            id,
            &name,
            &email,
            LinkPurpose::Uitnodiging,
            &public_url,
        )?;
        let (role, account) = match by {
            Some(By(account)) => (Role::Beheerder, Some(account)),
            None => (Role::Systeem, None),
        };
        audit::record_about_in(
            conn,
            role,
            account,
            Action::InviteAccount,
            &format!("account/{id}"),
        )?;
        Ok((id, token))
    })
    .await
}

/// Beheerders other than `except` who can sign in (active, with a password chosen).
fn other_beheerders_in(conn: &mut Conn, except: i64) -> BeheerResult<i64> {
    Ok(accounts::table
        .filter(accounts::role.eq(Role::Beheerder.as_str()))
        .filter(accounts::active.eq(true))
        .filter(accounts::password_hash.ne(""))
        .filter(accounts::id.ne(except))
        .count()
        .get_result(conn)?)
}

/// Changes an account's role, organisation, teams and whether it may sign in. A deactivated
/// account's sessions end at once and its open links stop working. No change may leave the
/// installation without an active beheerder.
pub async fn change_account(
    db: &Db,
    by: By,
    id: i64,
    assignment: Assignment,
    active: bool,
) -> BeheerResult<()> {
    db.transaction(move |conn| {
        let current: Option<(String, bool)> = accounts::table
            .find(id)
            .select((accounts::role, accounts::active))
            .get_result(conn)
            .optional()?;
        let Some((role, was_active)) = current else {
            return Err(BeheerError::NotFound);
        };
        let stays_beheerder = assignment.role() == Role::Beheerder && active;
        if role == Role::Beheerder.as_str()
            && was_active
            && !stays_beheerder
            && other_beheerders_in(conn, id)? == 0
        {
            return Err(BeheerError::LastBeheerder);
        }
        check_organisation_in(conn, &assignment)?;
        diesel::update(accounts::table.find(id))
            .set((
                accounts::role.eq(assignment.role().as_str()),
                accounts::organisation_id.eq(assignment.organisation()),
                accounts::active.eq(active),
            ))
            .execute(conn)?;
        set_teams_in(conn, id, assignment.teams())?;
        // A new role or organisation is a new set of rights: sign in again for it.
        if !active || role != assignment.role().as_str() {
            diesel::delete(sessions::table.filter(sessions::account_id.eq(id))).execute(conn)?;
        }
        if !active {
            revoke_links_in(conn, id, now())?;
        }
        audit_in(conn, by, Action::ChangeAccount, format!("account/{id}"))
    })
    .await
}

/// A fresh invitation link for an account that has not chosen a password yet.
pub async fn resend_invitation(db: &Db, by: By, id: i64, public_url: String) -> BeheerResult<()> {
    db.transaction(move |conn| {
        let row: Option<(String, String)> = accounts::table
            .find(id)
            .filter(accounts::active.eq(true))
            .filter(accounts::password_hash.eq(""))
            .select((accounts::name, accounts::email))
            .get_result(conn)
            .optional()?;
        let Some((name, email)) = row else {
            return Err(BeheerError::NotFound);
        };
        send_link_in(
            conn,
            id,
            &name,
            &email,
            LinkPurpose::Uitnodiging,
            &public_url,
        )?;
        audit_in(conn, by, Action::ResendInvitation, format!("account/{id}"))
    })
    .await
}

/// Wipes an account's second factor and recovery codes and ends its sessions and sign-in
/// steps: its next sign-in sets up a new one.
pub async fn reset_second_factor(db: &Db, by: By, id: i64) -> BeheerResult<()> {
    use super::schema::{recovery_codes, sign_in_steps};
    db.transaction(move |conn| {
        let wiped = diesel::update(accounts::table.find(id))
            .set((
                accounts::totp_secret.eq(None::<String>),
                accounts::totp_last_step.eq(0),
            ))
            .execute(conn)?;
        if wiped == 0 {
            return Err(BeheerError::NotFound);
        }
        diesel::delete(recovery_codes::table.filter(recovery_codes::account_id.eq(id)))
            .execute(conn)?;
        diesel::delete(sign_in_steps::table.filter(sign_in_steps::account_id.eq(id)))
            .execute(conn)?;
        diesel::delete(sessions::table.filter(sessions::account_id.eq(id))).execute(conn)?;
        audit_in(conn, by, Action::ResetSecondFactor, format!("account/{id}"))
    })
    .await
}

/// Stops the account's open links (an invitation sent to the wrong address, say).
pub async fn revoke_invitation(db: &Db, by: By, id: i64) -> BeheerResult<()> {
    db.transaction(move |conn| {
        if revoke_links_in(conn, id, now())? == 0 {
            return Err(BeheerError::NotFound);
        }
        audit_in(conn, by, Action::RevokeInvitation, format!("account/{id}"))
    })
    .await
}

/// A live link: not used, not revoked, not expired, its account active.
fn live_link_in(conn: &mut Conn, token_hash: &str) -> Result<Option<(i64, LinkInfo)>, StoreError> {
    let row: Option<(i64, String, String, String, String)> = account_links::table
        .inner_join(accounts::table)
        .filter(account_links::token_hash.eq(token_hash))
        .filter(account_links::used_at.is_null())
        .filter(account_links::revoked_at.is_null())
        .filter(account_links::expires_at.gt(now()))
        .filter(accounts::active.eq(true))
        .select((
            accounts::id,
            accounts::name,
            accounts::email,
            accounts::role,
            account_links::purpose,
        ))
        .get_result(conn)
        .optional()?;
    row.map(|(id, naam, email, role, purpose)| {
        let doel = LinkPurpose::parse(&purpose)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown link purpose {purpose}")))?;
        Ok((
            id,
            LinkInfo {
                naam,
                email,
                rol: role_of(&role)?,
                doel,
            },
        ))
    })
    .transpose()
}

pub async fn link(db: &Db, token_hash: &str) -> Result<Option<LinkInfo>, StoreError> {
    let hash = token_hash.to_owned();
    db.run(move |conn| Ok(live_link_in(conn, &hash)?.map(|(_, info)| info)))
        .await
}

/// Uses a live link: sets the password, ends every session of the account (a reset is
/// often because someone else got in) and every other open link. `None` when the link is
/// not live (any more): used, revoked, expired, or its account deactivated.
pub async fn use_link(
    db: &Db,
    token_hash: &str,
    password_hash: String,
) -> BeheerResult<Option<LinkInfo>> {
    let hash = token_hash.to_owned();
    db.transaction(move |conn| {
        let Some((account, info)) = live_link_in(conn, &hash)? else {
            return Ok(None);
        };
        let at = now();
        // Conditional, so two uses at once cannot both pass.
        let used = diesel::update(
            account_links::table
                .find(&hash)
                .filter(account_links::used_at.is_null()),
        )
        .set(account_links::used_at.eq(at))
        .execute(conn)?;
        if used == 0 {
            return Ok(None);
        }
        diesel::update(accounts::table.find(account))
            .set(accounts::password_hash.eq(password_hash))
            .execute(conn)?;
        diesel::delete(sessions::table.filter(sessions::account_id.eq(account))).execute(conn)?;
        revoke_links_in(conn, account, at)?;
        audit::record_about_in(
            conn,
            info.rol,
            Some(account),
            Action::ChoosePassword,
            &format!("account/{account}"),
        )?;
        Ok(Some(info))
    })
    .await
}

/// A reset link for the active account with this address, mailed through the outbox. Does
/// nothing for an unknown address (the caller answers the same either way).
pub async fn request_reset(db: &Db, email: String, public_url: String) -> BeheerResult<()> {
    let email = email.to_lowercase();
    db.transaction(move |conn| {
        let row: Option<(i64, String, String)> = accounts::table
            .filter(accounts::email.eq(&email))
            .filter(accounts::active.eq(true))
            .select((accounts::id, accounts::name, accounts::role))
            .get_result(conn)
            .optional()?;
        let Some((id, name, role)) = row else {
            return Ok(());
        };
        send_link_in(conn, id, &name, &email, LinkPurpose::Herstel, &public_url)?;
        audit::record_about_in(
            conn,
            role_of(&role)?,
            Some(id),
            Action::RequestPasswordReset,
            &format!("account/{id}"),
        )?;
        Ok(())
    })
    .await
}
