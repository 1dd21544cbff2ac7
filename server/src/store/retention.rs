//! Retention and destruction (`model::retention`): the beheerder's terms, the archiefactiedatum
//! a case gets when it ends, the destruction list, and the destruction itself — every row that
//! holds the case's personal data goes (the case row and all that hangs from it, its mails),
//! and an anonymous record and a line in the destruction report are written instead.
//!
//! Safe with several instances: a proposal is an insert that ignores a case already listed,
//! and a destruction starts by deleting the case's approved list row — of two instances that
//! try at once, one deletes it and the other finds nothing to do.

use std::collections::HashMap;

use diesel::prelude::*;
use model::case::Submission;
use model::lifecycle::{CaseStatus, Role};
use model::retention::{
    Archiefnominatie, Beoordeling, Bewaarklasse, Candidate, Destroyed, DestructionOverview,
    EndCount, KeepReason, Terms, KEEP_DAYS, REPORT_LINES,
};

use super::audit::{self, Action};
use super::conn::both;
use super::facets::{serde_key, topic_keys};
use super::schema::{
    accounts, anonymous_case_states, anonymous_case_topics, anonymous_cases, case_archive,
    case_events, cases, destruction_candidates, destruction_report, documents, organisations,
    outbox, retention_terms,
};
use super::{parse, Conn, StoreError, StoreResult};
use crate::crypto::secret_hash;

const DAY: i64 = 86_400;

/// The terms in force (a term without a row: its default).
pub fn terms_in(conn: &mut Conn) -> StoreResult<Terms> {
    let stored: Vec<(String, i64)> = retention_terms::table
        .select((retention_terms::class, retention_terms::days))
        .load(conn)?;
    Ok(stored
        .into_iter()
        .fold(Terms::DEFAULT, |terms, (key, days)| terms.with(&key, days)))
}

/// Sets every term; audited. A new term counts for cases that end from now on.
pub fn set_terms_in(conn: &mut Conn, by: i64, terms: &Terms) -> StoreResult<()> {
    for (key, days) in terms.entries() {
        let upsert = diesel::insert_into(retention_terms::table)
            .values((
                retention_terms::class.eq(key),
                retention_terms::days.eq(days),
            ))
            .on_conflict(retention_terms::class)
            .do_update()
            .set(retention_terms::days.eq(days));
        both!(conn, |c| upsert.execute(c))?;
    }
    audit::record_about_in(
        conn,
        Role::Beheerder,
        Some(by),
        Action::ChangeRetention,
        "bewaartermijnen",
    )
}

/// Gives a case that just ended (into `to`, at `at`) its archiefnominatie and -actiedatum.
/// Part of the step's own transaction (`cases::transition_in`).
pub(crate) fn nominate_in(
    conn: &mut Conn,
    case_id: i64,
    to: CaseStatus,
    at: i64,
) -> StoreResult<()> {
    let Some(class) = Bewaarklasse::of(to).filter(|_| to.is_end()) else {
        return Ok(());
    };
    let days = terms_in(conn)?.days(class);
    diesel::insert_into(case_archive::table)
        .values((
            case_archive::case_id.eq(case_id),
            case_archive::nomination.eq(Archiefnominatie::Vernietigen.key()),
            case_archive::action_at.eq(at + days * DAY),
        ))
        .execute(conn)?;
    Ok(())
}

/// An ended case's archiefactiedatum.
pub async fn action_at(db: &super::db::Db, case_id: i64) -> StoreResult<Option<i64>> {
    db.run(move |conn| {
        Ok(case_archive::table
            .find(case_id)
            .select(case_archive::action_at)
            .first(conn)
            .optional()?)
    })
    .await
}

/// Drafts nobody changed for the draft term (by `at`): the job deletes them.
pub fn abandoned_drafts_in(conn: &mut Conn, at: i64) -> StoreResult<Vec<i64>> {
    let cutoff = at - terms_in(conn)?.days(Bewaarklasse::Concept) * DAY;
    Ok(cases::table
        .filter(cases::status_key.eq(CaseStatus::Concept.key()))
        .filter(cases::updated_at.lt(cutoff))
        .select(cases::id)
        .load(conn)?)
}

