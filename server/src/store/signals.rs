//! Signals: filed by a helper's organisation (or by staff), moved by staff through
//! `model::signal::SignalStatus::apply`, each step on the signal's own timeline. The link to
//! cases is for staff only and is never exported.

use diesel::prelude::*;
use model::case::Dienst;
use model::domain::{CaseReference, Date};
use model::lifecycle::CaseStatus;
use model::signal::wire::{CheckedSignal, SignalStep, SignalSummary};
use model::signal::{SignalEvent, SignalStatus};

use super::outbox;
use super::schema::{accounts, cases, organisations, signal_cases, signal_events, signals};
use super::{Conn, StoreError, StoreResult};
use crate::clock::now;
use crate::crypto::random_u64;
use crate::store::db::Db;

/// Lines of a signal list on one page.
pub const SIGNALS_PER_PAGE: i64 = 50;

/// A signal as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = signals)]
pub struct SignalRow {
    pub id: i64,
    pub reference: String,
    pub organisation_id: Option<i64>,
    pub filed_by: i64,
    pub filed_at: i64,
    pub dienst: String,
    pub thema: String,
    pub wat_gaat_mis: String,
    pub verhaal: String,
    pub oplossing: String,
    pub status_key: String,
    pub text_to_send: Option<String>,
    pub text_writer: Option<i64>,
    pub approved_by: Option<i64>,
    pub forwarded_on: Option<String>,
    pub updated_at: i64,
}

impl SignalRow {
    pub fn status(&self) -> StoreResult<SignalStatus> {
        SignalStatus::parse(&self.status_key)
            .ok_or_else(|| StoreError::Corrupt(format!("signal status {}", self.status_key)))
    }

    pub fn dienst(&self) -> StoreResult<Dienst> {
        serde_json::from_value(serde_json::Value::String(self.dienst.clone()))
            .map_err(|_| StoreError::Corrupt(format!("signal dienst {}", self.dienst)))
    }
}

fn dienst_key(dienst: Dienst) -> String {
    match serde_json::to_value(dienst) {
        Ok(serde_json::Value::String(key)) => key,
        _ => String::new(),
    }
}

/// Why cases named with a signal were not linked.
#[derive(Debug)]
pub enum Filed {
    Made(String),
    /// A reference that is not one of the filer's cases (or not a case staff may see).
    UnknownCase(String),
}

/// Files a signal; `organisation` is the helper's (none for staff, who may link any case that
/// reached the Belangenbehartiger).
pub async fn file(
    db: &Db,
    organisation: Option<i64>,
    account: i64,
    signal: CheckedSignal,
) -> StoreResult<Filed> {
    db.transaction(move |conn| {
        let mut case_ids = Vec::new();
        for reference in &signal.zaken {
            let mut query = cases::table
                .filter(cases::reference.eq(reference.trim()))
                .into_boxed::<super::conn::MultiBackend>();
            query = match organisation {
                Some(org) => query.filter(cases::organisation_id.eq(org)),
                None => query.filter(
                    cases::status_key.ne_all(model::access::HIDDEN_FROM_STAFF.map(CaseStatus::key)),
                ),
            };
            match query.select(cases::id).first::<i64>(conn).optional()? {
                Some(id) => case_ids.push(id),
                None => return Ok(Filed::UnknownCase(reference.clone())),
            }
        }
        // The same case named twice is linked once.
        case_ids.sort_unstable();
        case_ids.dedup();
        let at = now();
        for _ in 0..5 {
            let reference = CaseReference::from_random(random_u64()?)
                .to_string()
                .replacen("BG-", "SG-", 1);
            let made = diesel::insert_into(signals::table)
                .values((
                    signals::reference.eq(&reference),
                    signals::organisation_id.eq(organisation),
                    signals::filed_by.eq(account),
                    signals::filed_at.eq(at),
                    signals::dienst.eq(dienst_key(signal.dienst)),
                    signals::thema.eq(signal.thema.as_str()),
                    signals::wat_gaat_mis.eq(signal.wat_gaat_mis.as_str()),
                    signals::verhaal.eq(signal.verhaal.as_str()),
                    signals::oplossing.eq(signal.oplossing.as_str()),
                    signals::status_key.eq(SignalStatus::Nieuw.key()),
                    signals::updated_at.eq(at),
                ))
                .returning(signals::id)
                .get_result::<i64>(conn)
                .map_err(StoreError::from);
            match made {
                Ok(id) => {
                    for case_id in &case_ids {
                        diesel::insert_into(signal_cases::table)
                            .values((
                                signal_cases::signal_id.eq(id),
                                signal_cases::case_id.eq(case_id),
                            ))
                            .execute(conn)?;
                    }
                    return Ok(Filed::Made(reference));
                }
                Err(err) if err.is_unique_violation() => continue,
                Err(err) => return Err(err),
            }
        }
        Err(StoreError::NoFreeReference)
    })
    .await
}

