//! The staff's work list (`GET /api/werkvoorraad`): consented cases to work from, with the
//! facts that decide what comes first, filters and pages. Ended cases are never in it,
//! except under their own filter. Only facts about the case, never about the citizen: every
//! staff member sees every line (need-to-know decides who may open it).

use serde::{Deserialize, Serialize};

use crate::domain::Date;
use crate::lifecycle::CaseStatus;

/// Which cases the list shows.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkFilter {
    /// Every open case.
    #[default]
    Alle,
    /// The reader is its casemanager.
    Mijn,
    /// Assigned to one of the reader's teams (or theirs as casemanager).
    MijnTeam,
    /// Nobody has taken it on yet.
    Triage,
    Spoed,
    /// A bezwaar or beroep term ends within [`TERM_NEAR_DAYS`] days (or has ended).
    Termijn,
    /// Referred, closed or withdrawn: for looking back, never to work from.
    Beeindigd,
}

impl WorkFilter {
    pub const ALL: [(WorkFilter, crate::Text); 7] = [
        (
            WorkFilter::Alle,
            crate::Text::new("Alle open zaken", "All open cases"),
        ),
        (WorkFilter::Mijn, crate::Text::new("Mijn zaken", "My cases")),
        (
            WorkFilter::MijnTeam,
            crate::Text::new("Zaken van mijn team", "Cases of my team"),
        ),
        (
            WorkFilter::Triage,
            crate::Text::new("Wacht op triage", "Waiting for triage"),
        ),
        (WorkFilter::Spoed, crate::Text::new("Spoed", "Urgent")),
        (
            WorkFilter::Termijn,
            crate::Text::new("Termijn binnen 14 dagen", "Deadline within 14 days"),
        ),
        (
            WorkFilter::Beeindigd,
            crate::Text::new("Beëindigde zaken", "Ended cases"),
        ),
    ];

    pub fn key(self) -> &'static str {
        match self {
            WorkFilter::Alle => "alle",
            WorkFilter::Mijn => "mijn",
            WorkFilter::MijnTeam => "mijn_team",
            WorkFilter::Triage => "triage",
            WorkFilter::Spoed => "spoed",
            WorkFilter::Termijn => "termijn",
            WorkFilter::Beeindigd => "beeindigd",
        }
    }

    pub fn parse(key: &str) -> Option<WorkFilter> {
        Self::ALL
            .iter()
            .map(|(filter, _)| *filter)
            .find(|filter| filter.key() == key)
    }

    pub fn label(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(filter, _)| *filter == self)
            .map_or("", |(_, label)| label.get())
    }
}

/// In what order.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkOrder {
    /// The term that ends first on top (a missed term cannot be repaired), then spoed, then
    /// the longest waiting.
    #[default]
    Termijn,
    /// Spoed first, then the longest waiting.
    Spoed,
    /// The longest waiting in its current state first.
    Wachttijd,
}

impl WorkOrder {
    pub const ALL: [(WorkOrder, crate::Text); 3] = [
        (
            WorkOrder::Termijn,
            crate::Text::new("Termijn die het eerst afloopt", "Deadline that ends first"),
        ),
        (
            WorkOrder::Spoed,
            crate::Text::new("Spoed eerst", "Urgent first"),
        ),
        (
            WorkOrder::Wachttijd,
            crate::Text::new("Langst wachtend eerst", "Longest waiting first"),
        ),
    ];

    pub fn key(self) -> &'static str {
        match self {
            WorkOrder::Termijn => "termijn",
            WorkOrder::Spoed => "spoed",
            WorkOrder::Wachttijd => "wachttijd",
        }
    }

    pub fn parse(key: &str) -> Option<WorkOrder> {
        Self::ALL
            .iter()
            .map(|(order, _)| *order)
            .find(|order| order.key() == key)
    }
}

/// A term this close (in days) is flagged, and found by [`WorkFilter::Termijn`].
pub const TERM_NEAR_DAYS: i64 = 14;
/// Lines on one page.
pub const PAGE_SIZE: i64 = 25;

/// One line of the work list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub referentie: String,
    pub status: CaseStatus,
    pub status_titel: String,
    /// Which Dienst, in Dutch.
    pub dienst: String,
    /// The topics, in Dutch.
    pub onderwerpen: Vec<String>,
    /// Why it is urgent, in Dutch (an explanation in the helper's own words is not shown
    /// here: every staff member sees this line).
    pub spoed: Vec<String>,
    /// The end of a running bezwaar or beroep term.
    pub termijn: Option<Date>,
    /// Since when the case is in its current state (seconds since 1970).
    pub sinds: i64,
    /// Its casemanager's name, once someone took it on.
    pub casemanager: Option<String>,
    /// The reader may open it (need-to-know): theirs, their team's, or waiting for their triage.
    pub eigen: bool,
    /// Messages from the helper that staff have not read.
    #[serde(default)]
    pub ongelezen: i64,
    /// Helper or citizen gave a thumbs down and asked for contact; nobody recorded it yet.
    #[serde(default)]
    pub contact_gevraagd: bool,
}

/// A page of the work list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkList {
    pub zaken: Vec<WorkItem>,
    /// Cases under this filter, on all pages.
    pub totaal: i64,
    /// This page, from 1.
    pub pagina: i64,
    pub paginas: i64,
    /// The reader's own cases whose citizen withdrew consent in the last
    /// [`WITHDRAWN_RECENT_DAYS`] days: the work on them stops, and the list says so.
    #[serde(default)]
    pub kort_geleden_ingetrokken: Vec<String>,
}

/// How long a withdrawal on one's own case is pointed out above the work list.
pub const WITHDRAWN_RECENT_DAYS: i64 = 14;

/// Whether a term ending on `end` needs a warning `today`: it ends within
/// [`TERM_NEAR_DAYS`] days, or has ended.
pub fn term_is_near(end: Date, today: Date) -> bool {
    today
        .add_days(TERM_NEAR_DAYS)
        .is_some_and(|limit| end <= limit)
}

/// The pages a list of `total` lines has at [`PAGE_SIZE`] a page.
pub fn pages(total: i64) -> i64 {
    pages_of(total, PAGE_SIZE)
}

/// The pages a list of `total` lines has at `per_page` a page (at least one, also when
/// empty): the work list's and the audit log's.
pub fn pages_of(total: i64, per_page: i64) -> i64 {
    ((total + per_page - 1) / per_page).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_orders_read_back_from_their_keys() {
        for (filter, label) in WorkFilter::ALL {
            assert_eq!(WorkFilter::parse(filter.key()), Some(filter));
            assert_eq!(filter.label(), label.nl);
        }
        for (order, _) in WorkOrder::ALL {
            assert_eq!(WorkOrder::parse(order.key()), Some(order));
        }
        assert_eq!(WorkFilter::parse("alles"), None);
    }

    #[test]
    fn a_term_within_two_weeks_or_past_is_near() {
        let today = Date::parse("1-3-2026").unwrap();
        assert!(term_is_near(Date::parse("15-3-2026").unwrap(), today));
        assert!(term_is_near(Date::parse("1-2-2026").unwrap(), today));
        assert!(!term_is_near(Date::parse("16-3-2026").unwrap(), today));
    }

    #[test]
    fn pages_round_up() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(25), 1);
        assert_eq!(pages(26), 2);
    }
}