/// Deletes an abandoned draft (still a draft, still untouched since `cutoff`); audited as
/// the system's. Returns its document files to remove after the commit, or `None` when
/// someone changed or sent it meanwhile.
pub fn delete_abandoned_draft_in(
    conn: &mut Conn,
    id: i64,
    at: i64,
) -> StoreResult<Option<Vec<String>>> {
    let cutoff = at - terms_in(conn)?.days(Bewaarklasse::Concept) * DAY;
    let Some(reference) = cases::table
        .find(id)
        .filter(cases::status_key.eq(CaseStatus::Concept.key()))
        .filter(cases::updated_at.lt(cutoff))
        .select(cases::reference)
        .first::<String>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let files = files_of_in(conn, id)?;
    let deleted = diesel::delete(
        cases::table
            .find(id)
            .filter(cases::status_key.eq(CaseStatus::Concept.key()))
            .filter(cases::updated_at.lt(cutoff)),
    )
    .execute(conn)?;
    if deleted != 1 {
        return Ok(None);
    }
    audit::record_in(
        conn,
        Role::Systeem,
        None,
        Action::DeleteDraft,
        Some(&reference),
    )?;
    Ok(Some(files))
}

fn files_of_in(conn: &mut Conn, case_id: i64) -> StoreResult<Vec<String>> {
    Ok(documents::table
        .filter(documents::case_id.eq(case_id))
        .select(documents::id)
        .load(conn)?)
}

/// Puts every ended case whose archiefactiedatum passed by `at` on the destruction list, and
/// brings back kept cases whose new date passed. Returns how many are new on the list.
pub fn propose_due_in(conn: &mut Conn, at: i64) -> StoreResult<usize> {
    let due: Vec<i64> = case_archive::table
        .left_join(
            destruction_candidates::table
                .on(destruction_candidates::case_id.eq(case_archive::case_id)),
        )
        .filter(case_archive::nomination.eq(Archiefnominatie::Vernietigen.key()))
        .filter(case_archive::action_at.le(at))
        .filter(
            destruction_candidates::state
                .is_null()
                .or(destruction_candidates::state.eq(Beoordeling::Bewaren.key())),
        )
        .select(case_archive::case_id)
        .load(conn)?;
    let mut proposed = 0;
    for id in due {
        let insert = diesel::insert_into(destruction_candidates::table)
            .values((
                destruction_candidates::case_id.eq(id),
                destruction_candidates::proposed_at.eq(at),
                destruction_candidates::state.eq(Beoordeling::Voorgesteld.key()),
            ))
            .on_conflict(destruction_candidates::case_id)
            .do_nothing();
        let inserted = both!(conn, |c| insert.execute(c))?;
        // A kept case whose date passed again: back to the beheerder.
        let returned = diesel::update(
            destruction_candidates::table
                .find(id)
                .filter(destruction_candidates::state.eq(Beoordeling::Bewaren.key())),
        )
        .set((
            destruction_candidates::state.eq(Beoordeling::Voorgesteld.key()),
            destruction_candidates::proposed_at.eq(at),
            destruction_candidates::due_at.eq(None::<i64>),
        ))
        .execute(conn)?;
        proposed += inserted + returned;
    }
    Ok(proposed)
}

/// Why a review did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReviewed {
    /// The case is not on the list.
    Unknown,
    /// The list row is not in a state this review can follow (someone else was first).
    NotNow,
}

