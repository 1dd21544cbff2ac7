//! Signals (`/api/signalen`): helpers file them for their organisation and follow them;
//! staff file their own, triage every signal, approve each other's text for the KSMS
//! (four-eyes) and export what was forwarded.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use model::api::Problem;
use model::domain::Date;
use model::signal::wire::{NewSignal, SignalDetail, SignalStepRequest, SignalSummary};
use model::signal::SignalEvent;
use model::{Check, FieldError};

use super::extract::SignedIn;
use super::json::Json;
use crate::access::Viewer;
use crate::clock::today;
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::signals::{self, Filed, StepWrite};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signalen", get(signals_list).post(signals_file))
        .route("/signalen/export", get(signals_export))
        .route("/signalen/{referentie}", get(signals_show))
        .route("/signalen/{referentie}/stappen", post(signals_step))
}

/// Who may do what with signals: a helper for their organisation, staff for all.
#[derive(Clone, Copy)]
enum Reader {
    Partner { organisation: i64, account: i64 },
    Staff { account: i64 },
}

fn reader(who: &SignedIn) -> ApiResult<Reader> {
    match who.viewer() {
        Viewer::Helper {
            organisation,
            account,
        } => Ok(Reader::Partner {
            organisation,
            account,
        }),
        Viewer::Staff { account } => Ok(Reader::Staff { account }),
        _ => Err(ApiError::Forbidden),
    }
}

/// `?pagina=N` (from 1).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct Page {
    /// From 1; 50 signals a page.
    pagina: Option<u32>,
}

const NO_SUCH_PAGE: model::Text = model::Text::new(
    "Deze pagina van de lijst bestaat niet. Kies een paginanummer vanaf 1.",
    "This page of the list does not exist. Choose a page number from 1.",
);
const UNKNOWN_CASE: model::Text = model::Text::new(
    "Deze zaak kennen we niet bij uw organisatie. Controleer het zaaknummer, of laat het weg.",
    "We do not know this case in your organisation. Check the case number, or leave it out.",
);
const NOT_FOUND_SIGNAL: model::Text = model::Text::new(
    "Dit signaal bestaat niet, of u mag het niet zien.",
    "This signal does not exist, or you may not see it.",
);

#[utoipa::path(get, path = "/api/signalen", tag = "signalen", params(Page),
    responses((status = 200, description = "Een pagina van 50 signalen: die van de eigen organisatie, of (medewerkers) alle; `Link` wijst naar de volgende en vorige", body = [SignalSummary]),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn signals_list(
    State(state): State<AppState>,
    who: SignedIn,
    page: Result<Query<Page>, QueryRejection>,
) -> ApiResult<Response> {
    let reader = reader(&who)?;
    let page = match page {
        Ok(Query(Page { pagina: None })) => 1,
        Ok(Query(Page {
            pagina: Some(page @ 1..),
        })) => i64::from(page),
        _ => {
            return Err(ApiError::Invalid(vec![FieldError {
                field: "pagina".into(),
                message: NO_SUCH_PAGE.get().into(),
            }]))
        }
    };
    let organisation = match reader {
        Reader::Partner { organisation, .. } => Some(organisation),
        Reader::Staff { .. } => None,
    };
    let (lines, more) = signals::list(&state.db, organisation, page).await?;
    super::download::paged(lines, "/api/signalen", page, more)
}

/// The reference of a new signal.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub(super) struct SignalFiled {
    referentie: String,
}

#[utoipa::path(post, path = "/api/signalen", tag = "signalen", request_body = NewSignal, params(("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Ingediend", body = SignalFiled),
        (status = 403, body = Problem), (status = 422, description = "Een veld ontbreekt, of de tekst lijkt persoonsgegevens te bevatten (stuur `bevestigd: true` na controle)", body = Problem)))]
pub(super) async fn signals_file(
    State(state): State<AppState>,
    who: SignedIn,
    Json(form): Json<NewSignal>,
) -> ApiResult<(StatusCode, axum::Json<SignalFiled>)> {
    let reader = reader(&who)?;
    let signal = form.check().map_err(ApiError::Invalid)?;
    let (organisation, account) = match reader {
        Reader::Partner {
            organisation,
            account,
        } => (Some(organisation), account),
        Reader::Staff { account } => (None, account),
    };
    match signals::file(&state.db, organisation, account, signal).await? {
        Filed::Made(referentie) => {
            who.audit(&state.db, Action::SignalFiled, None).await?;
            Ok((StatusCode::CREATED, axum::Json(SignalFiled { referentie })))
        }
        Filed::UnknownCase(_) => Err(ApiError::Invalid(vec![FieldError {
            field: "zaken".into(),
            message: UNKNOWN_CASE.get().into(),
        }])),
    }
}

