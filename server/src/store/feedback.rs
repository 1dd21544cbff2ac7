//! Feedback at the milestones of a case (`model::feedback`): one per reader side (helper,
//! citizen) per milestone, and the "contact gevraagd" flag that a thumbs down can raise until
//! a staff member records the contact.

use std::collections::HashSet;

use diesel::prelude::*;
use model::feedback::{
    CheckedFeedback, CheckedFinalTalk, Duim, Feedback, FinalTalk, Gesprekspartner, Mijlpaal,
};
use model::lifecycle::Role;

use super::conn::both;
use super::schema::{case_feedback, case_notes, final_talks};
use super::{Conn, StoreError, StoreResult};
use crate::clock::now;
use crate::store::db::Db;

/// Records `role`'s feedback on the milestone `case_id` is at; false when that side gave
/// theirs on this milestone already.
pub async fn add(
    db: &Db,
    case_id: i64,
    milestone: Mijlpaal,
    role: Role,
    account: Option<i64>,
    feedback: CheckedFeedback,
) -> StoreResult<bool> {
    db.transaction(move |conn| {
        if given_in(conn, case_id, role, milestone)? {
            return Ok(false);
        }
        diesel::insert_into(case_feedback::table)
            .values((
                case_feedback::case_id.eq(case_id),
                case_feedback::role.eq(role.as_str()),
                case_feedback::account_id.eq(account),
                case_feedback::body.eq(feedback.tekst.as_ref().map_or("", |t| t.as_str())),
                case_feedback::at.eq(now()),
                case_feedback::milestone.eq(milestone.key()),
                case_feedback::positive.eq(Some(feedback.oordeel.positive())),
                case_feedback::contact_requested.eq(feedback.oordeel.asks_contact()),
            ))
            .execute(conn)?;
        Ok(true)
    })
    .await
}

/// Whether `role`'s side gave feedback on `milestone` of the case.
pub fn given_in(
    conn: &mut Conn,
    case_id: i64,
    role: Role,
    milestone: Mijlpaal,
) -> StoreResult<bool> {
    let query = case_feedback::table
        .filter(case_feedback::case_id.eq(case_id))
        .filter(case_feedback::role.eq(role.as_str()))
        .filter(case_feedback::milestone.eq(milestone.key()))
        .count();
    // Asked on every case page: on the concrete connection (see `consent::citizen_session_in`).
    let given: i64 = both!(conn, |c| query.get_result(c))?;
    Ok(given > 0)
}

/// The milestone the case is at when `role`'s side has not answered it yet: what the page
/// asks them.
pub fn asked_in(
    conn: &mut Conn,
    case_id: i64,
    status: model::lifecycle::CaseStatus,
    role: Role,
) -> StoreResult<Option<Mijlpaal>> {
    match Mijlpaal::of(status) {
        Some(milestone) if !given_in(conn, case_id, role, milestone)? => Ok(Some(milestone)),
        _ => Ok(None),
    }
}

pub async fn asked(
    db: &Db,
    case_id: i64,
    status: model::lifecycle::CaseStatus,
    role: Role,
) -> StoreResult<Option<Mijlpaal>> {
    db.run(move |conn| asked_in(conn, case_id, status, role))
        .await
}

