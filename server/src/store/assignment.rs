//! Need-to-know for the Belangenbehartiger's staff: which cases are whose. A case that waits
//! for triage is the triage teams'; once taken on, its casemanager's and its assigned teams'
//! (`case_teams`). Someone else may open it only with a stated reason, where one of their
//! teams allows that; the opening is a short grant and an audit row with the reason.

use diesel::prelude::*;
use model::access::Standing;
use model::assignment::Colleague;
use model::lifecycle::Role;

use super::audit::{self, Action};
use super::conn::both;
use super::schema::{
    account_teams, accounts, case_access_grants, case_notes, case_teams, cases, teams,
};
use super::{Conn, StoreResult};
use crate::clock::now;

/// How long a break-the-glass opening lasts: long enough to read the case, short enough
/// that the next look needs a new reason.
pub const GRANT_SECONDS: i64 = 60 * 60;

/// The teams of a staff member, with what each allows.
struct Membership {
    team: i64,
    triage: bool,
    break_glass: bool,
}

fn memberships_in(conn: &mut Conn, account: i64) -> StoreResult<Vec<Membership>> {
    Ok(account_teams::table
        .inner_join(teams::table)
        .filter(account_teams::account_id.eq(account))
        .select((teams::id, teams::triage, teams::break_glass))
        .load::<(i64, bool, bool)>(conn)?
        .into_iter()
        .map(|(team, triage, break_glass)| Membership {
            team,
            triage,
            break_glass,
        })
        .collect())
}

/// A staff member's teams, and whether one of them triages.
pub fn teams_in(conn: &mut Conn, account: i64) -> StoreResult<(Vec<i64>, bool)> {
    let mine = memberships_in(conn, account)?;
    let triage = mine.iter().any(|m| m.triage);
    Ok((mine.into_iter().map(|m| m.team).collect(), triage))
}

/// The teams a case is assigned to.
pub fn case_teams_in(conn: &mut Conn, case: i64) -> StoreResult<Vec<i64>> {
    Ok(case_teams::table
        .filter(case_teams::case_id.eq(case))
        .order(case_teams::team_id)
        .select(case_teams::team_id)
        .load(conn)?)
}

/// The facts of a case that need-to-know asks about.
#[derive(Debug, Clone, Copy)]
pub struct Assignable<'a> {
    pub id: i64,
    pub reference: &'a str,
    pub casemanager_id: Option<i64>,
}

/// The need-to-know rule itself: a case is staff member `account`'s when they are its
/// casemanager, are in a team it is assigned to, or — while nobody has taken it on — triage.
/// The work list asks the same for each of its lines.
pub fn is_assigned(
    account: i64,
    casemanager: Option<i64>,
    in_a_case_team: bool,
    triages: bool,
) -> bool {
    casemanager == Some(account) || in_a_case_team || (casemanager.is_none() && triages)
}

/// Where staff member `account` stands towards `case`.
pub fn standing_in(conn: &mut Conn, account: i64, case: Assignable<'_>) -> StoreResult<Standing> {
    let mine = memberships_in(conn, account)?;
    let assigned = case_teams_in(conn, case.id)?;
    let in_a_case_team = mine.iter().any(|m| assigned.contains(&m.team));
    let triages = mine.iter().any(|m| m.triage);
    if is_assigned(account, case.casemanager_id, in_a_case_team, triages) {
        return Ok(Standing::Assigned);
    }
    let granted: i64 = case_access_grants::table
        .filter(case_access_grants::case_id.eq(case.id))
        .filter(case_access_grants::account_id.eq(account))
        .filter(case_access_grants::expires_at.gt(now()))
        .count()
        .get_result(conn)?;
    if granted > 0 {
        return Ok(Standing::BrokeGlass);
    }
    Ok(Standing::Outside {
        may_break_glass: mine.iter().any(|m| m.break_glass),
    })
}

/// Opens `case` for `account` with `reason`, if one of their teams allows it: a grant for
/// [`GRANT_SECONDS`] and an audit row with the reason, in the caller's transaction. Returns
/// whether it was allowed.
pub fn break_glass_in(
    conn: &mut Conn,
    account: i64,
    case: Assignable<'_>,
    reason: &str,
) -> StoreResult<bool> {
    if !memberships_in(conn, account)?.iter().any(|m| m.break_glass) {
        return Ok(false);
    }
    let at = now();
    diesel::insert_into(case_access_grants::table)
        .values((
            case_access_grants::case_id.eq(case.id),
            case_access_grants::account_id.eq(account),
            case_access_grants::reason.eq(reason),
            case_access_grants::granted_at.eq(at),
            case_access_grants::expires_at.eq(at + GRANT_SECONDS),
        ))
        .execute(conn)?;
    audit::record_with_reason_in(
        conn,
        Role::Behandelaar,
        Some(account),
        Action::BreakGlass,
        case.reference,
        reason,
    )?;
    Ok(true)
}

/// Assigns `case` to `teams` (replacing what it had), in the caller's transaction.
pub fn assign_teams_in(conn: &mut Conn, case: i64, teams: &[i64]) -> StoreResult<()> {
    diesel::delete(case_teams::table.filter(case_teams::case_id.eq(case))).execute(conn)?;
    let rows: Vec<_> = teams
        .iter()
        .map(|team| (case_teams::case_id.eq(case), case_teams::team_id.eq(*team)))
        .collect();
    // A batch insert is per backend (Diesel's multi-connection has no generic one).
    let insert = diesel::insert_into(case_teams::table).values(&rows);
    both!(conn, |c| insert.execute(c))?;
    Ok(())
}

