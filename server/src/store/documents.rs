//! Document metadata. Who may see which document is `crate::access`'s to decide: lists come
//! with each document's row for that check.

use diesel::prelude::*;
use model::document::{DocumentInfo, DocumentSoort};
use model::lifecycle::Role;

use super::cases::{actor_label, CaseRow, Reader};
use super::schema::{accounts, cases, documents, intermediary_invitations, upload_room};
use super::{role_of, Conn, StoreError, StoreResult};
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

/// The most documents one case holds (the size limit alone would allow millions of tiny
/// files, and a case's list is read whole).
pub const MAX_PER_CASE: i64 = 200;

/// How many documents the case holds.
pub async fn count(db: &Db, case_id: i64) -> StoreResult<i64> {
    db.run(move |conn| {
        Ok(documents::table
            .filter(documents::case_id.eq(case_id))
            .count()
            .get_result(conn)?)
    })
    .await
}

/// Seconds after which a reservation is a crashed upload's (`documents::LONGEST_UPLOAD`).
const ROOM_LIFETIME: i64 = 3600;

/// Takes `more` bytes of room on the case for a running upload (`room`: its reservation so
/// far, `None` at the first step), if the case's documents, the other uploads' room and this
/// fit within `limit`. The case row is locked first (a no-op update), so two uploads at once
/// cannot both take the last room. Returns the reservation, or `None` when it does not fit.
pub async fn take_room(
    db: &Db,
    case_id: i64,
    room: Option<i64>,
    more: u64,
    limit: u64,
) -> StoreResult<Option<i64>> {
    let more = i64::try_from(more).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    db.transaction(move |conn| {
        let at = now();
        diesel::update(cases::table.find(case_id))
            .set(cases::updated_at.eq(cases::updated_at))
            .execute(conn)?;
        let sizes: Vec<i64> = documents::table
            .filter(documents::case_id.eq(case_id))
            .select(documents::size)
            .load(conn)?;
        let taken: Vec<i64> = upload_room::table
            .filter(upload_room::case_id.eq(case_id))
            .filter(upload_room::created_at.gt(at - ROOM_LIFETIME))
            .select(upload_room::bytes)
            .load(conn)?;
        let used: i64 = sizes.iter().chain(taken.iter()).sum();
        if used.saturating_add(more) > limit {
            return Ok::<_, StoreError>(None);
        }
        Ok(Some(match room {
            Some(id) => {
                diesel::update(upload_room::table.find(id))
                    .set(upload_room::bytes.eq(upload_room::bytes + more))
                    .execute(conn)?;
                id
            }
            None => diesel::insert_into(upload_room::table)
                .values((
                    upload_room::case_id.eq(case_id),
                    upload_room::bytes.eq(more),
                    upload_room::created_at.eq(at),
                ))
                .returning(upload_room::id)
                .get_result(conn)?,
        }))
    })
    .await
}

/// An upload ended (its document row, if any, now counts instead); also clears crashed
/// uploads' room.
pub async fn free_room(db: &Db, room: Option<i64>) -> StoreResult<()> {
    db.run(move |conn| {
        if let Some(id) = room {
            diesel::delete(upload_room::table.find(id)).execute(conn)?;
        }
        diesel::delete(
            upload_room::table.filter(upload_room::created_at.le(now() - ROOM_LIFETIME)),
        )
        .execute(conn)?;
        Ok(())
    })
    .await
}

