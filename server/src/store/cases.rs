//! Cases and their timeline. Status changes are compare-and-set on the old status (its key
//! and detail, two plain columns), so two people acting at once cannot both move the case.

use std::collections::HashMap;

use diesel::prelude::*;
use model::access::HIDDEN_FROM_STAFF;
use model::api::{CaseSummary, TimelineEntry};
use model::case::{CaseDraft, Submission};
use model::domain::{CaseReference, Date};
use model::lifecycle::{Audience, CaseEvent, CaseStatus, Role, TransitionError};
use model::retention::Bewaarklasse;

use super::conn::both;
use super::schema::{accounts, case_events, case_messages, cases, documents, organisations};
use super::{json, parse, role_of, Conn, StoreError, StoreResult};
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

/// The columns of `cases` a [`CaseRow`] is read from.
#[derive(Queryable, Selectable)]
#[diesel(table_name = cases)]
pub(crate) struct CaseRecord {
    id: i64,
    reference: String,
    organisation_id: i64,
    status_key: String,
    status_detail: Option<String>,
    draft: String,
    submission: Option<String>,
    created_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
    casemanager_id: Option<i64>,
}

fn status_of(key: &str, detail: Option<&str>) -> StoreResult<CaseStatus> {
    CaseStatus::from_keys(key, detail).map_err(StoreError::Corrupt)
}

impl TryFrom<CaseRecord> for CaseRow {
    type Error = StoreError;

    fn try_from(record: CaseRecord) -> StoreResult<CaseRow> {
        Ok(CaseRow {
            id: record.id,
            reference: record.reference,
            organisation_id: record.organisation_id,
            status: status_of(&record.status_key, record.status_detail.as_deref())?,
            draft: parse(&record.draft)?,
            submission: record.submission.as_deref().map(parse).transpose()?,
            created_at: record.created_at,
            updated_at: record.updated_at,
            submitted_at: record.submitted_at,
            casemanager_id: record.casemanager_id,
        })
    }
}

impl CaseRow {
    /// What need-to-know asks of this case (`store::assignment`).
    pub fn assignable(&self) -> super::assignment::Assignable<'_> {
        super::assignment::Assignable {
            id: self.id,
            reference: &self.reference,
            casemanager_id: self.casemanager_id,
        }
    }
}

/// Creates a draft with a fresh reference (retrying on the rare collision).
/// The most drafts an organisation keeps at one time: each may hold documents up to the
/// case limit, so unbounded drafts would be unbounded storage. Untouched drafts go after
/// their term (`store::retention`).
pub const MAX_DRAFTS_PER_ORGANISATION: i64 = 200;

/// The organisation's drafts, counted with [`create_draft`]'s limit.
pub fn drafts_of_in(conn: &mut Conn, organisation_id: i64) -> StoreResult<i64> {
    Ok(cases::table
        .filter(cases::organisation_id.eq(organisation_id))
        .filter(cases::status_key.eq(CaseStatus::Concept.key()))
        .count()
        .get_result(conn)?)
}

/// Makes a draft and returns its reference; `None` when the organisation has
/// [`MAX_DRAFTS_PER_ORGANISATION`] already.
pub async fn create_draft(
    db: &Db,
    organisation_id: i64,
    account_id: i64,
    draft: &CaseDraft,
) -> StoreResult<Option<String>> {
    let draft = json(draft)?;
    db.transaction(move |conn| {
        if drafts_of_in(conn, organisation_id)? >= MAX_DRAFTS_PER_ORGANISATION {
            return Ok(None);
        }
        let status = CaseStatus::Concept;
        for _ in 0..5 {
            let reference = CaseReference::from_random(random_u64()?).to_string();
            let at = now();
            let inserted = diesel::insert_into(cases::table)
                .values((
                    cases::reference.eq(&reference),
                    cases::organisation_id.eq(organisation_id),
                    cases::created_by.eq(account_id),
                    cases::status_key.eq(status.key()),
                    cases::status_detail.eq(status.detail_key()),
                    cases::draft.eq(&draft),
                    cases::created_at.eq(at),
                    cases::updated_at.eq(at),
                ))
                .execute(conn)
                .map_err(StoreError::from);
            match inserted {
                Ok(_) => return Ok(Some(reference)),
                Err(err) if err.is_unique_violation() => continue,
                Err(err) => return Err(err),
            }
        }
        Err(StoreError::NoFreeReference)
    })
    .await
}