/// The signal if `reader` may see it: a partner only their organisation's.
async fn visible(
    state: &AppState,
    reader: Reader,
    reference: &str,
) -> ApiResult<signals::SignalRecord> {
    let record = signals::by_reference(&state.db, reference)
        .await?
        .ok_or(ApiError::NoMatch(NOT_FOUND_SIGNAL.get()))?;
    match reader {
        Reader::Partner { organisation, .. }
            if record.row.organisation_id != Some(organisation) =>
        {
            Err(ApiError::NotFound)
        }
        _ => Ok(record),
    }
}

fn detail_of(record: &signals::SignalRecord, reader: Reader) -> ApiResult<SignalDetail> {
    let status = record.row.status()?;
    let staff = match reader {
        Reader::Staff { account } => Some(account),
        Reader::Partner { .. } => None,
    };
    let possible = match staff {
        Some(account) => SignalEvent::ALL
            .into_iter()
            .filter(|event| {
                status
                    .apply(*event, record.row.text_writer, account)
                    .is_ok()
            })
            .collect(),
        None => Vec::new(),
    };
    let is_staff = staff.is_some();
    Ok(SignalDetail {
        referentie: record.row.reference.clone(),
        status,
        status_titel: status.title().into(),
        uitleg: status.for_partner().into(),
        dienst: record.row.dienst()?,
        thema: record.row.thema.clone(),
        wat_gaat_mis: record.row.wat_gaat_mis.clone(),
        verhaal: record.row.verhaal.clone(),
        oplossing: record.row.oplossing.clone(),
        ingediend: record.row.filed_at,
        organisatie: record.organisation.clone(),
        stappen: signals::steps_for(record, is_staff),
        zaken: is_staff.then(|| record.cases.clone()),
        tekst_voor_ksms: is_staff.then(|| record.row.text_to_send.clone()).flatten(),
        geschreven_door: is_staff.then(|| record.writer.clone()).flatten(),
        goedgekeurd_door: is_staff.then(|| record.approver.clone()).flatten(),
        doorgezet_op: record
            .row
            .forwarded_on
            .as_deref()
            .and_then(|d| Date::parse(d).ok()),
        mogelijke_stappen: possible,
    })
}

#[utoipa::path(get, path = "/api/signalen/{referentie}", tag = "signalen", params(("referentie" = String, Path)),
    responses((status = 200, body = SignalDetail), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(super) async fn signals_show(
    State(state): State<AppState>,
    who: SignedIn,
    Path(reference): Path<String>,
) -> ApiResult<axum::Json<SignalDetail>> {
    let reader = reader(&who)?;
    let record = visible(&state, reader, &reference).await?;
    // Staff read which cases it was seen in: that is a read of case data, and logged.
    if matches!(reader, Reader::Staff { .. }) && !record.cases.is_empty() {
        who.audit(&state.db, Action::SignalRead, None).await?;
    }
    Ok(axum::Json(detail_of(&record, reader)?))
}

const MOVED: model::Text = model::Text::new(
    "Het signaal is net veranderd. Laad de pagina opnieuw en kijk hoe het nu staat.",
    "The signal has just changed. Load the page again and see how it is now.",
);
const NO_SUCH_SIGNAL: model::Text = model::Text::new(
    "Dit signaalnummer kennen we niet. Controleer het nummer.",
    "We do not know this signal number. Check the number.",
);
const NOT_ITSELF: model::Text = model::Text::new(
    "Een signaal kan niet bij zichzelf worden gevoegd. Kies een ander signaal.",
    "A signal cannot be merged with itself. Choose another signal.",
);

#[utoipa::path(post, path = "/api/signalen/{referentie}/stappen", tag = "signalen", request_body = SignalStepRequest, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, description = "Het signaal na de stap", body = SignalDetail),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn signals_step(
    State(state): State<AppState>,
    who: SignedIn,
    Path(reference): Path<String>,
    Json(request): Json<SignalStepRequest>,
) -> ApiResult<axum::Json<SignalDetail>> {
    let reader = reader(&who)?;
    let Reader::Staff { account } = reader else {
        return Err(ApiError::Forbidden);
    };
    let record = visible(&state, reader, &reference).await?;
    let step = request.check(today()).map_err(ApiError::Invalid)?;
    let from = record.row.status()?;
    let to = from
        .apply(step.stap, record.row.text_writer, account)
        .map_err(|refusal| ApiError::Conflict(refusal.message()))?;
    // A merge names the other signal in its step (staff read it on the timeline).
    let merged_into = match &step.samen_met {
        Some(other) => {
            let id = signals::id_of(&state.db, other).await?.ok_or_else(|| {
                ApiError::Invalid(vec![FieldError {
                    field: "samen_met".into(),
                    message: NO_SUCH_SIGNAL.get().into(),
                }])
            })?;
            if id == record.row.id {
                return Err(ApiError::Invalid(vec![FieldError {
                    field: "samen_met".into(),
                    message: NOT_ITSELF.get().into(),
                }]));
            }
            Some(format!(
                "Samengevoegd met signaal {}.",
                other.to_uppercase()
            ))
        }
        None => None,
    };
    let write = StepWrite {
        event: step.stap,
        from,
        to,
        actor: account,
        body: merged_into.or(step.tekst.map(|t| t.as_str().to_owned())),
        forwarded_on: step.datum,
    };
    if !signals::step(
        &state.db,
        record.row.clone(),
        write,
        state.workflow.public_url(),
    )
    .await?
    {
        return Err(ApiError::Conflict(MOVED.get()));
    }
    who.audit(&state.db, Action::SignalStep, None).await?;
    let record = visible(&state, reader, &reference).await?;
    Ok(axum::Json(detail_of(&record, reader)?))
}