/// A page of signals: an organisation's own, or (staff) everyone's; newest change first.
pub async fn list(
    db: &Db,
    organisation: Option<i64>,
    page: i64,
) -> StoreResult<(Vec<SignalSummary>, bool)> {
    db.run(move |conn| {
        let mut query = signals::table
            .left_join(organisations::table)
            .into_boxed::<super::conn::MultiBackend>();
        if let Some(org) = organisation {
            query = query.filter(signals::organisation_id.eq(org));
        }
        let rows: Vec<(SignalRow, Option<String>)> = query
            .order((signals::updated_at.desc(), signals::id.desc()))
            .limit(SIGNALS_PER_PAGE + 1)
            .offset((page.max(1) - 1) * SIGNALS_PER_PAGE)
            .select((SignalRow::as_select(), organisations::name.nullable()))
            .load(conn)?;
        let more = rows.len() as i64 > SIGNALS_PER_PAGE;
        // Terugkoppelingen of this page's signals, counted in one query.
        let ids: Vec<i64> = rows.iter().map(|(row, _)| row.id).collect();
        let answers: std::collections::HashMap<i64, i64> = signal_events::table
            .filter(signal_events::signal_id.eq_any(ids))
            .filter(signal_events::event.eq(event_key(SignalEvent::Terugkoppelen)))
            .group_by(signal_events::signal_id)
            .select((signal_events::signal_id, diesel::dsl::count_star()))
            .load::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        let mut lines = Vec::new();
        for (row, organisatie) in rows.into_iter().take(SIGNALS_PER_PAGE as usize) {
            let status = row.status()?;
            lines.push(SignalSummary {
                referentie: row.reference.clone(),
                status,
                status_titel: status.title().into(),
                dienst: row.dienst()?,
                thema: row.thema.clone(),
                ingediend: row.filed_at,
                organisatie,
                terugkoppelingen: answers.get(&row.id).copied().unwrap_or(0),
            });
        }
        Ok((lines, more))
    })
    .await
}

pub fn event_key(event: SignalEvent) -> String {
    match serde_json::to_value(event) {
        Ok(serde_json::Value::String(key)) => key,
        _ => String::new(),
    }
}

fn event_of(key: &str) -> Option<SignalEvent> {
    serde_json::from_value(serde_json::Value::String(key.to_owned())).ok()
}

/// A signal with what each reader may see of it.
pub struct SignalRecord {
    pub row: SignalRow,
    pub organisation: Option<String>,
    /// Every step, with its text and who took it.
    pub steps: Vec<(i64, SignalEvent, SignalStatus, Option<String>, String)>,
    pub cases: Vec<String>,
    pub writer: Option<String>,
    pub approver: Option<String>,
}

