//! The raw counts behind the figures page: cases sent in a period (live ones and the anonymous
//! records of destroyed ones alike), their lead times from the timeline, and signals. The
//! HTTP layer suppresses small counts (`model::figures`) before anything is shown.

use std::collections::BTreeMap;

use diesel::prelude::*;
use model::lifecycle::CaseStatus;

use super::facets::serde_key;
use super::schema::{
    anonymous_case_states, anonymous_case_topics, anonymous_cases, case_events, case_facets, cases,
    organisations, signal_events, signals,
};
use super::signals::event_key;
use super::{Conn, StoreResult};

/// Counts per category (a stable key each), before suppression.
pub type Counts = BTreeMap<String, i64>;

/// What the figures page is made of.
#[derive(Debug, Default)]
pub struct Raw {
    pub per_state: Counts,
    pub per_kind: Counts,
    pub per_dienst: Counts,
    pub per_topic: Counts,
    pub spoed: Counts,
    pub outcomes: Counts,
    pub routes: Counts,
    /// Days from sending to the end, per ended case.
    pub lead_days: Vec<i64>,
    /// Days spent in each state (key) that a case left.
    pub step_days: BTreeMap<String, Vec<i64>>,
    pub signals: Counts,
    /// Signals that got at least one terugkoppeling, of those forwarded.
    pub signals_answered: i64,
    pub signals_forwarded: i64,
}

const DAY: i64 = 86_400;

type Backend = super::conn::MultiBackend;

/// `query` (anything joined with `cases`) narrowed to the cases sent from `from` up to `to`,
/// of one organisation or of all: the one period filter every count below uses.
macro_rules! sent_in {
    ($query:expr, $from:expr, $to:expr, $organisation:expr) => {{
        let mut query = $query
            .filter(cases::submitted_at.ge($from))
            .filter(cases::submitted_at.lt($to))
            .into_boxed::<Backend>();
        if let Some(org) = $organisation {
            query = query.filter(cases::organisation_id.eq(org));
        }
        query
    }};
}

fn bump(counts: &mut Counts, key: impl Into<String>) {
    *counts.entry(key.into()).or_default() += 1;
}