/// All feedback on a case, for staff, oldest first.
pub async fn all(db: &Db, case_id: i64) -> StoreResult<Vec<Feedback>> {
    type Row = (String, String, i64, String, Option<bool>, bool, Option<i64>);
    db.run(move |conn| {
        let rows: Vec<Row> = case_feedback::table
            .filter(case_feedback::case_id.eq(case_id))
            .order(case_feedback::id)
            .select((
                case_feedback::role,
                case_feedback::body,
                case_feedback::at,
                case_feedback::milestone,
                case_feedback::positive,
                case_feedback::contact_requested,
                case_feedback::contact_recorded_at,
            ))
            .load(conn)?;
        rows.into_iter()
            .map(|(role, body, at, milestone, positive, contact, recorded)| {
                Ok(Feedback {
                    tijd: at,
                    door: if role == Role::Burger.as_str() {
                        "De burger".into()
                    } else {
                        "De hulpverlener".into()
                    },
                    mijlpaal: Mijlpaal::parse(&milestone).ok_or_else(|| {
                        StoreError::Corrupt(format!("feedback milestone {milestone:?}"))
                    })?,
                    duim: positive.map(|up| if up { Duim::Omhoog } else { Duim::Omlaag }),
                    tekst: (!body.is_empty()).then_some(body),
                    contact_gevraagd: contact,
                    contact_vastgelegd: recorded,
                })
            })
            .collect()
    })
    .await
}

/// Records that a staff member made the contact asked for, with what they note about it (an
/// internal note). False when no request was open.
pub async fn record_contact(db: &Db, case_id: i64, account: i64, note: &str) -> StoreResult<bool> {
    let note = format!("Contact opgenomen na een reactie: {note}");
    db.transaction(move |conn| {
        let at = now();
        let closed = diesel::update(
            case_feedback::table
                .filter(case_feedback::case_id.eq(case_id))
                .filter(case_feedback::contact_requested.eq(true))
                .filter(case_feedback::contact_recorded_at.is_null()),
        )
        .set((
            case_feedback::contact_recorded_at.eq(at),
            case_feedback::contact_recorded_by.eq(account),
        ))
        .execute(conn)?;
        if closed == 0 {
            return Ok(false);
        }
        diesel::insert_into(case_notes::table)
            .values((
                case_notes::case_id.eq(case_id),
                case_notes::at.eq(at),
                case_notes::author_account.eq(account),
                case_notes::body.eq(note),
            ))
            .execute(conn)?;
        Ok(true)
    })
    .await
}

/// Of `ids`, the cases with a request for contact that nobody recorded yet.
pub fn contact_asked_in(conn: &mut Conn, ids: &[i64]) -> StoreResult<HashSet<i64>> {
    Ok(case_feedback::table
        .filter(case_feedback::case_id.eq_any(ids))
        .filter(case_feedback::contact_requested.eq(true))
        .filter(case_feedback::contact_recorded_at.is_null())
        .select(case_feedback::case_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Records how the eindgesprek went; a second record replaces the first.
pub async fn record_final_talk(
    db: &Db,
    case_id: i64,
    account: i64,
    talk: CheckedFinalTalk,
) -> StoreResult<()> {
    db.transaction(move |conn| {
        diesel::delete(final_talks::table.find(case_id)).execute(conn)?;
        diesel::insert_into(final_talks::table)
            .values((
                final_talks::case_id.eq(case_id),
                final_talks::held_with.eq(talk.met.key()),
                final_talks::satisfied.eq(talk.tevreden),
                final_talks::note.eq(talk.notitie.as_ref().map_or("", |n| n.as_str())),
                final_talks::recorded_by.eq(account),
                final_talks::recorded_at.eq(now()),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// How the eindgesprek went, once recorded.
pub async fn final_talk(db: &Db, case_id: i64) -> StoreResult<Option<FinalTalk>> {
    db.run(move |conn| {
        let row: Option<(String, bool, String, i64)> = final_talks::table
            .find(case_id)
            .select((
                final_talks::held_with,
                final_talks::satisfied,
                final_talks::note,
                final_talks::recorded_at,
            ))
            .first(conn)
            .optional()?;
        row.map(|(with, satisfied, note, at)| {
            Ok(FinalTalk {
                met: Gesprekspartner::parse(&with)
                    .ok_or_else(|| StoreError::Corrupt(format!("eindgesprek met {with:?}")))?,
                tevreden: satisfied,
                notitie: (!note.is_empty()).then_some(note),
                tijd: at,
            })
        })
        .transpose()
    })
    .await
}