/// The export's period and format.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ExportQuery {
    /// First day (`jjjj-mm-dd` or `dd-mm-jjjj`).
    van: String,
    /// Last day.
    tot: String,
    /// `csv` (default) or `json`.
    formaat: Option<String>,
}

/// The CSV columns of the export, named in the README.
const EXPORT_HEADER: [&str; 5] = ["referentie", "doorgezet_op", "dienst", "thema", "tekst"];

#[utoipa::path(get, path = "/api/signalen/export", tag = "signalen", params(ExportQuery),
    responses((status = 200, description = "De doorgezette, goedgekeurde signalen van de periode, zonder koppeling aan zaken (CSV of JSON)", content_type = "text/csv"),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn signals_export(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Reader::Staff { .. } = reader(&who)? else {
        return Err(ApiError::Forbidden);
    };
    let period = |field: &'static str, label: model::Label, value: Option<&str>| {
        Date::parse(value.unwrap_or_default()).map_err(|invalid| invalid.at(field, label))
    };
    let query = query.ok().map(|Query(q)| q);
    let mut errors = Vec::new();
    let from = period(
        "van",
        model::Text::new("de eerste dag", "the first day"),
        query.as_ref().map(|q| q.van.as_str()),
    )
    .map_err(|e| errors.push(e))
    .ok();
    let to = period(
        "tot",
        model::Text::new("de laatste dag", "the last day"),
        query.as_ref().map(|q| q.tot.as_str()),
    )
    .map_err(|e| errors.push(e))
    .ok();
    let json = match query.as_ref().and_then(|q| q.formaat.as_deref()) {
        None | Some("csv") => false,
        Some("json") => true,
        Some(_) => {
            errors.push(FieldError {
                field: "formaat".into(),
                message: model::lang::tr(
                    "Kies csv of json als formaat.",
                    "Choose csv or json as the format.",
                )
                .into(),
            });
            false
        }
    };
    let (Some(from), Some(to), true) = (from, to, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let rows = signals::export(&state.db, from, to).await?;
    who.audit(&state.db, Action::SignalExport, None).await?;
    if json {
        let mut response = axum::Json(rows).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    let lines = rows.iter().map(|row| {
        [
            row.referentie.as_str(),
            &row.doorgezet_op,
            &row.dienst,
            &row.thema,
            &row.tekst,
        ]
    });
    super::download::csv(std::iter::once(EXPORT_HEADER).chain(lines), "signalen.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_header_names_exactly_the_exported_fields() {
        let row = signals::Exported {
            referentie: String::new(),
            doorgezet_op: String::new(),
            dienst: String::new(),
            thema: String::new(),
            tekst: String::new(),
        };
        let value = serde_json::to_value(row).unwrap();
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut header = EXPORT_HEADER.to_vec();
        header.sort_unstable();
        assert_eq!(keys, header);
    }
}
