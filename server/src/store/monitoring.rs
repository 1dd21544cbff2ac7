//! Monitoring of access: the rules (`model::monitoring`) evaluated on the audit log, the
//! alerts they raise, and the beheerder's handling of them. Evaluation is safe with several
//! instances: an alert is unique per rule, account and window, and only the instance that
//! inserted it mails the beheerders.

use std::collections::HashMap;

use diesel::prelude::*;
use model::lifecycle::Role;
use model::monitoring::{
    outside_office_hours, Alert, AlertNote, AlertState, Rule, RuleSetting, Window,
};

use super::audit::{self, Action};
use super::conn::both;
use super::schema::{accounts, alerts, audit_log, monitor_rules};
use super::{outbox, Conn, StoreError, StoreResult};
use crate::clock::{date_of, day_start, dutch_offset, now};

/// The audit actions that show personal data of a case: what "reading a case" counts.
const READS: [Action; 5] = [
    Action::ReadCase,
    Action::ReadMessages,
    Action::ReadNotes,
    Action::ListDocuments,
    Action::DownloadDocument,
];

/// Every rule with its threshold and whether it is on (a rule without a row: its default).
pub fn settings_in(conn: &mut Conn) -> StoreResult<Vec<RuleSetting>> {
    let stored: HashMap<String, (i64, bool)> = monitor_rules::table
        .select((
            monitor_rules::rule,
            monitor_rules::threshold,
            monitor_rules::active,
        ))
        .load::<(String, i64, bool)>(conn)?
        .into_iter()
        .map(|(rule, threshold, active)| (rule, (threshold, active)))
        .collect();
    Ok(Rule::ALL
        .into_iter()
        .map(|rule| {
            let (drempel, aan) = stored
                .get(rule.key())
                .copied()
                .unwrap_or((rule.default_threshold(), true));
            RuleSetting {
                regel: rule,
                titel: rule.title().to_owned(),
                uitleg: rule.describe(drempel),
                drempel,
                aan,
            }
        })
        .collect())
}

/// Sets a rule's threshold and whether it is on; audited (`subject`: the rule).
pub fn set_rule_in(
    conn: &mut Conn,
    by: i64,
    rule: Rule,
    threshold: i64,
    active: bool,
) -> StoreResult<()> {
    let upsert = diesel::insert_into(monitor_rules::table)
        .values((
            monitor_rules::rule.eq(rule.key()),
            monitor_rules::threshold.eq(threshold),
            monitor_rules::active.eq(active),
        ))
        .on_conflict(monitor_rules::rule)
        .do_update()
        .set((
            monitor_rules::threshold.eq(threshold),
            monitor_rules::active.eq(active),
        ));
    both!(conn, |c| upsert.execute(c))?;
    audit::record_about_in(
        conn,
        Role::Beheerder,
        Some(by),
        Action::ChangeMonitoring,
        &format!("bewaking/{}", rule.key()),
    )
}

/// The start of the window of `rule` that holds `at`.
fn window_of(rule: Rule, at: i64) -> i64 {
    match rule.window() {
        Window::Hour => at.div_euclid(3600) * 3600,
        Window::Day => date_of(at).map_or(at, day_start),
    }
}

/// The end of the window that starts at `start`.
fn window_end(rule: Rule, start: i64) -> i64 {
    match rule.window() {
        Window::Hour => start + 3600,
        Window::Day => date_of(start)
            .and_then(|d| d.add_days(1))
            .map_or(start + 86_400, day_start),
    }
}

