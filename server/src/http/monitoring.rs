//! Monitoring of access, for the beheerder: the rules and their thresholds
//! (`/api/beheer/bewaking`), running them now, and the alerts they raised
//! (`/api/beheer/meldingen`), each seen or handled with a note.

use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::Router;
use model::monitoring::{Alert, AlertChange, Rule, RuleInput, RuleSetting};
use model::Check;

use super::beheer::beheerder;
use super::extract::SignedIn;
use super::json::Json;
use crate::clock::now;
use crate::error::{ApiError, ApiResult};
use crate::store::monitoring::{self, NotChanged};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/bewaking", get(rules_list))
        .route("/beheer/bewaking/controleren", post(evaluate_now))
        .route("/beheer/bewaking/{regel}", put(rule_set))
        .route("/beheer/meldingen", get(alerts_list))
        .route("/beheer/meldingen/{id}", put(alert_change))
}

#[utoipa::path(get, path = "/api/beheer/bewaking", tag = "beheer",
    responses((status = 200, body = Vec<RuleSetting>), (status = 403, body = model::api::Problem)))]
pub(super) async fn rules_list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<axum::Json<Vec<RuleSetting>>> {
    beheerder(&signed_in)?;
    Ok(axum::Json(state.db.run(monitoring::settings_in).await?))
}

#[utoipa::path(put, path = "/api/beheer/bewaking/{regel}", tag = "beheer", request_body = RuleInput,
    params(("regel" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Vec<RuleSetting>), (status = 404, body = model::api::Problem), (status = 422, body = model::api::Problem)))]
pub(super) async fn rule_set(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(key): Path<String>,
    Json(input): Json<RuleInput>,
) -> ApiResult<axum::Json<Vec<RuleSetting>>> {
    let by = beheerder(&signed_in)?.0;
    let rule = Rule::parse(&key).ok_or(ApiError::NotFound)?;
    let (threshold, active) = input.check().map_err(ApiError::Invalid)?;
    let settings = state
        .db
        .transaction(move |conn| {
            monitoring::set_rule_in(conn, by, rule, threshold, active)?;
            monitoring::settings_in(conn)
        })
        .await?;
    Ok(axum::Json(settings))
}

#[utoipa::path(post, path = "/api/beheer/bewaking/controleren", tag = "beheer", params(("x-csrf-token" = String, Header)),
    responses((status = 200, description = "De regels zijn nu nagelopen; de meldingen, nieuwe erbij", body = Vec<Alert>), (status = 403, body = model::api::Problem)))]
pub(super) async fn evaluate_now(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<axum::Json<Vec<Alert>>> {
    beheerder(&signed_in)?;
    let public_url = state.public_url.to_string();
    let alerts = state
        .db
        .transaction(move |conn| {
            monitoring::evaluate_in(conn, now(), &public_url)?;
            monitoring::alerts_in(conn)
        })
        .await?;
    Ok(axum::Json(alerts))
}

#[utoipa::path(get, path = "/api/beheer/meldingen", tag = "beheer",
    responses((status = 200, description = "Open meldingen eerst", body = Vec<Alert>), (status = 403, body = model::api::Problem)))]
pub(super) async fn alerts_list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<axum::Json<Vec<Alert>>> {
    beheerder(&signed_in)?;
    Ok(axum::Json(state.db.run(monitoring::alerts_in).await?))
}

#[utoipa::path(put, path = "/api/beheer/meldingen/{id}", tag = "beheer", request_body = AlertChange,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Vec<Alert>), (status = 404, body = model::api::Problem), (status = 409, body = model::api::Problem), (status = 422, body = model::api::Problem)))]
pub(super) async fn alert_change(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<AlertChange>,
) -> ApiResult<axum::Json<Vec<Alert>>> {
    let by = beheerder(&signed_in)?.0;
    let (next, note) = input.check().map_err(ApiError::Invalid)?;
    let changed = state
        .db
        .transaction(move |conn| {
            Ok::<_, ApiError>(
                match monitoring::change_alert_in(conn, by, id, next, note.as_ref())? {
                    Ok(()) => Ok(monitoring::alerts_in(conn)?),
                    Err(why) => Err(why),
                },
            )
        })
        .await?;
    match changed {
        Ok(alerts) => Ok(axum::Json(alerts)),
        Err(NotChanged::Unknown) => Err(ApiError::NotFound),
        Err(NotChanged::Backwards) => Err(ApiError::Conflict(
            model::lang::tr(
                "Deze melding is al verder. Laad de pagina opnieuw om te zien wat er met de melding gebeurde.",
                "This alert has moved on. Load the page again to see what happened with it.",
            ),
        )),
    }
}
