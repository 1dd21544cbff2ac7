//! Reading the audit log, for the beheerder: filtered by person, case, action and period,
//! newest first, a page at a time or (for the CSV export) all of it up to a limit. The log
//! itself is append-only; reading it writes its own row (the caller's).

use diesel::prelude::*;
use model::audit_log::{
    action_text, AuditLine, AuditPage, CheckedAuditFilter, EXPORT_MAX, PAGE_SIZE,
};
use model::worklist::pages_of;

use super::audit::Action;
use super::conn::MultiBackend;
use super::schema::{accounts, audit_log};
use super::{role_of, Conn, StoreResult};
use crate::clock::day_start;

type Row = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// `$query` (boxed, with `audit_log` in it) narrowed to `$filter`: one macro for the count
/// and for the rows, whose query types differ by the join.
macro_rules! filtered {
    ($query:expr, $filter:expr) => {{
        let filter: &CheckedAuditFilter = $filter;
        let mut query = $query;
        if let Some(person) = filter.persoon {
            // Acted as, or was acted upon (a failed sign-in names the account it aimed at).
            query = query.filter(
                audit_log::actor_account
                    .eq(person)
                    .or(audit_log::subject.eq(format!("account/{person}"))),
            );
        }
        if let Some(reference) = &filter.zaak {
            query = query.filter(audit_log::case_ref.eq(reference.clone()));
        }
        if let Some(action) = &filter.actie {
            query = query.filter(audit_log::action.eq(action.clone()));
        }
        if let Some(from) = filter.van {
            query = query.filter(audit_log::at.ge(day_start(from)));
        }
        if let Some(until) = filter.tot.and_then(|d| d.add_days(1)) {
            query = query.filter(audit_log::at.lt(day_start(until)));
        }
        query
    }};
}

fn count_in(conn: &mut Conn, filter: &CheckedAuditFilter) -> StoreResult<i64> {
    Ok(
        filtered!(audit_log::table.into_boxed::<MultiBackend>(), filter)
            .count()
            .get_result(conn)?,
    )
}

fn lines_in(
    conn: &mut Conn,
    filter: &CheckedAuditFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<Vec<AuditLine>> {
    let joined = audit_log::table
        .left_join(accounts::table.on(audit_log::actor_account.eq(accounts::id.nullable())))
        .into_boxed::<MultiBackend>();
    let rows: Vec<Row> = filtered!(joined, filter)
        .order(audit_log::id.desc())
        .offset(offset)
        .limit(limit)
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::actor_role,
            accounts::name.nullable(),
            accounts::email.nullable(),
            audit_log::action,
            audit_log::case_ref,
            audit_log::subject,
            audit_log::session,
            audit_log::reason,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(id, at, role, name, email, action, case_ref, subject, session, reason)| {
                Ok(AuditLine {
                    id,
                    tijd: at,
                    rol: role_of(&role)?,
                    persoon: match (name, email) {
                        (Some(name), Some(email)) => Some(format!("{name} <{email}>")),
                        _ => None,
                    },
                    actie_tekst: action_text(&action),
                    actie: action,
                    zaak: case_ref,
                    over: subject,
                    sessie: session,
                    reden: reason,
                })
            },
        )
        .collect()
}

/// One page of the log under `filter`, newest first.
pub fn page_in(conn: &mut Conn, filter: &CheckedAuditFilter) -> StoreResult<AuditPage> {
    let total = count_in(conn, filter)?;
    let pagina = filter.pagina.clamp(1, pages_of(total, PAGE_SIZE));
    let regels = lines_in(conn, filter, (pagina - 1) * PAGE_SIZE, PAGE_SIZE)?;
    Ok(AuditPage {
        regels,
        totaal: total,
        pagina,
        paginas: pages_of(total, PAGE_SIZE),
        acties: Action::ALL
            .iter()
            .map(|a| (a.as_str().to_owned(), action_text(a.as_str())))
            .collect(),
    })
}

/// Every line under `filter` (newest first), at most [`EXPORT_MAX`]; and whether there were more.
pub fn all_in(conn: &mut Conn, filter: &CheckedAuditFilter) -> StoreResult<(Vec<AuditLine>, bool)> {
    let total = count_in(conn, filter)?;
    Ok((lines_in(conn, filter, 0, EXPORT_MAX)?, total > EXPORT_MAX))
}