/// How many times each account did what `rule` counts within `[from, until)`.
fn counts_in(conn: &mut Conn, rule: Rule, from: i64, until: i64) -> StoreResult<HashMap<i64, i64>> {
    let in_window = audit_log::at.ge(from).and(audit_log::at.lt(until));
    let reads = READS.map(Action::as_str);
    let mut counts: HashMap<i64, i64> = HashMap::new();
    match rule {
        Rule::VeelZakenPerUur => {
            let pairs: Vec<(Option<i64>, Option<String>)> = audit_log::table
                .filter(in_window)
                .filter(audit_log::action.eq_any(reads))
                .filter(audit_log::actor_account.is_not_null())
                .select((audit_log::actor_account, audit_log::case_ref))
                .distinct()
                .load(conn)?;
            for (account, case) in pairs {
                if let (Some(account), Some(_)) = (account, case) {
                    *counts.entry(account).or_default() += 1;
                }
            }
        }
        Rule::BuitenKantoortijd => {
            let rows: Vec<(Option<i64>, i64)> = audit_log::table
                .filter(in_window)
                .filter(audit_log::action.eq_any(reads))
                .filter(audit_log::actor_account.is_not_null())
                .select((audit_log::actor_account, audit_log::at))
                .load(conn)?;
            for (account, at) in rows {
                let local = at + dutch_offset(at);
                let hour = local.rem_euclid(86_400) / 3600;
                // 1970-01-01 was a Thursday: day 0 is weekday 3 (Monday is 0).
                let weekday = (local.div_euclid(86_400) + 3).rem_euclid(7);
                if let (Some(account), true) = (account, outside_office_hours(hour, weekday)) {
                    *counts.entry(account).or_default() += 1;
                }
            }
        }
        Rule::BuitenEigenZaken | Rule::GeweigerdeInzage => {
            let action = if rule == Rule::BuitenEigenZaken {
                Action::BreakGlass
            } else {
                Action::ReadRefused
            };
            let rows: Vec<Option<i64>> = audit_log::table
                .filter(in_window)
                .filter(audit_log::action.eq(action.as_str()))
                .select(audit_log::actor_account)
                .load(conn)?;
            for account in rows.into_iter().flatten() {
                *counts.entry(account).or_default() += 1;
            }
        }
        Rule::MislukteInlogpogingen => {
            // Nobody is signed in: the row names the account it aimed at.
            let rows: Vec<Option<String>> = audit_log::table
                .filter(in_window)
                .filter(audit_log::action.eq(Action::SignInFailed.as_str()))
                .select(audit_log::subject)
                .load(conn)?;
            for subject in rows.into_iter().flatten() {
                if let Some(account) = subject
                    .strip_prefix("account/")
                    .and_then(|id| id.parse().ok())
                {
                    *counts.entry(account).or_default() += 1;
                }
            }
        }
    }
    Ok(counts)
}

/// Evaluates every rule that is on over the window that holds `at` and the one before it
/// (which may have closed since the last run). Raises the alerts that are new, mailing the
/// beheerders about each; a hit already raised has its count brought up to date. Returns
/// how many alerts are new.
pub fn evaluate_in(conn: &mut Conn, at: i64, public_url: &str) -> StoreResult<usize> {
    let mut raised = 0;
    for setting in settings_in(conn)?.into_iter().filter(|s| s.aan) {
        let rule = setting.regel;
        let current = window_of(rule, at);
        let previous = window_of(rule, current - 1);
        for start in [previous, current] {
            for (account, count) in counts_in(conn, rule, start, window_end(rule, start))? {
                if count < setting.drempel {
                    continue;
                }
                if raise_in(
                    conn,
                    rule,
                    account,
                    start,
                    count,
                    setting.drempel,
                    public_url,
                )? {
                    raised += 1;
                }
            }
        }
    }
    Ok(raised)
}

/// Raises one alert, or brings the count of the one already there up to date. Returns
/// whether it is new.
fn raise_in(
    conn: &mut Conn,
    rule: Rule,
    account: i64,
    window: i64,
    count: i64,
    threshold: i64,
    public_url: &str,
) -> StoreResult<bool> {
    let this = alerts::table
        .filter(alerts::rule.eq(rule.key()))
        .filter(alerts::account_id.eq(account))
        .filter(alerts::window_start.eq(window));
    let known: Option<i64> = this.select(alerts::count).first(conn).optional()?;
    if let Some(known) = known {
        if count > known {
            diesel::update(this)
                .set(alerts::count.eq(count))
                .execute(conn)?;
        }
        return Ok(false);
    }
    let insert = diesel::insert_into(alerts::table)
        .values((
            alerts::rule.eq(rule.key()),
            alerts::account_id.eq(account),
            alerts::window_start.eq(window),
            alerts::count.eq(count),
            alerts::threshold.eq(threshold),
            alerts::created_at.eq(now()),
            alerts::state.eq(AlertState::Open.key()),
        ))
        .on_conflict_do_nothing();
    // Another instance may have raised it at the same moment: then it mails, not this one.
    let inserted = both!(conn, |c| insert.execute(c))?;
    if inserted == 1 {
        mail_beheerders_in(conn, rule, public_url)?;
    }
    Ok(inserted == 1)
}