pub fn by_reference_in(conn: &mut Conn, reference: &str) -> StoreResult<Option<CaseRow>> {
    cases::table
        .filter(cases::reference.eq(reference))
        .select(CaseRecord::as_select())
        .first(conn)
        .optional()?
        .map(CaseRow::try_from)
        .transpose()
}

pub fn by_id_in(conn: &mut Conn, id: i64) -> StoreResult<Option<CaseRow>> {
    cases::table
        .find(id)
        .select(CaseRecord::as_select())
        .first(conn)
        .optional()?
        .map(CaseRow::try_from)
        .transpose()
}

pub async fn by_reference(db: &Db, reference: &str) -> StoreResult<Option<CaseRow>> {
    let reference = reference.to_owned();
    db.run(move |conn| by_reference_in(conn, &reference)).await
}

pub async fn by_id(db: &Db, id: i64) -> StoreResult<Option<CaseRow>> {
    db.run(move |conn| by_id_in(conn, id)).await
}

pub fn organisation_name_in(conn: &mut Conn, organisation_id: i64) -> StoreResult<String> {
    Ok(organisations::table
        .find(organisation_id)
        .select(organisations::name)
        .first(conn)?)
}

/// The name of the helper organisation that submitted the case: the citizen's contact.
/// The contact line the organisation gives its citizens ("Bel uw hulpverlener via …").
pub fn organisation_contact_in(
    conn: &mut Conn,
    organisation_id: i64,
) -> StoreResult<Option<String>> {
    Ok(organisations::table
        .find(organisation_id)
        .select(organisations::contact)
        .get_result(conn)?)
}

/// The name of the case's casemanager, once someone took it on (no query before that).
pub fn casemanager_name_in(conn: &mut Conn, case: &CaseRow) -> StoreResult<Option<String>> {
    let Some(id) = case.casemanager_id else {
        return Ok(None);
    };
    let query = accounts::table.find(id).select(accounts::name);
    Ok(both!(conn, |c| query.first(c).optional())?)
}

pub async fn organisation_name(db: &Db, organisation_id: i64) -> StoreResult<String> {
    db.run(move |conn| organisation_name_in(conn, organisation_id))
        .await
}

/// Saves the draft, only while the case is still a draft.
pub async fn update_draft(db: &Db, id: i64, draft: &CaseDraft) -> StoreResult<bool> {
    let draft = json(draft)?;
    db.run(move |conn| {
        let changed = diesel::update(
            cases::table
                .find(id)
                .filter(cases::status_key.eq(CaseStatus::Concept.key())),
        )
        .set((cases::draft.eq(draft), cases::updated_at.eq(now())))
        .execute(conn)?;
        Ok(changed == 1)
    })
    .await
}