pub async fn insert(
    db: &Db,
    case_id: i64,
    file: &StoredFile,
    uploader: Uploader,
    document: &NewDocument<'_>,
) -> StoreResult<()> {
    let (id, sha256, content_type) = (file.id.clone(), file.sha256.clone(), file.content_type);
    let size = i64::try_from(file.size).unwrap_or(i64::MAX);
    let (kind, description, file_name, shared) = (
        document.kind.as_str(),
        document.description.to_owned(),
        document.file_name.to_owned(),
        document.shared_with_citizen,
    );
    db.run(move |conn| {
        diesel::insert_into(documents::table)
            .values((
                documents::id.eq(id),
                documents::case_id.eq(case_id),
                documents::uploader_role.eq(uploader.role.as_str()),
                documents::uploader_account.eq(uploader.account),
                documents::invitation_id.eq(uploader.invitation),
                documents::kind.eq(kind),
                documents::description.eq(description),
                documents::file_name.eq(file_name),
                documents::content_type.eq(content_type),
                documents::size.eq(size),
                documents::sha256.eq(sha256),
                documents::shared_with_citizen.eq(shared),
                documents::created_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
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

#[derive(Queryable, Selectable)]
#[diesel(table_name = documents)]
struct DocumentRecord {
    id: String,
    case_id: i64,
    kind: String,
    uploader_role: String,
    uploader_account: Option<i64>,
    invitation_id: Option<i64>,
    shared_with_citizen: bool,
    description: String,
    file_name: String,
    content_type: String,
    size: i64,
    sha256: String,
    created_at: i64,
}

impl DocumentRecord {
    fn row(&self) -> StoreResult<DocumentRow> {
        Ok(DocumentRow {
            id: self.id.clone(),
            case_id: self.case_id,
            kind: DocumentSoort::parse(&self.kind),
            uploader_role: role_of(&self.uploader_role)?,
            invitation_id: self.invitation_id,
            shared_with_citizen: self.shared_with_citizen,
            file_name: self.file_name.clone(),
            content_type: self.content_type.clone(),
            sha256: self.sha256.clone(),
        })
    }
}

/// The id of every stored document (for the sweep of files no row points to).
pub async fn all_ids(db: &Db) -> StoreResult<std::collections::HashSet<String>> {
    db.run(|conn| {
        Ok(documents::table
            .select(documents::id)
            .load::<String>(conn)?
            .into_iter()
            .collect())
    })
    .await
}

pub fn by_id_in(conn: &mut Conn, id: &str) -> StoreResult<Option<DocumentRow>> {
    documents::table
        .filter(documents::id.eq(id))
        .select(DocumentRecord::as_select())
        .first(conn)
        .optional()?
        .map(|record| record.row())
        .transpose()
}

pub async fn by_id(db: &Db, id: &str) -> StoreResult<Option<DocumentRow>> {
    let id = id.to_owned();
    db.run(move |conn| by_id_in(conn, &id)).await
}

/// Every document of a case, oldest first, each with its row (for the access check) and as
/// `reader` sees it described.
pub async fn list(
    db: &Db,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> StoreResult<Vec<(DocumentRow, DocumentInfo)>> {
    let (case, organisation) = (case.clone(), organisation.to_owned());
    db.run(move |conn| {
        let records = documents::table
            .left_join(accounts::table.on(documents::uploader_account.eq(accounts::id.nullable())))
            .left_join(
                intermediary_invitations::table
                    .on(documents::invitation_id.eq(intermediary_invitations::id.nullable())),
            )
            .filter(documents::case_id.eq(case.id))
            .order(documents::seq)
            .select((
                DocumentRecord::as_select(),
                accounts::name.nullable(),
                intermediary_invitations::label.nullable(),
            ))
            .load::<(DocumentRecord, Option<String>, Option<String>)>(conn)?;
        records
            .into_iter()
            .map(|(record, name, label)| {
                let stored = record.row()?;
                let soort = stored
                    .kind
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {}", record.kind)))?;
                let door = match (stored.uploader_role, label) {
                    (Role::Intermediair, Some(label)) => format!("Intermediair: {label}"),
                    (role, _) => actor_label(
                        reader,
                        role,
                        record.uploader_account,
                        name.as_deref(),
                        &case,
                        &organisation,
                    ),
                };
                let info = DocumentInfo {
                    id: record.id,
                    soort,
                    omschrijving: record.description,
                    bestandsnaam: record.file_name,
                    grootte: record.size,
                    inhoudstype: record.content_type,
                    door,
                    tijd: record.created_at,
                    gedeeld_met_burger: record.shared_with_citizen,
                };
                Ok((stored, info))
            })
            .collect()
    })
    .await
}