/// Tells every active beheerder that an alert waits; the mail names no person (it says
/// where to look).
fn mail_beheerders_in(conn: &mut Conn, rule: Rule, public_url: &str) -> StoreResult<()> {
    outbox::mail_beheerders_in(conn, || match model::lang::current() {
        model::Lang::Nl => (
            "Bondgenoot: een melding over toegang".to_owned(),
            format!(
                "Bondgenoot zag iets in het logboek dat om aandacht vraagt: {}.\n\n\
                 Bekijk de melding en handel haar af: {public_url}/beheer/meldingen\n\n{}\n",
                rule.title().to_lowercase(),
                outbox::footer()
            ),
        ),
        model::Lang::En => (
            "Bondgenoot: an alert about access".to_owned(),
            format!(
                "Bondgenoot saw something in the log that needs attention: {}.\n\n\
                 Look at the alert and deal with it: {public_url}/beheer/meldingen\n\n{}\n",
                rule.title().to_lowercase(),
                outbox::footer()
            ),
        ),
    })
}

type AlertRow = (
    i64,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    Option<String>,
    Option<i64>,
);

/// Every alert, open ones first, newest first within each state.
pub fn alerts_in(conn: &mut Conn) -> StoreResult<Vec<Alert>> {
    let rows: Vec<AlertRow> = alerts::table
        .order((
            alerts::state.eq(AlertState::Afgehandeld.key()),
            alerts::id.desc(),
        ))
        .select((
            alerts::id,
            alerts::rule,
            alerts::account_id,
            alerts::window_start,
            alerts::count,
            alerts::threshold,
            alerts::created_at,
            alerts::state,
            alerts::note,
            alerts::handled_by,
        ))
        .load(conn)?;
    let names: HashMap<i64, (String, String)> = accounts::table
        .select((accounts::id, accounts::name, accounts::email))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, email)| (id, (name, email)))
        .collect();
    let person = |id: i64| {
        names
            .get(&id)
            .map(|(name, email)| format!("{name} <{email}>"))
    };
    rows.into_iter()
        .map(
            |(id, rule, account, window, count, threshold, created, state, note, by)| {
                let regel = Rule::parse(&rule)
                    .ok_or_else(|| StoreError::Corrupt(format!("rule {rule}")))?;
                Ok(Alert {
                    id,
                    regel,
                    titel: regel.title().to_owned(),
                    persoon: person(account),
                    persoon_id: Some(account),
                    venster: window,
                    aantal: count,
                    drempel: threshold,
                    aangemaakt: created,
                    stand: AlertState::parse(&state)
                        .ok_or_else(|| StoreError::Corrupt(format!("alert state {state}")))?,
                    notitie: note,
                    afgehandeld_door: by.and_then(person),
                })
            },
        )
        .collect()
}

/// Why an alert did not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotChanged {
    Unknown,
    /// Alerts only go forward.
    Backwards,
}

/// Marks an alert seen, or handled with what the beheerder did; audited.
pub fn change_alert_in(
    conn: &mut Conn,
    by: i64,
    id: i64,
    next: AlertState,
    note: Option<&AlertNote>,
) -> StoreResult<Result<(), NotChanged>> {
    let Some(state) = alerts::table
        .find(id)
        .select(alerts::state)
        .first::<String>(conn)
        .optional()?
    else {
        return Ok(Err(NotChanged::Unknown));
    };
    let current = AlertState::parse(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("alert state {state}")))?;
    if !current.may_become(next) {
        return Ok(Err(NotChanged::Backwards));
    }
    // Compare-and-set: two beheerders at once do not both move it.
    let moved = diesel::update(alerts::table.find(id).filter(alerts::state.eq(state)))
        .set((
            alerts::state.eq(next.key()),
            alerts::note.eq(note.map(|n| n.as_str().to_owned())),
            alerts::handled_by.eq(Some(by)),
            alerts::handled_at.eq(Some(now())),
        ))
        .execute(conn)?;
    if moved != 1 {
        return Ok(Err(NotChanged::Backwards));
    }
    audit::record_about_in(
        conn,
        Role::Beheerder,
        Some(by),
        Action::HandleAlert,
        &format!("melding/{id}"),
    )?;
    Ok(Ok(()))
}