/// The figures of cases sent from `from` up to `to` (seconds), of one organisation or of all.
pub fn raw_in(conn: &mut Conn, from: i64, to: i64, organisation: Option<i64>) -> StoreResult<Raw> {
    let mut raw = Raw::default();
    let query = sent_in!(
        cases::table.inner_join(organisations::table),
        from,
        to,
        organisation
    );
    type Live = (
        i64,
        String,
        Option<String>,
        bool,
        Option<i64>,
        Option<i64>,
        String,
    );
    let live: Vec<Live> = query
        .select((
            cases::id,
            cases::status_key,
            cases::status_detail,
            cases::spoed,
            cases::submitted_at,
            cases::closed_at,
            organisations::kind,
        ))
        .load(conn)?;
    let ended: std::collections::HashSet<i64> = live
        .iter()
        .filter(|row| row.1 == CaseStatus::Gesloten.key() || row.1 == CaseStatus::Eindgesprek.key())
        .map(|row| row.0)
        .collect();
    for (_, key, detail, spoed, submitted, closed, kind) in &live {
        bump(&mut raw.per_state, key.clone());
        bump(&mut raw.per_kind, kind.clone());
        bump(&mut raw.spoed, if *spoed { "ja" } else { "nee" });
        match CaseStatus::from_keys(key, detail.as_deref()) {
            Ok(CaseStatus::Afgerond(outcome)) => bump(&mut raw.outcomes, serde_key(&outcome)?),
            Ok(CaseStatus::Doorverwezen(route)) => bump(&mut raw.routes, serde_key(&route)?),
            _ => {}
        }
        if let (Some(start), Some(end)) = (submitted, closed) {
            raw.lead_days.push((end - start) / DAY);
        }
    }
    let facets: Vec<(String, String)> = sent_in!(
        case_facets::table.inner_join(cases::table),
        from,
        to,
        organisation
    )
    .select((case_facets::kind, case_facets::value))
    .load(conn)?;
    for (kind, value) in facets {
        match kind.as_str() {
            "dienst" => bump(&mut raw.per_dienst, value),
            _ => bump(&mut raw.per_topic, value),
        }
    }
    // Time in each state, from one step to the next per case; and the outcome of a closed
    // case, which is in its timeline (the state after "afronden"). One pass over the steps.
    let events: Vec<(i64, i64, String)> = sent_in!(
        case_events::table.inner_join(cases::table),
        from,
        to,
        organisation
    )
    .order((case_events::case_id, case_events::id))
    .select((
        case_events::case_id,
        case_events::at,
        case_events::to_status,
    ))
    .load(conn)?;
    // A few distinct states in many rows: each stored form is read once.
    let mut states: std::collections::HashMap<&str, CaseStatus> = std::collections::HashMap::new();
    for (i, (case, at, to_status)) in events.iter().enumerate() {
        let state = match states.get(to_status.as_str()) {
            Some(state) => *state,
            None => {
                let state: CaseStatus = serde_json::from_str(to_status)?;
                *states.entry(to_status).or_insert(state)
            }
        };
        if let CaseStatus::Afgerond(outcome) = state {
            if ended.contains(case) {
                bump(&mut raw.outcomes, serde_key(&outcome)?);
            }
        }
        if let Some((next_case, next_at, _)) = events.get(i + 1) {
            if next_case == case {
                raw.step_days
                    .entry(state.key().to_owned())
                    .or_default()
                    .push((next_at - at) / DAY);
            }
        }
    }

    // Destroyed cases: their anonymous records.
    if organisation.is_none() {
        type Gone = (
            i64,
            String,
            Option<String>,
            bool,
            String,
            Option<String>,
            Option<i64>,
            i64,
        );
        let gone: Vec<Gone> = anonymous_cases::table
            .filter(anonymous_cases::submitted_at.ge(from))
            .filter(anonymous_cases::submitted_at.lt(to))
            .select((
                anonymous_cases::id,
                anonymous_cases::organisation_kind,
                anonymous_cases::dienst,
                anonymous_cases::spoed,
                anonymous_cases::end_class,
                anonymous_cases::outcome,
                anonymous_cases::submitted_at,
                anonymous_cases::ended_at,
            ))
            .load(conn)?;
        for (_, kind, dienst, spoed, end, outcome, submitted, ended) in gone {
            bump(&mut raw.per_state, end.clone());
            bump(&mut raw.per_kind, kind);
            bump(&mut raw.spoed, if spoed { "ja" } else { "nee" });
            if let Some(dienst) = dienst {
                bump(&mut raw.per_dienst, dienst);
            }
            if let Some(outcome) = outcome {
                bump(&mut raw.outcomes, outcome);
            }
            if end == CaseStatus::Gesloten.key() {
                if let Some(start) = submitted {
                    raw.lead_days.push((ended - start) / DAY);
                }
            }
        }
        let topics: Vec<String> = anonymous_case_topics::table
            .inner_join(anonymous_cases::table)
            .filter(anonymous_cases::submitted_at.ge(from))
            .filter(anonymous_cases::submitted_at.lt(to))
            .select(anonymous_case_topics::topic)
            .load(conn)?;
        for topic in topics {
            bump(&mut raw.per_topic, topic);
        }
        let states: Vec<(i64, i64, String, Option<String>)> = anonymous_case_states::table
            .inner_join(anonymous_cases::table)
            .filter(anonymous_cases::submitted_at.ge(from))
            .filter(anonymous_cases::submitted_at.lt(to))
            .order((
                anonymous_case_states::anonymous_case_id,
                anonymous_case_states::seq,
            ))
            .select((
                anonymous_case_states::anonymous_case_id,
                anonymous_case_states::at,
                anonymous_case_states::status_key,
                anonymous_case_states::status_detail,
            ))
            .load(conn)?;
        for pair in states.windows(2) {
            let ((a, at_a, key, _), (b, at_b, _, _)) = (&pair[0], &pair[1]);
            if a == b {
                raw.step_days
                    .entry(key.clone())
                    .or_default()
                    .push((at_b - at_a) / DAY);
            }
            if key == "doorverwezen" {
                if let Some(route) = &pair[0].3 {
                    bump(&mut raw.routes, route.clone());
                }
            }
        }
    }
    raw.lead_days.sort_unstable();
    for days in raw.step_days.values_mut() {
        days.sort_unstable();
    }

    // Signals filed in the period.
    let mut signal_query = signals::table
        .filter(signals::filed_at.ge(from))
        .filter(signals::filed_at.lt(to))
        .into_boxed::<super::conn::MultiBackend>();
    if let Some(org) = organisation {
        signal_query = signal_query.filter(signals::organisation_id.eq(org));
    }
    let filed: Vec<(i64, String, Option<String>)> = signal_query
        .select((signals::id, signals::status_key, signals::forwarded_on))
        .load(conn)?;
    let mut answered_query = signal_events::table
        .inner_join(signals::table)
        .filter(signals::filed_at.ge(from))
        .filter(signals::filed_at.lt(to))
        .into_boxed::<Backend>();
    if let Some(org) = organisation {
        answered_query = answered_query.filter(signals::organisation_id.eq(org));
    }
    let answered: std::collections::HashSet<i64> = answered_query
        .filter(signal_events::event.eq(event_key(model::signal::SignalEvent::Terugkoppelen)))
        .select(signal_events::signal_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    for (id, key, forwarded) in &filed {
        bump(&mut raw.signals, key.clone());
        if forwarded.is_some() {
            raw.signals_forwarded += 1;
            if answered.contains(id) {
                raw.signals_answered += 1;
            }
        }
    }
    Ok(raw)
}

/// Median and 90th percentile (days) of the time spent in each state (key), over every case
/// so far, for the states at least k cases have left.
pub fn typical_in(conn: &mut Conn, k: i64) -> StoreResult<BTreeMap<String, (i64, i64)>> {
    let raw = raw_in(conn, 0, i64::MAX, None)?;
    Ok(raw
        .step_days
        .into_iter()
        .filter_map(|(key, days)| {
            let median = model::figures::percentile(&days, 0.5, k)?;
            let p90 = model::figures::percentile(&days, 0.9, k)?;
            Some((key, (median, p90)))
        })
        .collect())
}