pub async fn by_reference(db: &Db, reference: &str) -> StoreResult<Option<SignalRecord>> {
    let reference = reference.to_owned();
    db.run(move |conn| {
        let Some((row, organisation)) = signals::table
            .left_join(organisations::table)
            .filter(signals::reference.eq(reference))
            .select((SignalRow::as_select(), organisations::name.nullable()))
            .first::<(SignalRow, Option<String>)>(conn)
            .optional()?
        else {
            return Ok(None);
        };
        let events: Vec<(i64, String, String, Option<String>, String)> = signal_events::table
            .inner_join(accounts::table)
            .filter(signal_events::signal_id.eq(row.id))
            .order(signal_events::id)
            .select((
                signal_events::at,
                signal_events::event,
                signal_events::to_status,
                signal_events::body,
                accounts::name,
            ))
            .load(conn)?;
        let mut steps = Vec::new();
        for (at, event, to, body, name) in events {
            let (Some(event), Some(to)) = (event_of(&event), SignalStatus::parse(&to)) else {
                return Err(StoreError::Corrupt(format!("signal step {event} → {to}")));
            };
            steps.push((at, event, to, body, name));
        }
        let cases: Vec<String> = signal_cases::table
            .inner_join(cases::table)
            .filter(signal_cases::signal_id.eq(row.id))
            .order(cases::reference)
            .select(cases::reference)
            .load(conn)?;
        let name_of = |conn: &mut Conn, id: Option<i64>| -> StoreResult<Option<String>> {
            match id {
                Some(id) => Ok(accounts::table
                    .find(id)
                    .select(accounts::name)
                    .first(conn)
                    .optional()?),
                None => Ok(None),
            }
        };
        let writer = name_of(conn, row.text_writer)?;
        let approver = name_of(conn, row.approved_by)?;
        Ok(Some(SignalRecord {
            row,
            organisation,
            steps,
            cases,
            writer,
            approver,
        }))
    })
    .await
}

/// What a step stores besides its state.
pub struct StepWrite {
    pub event: SignalEvent,
    pub from: SignalStatus,
    pub to: SignalStatus,
    pub actor: i64,
    pub body: Option<String>,
    pub forwarded_on: Option<Date>,
}

/// Takes a step, if the signal is still where the reader saw it (false: it moved meanwhile).
/// The filer hears of a terugkoppeling, a refusal or a merge by mail, in the same transaction.
pub async fn step(
    db: &Db,
    signal: SignalRow,
    write: StepWrite,
    public_url: &str,
) -> StoreResult<bool> {
    let public_url = public_url.to_owned();
    db.transaction(move |conn| {
        let at = now();
        let changed = diesel::update(
            signals::table
                .find(signal.id)
                .filter(signals::status_key.eq(write.from.key())),
        )
        .set((
            signals::status_key.eq(write.to.key()),
            signals::updated_at.eq(at),
        ))
        .execute(conn)?;
        if changed == 0 {
            return Ok(false);
        }
        match write.event {
            SignalEvent::TerControleAanbieden => {
                diesel::update(signals::table.find(signal.id))
                    .set((
                        signals::text_to_send.eq(write.body.clone()),
                        signals::text_writer.eq(write.actor),
                        signals::approved_by.eq(None::<i64>),
                    ))
                    .execute(conn)?;
            }
            SignalEvent::Goedkeuren => {
                diesel::update(signals::table.find(signal.id))
                    .set(signals::approved_by.eq(write.actor))
                    .execute(conn)?;
            }
            SignalEvent::Doorzetten => {
                diesel::update(signals::table.find(signal.id))
                    .set(signals::forwarded_on.eq(write.forwarded_on.map(|d| d.to_string())))
                    .execute(conn)?;
            }
            _ => {}
        }
        diesel::insert_into(signal_events::table)
            .values((
                signal_events::signal_id.eq(signal.id),
                signal_events::at.eq(at),
                signal_events::actor_account.eq(write.actor),
                signal_events::event.eq(event_key(write.event)),
                signal_events::to_status.eq(write.to.key()),
                signal_events::body.eq(write.body.clone()),
            ))
            .execute(conn)?;
        let tells_partner = matches!(
            write.event,
            SignalEvent::Terugkoppelen | SignalEvent::NietDoorzetten | SignalEvent::Samenvoegen
        );
        if tells_partner && signal.organisation_id.is_some() {
            let filer: Option<(String, bool, String)> = accounts::table
                .find(signal.filed_by)
                .select((accounts::email, accounts::active, accounts::language))
                .first(conn)
                .optional()?;
            if let Some((address, true, lang)) = filer {
                let reference = &signal.reference;
                let lang = model::Lang::from_stored(&lang);
                let (subject, body) = model::lang::speaking(lang, || match lang {
                    model::Lang::Nl => (
                        format!("Nieuws over uw signaal {reference}"),
                        format!(
                            "Er is nieuws over uw signaal {reference}.\n\nHet signaal staat nu op: {}.\n\n\
                             Lees wat er is gebeurd: {public_url}/signalen/{reference}\n\n{}\n",
                            write.to.title(),
                            outbox::footer()
                        ),
                    ),
                    model::Lang::En => (
                        format!("News about your signal {reference}"),
                        format!(
                            "There is news about your signal {reference}.\n\nThe signal is now: {}.\n\n\
                             Read what happened: {public_url}/signalen/{reference}\n\n{}\n",
                            write.to.title(),
                            outbox::footer()
                        ),
                    ),
                });
                outbox::enqueue_about_account_in(conn, &address, &subject, &body)?;
            }
        }
        Ok(true)
    })
    .await
}

