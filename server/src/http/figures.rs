//! The figures page's data (`/api/cijfers`): anonymised counts and lead times of a period,
//! every count below k suppressed (`model::figures`), for staff and beheerders; a helper gets
//! their organisation's own figures beside the totals. And the same tables as CSV.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use model::access::HIDDEN_FROM_STAFF;
use model::api::Problem;
use model::beheer::OrganisationKind;
use model::case::{Dienst, Onderwerp};
use model::domain::Date;
use model::figures::{FigureTable, Figures, LeadTime};
use model::lang::tr;
use model::lifecycle::{CaseStatus, Controle, EscalatieNiveau, Uitkomst, Verwijzing};
use model::signal::SignalStatus;
use model::FieldError;

use super::extract::SignedIn;
use crate::access::Viewer;
use crate::clock::today;
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::figures::{self, Counts, Raw};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cijfers", get(figures_page))
        .route("/cijfers.csv", get(figures_csv))
}

/// The period, each end optional (default: this half-year, as the report in brief §1.8).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Period {
    /// First day (`jjjj-mm-dd` or `dd-mm-jjjj`).
    van: Option<String>,
    /// Last day.
    tot: Option<String>,
}

/// The half-year `today` falls in.
fn this_half_year(today: Date) -> (Date, Date) {
    let (first, last) = if today.month() <= 6 {
        ((1, 1), (6, 30))
    } else {
        ((7, 1), (12, 31))
    };
    (
        Date::new(today.year(), first.0, first.1).unwrap_or(today),
        Date::new(today.year(), last.0, last.1).unwrap_or(today),
    )
}

fn period(query: Result<Query<Period>, QueryRejection>) -> ApiResult<(Date, Date)> {
    let Ok(Query(query)) = query else {
        return Err(ApiError::BadBody);
    };
    let (default_from, default_to) = this_half_year(today());
    let mut errors = Vec::new();
    let mut day = |value: Option<String>,
                   default: Date,
                   field: &'static str,
                   label: model::Label| match value
        .filter(|v| !v.trim().is_empty())
    {
        None => default,
        Some(value) => Date::parse(&value).unwrap_or_else(|invalid| {
            errors.push(invalid.at(field, label));
            default
        }),
    };
    let from = day(
        query.van,
        default_from,
        "van",
        model::Text::new("de eerste dag", "the first day"),
    );
    let to = day(
        query.tot,
        default_to,
        "tot",
        model::Text::new("de laatste dag", "the last day"),
    );
    if errors.is_empty() && to < from {
        errors.push(FieldError {
            field: "tot".into(),
            message: tr(
                "De laatste dag ligt voor de eerste. Kies een latere laatste dag.",
                "The last day is before the first. Choose a later last day.",
            )
            .into(),
        });
    }
    if errors.is_empty() {
        Ok((from, to))
    } else {
        Err(ApiError::Invalid(errors))
    }
}

/// Seconds since 1970 at the start of `day` (UTC; a day's cases are within a few hours).
fn start_of(day: Date) -> i64 {
    day.to_days() * 86_400
}

/// Rows in a fixed order of every known category (zero included), then any other key.
fn rows(counts: &Counts, known: &[(&str, String)]) -> Vec<(String, i64)> {
    let mut rows: Vec<(String, i64)> = known
        .iter()
        .map(|(key, label)| (label.clone(), counts.get(*key).copied().unwrap_or(0)))
        .collect();
    for (key, count) in counts {
        if !known.iter().any(|(k, _)| k == key) {
            rows.push((key.clone(), *count));
        }
    }
    rows
}