/// Deletes a draft with its rows (the database cascades), only while it is one. Returns the
/// ids of its documents, whose files the caller removes from the document storage once this
/// has committed (`None`: it was no draft).
pub async fn delete_draft(db: &Db, id: i64) -> StoreResult<Option<Vec<String>>> {
    db.transaction(move |conn| {
        let files: Vec<String> = documents::table
            .filter(documents::case_id.eq(id))
            .select(documents::id)
            .load(conn)?;
        let deleted = diesel::delete(
            cases::table
                .find(id)
                .filter(cases::status_key.eq(CaseStatus::Concept.key())),
        )
        .execute(conn)?;
        Ok::<_, StoreError>((deleted == 1).then_some(files))
    })
    .await
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
pub(crate) fn transition_in(
    conn: &mut Conn,
    case: &CaseRow,
    step: &Step<'_>,
    submission: Option<&Submission>,
) -> StoreResult<Transitioned> {
    let to = match case.status.apply(step.event, step.role) {
        Ok(to) => to,
        Err(refused) => return Ok(Transitioned::Refused(refused)),
    };
    let at = now();
    let from = case.status;
    let this_case = cases::table
        .find(case.id)
        .filter(cases::status_key.eq(from.key()));
    let changes = || {
        (
            cases::status_key.eq(to.key()),
            cases::status_detail.eq(to.detail_key()),
            cases::updated_at.eq(at),
        )
    };
    let moved = match from.detail_key() {
        Some(detail) => diesel::update(this_case.filter(cases::status_detail.eq(detail)))
            .set(changes())
            .execute(conn)?,
        None => diesel::update(this_case.filter(cases::status_detail.is_null()))
            .set(changes())
            .execute(conn)?,
    };
    if moved != 1 {
        return Ok(Transitioned::ChangedMeanwhile);
    }
    if let Some(submission) = submission {
        diesel::update(cases::table.find(case.id))
            .set((
                cases::submission.eq(json(submission)?),
                cases::spoed.eq(!submission.spoed.is_empty()),
                cases::termijn.eq(submission.termijn_einddatum.map(|d| d.to_string())),
                cases::submitted_at.eq(at),
            ))
            .execute(conn)?;
        super::facets::write_facets_in(conn, case.id, submission)?;
    }
    match step.event {
        // Whoever takes the case on stays its one fixed contact (as Stella-teams work).
        // The case goes to their handling teams too (need-to-know: casemanager and assigned
        // teams), and so leaves the triage queue.
        CaseEvent::InBehandelingNemen => {
            diesel::update(cases::table.find(case.id))
                .set(cases::casemanager_id.eq(step.account))
                .execute(conn)?;
            if let Some(account) = step.account {
                let teams = super::assignment::handling_teams_of_in(conn, account)?;
                super::assignment::assign_teams_in(conn, case.id, &teams)?;
            }
        }
        CaseEvent::Sluiten => {
            diesel::update(cases::table.find(case.id))
                .set(cases::closed_at.eq(at))
                .execute(conn)?;
        }
        _ => {}
    }
    if to.is_end() {
        super::retention::nominate_in(conn, case.id, to, at)?;
    }
    diesel::insert_into(case_events::table)
        .values((
            case_events::case_id.eq(case.id),
            case_events::at.eq(at),
            case_events::actor_role.eq(step.role.as_str()),
            case_events::actor_account.eq(step.account),
            case_events::event.eq(json(&step.event)?),
            case_events::from_status.eq(json(&from)?),
            case_events::to_status.eq(json(&to)?),
            case_events::message_helper.eq(step.message_helper),
            case_events::message_citizen.eq(step.message_citizen),
            case_events::datum.eq(step.datum.map(|d| d.to_string())),
            case_events::reasons.eq(step.reasons),
        ))
        .execute(conn)?;
    Ok(Transitioned::Moved(to))
}

/// Who reads a timeline or a message list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Citizen,
    Helper,
    Staff,
}

