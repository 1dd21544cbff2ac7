//! Document metadata. Who may see which document is `crate::access`'s to decide: lists come
//! with each document's row for that check.

use model::document::{DocumentInfo, DocumentSoort};
use model::lifecycle::Role;
use sqlx::Row;

use super::cases::{actor_label, CaseRow, Reader};
use super::StoreError;
use crate::clock::now;
use crate::documents::StoredFile;
use crate::store::db::Db;

/// Who added a document.
#[derive(Debug, Clone, Copy)]
pub struct Uploader {
    pub role: Role,
    pub account: Option<i64>,
    pub invitation: Option<i64>,
}

pub struct NewDocument<'a> {
    pub kind: DocumentSoort,
    pub description: &'a str,
    pub file_name: &'a str,
    pub shared_with_citizen: bool,
}

/// Bytes stored for a case so far.
pub async fn case_total(db: &Db, case_id: i64) -> Result<u64, StoreError> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS total FROM documents WHERE case_id = $1",
    )
    .bind(case_id)
    .fetch_one(db.pool())
    .await?;
    Ok(u64::try_from(row.try_get::<i64, _>("total")?).unwrap_or(0))
}

pub async fn insert(
    db: &Db,
    case_id: i64,
    file: &StoredFile,
    uploader: Uploader,
    document: &NewDocument<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO documents (id, case_id, uploader_role, uploader_account, invitation_id, kind, \
         description, file_name, content_type, size, sha256, shared_with_citizen, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&file.id)
    .bind(case_id)
    .bind(uploader.role.as_str())
    .bind(uploader.account)
    .bind(uploader.invitation)
    .bind(document.kind.as_str())
    .bind(document.description)
    .bind(document.file_name)
    .bind(file.content_type)
    .bind(i64::try_from(file.size).unwrap_or(i64::MAX))
    .bind(&file.sha256)
    .bind(i64::from(document.shared_with_citizen))
    .bind(now())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A stored document with what the access check needs.
pub struct DocumentRow {
    pub id: String,
    pub case_id: i64,
    pub kind: Option<DocumentSoort>,
    pub uploader_role: Role,
    pub invitation_id: Option<i64>,
    pub shared_with_citizen: bool,
    pub file_name: String,
    pub content_type: String,
    /// SHA-256 of the content, hex: the download's ETag.
    pub sha256: String,
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<DocumentRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, case_id, kind, uploader_role, invitation_id, shared_with_citizen, file_name, \
         content_type, sha256 FROM documents WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        let role: String = row.try_get("uploader_role")?;
        Ok(DocumentRow {
            id: row.try_get("id")?,
            case_id: row.try_get("case_id")?,
            kind: DocumentSoort::parse(&row.try_get::<String, _>("kind")?),
            uploader_role: Role::parse(&role)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?,
            invitation_id: row.try_get("invitation_id")?,
            shared_with_citizen: row.try_get::<i64, _>("shared_with_citizen")? == 1,
            file_name: row.try_get("file_name")?,
            content_type: row.try_get("content_type")?,
            sha256: row.try_get("sha256")?,
        })
    })
    .transpose()
}

/// Every document of a case, oldest first, each with its row (for the access check) and as
/// `reader` sees it described.
pub async fn list(
    db: &Db,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> Result<Vec<(DocumentRow, DocumentInfo)>, StoreError> {
    let rows = sqlx::query(
        "SELECT d.id, d.uploader_role, d.uploader_account, a.name, d.invitation_id, i.label, d.kind, \
         d.description, d.file_name, d.content_type, d.size, d.shared_with_citizen, d.created_at, d.sha256 \
         FROM documents d LEFT JOIN accounts a ON a.id = d.uploader_account \
         LEFT JOIN intermediary_invitations i ON i.id = d.invitation_id \
         WHERE d.case_id = $1 ORDER BY d.seq",
    )
    .bind(case.id)
    .fetch_all(db.pool())
    .await?;
    let mut list = Vec::new();
    for row in &rows {
        let role: String = row.try_get("uploader_role")?;
        let role = Role::parse(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?;
        let invitation: Option<i64> = row.try_get("invitation_id")?;
        let shared = row.try_get::<i64, _>("shared_with_citizen")? == 1;
        let kind: String = row.try_get("kind")?;
        let name: Option<String> = row.try_get("name")?;
        let door = match (role, row.try_get::<Option<String>, _>("label")?) {
            (Role::Intermediair, Some(label)) => format!("Intermediair: {label}"),
            _ => actor_label(
                reader,
                role,
                row.try_get("uploader_account")?,
                name.as_deref(),
                case,
                organisation,
            ),
        };
        let soort = DocumentSoort::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {kind}")))?;
        let stored = DocumentRow {
            id: row.try_get("id")?,
            case_id: case.id,
            kind: Some(soort),
            uploader_role: role,
            invitation_id: invitation,
            shared_with_citizen: shared,
            file_name: row.try_get("file_name")?,
            content_type: row.try_get("content_type")?,
            sha256: row.try_get("sha256")?,
        };
        let info = DocumentInfo {
            id: row.try_get("id")?,
            soort,
            omschrijving: row.try_get("description")?,
            bestandsnaam: row.try_get("file_name")?,
            grootte: row.try_get("size")?,
            inhoudstype: row.try_get("content_type")?,
            door,
            tijd: row.try_get("created_at")?,
            gedeeld_met_burger: shared,
        };
        list.push((stored, info));
    }
    Ok(list)
}