fn key_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(key)) => key,
        Ok(serde_json::Value::Object(map)) => map
            .values()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(":"),
        _ => String::new(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn borrow(list: &[(String, String)]) -> Vec<(&str, String)> {
    list.iter().map(|(k, l)| (k.as_str(), l.clone())).collect()
}

/// A state per key, for its title (the detail does not change it, but for consent checks).
const STATES: [CaseStatus; 15] = [
    CaseStatus::WachtOpToestemming,
    CaseStatus::ToestemmingControleren(Controle::Formulier),
    CaseStatus::Aangemeld,
    CaseStatus::InTriage,
    CaseStatus::InBehandeling,
    CaseStatus::ZienswijzeVerstuurd,
    CaseStatus::Overgenomen,
    CaseStatus::NietOvergenomen,
    CaseStatus::Geescaleerd(EscalatieNiveau::Leidinggevende),
    CaseStatus::Afgerond(Uitkomst::MinnelijkOpgelost),
    CaseStatus::Eindgesprek,
    CaseStatus::Gesloten,
    CaseStatus::Doorverwezen(Verwijzing::Anders),
    CaseStatus::Vervallen,
    CaseStatus::Ingetrokken,
];

fn tables(raw: &Raw, k: i64) -> Vec<FigureTable> {
    let states: Vec<(&str, String)> = STATES
        .iter()
        .map(|s| {
            let title = match s {
                CaseStatus::ToestemmingControleren(_) => tr(
                    "Toestemming wordt gecontroleerd",
                    "Consent is being checked",
                ),
                other => other.title(),
            };
            (s.key(), title.to_owned())
        })
        .collect();
    let kinds: Vec<(&str, String)> = OrganisationKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), kind.label().to_owned()))
        .collect();
    let diensten: Vec<(String, String)> = Dienst::CHOICES
        .iter()
        .map(|(d, label)| (key_of(d), label.get().to_owned()))
        .collect();
    let topics: Vec<(String, String)> = Onderwerp::CHOICES
        .iter()
        .map(|(o, label)| (key_of(o), label.get().to_owned()))
        .collect();
    let outcomes: Vec<(String, String)> = [
        (
            Uitkomst::MinnelijkOpgelost,
            tr("Minnelijk opgelost", "Solved by agreement"),
        ),
        (
            Uitkomst::OpgelostNaEscalatie,
            tr("Opgelost na escalatie", "Solved after escalation"),
        ),
        (Uitkomst::NietOpgelost, tr("Niet opgelost", "Not solved")),
    ]
    .iter()
    .map(|(o, label)| (key_of(o), (*label).to_owned()))
    .collect();
    let routes: Vec<(String, String)> = Verwijzing::ALL
        .iter()
        .map(|r| (key_of(r), capitalised(r.label())))
        .collect();
    let signals: Vec<(&str, String)> = SignalStatus::ALL
        .iter()
        .map(|s| (s.key(), s.title().to_owned()))
        .collect();
    let mut answered = Counts::new();
    answered.insert("ja".into(), raw.signals_answered);
    answered.insert("nee".into(), raw.signals_forwarded - raw.signals_answered);
    vec![
        FigureTable::suppressed(
            tr("Zaken per stand", "Cases by state"),
            rows(&raw.per_state, &states),
            k,
        ),
        FigureTable::suppressed(
            tr(
                "Zaken per soort organisatie",
                "Cases by kind of organisation",
            ),
            rows(&raw.per_kind, &kinds),
            k,
        ),
        FigureTable::suppressed(
            tr("Zaken per Dienst", "Cases by service"),
            rows(&raw.per_dienst, &borrow(&diensten)),
            k,
        ),
        FigureTable::suppressed(
            tr(
                "Onderwerpen (een zaak kan meer onderwerpen hebben)",
                "Subjects (a case can have more subjects)",
            ),
            rows(&raw.per_topic, &borrow(&topics)),
            k,
        ),
        FigureTable::suppressed(
            tr("Spoed", "Urgent"),
            rows(
                &raw.spoed,
                &[
                    ("ja", tr("Met spoed", "Urgent").into()),
                    ("nee", tr("Zonder spoed", "Not urgent").into()),
                ],
            ),
            k,
        ),
        FigureTable::suppressed(
            tr("Uitkomst van afgeronde zaken", "Outcome of completed cases"),
            rows(&raw.outcomes, &borrow(&outcomes)),
            k,
        ),
        FigureTable::suppressed(
            tr("Doorverwezen naar", "Referred to"),
            rows(&raw.routes, &borrow(&routes)),
            k,
        ),
        FigureTable::suppressed(
            tr("Signalen per stand", "Signals by state"),
            rows(&raw.signals, &signals),
            k,
        ),
        FigureTable::suppressed(
            tr(
                "Doorgezette signalen met terugkoppeling",
                "Signals passed on with a response",
            ),
            rows(
                &answered,
                &[
                    ("ja", tr("Met terugkoppeling", "With a response").into()),
                    ("nee", tr("Nog zonder", "Not yet").into()),
                ],
            ),
            k,
        ),
    ]
}

