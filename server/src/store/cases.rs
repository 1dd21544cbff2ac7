//! Cases and their timeline. Status changes are compare-and-set on the old status, so two
//! people acting at once cannot both move the case.

use model::api::{CaseSummary, TimelineEntry};
use model::case::{CaseDraft, Submission};
use model::domain::{CaseReference, Date};
use model::lifecycle::{CaseEvent, CaseStatus, Role};
use sqlx::Row;

use crate::auth::random_u64;
use crate::db::{now, Db, Tx};
use crate::error::ApiError;

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
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|err| ApiError::Internal(format!("encode: {err}")))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|err| ApiError::Internal(format!("stored json: {err}")))
}

const CASE_COLUMNS: &str = "id, reference, organisation_id, status, draft, submission, \
     created_at, updated_at, submitted_at";

fn case_from(row: &sqlx::any::AnyRow) -> Result<CaseRow, ApiError> {
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
    })
}

/// Creates a draft with a fresh reference (retrying on the rare collision).
pub async fn create_draft(
    db: &Db,
    organisation_id: i64,
    account_id: i64,
    draft: &CaseDraft,
) -> Result<String, ApiError> {
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
    Err(ApiError::Internal(
        "no free case reference after 5 tries".into(),
    ))
}

pub async fn by_reference(db: &Db, reference: &str) -> Result<Option<CaseRow>, ApiError> {
    let row = sqlx::query(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE reference = $1"
    ))
    .bind(reference)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(case_from).transpose()
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<CaseRow>, ApiError> {
    let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(case_from).transpose()
}

/// The name of the helper organisation that submitted the case: the citizen's contact.
pub async fn organisation_name(db: &Db, organisation_id: i64) -> Result<String, ApiError> {
    let row = sqlx::query("SELECT name FROM organisations WHERE id = $1")
        .bind(organisation_id)
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get("name")?)
}

/// Saves the draft, only while the case is still a draft.
pub async fn update_draft(db: &Db, id: i64, draft: &CaseDraft) -> Result<bool, ApiError> {
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

pub async fn delete_draft(db: &Db, id: i64) -> Result<bool, ApiError> {
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
}

/// Moves the case from `from` to `to` and adds the step to the timeline, in one transaction.
/// Returns false when the case was no longer in `from` (someone else acted first).
pub async fn transition(
    db: &Db,
    case: &CaseRow,
    to: CaseStatus,
    step: Step<'_>,
    submission: Option<&Submission>,
) -> Result<bool, ApiError> {
    let mut tx = db.pool().begin().await?;
    if !transition_in(&mut tx, case, to, step, submission).await? {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// [`transition`] inside a transaction the caller commits, for steps that change more
/// than the case (consent writes its record in the same transaction).
pub async fn transition_in(
    tx: &mut Tx,
    case: &CaseRow,
    to: CaseStatus,
    step: Step<'_>,
    submission: Option<&Submission>,
) -> Result<bool, ApiError> {
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
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor_role, actor_account, event, from_status, to_status, \
         message_helper, message_citizen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// The timeline with the messages meant for `audience` (helper and staff, or the citizen).
pub async fn timeline(
    db: &Db,
    case_id: i64,
    for_citizen: bool,
) -> Result<Vec<TimelineEntry>, ApiError> {
    let rows = sqlx::query(
        "SELECT at, actor_role, from_status, to_status, message_helper, message_citizen \
         FROM case_events WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("actor_role")?;
            Ok(TimelineEntry {
                tijd: row.try_get("at")?,
                rol: Role::parse(&role)
                    .ok_or_else(|| ApiError::Internal(format!("unknown role {role}")))?,
                van: parse(&row.try_get::<String, _>("from_status")?)?,
                naar: parse(&row.try_get::<String, _>("to_status")?)?,
                bericht: row.try_get(if for_citizen {
                    "message_citizen"
                } else {
                    "message_helper"
                })?,
            })
        })
        .collect()
}

fn summary_from(row: &sqlx::any::AnyRow, with_name: bool) -> Result<CaseSummary, ApiError> {
    let status: CaseStatus = parse(&row.try_get::<String, _>("status")?)?;
    let draft: CaseDraft = parse(&row.try_get::<String, _>("draft")?)?;
    let termijn: Option<String> = row.try_get("termijn")?;
    Ok(CaseSummary {
        referentie: row.try_get("reference")?,
        status,
        status_titel: status.title().to_owned(),
        burger_naam: if with_name { draft.burger_naam } else { None },
        spoed: row.try_get::<i64, _>("spoed")? == 1,
        termijn: termijn.as_deref().and_then(|d| Date::parse(d).ok()),
        aangemaakt: row.try_get("created_at")?,
        bijgewerkt: row.try_get("updated_at")?,
    })
}

const SUMMARY_COLUMNS: &str = "reference, status, draft, spoed, termijn, created_at, updated_at";

/// A helper's list: every case of their organisation, newest change first.
pub async fn list_for_organisation(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<CaseSummary>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases WHERE organisation_id = $1 ORDER BY updated_at DESC, id DESC"
    ))
    .bind(organisation_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary_from(row, true)).collect()
}

/// Statuses the Belangenbehartiger's staff never see: the citizen has not (yet) consented.
pub const HIDDEN_FROM_STAFF: [&str; 3] = ["concept", "wacht_op_toestemming", "vervallen"];

/// Staff list: cases that reached the Belangenbehartiger, urgent first, then oldest. No names.
pub async fn list_for_staff(db: &Db) -> Result<Vec<CaseSummary>, ApiError> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases WHERE status_key NOT IN ($1, $2, $3) \
         ORDER BY spoed DESC, submitted_at ASC, id ASC"
    ))
    .bind(HIDDEN_FROM_STAFF[0])
    .bind(HIDDEN_FROM_STAFF[1])
    .bind(HIDDEN_FROM_STAFF[2])
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary_from(row, false)).collect()
}
