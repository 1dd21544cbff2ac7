//! The staff's work list: one page of consented cases under a filter, in an order, with the
//! facts that decide what comes first. Filtering, ordering and paging are the database's;
//! only the page's rows are read in full (their submission, for Dienst and topics).

use std::collections::HashSet;

use diesel::prelude::*;
use model::access::HIDDEN_FROM_STAFF;
use model::case::{Dienst, Onderwerp, SpoedReden};
use model::domain::Date;
use model::lifecycle::{CaseStatus, Verwijzing};
use model::worklist::{
    pages, WorkFilter, WorkItem, WorkList, WorkOrder, PAGE_SIZE, TERM_NEAR_DAYS,
    WITHDRAWN_RECENT_DAYS,
};

use super::conn::MultiBackend;
use super::schema::{accounts, case_teams, cases};
use super::{assignment, Conn, StoreError, StoreResult};

/// The keys of the end states staff can see (a lapsed case they never saw).
fn ended_keys() -> [&'static str; 3] {
    [
        CaseStatus::Doorverwezen(Verwijzing::Anders).key(),
        CaseStatus::Gesloten.key(),
        CaseStatus::Ingetrokken.key(),
    ]
}

/// The one part of a submission a work list line shows.
#[derive(serde::Deserialize)]
struct Facts {
    dienst: Dienst,
    #[serde(default)]
    onderwerpen: Vec<Onderwerp>,
    #[serde(default)]
    spoed: Vec<SpoedReden>,
}

fn urgency(reason: &SpoedReden) -> String {
    let tr = model::lang::tr;
    match reason {
        SpoedReden::DreigendeUithuiszetting => {
            tr("Er dreigt een uithuiszetting", "An eviction is coming").into()
        }
        SpoedReden::GeenLeefgeld => tr("Geen geld om van te leven", "No money to live on").into(),
        SpoedReden::TermijnVerloopt { datum } => match model::lang::current() {
            model::Lang::Nl => format!("Termijn loopt af op {}", datum.to_dutch()),
            model::Lang::En => format!("Deadline ends on {}", datum.to_english()),
        },
        // The helper's own words may name the citizen: not on a line every staff member sees.
        SpoedReden::Anders { .. } => tr(
            "Andere reden (zie de zaak)",
            "Another reason (see the case)",
        )
        .into(),
    }
}

type Row = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
    Option<String>,
);

/// One page of the work list for staff member `account`.
pub fn page_in(
    conn: &mut Conn,
    account: i64,
    filter: WorkFilter,
    order: WorkOrder,
    page: i64,
    today: Date,
) -> StoreResult<WorkList> {
    let (my_teams, i_triage) = assignment::teams_in(conn, account)?;
    let near = today
        .add_days(TERM_NEAR_DAYS)
        .map(|d| d.to_string())
        .unwrap_or_default();
    // The same filter for the count and the page.
    let filtered = || {
        let mut query = cases::table
            .left_join(accounts::table.on(cases::casemanager_id.eq(accounts::id.nullable())))
            .filter(cases::status_key.ne_all(HIDDEN_FROM_STAFF.map(CaseStatus::key)))
            .into_boxed::<MultiBackend>();
        query = if filter == WorkFilter::Beeindigd {
            query.filter(cases::status_key.eq_any(ended_keys()))
        } else {
            query.filter(cases::status_key.ne_all(ended_keys()))
        };
        match filter {
            WorkFilter::Alle | WorkFilter::Beeindigd => query,
            WorkFilter::Mijn => query.filter(cases::casemanager_id.eq(account)),
            WorkFilter::MijnTeam => query.filter(
                cases::casemanager_id.eq(account).or(cases::id.eq_any(
                    case_teams::table
                        .filter(case_teams::team_id.eq_any(my_teams.clone()))
                        .select(case_teams::case_id),
                )),
            ),
            WorkFilter::Triage => query.filter(cases::casemanager_id.is_null()),
            WorkFilter::Spoed => query.filter(cases::spoed.eq(true)),
            WorkFilter::Termijn => query.filter(cases::termijn.le(near.clone())),
        }
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let pagina = page.clamp(1, pages(total));
    let mut query = filtered();
    // A case without a term sorts after every case with one.
    query = match order {
        WorkOrder::Termijn => query
            .order(cases::termijn.is_null())
            .then_order_by(cases::termijn.asc())
            .then_order_by(cases::spoed.desc())
            .then_order_by(cases::updated_at.asc()),
        WorkOrder::Spoed => query
            .order(cases::spoed.desc())
            .then_order_by(cases::updated_at.asc()),
        WorkOrder::Wachttijd => query.order(cases::updated_at.asc()),
    };
    let rows: Vec<Row> = query
        .then_order_by(cases::id.asc())
        .limit(PAGE_SIZE)
        .offset((pagina - 1) * PAGE_SIZE)
        .select((
            cases::id,
            cases::reference,
            cases::status_key,
            cases::status_detail,
            cases::submission,
            cases::termijn,
            cases::updated_at,
            cases::casemanager_id,
            accounts::name.nullable(),
        ))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|row| row.0).collect();
    let in_my_teams: HashSet<i64> = case_teams::table
        .filter(case_teams::case_id.eq_any(&ids))
        .filter(case_teams::team_id.eq_any(&my_teams))
        .select(case_teams::case_id)
        .load(conn)?
        .into_iter()
        .collect();
    let unread = super::cases::unread_by_case_in(conn, &ids, super::cases::Reader::Staff)?;
    let contact_asked = super::feedback::contact_asked_in(conn, &ids)?;
    let zaken = rows
        .into_iter()
        .map(
            |(id, reference, key, detail, submission, termijn, since, manager, manager_name)| {
                let status =
                    CaseStatus::from_keys(&key, detail.as_deref()).map_err(StoreError::Corrupt)?;
                let facts: Option<Facts> = submission
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()?;
                let eigen =
                    assignment::is_assigned(account, manager, in_my_teams.contains(&id), i_triage);
                Ok(WorkItem {
                    referentie: reference,
                    status,
                    status_titel: status.title().to_owned(),
                    dienst: facts.as_ref().map_or("", |f| f.dienst.label()).to_owned(),
                    onderwerpen: facts
                        .as_ref()
                        .map(|f| f.onderwerpen.iter().map(|o| o.label().to_owned()).collect())
                        .unwrap_or_default(),
                    spoed: facts
                        .as_ref()
                        .map(|f| f.spoed.iter().map(urgency).collect())
                        .unwrap_or_default(),
                    termijn: termijn.as_deref().and_then(|d| Date::parse(d).ok()),
                    sinds: since,
                    casemanager: manager_name,
                    eigen,
                    ongelezen: unread.get(&id).copied().unwrap_or(0),
                    contact_gevraagd: contact_asked.contains(&id),
                })
            },
        )
        .collect::<StoreResult<Vec<_>>>()?;
    // Told in the work list too (besides the mail): the citizen withdrew, the work stops.
    let kort_geleden_ingetrokken = cases::table
        .filter(cases::casemanager_id.eq(account))
        .filter(cases::status_key.eq(CaseStatus::Ingetrokken.key()))
        .filter(cases::updated_at.ge(crate::clock::now() - WITHDRAWN_RECENT_DAYS * 86_400))
        .order(cases::updated_at.desc())
        .select(cases::reference)
        .load(conn)?;
    Ok(WorkList {
        zaken,
        totaal: total,
        pagina,
        paginas: pages(total),
        kort_geleden_ingetrokken,
    })
}
