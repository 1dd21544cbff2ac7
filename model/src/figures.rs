//! Anonymised figures (issue 19; brief §1.8): counts that leave the case system for the
//! half-year report and the partners. A count from 1 to k−1 could point at a person, so it is
//! not published ("< k"), and where a published total would let it be worked out, more cells
//! are hidden until it cannot (secondary suppression). Zero is published: it names nobody.

use serde::{Deserialize, Serialize};

/// The smallest count that is published (default; configurable on the server). Ten, as
/// statistical offices commonly use for small groups: below it a count may point at one
/// family or one helper's cases.
pub const DEFAULT_K: i64 = 10;

/// One cell of a published table.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", content = "waarde", rename_all = "snake_case")]
pub enum Cell {
    Aantal(i64),
    /// From 1 to k−1: shown as "< k".
    Klein,
    /// Hidden so that a small count cannot be worked out from the total.
    Verborgen,
}

impl Cell {
    /// The text in a table, in Dutch.
    pub fn text(self, k: i64) -> String {
        match self {
            Cell::Aantal(n) => n.to_string(),
            Cell::Klein => format!("< {k}"),
            Cell::Verborgen => "verborgen".into(),
        }
    }
}

/// A published one-way table: its cells (in the order given) and its total.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    pub cellen: Vec<Cell>,
    pub totaal: Cell,
}

/// Whether, knowing the published cells and total, some small count has exactly one possible
/// value: each small cell lies in 1..=k−1, each hidden one is ≥ k, and together they add up
/// to what the total leaves. (A cell's range is its own bounds narrowed by the others'.)
fn recoverable(counts: &[i64], cells: &[Cell], total_known: bool, k: i64) -> bool {
    if !total_known {
        return false;
    }
    let hidden: Vec<usize> = (0..cells.len())
        .filter(|&i| !matches!(cells[i], Cell::Aantal(_)))
        .collect();
    let sum: i64 = hidden.iter().map(|&i| counts[i]).sum();
    let bounds = |i: usize| -> (i64, Option<i64>) {
        match cells[i] {
            Cell::Klein => (1, Some(k - 1)),
            _ => (k, None),
        }
    };
    hidden.iter().any(|&i| {
        if cells[i] != Cell::Klein {
            return false;
        }
        let (own_min, own_max) = bounds(i);
        let others = hidden.iter().filter(|&&j| j != i);
        let others_min: i64 = others.clone().map(|&j| bounds(j).0).sum();
        let others_max: Option<i64> = others.map(|&j| bounds(j).1).sum();
        let max = own_max.unwrap_or(i64::MAX).min(sum - others_min);
        let min = match others_max {
            Some(most) => own_min.max(sum - most),
            None => own_min,
        };
        min == max
    })
}

/// Suppresses `counts` (one per category) for publication with threshold `k`.
pub fn suppress(counts: &[i64], k: i64) -> Published {
    let total: i64 = counts.iter().sum();
    // A small total hides everything: each cell would be at most the total.
    if total > 0 && total < k {
        return Published {
            cellen: counts
                .iter()
                .map(|&n| if n == 0 { Cell::Aantal(0) } else { Cell::Klein })
                .collect(),
            totaal: Cell::Klein,
        };
    }
    let mut cells: Vec<Cell> = counts
        .iter()
        .map(|&n| {
            if (1..k).contains(&n) {
                Cell::Klein
            } else {
                Cell::Aantal(n)
            }
        })
        .collect();
    // Hide the smallest published cell (ties: the first) until no small count can be worked
    // out from the total; if every cell is hidden and one still can, hide the total too.
    while recoverable(counts, &cells, true, k) {
        let next = (0..cells.len())
            .filter(|&i| matches!(cells[i], Cell::Aantal(n) if n > 0))
            .min_by_key(|&i| counts[i]);
        match next {
            Some(i) => cells[i] = Cell::Verborgen,
            None => {
                return Published {
                    cellen: cells,
                    totaal: Cell::Verborgen,
                }
            }
        }
    }
    Published {
        cellen: cells,
        totaal: Cell::Aantal(total),
    }
}

/// A median or percentile needs at least k cases behind it.
pub fn enough_for_statistics(cases: usize, k: i64) -> bool {
    i64::try_from(cases).is_ok_and(|n| n >= k)
}