fn lead_times(raw: &Raw, k: i64) -> Vec<LeadTime> {
    let mut times = vec![LeadTime::of(
        tr("Van versturen tot gesloten", "From sending to closed"),
        &raw.lead_days,
        k,
    )];
    for state in STATES {
        if HIDDEN_FROM_STAFF.contains(&state) && state != CaseStatus::WachtOpToestemming {
            continue;
        }
        if let Some(days) = raw.step_days.get(state.key()) {
            let title = match state {
                CaseStatus::ToestemmingControleren(_) => tr(
                    "Toestemming wordt gecontroleerd",
                    "Consent is being checked",
                ),
                other => other.title(),
            };
            times.push(LeadTime::of(title, days, k));
        }
    }
    times
}

/// How long the counts of a period are used before they are counted again: they change
/// slowly, and counting 10,000 cases takes tens of milliseconds (docs/benchmarks.md).
pub const REFRESH: std::time::Duration = std::time::Duration::from_secs(60);

/// A period (seconds), and an organisation for its own counts (none: all cases).
pub type FiguresKey = (i64, i64, Option<i64>);

/// The counts of one key, kept apart: a partner's page reuses the totals staff counted.
async fn counted(state: &AppState, key: FiguresKey) -> ApiResult<std::sync::Arc<figures::Raw>> {
    let db = state.db.clone();
    let (start, end, organisation) = key;
    Ok(state
        .figures
        .get(key, || async move {
            db.run(move |conn| figures::raw_in(conn, start, end, organisation))
                .await
        })
        .await?)
}

async fn figures_for(state: &AppState, who: &SignedIn, from: Date, to: Date) -> ApiResult<Figures> {
    let own = match who.viewer() {
        Viewer::Helper { organisation, .. } => Some(organisation),
        Viewer::Staff { .. } | Viewer::Beheerder { .. } => None,
        _ => return Err(ApiError::Forbidden),
    };
    let k = state.figures_k;
    let (start, end) = (start_of(from), start_of(to) + 86_400);
    let all = counted(state, (start, end, None)).await?;
    let mine = match own {
        Some(org) => Some(counted(state, (start, end, Some(org))).await?),
        None => None,
    };
    who.audit(&state.db, Action::FiguresRead, None).await?;
    Ok(Figures {
        van: from,
        tot: to,
        k,
        tabellen: tables(&all, k),
        doorlooptijden: lead_times(&all, k),
        eigen: mine.map(|raw| tables(&raw, k)),
    })
}

#[utoipa::path(get, path = "/api/cijfers", tag = "cijfers", params(Period),
    responses((status = 200, description = "Geanonimiseerde cijfers van de periode (standaard: dit halfjaar); aantallen onder k zijn verborgen", body = Figures),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn figures_page(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<Period>, QueryRejection>,
) -> ApiResult<axum::Json<Figures>> {
    let (from, to) = period(query)?;
    Ok(axum::Json(figures_for(&state, &who, from, to).await?))
}

#[utoipa::path(get, path = "/api/cijfers.csv", tag = "cijfers", params(Period),
    responses((status = 200, description = "Dezelfde gepubliceerde tabellen als CSV: tabel, rij, waarde (verborgen aantallen als tekst)", content_type = "text/csv"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn figures_csv(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<Period>, QueryRejection>,
) -> ApiResult<Response> {
    let (from, to) = period(query)?;
    let figures = figures_for(&state, &who, from, to).await?;
    let k = figures.k;
    let days =
        |d: Option<i64>| d.map_or_else(|| format!("minder dan {k} zaken"), |d| d.to_string());
    let mut rows: Vec<[String; 4]> = vec![["deel", "tabel", "rij", "waarde"].map(String::from)];
    for (part, list) in [
        ("alle", Some(&figures.tabellen)),
        ("eigen", figures.eigen.as_ref()),
    ] {
        for table in list.into_iter().flatten() {
            for row in &table.rijen {
                rows.push([
                    part.into(),
                    table.titel.clone(),
                    row.label.clone(),
                    row.waarde.text(k),
                ]);
            }
            rows.push([
                part.into(),
                table.titel.clone(),
                "Totaal".into(),
                table.totaal.text(k),
            ]);
        }
    }
    for time in &figures.doorlooptijden {
        for (what, value) in [
            ("mediaan", time.mediaan_dagen),
            ("90e percentiel", time.p90_dagen),
        ] {
            rows.push([
                "alle".into(),
                format!("Doorlooptijd in dagen ({what})"),
                time.stap.clone(),
                days(value),
            ]);
        }
    }
    super::download::csv(rows, "cijfers.csv")
}
