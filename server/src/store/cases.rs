//! Cases and their timeline. Status changes are compare-and-set on the old status, so two
//! people acting at once cannot both move the case.

use model::access::HIDDEN_FROM_STAFF;
use model::api::{CaseSummary, TimelineEntry};
use model::case::{CaseDraft, Submission};
use model::domain::{CaseReference, Date};
use model::lifecycle::{CaseEvent, CaseStatus, Role, TransitionError};
use sqlx::Row;

use super::StoreError;
use super::Tx;
use crate::clock::now;
use crate::crypto::random_u64;
use crate::store::db::Db;

/// A case as stored.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub id: i64,
    pub reference: String,
    pub organisation_id: i64,
    pub status: CaseStatus,
    pub draft: CaseDraft,
    pub submission: Option<Submission>,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub casemanager_id: Option<i64>,
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value)?)
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    Ok(serde_json::from_str(text)?)
}

const CASE_COLUMNS: &str = "id, reference, organisation_id, status, draft, submission, \
     created_at, updated_at, submitted_at, casemanager_id";

/// A case from a row that has the columns of `cases` under their own names.
pub(crate) fn case_from(row: &sqlx::any::AnyRow) -> Result<CaseRow, StoreError> {
    let submission: Option<String> = row.try_get("submission")?;
    Ok(CaseRow {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        organisation_id: row.try_get("organisation_id")?,
        status: parse(&row.try_get::<String, _>("status")?)?,
        draft: parse(&row.try_get::<String, _>("draft")?)?,
        submission: submission.as_deref().map(parse).transpose()?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        submitted_at: row.try_get("submitted_at")?,
        casemanager_id: row.try_get("casemanager_id")?,
    })
}