/// The handling teams of staff member `account` (not the triage teams): a case they take
/// on goes to these, and leaves the triage queue — the rest of triage no longer sees it.
pub fn handling_teams_of_in(conn: &mut Conn, account: i64) -> StoreResult<Vec<i64>> {
    Ok(memberships_in(conn, account)?
        .into_iter()
        .filter(|m| !m.triage)
        .map(|m| m.team)
        .collect())
}

/// What a team may, as beheer sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TeamRights {
    /// Its members triage new cases: they see every case nobody has taken on yet.
    pub triage: bool,
    /// Its members may open a case outside their own with a stated reason.
    pub break_glass: bool,
}

/// Makes `account` a member of the team called `name`, made with `rights` when there is none
/// yet (for the demo data and the tests; beheer has its own pages). Returns the team's id.
pub async fn join_team(
    db: &crate::store::db::Db,
    account: i64,
    name: &str,
    rights: TeamRights,
) -> StoreResult<i64> {
    let name = name.to_owned();
    db.run(move |conn| {
        let existing: Option<i64> = teams::table
            .filter(teams::name.eq(&name))
            .select(teams::id)
            .first(conn)
            .optional()?;
        let team = match existing {
            Some(team) => team,
            None => {
                let insert = diesel::insert_into(teams::table).values((
                    teams::name.eq(&name),
                    teams::created_at.eq(now()),
                    teams::triage.eq(rights.triage),
                    teams::break_glass.eq(rights.break_glass),
                ));
                both!(conn, |c| insert.returning(teams::id).get_result(c))?
            }
        };
        diesel::insert_into(account_teams::table)
            .values((
                account_teams::account_id.eq(account),
                account_teams::team_id.eq(team),
            ))
            .execute(conn)?;
        Ok(team)
    })
    .await
}

/// Behandelaars a case can be handed to: active, and signed in before (a password chosen).
fn handable() -> accounts::BoxedQuery<'static, super::conn::MultiBackend> {
    accounts::table
        .filter(accounts::role.eq(Role::Behandelaar.as_str()))
        .filter(accounts::active.eq(true))
        .filter(accounts::password_hash.ne(""))
        .into_boxed()
}

/// The name of behandelaar `id`, when a case can be handed to them.
pub fn colleague_name_in(conn: &mut Conn, id: i64) -> StoreResult<Option<String>> {
    Ok(handable()
        .filter(accounts::id.eq(id))
        .select(accounts::name)
        .first(conn)
        .optional()?)
}

/// Every active behandelaar, with their teams' names: whom a case can be handed to.
pub fn colleagues_in(conn: &mut Conn) -> StoreResult<Vec<Colleague>> {
    let people: Vec<(i64, String)> = handable()
        .order((accounts::name, accounts::id))
        .select((accounts::id, accounts::name))
        .load(conn)?;
    let memberships: Vec<(i64, String)> = account_teams::table
        .inner_join(teams::table)
        .order(teams::name)
        .select((account_teams::account_id, teams::name))
        .load(conn)?;
    Ok(people
        .into_iter()
        .map(|(id, naam)| Colleague {
            id,
            naam,
            teams: memberships
                .iter()
                .filter(|(account, _)| *account == id)
                .map(|(_, team)| team.clone())
                .collect(),
        })
        .collect())
}

/// Why a reassignment did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReassigned {
    /// Not an active behandelaar who has signed in before.
    NoSuchColleague,
    /// Already theirs.
    Same,
    /// Someone else changed the casemanager meanwhile.
    ChangedMeanwhile,
}

/// Makes `to` the casemanager of `case` in place of `from` (compare-and-set), sends the case
/// to `to`'s handling teams, and keeps `reason` as an internal note by `by`: in the caller's
/// transaction (the workflow's step).
pub fn reassign_in(
    conn: &mut Conn,
    case: i64,
    from: Option<i64>,
    to: i64,
    by: i64,
    reason: &str,
) -> StoreResult<Result<(), NotReassigned>> {
    if from == Some(to) {
        return Ok(Err(NotReassigned::Same));
    }
    let Some(name) = colleague_name_in(conn, to)? else {
        return Ok(Err(NotReassigned::NoSuchColleague));
    };
    let this_case = cases::table.find(case);
    let moved = match from {
        Some(from) => diesel::update(this_case.filter(cases::casemanager_id.eq(from)))
            .set(cases::casemanager_id.eq(to))
            .execute(conn)?,
        None => diesel::update(this_case.filter(cases::casemanager_id.is_null()))
            .set(cases::casemanager_id.eq(to))
            .execute(conn)?,
    };
    if moved != 1 {
        return Ok(Err(NotReassigned::ChangedMeanwhile));
    }
    let teams = handling_teams_of_in(conn, to)?;
    assign_teams_in(conn, case, &teams)?;
    diesel::insert_into(case_notes::table)
        .values((
            case_notes::case_id.eq(case),
            case_notes::at.eq(now()),
            case_notes::author_account.eq(by),
            case_notes::body.eq(format!("Toegewezen aan {name}. Reden: {reason}")),
        ))
        .execute(conn)?;
    Ok(Ok(()))
}