/// The beheerder approves, keeps (with a reason) or cancels an approval, at `at`; audited
/// on the case.
pub fn review_in(
    conn: &mut Conn,
    by: i64,
    reference: &str,
    next: Beoordeling,
    reason: Option<&KeepReason>,
    at: i64,
) -> StoreResult<Result<(), NotReviewed>> {
    let found: Option<(i64, String)> = cases::table
        .inner_join(destruction_candidates::table)
        .filter(cases::reference.eq(reference))
        .select((cases::id, destruction_candidates::state))
        .first(conn)
        .optional()?;
    let Some((id, state)) = found else {
        return Ok(Err(NotReviewed::Unknown));
    };
    let Some(current) = Beoordeling::parse(&state) else {
        return Err(StoreError::Corrupt(format!("destruction state {state}")));
    };
    if !current.may_become(next) {
        return Ok(Err(NotReviewed::NotNow));
    }
    let due = match next {
        Beoordeling::Goedgekeurd => Some(at + terms_in(conn)?.wachttijd * DAY),
        Beoordeling::Bewaren => Some(at + KEEP_DAYS * DAY),
        Beoordeling::Voorgesteld => None,
    };
    let (decided_by, decided_at) = match next {
        Beoordeling::Voorgesteld => (None, None),
        _ => (Some(by), Some(at)),
    };
    let changed = diesel::update(
        destruction_candidates::table
            .find(id)
            .filter(destruction_candidates::state.eq(current.key())),
    )
    .set((
        destruction_candidates::state.eq(next.key()),
        destruction_candidates::decided_by.eq(decided_by),
        destruction_candidates::decided_at.eq(decided_at),
        destruction_candidates::reason.eq(reason.map(KeepReason::as_str)),
        destruction_candidates::due_at.eq(due),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Ok(Err(NotReviewed::NotNow));
    }
    if next == Beoordeling::Bewaren {
        // Off the list until then: the case's own date moves with it.
        diesel::update(case_archive::table.find(id))
            .set(case_archive::action_at.eq(at + KEEP_DAYS * DAY))
            .execute(conn)?;
    }
    let entry = audit::Entry::new(Role::Beheerder, Some(by), Action::ReviewDestruction)
        .on_case(Some(reference))
        .about(next.key());
    let entry = match reason {
        Some(reason) => entry.because(reason.as_str()),
        None => entry,
    };
    audit::write_in(conn, &entry)?;
    Ok(Ok(()))
}

/// Approved cases whose waiting period is over by `at`.
pub fn approved_due_in(conn: &mut Conn, at: i64) -> StoreResult<Vec<i64>> {
    Ok(destruction_candidates::table
        .filter(destruction_candidates::state.eq(Beoordeling::Goedgekeurd.key()))
        .filter(destruction_candidates::due_at.le(at))
        .select(destruction_candidates::case_id)
        .load(conn)?)
}

/// The hash a destroyed case is known by in the anonymous records and the report: keyed
/// with the server key, so its reference cannot be found back by hashing every possible
/// reference without that key.
pub fn reference_hash(reference: &str) -> String {
    secret_hash(&format!("zaak:{reference}"))
}

/// What destroying a case reads of it (this module reads the row itself: `store::cases`
/// calls into it, so it does not call back).
#[derive(Queryable, Selectable)]
#[diesel(table_name = cases)]
struct Ending {
    reference: String,
    status_key: String,
    status_detail: Option<String>,
    submission: Option<String>,
    created_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
    #[diesel(select_expression = organisations::kind)]
    kind: String,
    #[diesel(select_expression = case_archive::action_at.nullable())]
    action_at: Option<i64>,
}

/// Destroys an approved case whose waiting period is over by `at`: writes its anonymous
/// record and report line, then deletes the case with everything that hangs from it
/// (timeline, consent, codes, sessions, invitations, messages, notes, feedback, documents'
/// rows, assignments, list row) and its mails. Returns the document files to remove after
/// the commit, or `None` when it is no longer due (cancelled, or another instance did it).
pub fn destroy_in(conn: &mut Conn, case_id: i64, at: i64) -> StoreResult<Option<Vec<String>>> {
    let claimed: Option<(Option<i64>, Option<i64>)> = destruction_candidates::table
        .find(case_id)
        .filter(destruction_candidates::state.eq(Beoordeling::Goedgekeurd.key()))
        .filter(destruction_candidates::due_at.le(at))
        .select((
            destruction_candidates::decided_by,
            destruction_candidates::decided_at,
        ))
        .first(conn)
        .optional()?;
    let Some((Some(approved_by), Some(approved_at))) = claimed else {
        return Ok(None);
    };
    let deleted = diesel::delete(
        destruction_candidates::table
            .find(case_id)
            .filter(destruction_candidates::state.eq(Beoordeling::Goedgekeurd.key())),
    )
    .execute(conn)?;
    if deleted != 1 {
        return Ok(None);
    }
    let Some(case) = cases::table
        .inner_join(organisations::table)
        .left_join(case_archive::table)
        .filter(cases::id.eq(case_id))
        .select(Ending::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let status = CaseStatus::from_keys(&case.status_key, case.status_detail.as_deref())
        .map_err(StoreError::Corrupt)?;
    let class = Bewaarklasse::of(status)
        .filter(|_| status.is_end())
        .ok_or_else(|| StoreError::Corrupt("destroying a case that did not end".into()))?;
    let submission: Option<Submission> = case.submission.as_deref().map(parse).transpose()?;
    let archive_action_at = case.action_at;
    let events: Vec<(i64, String)> = case_events::table
        .filter(case_events::case_id.eq(case_id))
        .order(case_events::id)
        .select((case_events::at, case_events::to_status))
        .load(conn)?;
    let mut states = vec![(CaseStatus::Concept, case.created_at)];
    for (moment, to) in events {
        let to: CaseStatus = parse(&to)?;
        if states.last().map(|(s, _)| *s) != Some(to) {
            states.push((to, moment));
        }
    }
    let ended_at = states.last().map_or(case.updated_at, |(_, moment)| *moment);
    let outcome = states.iter().find_map(|(s, _)| match s {
        CaseStatus::Afgerond(_) => s.detail_key(),
        _ => None,
    });
    let hash = reference_hash(&case.reference);
    let submission = submission.as_ref();
    let anonymous: i64 = diesel::insert_into(anonymous_cases::table)
        .values((
            anonymous_cases::reference_hash.eq(&hash),
            anonymous_cases::organisation_kind.eq(&case.kind),
            anonymous_cases::dienst.eq(submission.map(|s| serde_key(&s.dienst)).transpose()?),
            anonymous_cases::spoed.eq(submission.is_some_and(|s| !s.spoed.is_empty())),
            anonymous_cases::end_class.eq(class.key()),
            anonymous_cases::outcome.eq(outcome),
            anonymous_cases::created_at.eq(case.created_at),
            anonymous_cases::submitted_at.eq(case.submitted_at),
            anonymous_cases::ended_at.eq(ended_at),
            anonymous_cases::destroyed_at.eq(at),
        ))
        .returning(anonymous_cases::id)
        .get_result(conn)?;
    if let Some(submission) = submission {
        for topic in topic_keys(submission)? {
            diesel::insert_into(anonymous_case_topics::table)
                .values((
                    anonymous_case_topics::anonymous_case_id.eq(anonymous),
                    anonymous_case_topics::topic.eq(topic),
                ))
                .execute(conn)?;
        }
    }
    for (seq, (state, moment)) in (0_i64..).zip(states) {
        diesel::insert_into(anonymous_case_states::table)
            .values((
                anonymous_case_states::anonymous_case_id.eq(anonymous),
                anonymous_case_states::seq.eq(seq),
                anonymous_case_states::status_key.eq(state.key()),
                anonymous_case_states::status_detail.eq(state.detail_key()),
                anonymous_case_states::at.eq(moment),
            ))
            .execute(conn)?;
    }
    diesel::insert_into(destruction_report::table)
        .values((
            destruction_report::reference_hash.eq(&hash),
            destruction_report::end_class.eq(class.key()),
            destruction_report::archive_action_at.eq(archive_action_at.unwrap_or(at)),
            destruction_report::approved_by.eq(approved_by),
            destruction_report::approved_at.eq(approved_at),
            destruction_report::destroyed_at.eq(at),
        ))
        .execute(conn)?;
    let files = files_of_in(conn, case_id)?;
    // Mails about the case hold the citizen's address (and the helper's).
    diesel::delete(outbox::table.filter(outbox::case_ref.eq(&case.reference))).execute(conn)?;
    diesel::delete(cases::table.find(case_id)).execute(conn)?;
    audit::record_in(
        conn,
        Role::Systeem,
        None,
        Action::DestroyCase,
        Some(&case.reference),
    )?;
    Ok(Some(files))
}

type CandidateRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// The list, the newest report lines and the counts, for the beheerder.
pub fn overview_in(conn: &mut Conn) -> StoreResult<DestructionOverview> {
    let terms = terms_in(conn)?;
    let rows: Vec<CandidateRow> = destruction_candidates::table
        .inner_join(cases::table.left_join(case_archive::table))
        .left_join(
            accounts::table.on(destruction_candidates::decided_by.eq(accounts::id.nullable())),
        )
        .order((destruction_candidates::proposed_at, cases::id))
        .select((
            cases::reference,
            cases::status_key,
            cases::status_detail,
            cases::submission,
            cases::updated_at,
            case_archive::action_at.nullable(),
            destruction_candidates::state,
            destruction_candidates::due_at,
            destruction_candidates::reason,
            accounts::name.nullable(),
        ))
        .load(conn)?;
    let mut lijst = Vec::with_capacity(rows.len());
    for (reference, key, detail, submission, ended, action_at, state, due, reason, by) in rows {
        let status = CaseStatus::from_keys(&key, detail.as_deref()).map_err(StoreError::Corrupt)?;
        let klasse = Bewaarklasse::of(status)
            .ok_or_else(|| StoreError::Corrupt(format!("listed case in state {key}")))?;
        let stand = Beoordeling::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("destruction state {state}")))?;
        let dienst = submission
            .as_deref()
            .map(parse::<Submission>)
            .transpose()?
            .map(|s| s.dienst.label().to_owned());
        lijst.push(Candidate {
            referentie: reference,
            klasse,
            // Nothing changes a case after it ended: its last change is its end.
            einde: ended,
            archiefactiedatum: action_at.unwrap_or(ended),
            dienst,
            stand,
            tot: due,
            reden: reason,
            beoordeeld_door: by,
        });
    }
    let verslag = destruction_report::table
        .inner_join(accounts::table.on(destruction_report::approved_by.eq(accounts::id)))
        .order(destruction_report::id.desc())
        .limit(REPORT_LINES)
        .select((
            destruction_report::reference_hash,
            destruction_report::end_class,
            destruction_report::archive_action_at,
            accounts::name,
            destruction_report::approved_at,
            destruction_report::destroyed_at,
        ))
        .load::<(String, String, i64, String, i64, i64)>(conn)?
        .into_iter()
        .map(|(hash, class, action_at, by, approved, destroyed)| {
            Ok(Destroyed {
                zaak: hash.chars().take(16).collect(),
                klasse: Bewaarklasse::parse(&class)
                    .ok_or_else(|| StoreError::Corrupt(format!("end class {class}")))?,
                archiefactiedatum: action_at,
                goedgekeurd_door: by,
                goedgekeurd_op: approved,
                vernietigd_op: destroyed,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let verslag_totaal = destruction_report::table.count().get_result(conn)?;
    Ok(DestructionOverview {
        termijnen: terms,
        lijst,
        verslag,
        verslag_totaal,
        cijfers: end_counts_in(conn)?,
    })
}

/// Cases per end state: those still in Bondgenoot and those left as anonymous records.
pub fn end_counts_in(conn: &mut Conn) -> StoreResult<Vec<EndCount>> {
    let kept: HashMap<String, i64> = cases::table
        .group_by(cases::status_key)
        .select((cases::status_key, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let destroyed: HashMap<String, i64> = anonymous_cases::table
        .group_by(anonymous_cases::end_class)
        .select((anonymous_cases::end_class, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(Bewaarklasse::ALL
        .into_iter()
        .filter(|class| *class != Bewaarklasse::Concept)
        .map(|class| EndCount {
            klasse: class,
            bewaard: kept.get(class.key()).copied().unwrap_or(0),
            vernietigd: destroyed.get(class.key()).copied().unwrap_or(0),
        })
        .collect())
}