/// Creates a draft with a fresh reference (retrying on the rare collision).
pub async fn create_draft(
    db: &Db,
    organisation_id: i64,
    account_id: i64,
    draft: &CaseDraft,
) -> Result<String, StoreError> {
    let status = CaseStatus::Concept;
    for _ in 0..5 {
        let reference = CaseReference::from_random(random_u64()?).to_string();
        let at = now();
        let result = sqlx::query(
            "INSERT INTO cases (reference, organisation_id, created_by, status_key, status, draft, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&reference)
        .bind(organisation_id)
        .bind(account_id)
        .bind(status.key())
        .bind(json(&status)?)
        .bind(json(draft)?)
        .bind(at)
        .execute(db.pool())
        .await;
        match result {
            Ok(_) => return Ok(reference),
            Err(sqlx::Error::Database(err)) if err.is_unique_violation() => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(StoreError::NoFreeReference)
}

pub async fn by_reference(db: &Db, reference: &str) -> Result<Option<CaseRow>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE reference = $1"
    ))
    .bind(reference)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(case_from).transpose()
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<CaseRow>, StoreError> {
    let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(case_from).transpose()
}

/// The name of the helper organisation that submitted the case: the citizen's contact.
pub async fn organisation_name(db: &Db, organisation_id: i64) -> Result<String, StoreError> {
    let row = sqlx::query("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation_id)
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get("name")?)
}

/// Saves the draft, only while the case is still a draft.
pub async fn update_draft(db: &Db, id: i64, draft: &CaseDraft) -> Result<bool, StoreError> {
    let result = sqlx::query(
        "UPDATE cases SET draft = $1, updated_at = $2 WHERE id = $3 AND status_key = $4",
    )
    .bind(json(draft)?)
    .bind(now())
    .bind(id)
    .bind(CaseStatus::Concept.key())
    .execute(db.pool())
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn delete_draft(db: &Db, id: i64) -> Result<bool, StoreError> {
    let result = sqlx::query("DELETE FROM cases WHERE id = $1 AND status_key = $2")
        .bind(id)
        .bind(CaseStatus::Concept.key())
        .execute(db.pool())
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Who fired an event, and the messages each reader will see on the timeline.
pub struct Step<'a> {
    pub role: Role,
    pub account: Option<i64>,
    pub event: CaseEvent,
    pub message_helper: &'a str,
    pub message_citizen: &'a str,
    /// The date the step names (zienswijze sent on, eindgesprek on), if any.
    pub datum: Option<Date>,
    /// The reasons the step gives, where it must (see [`CaseEvent::needs_reasons`]).
    pub reasons: Option<&'a str>,
}

/// What became of an event on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transitioned {
    Moved(CaseStatus),
    /// The state machine does not allow it (role or state).
    Refused(TransitionError),
    /// The case was no longer in the state it was read in: someone else acted first.
    ChangedMeanwhile,
}

/// Fires `step.event` on the case inside the caller's transaction: the next state is the
/// one [`CaseStatus::apply`] gives, written as a compare-and-set on the state the case was
/// read in, with the step on the timeline. Only `crate::workflow` calls this.
pub(crate) async fn transition_in(
    tx: &mut Tx,
    case: &CaseRow,
    step: &Step<'_>,
    submission: Option<&Submission>,
) -> Result<Transitioned, StoreError> {
    let to = match case.status.apply(step.event, step.role) {
        Ok(to) => to,
        Err(refused) => return Ok(Transitioned::Refused(refused)),
    };
    let at = now();
    let result = match submission {
        Some(submission) => {
            let spoed = i64::from(!submission.spoed.is_empty());
            let termijn = submission.termijn_einddatum.map(|d| d.to_string());
            sqlx::query(
                "UPDATE cases SET status_key = $1, status = $2, updated_at = $3, submission = $4, \
                 spoed = $5, termijn = $6, submitted_at = $3 WHERE id = $7 AND status = $8",
            )
            .bind(to.key())
            .bind(json(&to)?)
            .bind(at)
            .bind(json(submission)?)
            .bind(spoed)
            .bind(termijn)
            .bind(case.id)
            .bind(json(&case.status)?)
            .execute(&mut **tx)
            .await?
        }
        None => {
            sqlx::query("UPDATE cases SET status_key = $1, status = $2, updated_at = $3 WHERE id = $4 AND status = $5")
                .bind(to.key())
                .bind(json(&to)?)
                .bind(at)
                .bind(case.id)
                .bind(json(&case.status)?)
                .execute(&mut **tx)
                .await?
        }
    };
    if result.rows_affected() != 1 {
        return Ok(Transitioned::ChangedMeanwhile);
    }
    match step.event {
        // Whoever takes the case on stays its one fixed contact (as Stella-teams work).
        CaseEvent::InBehandelingNemen => {
            sqlx::query("UPDATE cases SET casemanager_id = $1 WHERE id = $2")
                .bind(step.account)
                .bind(case.id)
                .execute(&mut **tx)
                .await?;
        }
        CaseEvent::Sluiten => {
            sqlx::query("UPDATE cases SET closed_at = $1 WHERE id = $2")
                .bind(at)
                .bind(case.id)
                .execute(&mut **tx)
                .await?;
        }
        _ => {}
    }
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor_role, actor_account, event, from_status, to_status, \
         message_helper, message_citizen, datum, reasons) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(case.id)
    .bind(at)
    .bind(step.role.as_str())
    .bind(step.account)
    .bind(json(&step.event)?)
    .bind(json(&case.status)?)
    .bind(json(&to)?)
    .bind(step.message_helper)
    .bind(step.message_citizen)
    .bind(step.datum.map(|d| d.to_string()))
    .bind(step.reasons)
    .execute(&mut **tx)
    .await?;
    Ok(Transitioned::Moved(to))
}

/// Who reads a timeline or a message list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Citizen,
    Helper,
    Staff,
}

/// How a reader knows whoever acted: a role or organisation; a staff member by name only
/// when they are the case's casemanager (the one contact the helper and citizen have).
pub fn actor_label(
    reader: Reader,
    role: Role,
    account: Option<i64>,
    account_name: Option<&str>,
    case: &CaseRow,
    organisation: &str,
) -> String {
    match role {
        Role::Burger if reader == Reader::Citizen => "U".into(),
        Role::Burger => "De burger".into(),
        Role::Hulpverlener => format!("Hulpverlener van {organisation}"),
        Role::Behandelaar | Role::Beheerder => match account_name {
            Some(name) if account.is_some() && account == case.casemanager_id => {
                format!("{name}, casemanager van de Belangenbehartiger")
            }
            Some(name) if reader == Reader::Staff => format!("{name} (Belangenbehartiger)"),
            _ => "De Belangenbehartiger".into(),
        },
        Role::Intermediair => "Een intermediair".into(),
        Role::Systeem => "Bondgenoot (automatisch)".into(),
    }
}