/// The value at `share` (0.5: the median; 0.9: the 90th percentile) of sorted `values`, by the
/// nearest-rank method; `None` when there are fewer than k values.
pub fn percentile(sorted: &[i64], share: f64, k: i64) -> Option<i64> {
    if !enough_for_statistics(sorted.len(), k) {
        return None;
    }
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// A number of days in plain words, in the current language: days up to two weeks, then
/// weeks.
fn span(days: i64) -> String {
    let en = crate::lang::current() == crate::Lang::En;
    match (days, en) {
        (..=0, false) => "een dag".into(),
        (..=1, true) => "1 day".into(),
        (1, false) => "1 dag".into(),
        (2..=13, false) => format!("{days} dagen"),
        (2..=13, true) => format!("{days} days"),
        _ => match ((days + 3) / 7, en) {
            (1, _) => "1 week".into(),
            (weeks, false) => format!("{weeks} weken"),
            (weeks, true) => format!("{weeks} weeks"),
        },
    }
}

/// How long a step usually takes, for the case page: from the median and the 90th percentile
/// of earlier cases, in days. ("Meestal duurt deze stap 2 tot 5 weken.", "This step usually
/// takes 2 to 5 weeks.")
pub fn expected_text(median_days: i64, p90_days: i64) -> String {
    use crate::lang::tr;
    let (low, high) = (median_days.max(0), p90_days.max(median_days).max(0));
    if high == 0 {
        return tr(
            "Meestal is deze stap binnen een dag klaar.",
            "This step is usually done within a day.",
        )
        .into();
    }
    let en = crate::lang::current() == crate::Lang::En;
    if low == 0 {
        return match en {
            false => format!("Meestal is deze stap binnen {} klaar.", span(high)),
            true => format!("This step is usually done within {}.", span(high)),
        };
    }
    let (a, b) = (span(low), span(high));
    let (usually, about, to) = match en {
        false => ("Meestal duurt deze stap", "ongeveer", "tot"),
        true => ("This step usually takes", "about", "to"),
    };
    if a == b {
        return format!("{usually} {about} {a}.");
    }
    // "2 tot 5 weken", not "2 weken tot 5 weken".
    match (a.split_once(' '), b.split_once(' ')) {
        (Some((n, unit_a)), Some((m, unit_b)))
            if unit_a == unit_b || unit_b.starts_with(unit_a) =>
        {
            format!("{usually} {n} {to} {m} {unit_b}.")
        }
        _ => format!("{usually} {a} {to} {b}."),
    }
}

/// One row of a published table.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub label: String,
    pub waarde: Cell,
}

/// A published table (suppressed), with its total.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureTable {
    pub titel: String,
    pub rijen: Vec<FigureRow>,
    pub totaal: Cell,
}

impl FigureTable {
    /// A table of `rows` (label, count), suppressed with `k`.
    pub fn suppressed(titel: &str, rows: Vec<(String, i64)>, k: i64) -> FigureTable {
        let counts: Vec<i64> = rows.iter().map(|(_, n)| *n).collect();
        let published = suppress(&counts, k);
        FigureTable {
            titel: titel.into(),
            rijen: rows
                .into_iter()
                .zip(published.cellen)
                .map(|((label, _), waarde)| FigureRow { label, waarde })
                .collect(),
            totaal: published.totaal,
        }
    }
}

/// How long a step (or the whole case) takes: median and 90th percentile in days, once
/// there are at least k cases behind them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadTime {
    pub stap: String,
    pub aantal: Cell,
    pub mediaan_dagen: Option<i64>,
    pub p90_dagen: Option<i64>,
}

impl LeadTime {
    pub fn of(stap: &str, sorted_days: &[i64], k: i64) -> LeadTime {
        let n = i64::try_from(sorted_days.len()).unwrap_or(i64::MAX);
        LeadTime {
            stap: stap.into(),
            aantal: if (1..k).contains(&n) {
                Cell::Klein
            } else {
                Cell::Aantal(n)
            },
            mediaan_dagen: percentile(sorted_days, 0.5, k),
            p90_dagen: percentile(sorted_days, 0.9, k),
        }
    }
}