/// The id of a signal by its reference (to merge into: the step's text names it).
pub async fn id_of(db: &Db, reference: &str) -> StoreResult<Option<i64>> {
    let reference = reference.to_owned();
    db.run(move |conn| {
        Ok(signals::table
            .filter(signals::reference.eq(reference))
            .select(signals::id)
            .first(conn)
            .optional()?)
    })
    .await
}

/// One forwarded signal as it goes to the KSMS: the approved text, never a case link.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    pub referentie: String,
    pub doorgezet_op: String,
    pub dienst: String,
    pub thema: String,
    pub tekst: String,
}

/// The signals forwarded from `from` to `to` (inclusive), oldest first. Dates are stored in
/// ISO form, so the database picks the period.
pub async fn export(db: &Db, from: Date, to: Date) -> StoreResult<Vec<Exported>> {
    db.run(move |conn| {
        type Row = (String, Option<String>, String, String, Option<String>);
        let rows: Vec<Row> = signals::table
            .filter(signals::forwarded_on.ge(from.to_string()))
            .filter(signals::forwarded_on.le(to.to_string()))
            .filter(signals::approved_by.is_not_null())
            .order((signals::forwarded_on, signals::id))
            .select((
                signals::reference,
                signals::forwarded_on,
                signals::dienst,
                signals::thema,
                signals::text_to_send,
            ))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(referentie, on, dienst, thema, tekst)| Exported {
                referentie,
                doorgezet_op: on.unwrap_or_default(),
                dienst,
                thema,
                tekst: tekst.unwrap_or_default(),
            })
            .collect())
    })
    .await
}

/// The partner's view of the steps: the states, and the texts meant for the partner (a
/// terugkoppeling, why it was not forwarded); staff read every text and who took the step.
pub fn steps_for(record: &SignalRecord, staff: bool) -> Vec<SignalStep> {
    record
        .steps
        .iter()
        .map(|(at, event, to, body, name)| {
            let for_partner = matches!(
                event,
                SignalEvent::Terugkoppelen | SignalEvent::NietDoorzetten
            );
            SignalStep {
                tijd: *at,
                naar: *to,
                titel: event.label().into(),
                tekst: (staff || for_partner).then(|| body.clone()).flatten(),
                door: staff.then(|| name.clone()),
            }
        })
        .collect()
}