/// The timeline with the messages meant for `reader` (the citizen's, or the helper's, which
/// staff read too).
pub async fn timeline(
    db: &Db,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> Result<Vec<TimelineEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.at, e.actor_role, e.actor_account, a.name AS actor_name, e.from_status, e.to_status, \
         e.message_helper, e.message_citizen, e.datum, e.reasons FROM case_events e \
         LEFT JOIN accounts a ON a.id = e.actor_account WHERE e.case_id = $1 ORDER BY e.id",
    )
    .bind(case.id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("actor_role")?;
            let role = Role::parse(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?;
            let name: Option<String> = row.try_get("actor_name")?;
            let datum: Option<String> = row.try_get("datum")?;
            Ok(TimelineEntry {
                tijd: row.try_get("at")?,
                rol: role,
                door: actor_label(
                    reader,
                    role,
                    row.try_get("actor_account")?,
                    name.as_deref(),
                    case,
                    organisation,
                ),
                datum: datum.as_deref().and_then(|d| Date::parse(d).ok()),
                van: parse(&row.try_get::<String, _>("from_status")?)?,
                naar: parse(&row.try_get::<String, _>("to_status")?)?,
                bericht: row.try_get(if reader == Reader::Citizen {
                    "message_citizen"
                } else {
                    "message_helper"
                })?,
                reden: row.try_get("reasons")?,
            })
        })
        .collect()
}

/// Closed cases needed before a median lead time is shown: fewer would mislead.
pub const MEDIAN_MIN_CASES: usize = 5;

/// The median number of days from sending to closing over the closed cases in this app.
pub async fn median_closed_days(db: &Db) -> Result<Option<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT closed_at - submitted_at AS seconds FROM cases \
         WHERE status_key = 'gesloten' AND closed_at IS NOT NULL AND submitted_at IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await?;
    let mut days = rows
        .iter()
        .map(|row| Ok(row.try_get::<i64, _>("seconds")? / 86_400))
        .collect::<Result<Vec<i64>, StoreError>>()?;
    if days.len() < MEDIAN_MIN_CASES {
        return Ok(None);
    }
    days.sort_unstable();
    Ok(Some(days[days.len() / 2]))
}

pub async fn account_name(db: &Db, id: i64) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT name FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| Ok(row.try_get("name")?)).transpose()
}

fn summary_from(row: &sqlx::any::AnyRow, with_name: bool) -> Result<CaseSummary, StoreError> {
    let status: CaseStatus = parse(&row.try_get::<String, _>("status")?)?;
    let draft: CaseDraft = parse(&row.try_get::<String, _>("draft")?)?;
    let termijn: Option<String> = row.try_get("termijn")?;
    Ok(CaseSummary {
        referentie: row.try_get("reference")?,
        status,
        status_titel: status.title().to_owned(),
        ongelezen: row.try_get("unread")?,
        burger_naam: if with_name { draft.burger_naam } else { None },
        spoed: row.try_get::<i64, _>("spoed")? == 1,
        termijn: termijn.as_deref().and_then(|d| Date::parse(d).ok()),
        aangemaakt: row.try_get("created_at")?,
        bijgewerkt: row.try_get("updated_at")?,
        ingediend: row.try_get("submitted_at")?,
    })
}

const SUMMARY_COLUMNS: &str =
    "reference, status, draft, spoed, termijn, created_at, updated_at, submitted_at";

/// Messages from the other side that the reader's side has not read: `$1` is the author role.
const UNREAD: &str = "(SELECT COUNT(*) FROM case_messages m WHERE m.case_id = cases.id \
     AND m.author_role = $1 AND m.read_at IS NULL) AS unread";

/// A helper's list: every case of their organisation, newest change first.
pub async fn list_for_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<CaseSummary>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS}, {UNREAD} FROM cases WHERE organisation_id = $2 ORDER BY updated_at DESC, id DESC"
    ))
    .bind(Role::Behandelaar.as_str())
    .bind(organisation_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary_from(row, true)).collect()
}

/// Staff list (the states they see are `model::access`'s rule): cases that reached the Belangenbehartiger, urgent first, then oldest. No names.
pub async fn list_for_staff(db: &Db) -> Result<Vec<CaseSummary>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS}, {UNREAD} FROM cases WHERE status_key NOT IN ($2, $3, $4) \
         ORDER BY spoed DESC, submitted_at ASC, id ASC"
    ))
    .bind(Role::Hulpverlener.as_str())
    .bind(HIDDEN_FROM_STAFF[0].key())
    .bind(HIDDEN_FROM_STAFF[1].key())
    .bind(HIDDEN_FROM_STAFF[2].key())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary_from(row, false)).collect()
}
