//! Messages between the helper's organisation and the Belangenbehartiger on a case, and the
//! staff's internal notes (never shown to the helper or the citizen).

use model::api::{Message, Note};
use model::lifecycle::Role;
use sqlx::Row;

use super::cases::{actor_label, CaseRow, Reader};
use super::StoreError;
use crate::clock::now;
use crate::store::db::Db;

pub async fn add_note(db: &Db, case_id: i64, account: i64, body: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO case_notes (case_id, at, author_account, body) VALUES ($1, $2, $3, $4)",
    )
    .bind(case_id)
    .bind(now())
    .bind(account)
    .bind(body)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn notes(db: &Db, case_id: i64) -> Result<Vec<Note>, StoreError> {
    let rows = sqlx::query(
        "SELECT n.at, a.name, n.body FROM case_notes n JOIN accounts a ON a.id = n.author_account \
         WHERE n.case_id = $1 ORDER BY n.id",
    )
    .bind(case_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Note {
                tijd: row.try_get("at")?,
                door: row.try_get("name")?,
                tekst: row.try_get("body")?,
            })
        })
        .collect()
}

pub async fn add_message(
    db: &Db,
    case_id: i64,
    role: Role,
    account: i64,
    body: &str,
    for_citizen: bool,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO case_messages (case_id, at, author_role, author_account, body, for_citizen) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(now())
    .bind(role.as_str())
    .bind(account)
    .bind(body)
    .bind(i64::from(for_citizen))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The messages `reader` may see, oldest first. Listing them to the helper or staff marks
/// the other side's messages read: that is the read status the writer sees.
pub async fn messages(
    db: &Db,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> Result<Vec<Message>, StoreError> {
    let own_role = match reader {
        Reader::Helper => Some(Role::Hulpverlener),
        Reader::Staff => Some(Role::Behandelaar),
        Reader::Citizen => None,
    };
    if let Some(own) = own_role {
        sqlx::query(
            "UPDATE case_messages SET read_at = $1 WHERE case_id = $2 AND author_role <> $3 AND read_at IS NULL",
        )
        .bind(now())
        .bind(case.id)
        .bind(own.as_str())
        .execute(db.pool())
        .await?;
    }
    let only_for_citizen = i64::from(reader == Reader::Citizen);
    let rows = sqlx::query(
        "SELECT m.id, m.at, m.author_role, m.author_account, a.name, m.body, m.for_citizen, m.read_at \
         FROM case_messages m JOIN accounts a ON a.id = m.author_account \
         WHERE m.case_id = $1 AND m.for_citizen >= $2 ORDER BY m.id",
    )
    .bind(case.id)
    .bind(only_for_citizen)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("author_role")?;
            let role = Role::parse(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?;
            let name: String = row.try_get("name")?;
            Ok(Message {
                id: row.try_get("id")?,
                tijd: row.try_get("at")?,
                door: actor_label(
                    reader,
                    role,
                    row.try_get("author_account")?,
                    Some(&name),
                    case,
                    organisation,
                ),
                van_mij: Some(role) == own_role,
                tekst: row.try_get("body")?,
                voor_burger: row.try_get::<i64, _>("for_citizen")? == 1,
                gelezen: row.try_get::<Option<i64>, _>("read_at")?.is_some(),
            })
        })
        .collect()
}

/// Feedback at the end of a case, from the helper or the citizen.
pub async fn add_feedback(
    db: &Db,
    case_id: i64,
    role: Role,
    account: Option<i64>,
    body: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO case_feedback (case_id, role, account_id, body, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(case_id)
        .bind(role.as_str())
        .bind(account)
        .bind(body)
        .bind(now())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// All feedback on a case, for staff: who (helper or citizen), when, what.
pub async fn feedback(db: &Db, case_id: i64) -> Result<Vec<Note>, StoreError> {
    let rows =
        sqlx::query("SELECT role, body, at FROM case_feedback WHERE case_id = $1 ORDER BY id")
            .bind(case_id)
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            Ok(Note {
                tijd: row.try_get("at")?,
                door: if role == "burger" {
                    "De burger".into()
                } else {
                    "De hulpverlener".into()
                },
                tekst: row.try_get("body")?,
            })
        })
        .collect()
}