/// `GET /api/cijfers`: the published figures of a period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub van: crate::domain::Date,
    pub tot: crate::domain::Date,
    /// Counts below this are not shown.
    pub k: i64,
    pub tabellen: Vec<FigureTable>,
    pub doorlooptijden: Vec<LeadTime>,
    /// For a helper: the same tables for their own organisation, beside the totals.
    #[serde(default)]
    pub eigen: Option<Vec<FigureTable>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn one_small_cell_takes_the_next_smallest_with_it() {
        let published = suppress(&[3, 40, 25, 60], 10);
        assert_eq!(
            published.cellen,
            [
                Cell::Klein,
                Cell::Aantal(40),
                Cell::Verborgen,
                Cell::Aantal(60)
            ]
        );
        assert_eq!(published.totaal, Cell::Aantal(128));
    }

    #[test]
    fn zero_is_published_and_a_small_total_hides_everything() {
        assert_eq!(
            suppress(&[0, 40, 25], 10).cellen,
            [Cell::Aantal(0), Cell::Aantal(40), Cell::Aantal(25)]
        );
        let small = suppress(&[2, 3, 0], 10);
        assert_eq!(small.totaal, Cell::Klein);
        assert_eq!(small.cellen, [Cell::Klein, Cell::Klein, Cell::Aantal(0)]);
    }

    /// Every way to fill the hidden cells that agrees with what is published: for small
    /// tables, by trying every value (the attacker's view).
    fn possible_values(published: &Published, total: i64, k: i64, cell: usize) -> Vec<i64> {
        let hidden: Vec<usize> = (0..published.cellen.len())
            .filter(|&i| !matches!(published.cellen[i], Cell::Aantal(_)))
            .collect();
        let known: i64 = published
            .cellen
            .iter()
            .filter_map(|c| match c {
                Cell::Aantal(n) => Some(*n),
                _ => None,
            })
            .sum();
        let left = total - known;
        let mut found = Vec::new();
        let mut values = vec![0i64; hidden.len()];
        #[allow(clippy::too_many_arguments)]
        fn walk(
            at: usize,
            left: i64,
            hidden: &[usize],
            cells: &[Cell],
            k: i64,
            values: &mut Vec<i64>,
            cell: usize,
            found: &mut Vec<i64>,
        ) {
            if at == hidden.len() {
                if left == 0 {
                    let i = hidden.iter().position(|&h| h == cell).unwrap();
                    if !found.contains(&values[i]) {
                        found.push(values[i]);
                    }
                }
                return;
            }
            let (low, high) = match cells[hidden[at]] {
                Cell::Klein => (1, k - 1),
                _ => (k, left),
            };
            for v in low..=high.min(left) {
                values[at] = v;
                walk(at + 1, left - v, hidden, cells, k, values, cell, found);
            }
        }
        walk(
            0,
            left,
            &hidden,
            &published.cellen,
            k,
            &mut values,
            cell,
            &mut found,
        );
        found
    }

    proptest! {
        /// No published table lets a count from 1 to k−1 be recovered from its total.
        #[test]
        fn no_small_count_can_be_worked_out(counts in proptest::collection::vec(prop_oneof![0i64..12, 0i64..40], 1..5), k in 3i64..11) {
            let published = suppress(&counts, k);
            let total: i64 = counts.iter().sum();
            if let Cell::Aantal(shown) = published.totaal {
                prop_assert_eq!(shown, total);
                for (i, cell) in published.cellen.iter().enumerate() {
                    match cell {
                        Cell::Aantal(n) => prop_assert_eq!(*n, counts[i]),
                        Cell::Klein => {
                            let options = possible_values(&published, total, k, i);
                            prop_assert!(options.contains(&counts[i]));
                            prop_assert!(options.len() > 1, "cell {} of {:?} ({:?}) is recoverable", i, counts, published);
                        }
                        Cell::Verborgen => prop_assert!(counts[i] >= k),
                    }
                }
            } else {
                // The total is not published: every non-zero count is hidden.
                for (i, cell) in published.cellen.iter().enumerate() {
                    if counts[i] > 0 {
                        prop_assert_ne!(*cell, Cell::Aantal(counts[i]));
                    }
                }
            }
        }
    }

    #[test]
    fn expected_times_read_as_plain_words_in_english_too() {
        crate::lang::speaking(crate::Lang::En, || {
            assert_eq!(
                expected_text(0, 0),
                "This step is usually done within a day."
            );
            assert_eq!(
                expected_text(3, 10),
                "This step usually takes 3 to 10 days."
            );
            assert_eq!(
                expected_text(14, 35),
                "This step usually takes 2 to 5 weeks."
            );
            assert_eq!(expected_text(7, 7), "This step usually takes about 7 days.");
        });
    }

    #[test]
    fn expected_times_read_as_plain_words() {
        assert_eq!(
            expected_text(0, 0),
            "Meestal is deze stap binnen een dag klaar."
        );
        assert_eq!(
            expected_text(0, 4),
            "Meestal is deze stap binnen 4 dagen klaar."
        );
        assert_eq!(
            expected_text(3, 10),
            "Meestal duurt deze stap 3 tot 10 dagen."
        );
        assert_eq!(
            expected_text(14, 35),
            "Meestal duurt deze stap 2 tot 5 weken."
        );
        assert_eq!(
            expected_text(5, 21),
            "Meestal duurt deze stap 5 dagen tot 3 weken."
        );
        assert_eq!(
            expected_text(7, 8),
            "Meestal duurt deze stap 7 tot 8 dagen."
        );
        assert_eq!(
            expected_text(15, 16),
            "Meestal duurt deze stap ongeveer 2 weken."
        );
    }

    #[test]
    fn a_median_needs_k_values() {
        let values: Vec<i64> = (1..=9).collect();
        assert_eq!(percentile(&values, 0.5, 10), None);
        let values: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&values, 0.5, 10), Some(5));
        assert_eq!(percentile(&values, 0.9, 10), Some(9));
    }
}