/// How many messages on each of `cases` `reader` has not read yet: for the helper, the
/// Belangenbehartiger's; for staff, the helper's and the citizen's (the read status that
/// [`super::messages::messages_in`] sets). Cases without any are left out; the citizen's
/// page shows no counts.
pub fn unread_by_case_in(
    conn: &mut Conn,
    cases: &[i64],
    reader: Reader,
) -> StoreResult<HashMap<i64, i64>> {
    let from_staff = match reader {
        Reader::Helper => true,
        Reader::Staff => false,
        Reader::Citizen => return Ok(HashMap::new()),
    };
    Ok(case_messages::table
        .filter(case_messages::case_id.eq_any(cases))
        .filter(case_messages::read_at.is_null())
        .filter(
            case_messages::author_role
                .eq(Role::Behandelaar.as_str())
                .eq(from_staff),
        )
        .group_by(case_messages::case_id)
        .select((case_messages::case_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect())
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
    let english = model::lang::current() == model::Lang::En;
    let tr = model::lang::tr;
    match role {
        Role::Burger if reader == Reader::Citizen => tr("U", "You").into(),
        Role::Burger => tr("De burger", "The citizen").into(),
        Role::Hulpverlener if english => format!("Social worker of {organisation}"),
        Role::Hulpverlener => format!("Hulpverlener van {organisation}"),
        Role::Behandelaar | Role::Beheerder => match account_name {
            Some(name) if account.is_some() && account == case.casemanager_id => {
                if english {
                    format!("{name}, case manager at the Belangenbehartiger")
                } else {
                    format!("{name}, casemanager van de Belangenbehartiger")
                }
            }
            Some(name) if reader == Reader::Staff => format!("{name} (Belangenbehartiger)"),
            _ => tr("De Belangenbehartiger", "The Belangenbehartiger").into(),
        },
        Role::Intermediair => tr("Een intermediair", "An intermediary").into(),
        Role::Systeem => tr("Bondgenoot (automatisch)", "Bondgenoot (automatic)").into(),
    }
}

/// The timeline with the messages meant for `reader` (the citizen's, or the helper's, which
/// staff read too).
pub fn timeline_in(
    conn: &mut Conn,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> StoreResult<Vec<TimelineEntry>> {
    let query = case_events::table
        .left_join(accounts::table.on(case_events::actor_account.eq(accounts::id.nullable())))
        .filter(case_events::case_id.eq(case.id))
        .order(case_events::id)
        .select((
            case_events::at,
            case_events::actor_role,
            case_events::actor_account,
            accounts::name.nullable(),
            case_events::from_status,
            case_events::to_status,
            case_events::message_helper,
            case_events::message_citizen,
            case_events::datum,
            case_events::reasons,
        ));
    // Read on every case page: on the concrete connection (see `consent::citizen_session_in`).
    let rows = both!(conn, |c| query.load::<(
        i64,
        String,
        Option<i64>,
        Option<String>,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    )>(c))?;
    rows.into_iter()
        .map(
            |(at, role, account, name, from, to, helper, citizen, datum, reasons)| {
                let role = role_of(&role)?;
                Ok(TimelineEntry {
                    tijd: at,
                    rol: role,
                    door: actor_label(reader, role, account, name.as_deref(), case, organisation),
                    datum: datum.as_deref().and_then(|d| Date::parse(d).ok()),
                    van: parse(&from)?,
                    naar: parse(&to)?,
                    bericht: {
                        let (stored, audience) = if reader == Reader::Citizen {
                            (citizen, Audience::Burger)
                        } else {
                            (helper, Audience::Hulpverlener)
                        };
                        model::consent::stored_text_now(stored, parse(&to)?, audience)
                    },
                    reden: reasons,
                })
            },
        )
        .collect()
}

pub async fn timeline(
    db: &Db,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> StoreResult<Vec<TimelineEntry>> {
    let (case, organisation) = (case.clone(), organisation.to_owned());
    db.run(move |conn| timeline_in(conn, &case, &organisation, reader))
        .await
}

/// Closed cases needed before a median lead time is shown: fewer would mislead.
pub const MEDIAN_MIN_CASES: usize = 5;

/// Sending-to-closing spans (seconds) of the closed cases, live and destroyed (their
/// anonymous records): the same SQL on both databases.
const CLOSED_SPANS: &str = "SELECT closed_at - submitted_at AS span FROM cases \
    WHERE status_key = 'gesloten' AND closed_at IS NOT NULL AND submitted_at IS NOT NULL \
    UNION ALL SELECT ended_at - submitted_at AS span FROM anonymous_cases \
    WHERE end_class = 'gesloten' AND submitted_at IS NOT NULL";

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(diesel::QueryableByName)]
struct Span {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    span: i64,
}

/// The median number of days from sending to closing over the closed cases in this app,
/// destroyed ones included: counted and picked by the database (two small queries), not by
/// reading every closed case on each case view.
pub fn median_closed_days_in(conn: &mut Conn) -> StoreResult<Option<i64>> {
    let count = diesel::sql_query(format!(
        "SELECT COUNT(*) AS n FROM ({CLOSED_SPANS}) AS spans"
    ))
    .get_result::<Count>(conn)?
    .n;
    if count < MEDIAN_MIN_CASES as i64 {
        return Ok(None);
    }
    // `count / 2` is our own number, not input: safe in the SQL text.
    let middle = diesel::sql_query(format!(
        "SELECT span FROM ({CLOSED_SPANS}) AS spans ORDER BY span LIMIT 1 OFFSET {}",
        count / 2
    ))
    .get_result::<Span>(conn)?;
    Ok(Some(middle.span / 86_400))
}

pub async fn median_closed_days(db: &Db) -> StoreResult<Option<i64>> {
    db.run(median_closed_days_in).await
}

pub async fn account_name(db: &Db, id: i64) -> StoreResult<Option<String>> {
    db.run(move |conn| {
        Ok(accounts::table
            .find(id)
            .select(accounts::name)
            .first(conn)
            .optional()?)
    })
    .await
}

/// The columns of `cases` a list row needs (the draft only where names are shown).
#[derive(Queryable, Selectable)]
#[diesel(table_name = cases)]
struct SummaryRecord {
    id: i64,
    reference: String,
    status_key: String,
    status_detail: Option<String>,
    spoed: bool,
    termijn: Option<String>,
    created_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
}

/// The one field of a draft a helper's list shows; serde skips the rest unread.
#[derive(serde::Deserialize)]
struct NameOnly {
    burger_naam: Option<String>,
}

fn summary(
    r: SummaryRecord,
    burger_naam: Option<String>,
    unread: &HashMap<i64, i64>,
) -> StoreResult<CaseSummary> {
    let status = status_of(&r.status_key, r.status_detail.as_deref())?;
    Ok(CaseSummary {
        referentie: r.reference,
        status,
        status_titel: status.title().to_owned(),
        ongelezen: unread.get(&r.id).copied().unwrap_or(0),
        burger_naam,
        spoed: r.spoed,
        termijn: r.termijn.as_deref().and_then(|d| Date::parse(d).ok()),
        aangemaakt: r.created_at,
        bijgewerkt: r.updated_at,
        ingediend: r.submitted_at,
        verwijderd_na: None,
    })
}

/// A helper's list: every case of their organisation, newest change first, with the
/// messages from staff that nobody in the organisation has read yet.
/// Lines of the case list on one page (`GET /api/zaken?pagina=…`).
pub const CASES_PER_PAGE: i64 = 50;

/// One page of a case list, and whether there is a next one.
pub struct CasePage {
    pub cases: Vec<CaseSummary>,
    pub more: bool,
}

/// Rows `page` (from 1) covers: one more than fits, to know whether a next page exists
/// without counting them all.
fn window(page: i64) -> (i64, i64) {
    (CASES_PER_PAGE + 1, (page.max(1) - 1) * CASES_PER_PAGE)
}

/// Cuts the extra row [`window`] read.
fn page_of(mut cases: Vec<CaseSummary>) -> CasePage {
    let more = cases.len() as i64 > CASES_PER_PAGE;
    cases.truncate(CASES_PER_PAGE as usize);
    CasePage { cases, more }
}

pub fn list_for_organisation_in(
    conn: &mut Conn,
    organisation_id: i64,
    page: i64,
) -> StoreResult<CasePage> {
    let (limit, offset) = window(page);
    let records = cases::table
        .filter(cases::organisation_id.eq(organisation_id))
        .order((cases::updated_at.desc(), cases::id.desc()))
        .limit(limit)
        .offset(offset)
        .select((SummaryRecord::as_select(), cases::draft))
        .load::<(SummaryRecord, String)>(conn)?;
    let ids: Vec<i64> = records.iter().map(|(record, _)| record.id).collect();
    let unread = unread_by_case_in(conn, &ids, Reader::Helper)?;
    let draft_days = super::retention::terms_in(conn)?.days(Bewaarklasse::Concept);
    records
        .into_iter()
        .map(|(record, draft)| {
            let name = parse::<NameOnly>(&draft)?.burger_naam;
            let mut line = summary(record, name, &unread)?;
            if line.status == CaseStatus::Concept {
                line.verwijderd_na = Some(line.bijgewerkt + draft_days * 86_400);
            }
            Ok(line)
        })
        .collect::<StoreResult<Vec<_>>>()
        .map(page_of)
}

pub async fn list_for_organisation(
    db: &Db,
    organisation_id: i64,
    page: i64,
) -> StoreResult<CasePage> {
    db.run(move |conn| list_for_organisation_in(conn, organisation_id, page))
        .await
}

/// Staff list (the states they see are `model::access`'s rule): cases that reached the
/// Belangenbehartiger, urgent first, then oldest. No names.
pub fn list_for_staff_in(conn: &mut Conn, page: i64) -> StoreResult<CasePage> {
    let hidden = HIDDEN_FROM_STAFF.map(CaseStatus::key);
    let (limit, offset) = window(page);
    let records: Vec<SummaryRecord> = cases::table
        .filter(cases::status_key.ne_all(hidden))
        .order((
            cases::spoed.desc(),
            cases::submitted_at.asc(),
            cases::id.asc(),
        ))
        .limit(limit)
        .offset(offset)
        .select(SummaryRecord::as_select())
        .load(conn)?;
    // Unread messages from helpers and citizens, on this page's cases only.
    let ids: Vec<i64> = records.iter().map(|record| record.id).collect();
    let unread = unread_by_case_in(conn, &ids, Reader::Staff)?;
    records
        .into_iter()
        .map(|record| summary(record, None, &unread))
        .collect::<StoreResult<Vec<_>>>()
        .map(page_of)
}

pub async fn list_for_staff(db: &Db, page: i64) -> StoreResult<CasePage> {
    db.run(move |conn| list_for_staff_in(conn, page)).await
}
