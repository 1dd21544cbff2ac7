//! The audit log for the beheerder: `GET /api/beheer/logboek` (a page) and
//! `GET /api/beheer/logboek.csv` (the filtered rows as CSV). Reading it is logged too.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use model::audit_log::{AuditFilter, AuditLine, AuditPage};
use model::Check;

use super::beheer::beheerder;
use super::extract::SignedIn;
use crate::clock::dutch_timestamp;
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::audit_log;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/logboek", get(log_page))
        .route("/beheer/logboek.csv", get(log_export))
}

fn checked(
    query: Result<Query<AuditFilter>, QueryRejection>,
) -> ApiResult<model::audit_log::CheckedAuditFilter> {
    let Query(filter) = query.map_err(|_| ApiError::BadBody)?;
    filter.check().map_err(ApiError::Invalid)
}

#[utoipa::path(get, path = "/api/beheer/logboek", tag = "beheer", params(AuditFilter),
    responses((status = 200, body = AuditPage), (status = 403, body = model::api::Problem), (status = 422, body = model::api::Problem)))]
pub(super) async fn log_page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    query: Result<Query<AuditFilter>, QueryRejection>,
) -> ApiResult<axum::Json<AuditPage>> {
    beheerder(&signed_in)?;
    let filter = checked(query)?;
    let page = state
        .db
        .run(move |conn| audit_log::page_in(conn, &filter))
        .await?;
    signed_in
        .audit(&state.db, Action::ReadAuditLog, None)
        .await?;
    Ok(axum::Json(page))
}

/// The CSV's columns, in Dutch, in the order of [`row`].
const HEADER: [&str; 8] = [
    "tijd", "rol", "persoon", "actie", "zaak", "over", "sessie", "reden",
];

fn row(line: AuditLine) -> [String; 8] {
    [
        dutch_timestamp(line.tijd),
        line.rol.as_str().to_owned(),
        line.persoon.unwrap_or_default(),
        line.actie,
        line.zaak.unwrap_or_default(),
        line.over.unwrap_or_default(),
        line.sessie.unwrap_or_default(),
        line.reden.unwrap_or_default(),
    ]
}

#[utoipa::path(get, path = "/api/beheer/logboek.csv", tag = "beheer", params(AuditFilter),
    responses((status = 200, description = "De gefilterde regels als CSV (UTF-8, komma's), nieuwste eerst; hoogstens 50.000", content_type = "text/csv"),
        (status = 403, body = model::api::Problem), (status = 422, body = model::api::Problem)))]
pub(super) async fn log_export(
    State(state): State<AppState>,
    signed_in: SignedIn,
    query: Result<Query<AuditFilter>, QueryRejection>,
) -> ApiResult<Response> {
    beheerder(&signed_in)?;
    let filter = checked(query)?;
    let (lines, cut) = state
        .db
        .run(move |conn| audit_log::all_in(conn, &filter))
        .await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(HEADER)
        .and_then(|()| {
            lines
                .into_iter()
                .try_for_each(|line| writer.write_record(row(line)))
        })
        .map_err(|err| ApiError::Internal(format!("csv: {err}")))?;
    let body = writer
        .into_inner()
        .map_err(|err| ApiError::Internal(format!("csv: {err}")))?;
    signed_in
        .audit(&state.db, Action::ExportAuditLog, None)
        .await?;
    let mut response = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"logboek.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response();
    if cut {
        // More than one export holds: the header says so; ask for a shorter period.
        response.headers_mut().insert(
            "x-bondgenoot-afgekapt",
            axum::http::HeaderValue::from_static("true"),
        );
    }
    Ok(response)
}
