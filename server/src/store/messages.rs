//! Messages between the helper's organisation and the Belangenbehartiger on a case, and the
//! staff's internal notes (never shown to the helper or the citizen).

use diesel::prelude::*;
use model::api::{Message, Note};
use model::lifecycle::Role;

use super::cases::{actor_label, CaseRow, Reader};
use super::conn::both;
use super::schema::{accounts, case_messages, case_notes};
use super::{role_of, Conn, StoreResult};
use crate::clock::now;
use crate::store::db::Db;
pub use crate::store::message_writer::Writer;

/// The most messages, and the most notes, one case holds: reading a case's conversation
/// never reads an unbounded number of rows.
pub const MAX_PER_CASE: i64 = 500;

/// Adds a note, unless the case holds [`MAX_PER_CASE`] already (false).
pub async fn add_note(db: &Db, case_id: i64, account: i64, body: &str) -> StoreResult<bool> {
    let body = body.to_owned();
    db.transaction(move |conn| {
        let held: i64 = case_notes::table
            .filter(case_notes::case_id.eq(case_id))
            .count()
            .get_result(conn)?;
        if held >= MAX_PER_CASE {
            return Ok(false);
        }
        diesel::insert_into(case_notes::table)
            .values((
                case_notes::case_id.eq(case_id),
                case_notes::at.eq(now()),
                case_notes::author_account.eq(account),
                case_notes::body.eq(body),
            ))
            .execute(conn)?;
        Ok(true)
    })
    .await
}

pub async fn notes(db: &Db, case_id: i64) -> StoreResult<Vec<Note>> {
    db.run(move |conn| {
        let rows = case_notes::table
            .inner_join(accounts::table)
            .filter(case_notes::case_id.eq(case_id))
            .order(case_notes::id)
            .select((case_notes::at, accounts::name, case_notes::body))
            .load::<(i64, String, String)>(conn)?;
        Ok(rows
            .into_iter()
            .map(|(tijd, door, tekst)| Note { tijd, door, tekst })
            .collect())
    })
    .await
}

/// Adds a message (false: the case holds the most it may) and, in the same transaction, the
/// notices for the mails to its readers (`message_mail`).
pub async fn add_message(db: &Db, case: &CaseRow, writer: Writer, body: &str) -> StoreResult<bool> {
    let body = body.to_owned();
    let case = case.clone();
    db.transaction(move |conn| {
        let held: i64 = case_messages::table
            .filter(case_messages::case_id.eq(case.id))
            .count()
            .get_result(conn)?;
        if held >= MAX_PER_CASE {
            return Ok(false);
        }
        let at = now();
        diesel::insert_into(case_messages::table)
            .values((
                case_messages::case_id.eq(case.id),
                case_messages::at.eq(at),
                case_messages::author_role.eq(writer.role().as_str()),
                case_messages::author_account.eq(writer.account()),
                case_messages::body.eq(body),
                case_messages::for_citizen.eq(writer.for_citizen()),
                case_messages::for_helper.eq(writer.for_helper()),
            ))
            .execute(conn)?;
        super::message_mail::notice_in(conn, &case, writer, at)?;
        Ok(true)
    })
    .await
}

/// The messages `reader` may see, oldest first. Listing them marks read what the reader's
/// counterpart wrote: the helper's reading marks the Belangenbehartiger's messages, the
/// staff's the helper's and the citizen's. That is the read status the writer sees.
pub fn messages_in(
    conn: &mut Conn,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> StoreResult<Vec<Message>> {
    let own_role = match reader {
        Reader::Helper => Role::Hulpverlener,
        Reader::Staff => Role::Behandelaar,
        Reader::Citizen => Role::Burger,
    };
    let unread = case_messages::table
        .filter(case_messages::case_id.eq(case.id))
        .filter(case_messages::read_at.is_null());
    match reader {
        Reader::Helper => {
            diesel::update(
                unread.filter(case_messages::author_role.eq(Role::Behandelaar.as_str())),
            )
            .set(case_messages::read_at.eq(now()))
            .execute(conn)?;
        }
        Reader::Staff => {
            diesel::update(
                unread.filter(case_messages::author_role.ne(Role::Behandelaar.as_str())),
            )
            .set(case_messages::read_at.eq(now()))
            .execute(conn)?;
        }
        Reader::Citizen => {}
    }
    let of_case = || {
        case_messages::table
            .left_join(accounts::table)
            .filter(case_messages::case_id.eq(case.id))
            .order(case_messages::id)
            .select((
                case_messages::id,
                case_messages::at,
                case_messages::author_role,
                case_messages::author_account,
                accounts::name.nullable(),
                case_messages::body,
                case_messages::for_citizen,
                case_messages::for_helper,
                case_messages::read_at,
            ))
    };
    type Row = (
        i64,
        i64,
        String,
        Option<i64>,
        Option<String>,
        String,
        bool,
        bool,
        Option<i64>,
    );
    // Fixed queries rather than one built at run time: fixed ones stay prepared.
    // On the concrete connection (see `consent::citizen_session_in`).
    let rows: Vec<Row> = match reader {
        Reader::Citizen => {
            let query = of_case().filter(case_messages::for_citizen.eq(true));
            both!(conn, |c| query.load(c))?
        }
        Reader::Helper => {
            let query = of_case().filter(case_messages::for_helper.eq(true));
            both!(conn, |c| query.load(c))?
        }
        Reader::Staff => {
            let query = of_case();
            both!(conn, |c| query.load(c))?
        }
    };
    rows.into_iter()
        .map(
            |(id, at, role, account, name, body, for_citizen, for_helper, read_at)| {
                let role = role_of(&role)?;
                Ok(Message {
                    id,
                    tijd: at,
                    door: actor_label(reader, role, account, name.as_deref(), case, organisation),
                    van_mij: role == own_role,
                    tekst: body,
                    voor_burger: for_citizen,
                    van_burger: role == Role::Burger,
                    alleen_casemanager: !for_helper,
                    gelezen: read_at.is_some(),
                })
            },
        )
        .collect()
}

pub async fn messages(
    db: &Db,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> StoreResult<Vec<Message>> {
    let (case, organisation) = (case.clone(), organisation.to_owned());
    db.run(move |conn| messages_in(conn, &case, &organisation, reader))
        .await
}
