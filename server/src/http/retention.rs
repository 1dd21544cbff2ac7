//! Retention for the beheerder: the terms (`PUT /api/beheer/bewaartermijnen`), the
//! destruction list with its report and counts (`GET /api/beheer/vernietiging`), a review per
//! case (`PUT /api/beheer/vernietiging/{referentie}`), and running the daily job now.

use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::Router;
use model::retention::{Beoordeling, DestructionOverview, Review, TermsInput};
use model::Check;

use super::beheer::beheerder;
use super::extract::SignedIn;
use super::json::Json;
use crate::clock::now;
use crate::error::{ApiError, ApiResult};
use crate::jobs::run_retention;
use crate::store::retention::{self, NotReviewed};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/bewaartermijnen", put(terms_set))
        .route("/beheer/vernietiging", get(overview))
        .route("/beheer/vernietiging/controleren", post(run_now))
        .route("/beheer/vernietiging/{referentie}", put(review))
}

#[utoipa::path(get, path = "/api/beheer/vernietiging", tag = "beheer",
    responses((status = 200, body = DestructionOverview), (status = 403, body = model::api::Problem)))]
pub(super) async fn overview(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<axum::Json<DestructionOverview>> {
    beheerder(&signed_in)?;
    Ok(axum::Json(state.db.run(retention::overview_in).await?))
}

#[utoipa::path(put, path = "/api/beheer/bewaartermijnen", tag = "beheer", request_body = TermsInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 200, body = DestructionOverview), (status = 403, body = model::api::Problem), (status = 422, description = "Een bericht per fout veld", body = model::api::Problem)))]
pub(super) async fn terms_set(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Json(input): Json<TermsInput>,
) -> ApiResult<axum::Json<DestructionOverview>> {
    let by = beheerder(&signed_in)?.0;
    let terms = input.check().map_err(ApiError::Invalid)?;
    let overview = state
        .db
        .transaction(move |conn| {
            retention::set_terms_in(conn, by, &terms)?;
            retention::overview_in(conn)
        })
        .await?;
    Ok(axum::Json(overview))
}

#[utoipa::path(post, path = "/api/beheer/vernietiging/controleren", tag = "beheer", params(("x-csrf-token" = String, Header)),
    responses((status = 200, description = "De bewaartermijnen zijn nu nagelopen (wat de dagelijkse taak doet)", body = DestructionOverview), (status = 403, body = model::api::Problem)))]
pub(super) async fn run_now(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<axum::Json<DestructionOverview>> {
    beheerder(&signed_in)?;
    run_retention(
        &state.db,
        &state.documents,
        now(),
        state.workflow.public_url(),
    )
    .await?;
    Ok(axum::Json(state.db.run(retention::overview_in).await?))
}

#[utoipa::path(put, path = "/api/beheer/vernietiging/{referentie}", tag = "beheer", request_body = Review,
    params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = DestructionOverview), (status = 404, body = model::api::Problem), (status = 409, body = model::api::Problem), (status = 422, body = model::api::Problem)))]
pub(super) async fn review(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(raw): Path<String>,
    Json(input): Json<Review>,
) -> ApiResult<axum::Json<DestructionOverview>> {
    let by = beheerder(&signed_in)?.0;
    let reference = model::domain::CaseReference::parse(&raw).map_err(|_| ApiError::NotFound)?;
    let (next, reason) = input.check().map_err(ApiError::Invalid)?;
    let at = now();
    let reviewed = state
        .db
        .transaction(move |conn| {
            Ok::<_, ApiError>(
                match retention::review_in(conn, by, reference.as_str(), next, reason.as_ref(), at)?
                {
                    Ok(()) => Ok(retention::overview_in(conn)?),
                    Err(why) => Err(why),
                },
            )
        })
        .await?;
    match reviewed {
        Ok(overview) => Ok(axum::Json(overview)),
        Err(NotReviewed::Unknown) => Err(ApiError::NotFound),
        Err(NotReviewed::NotNow) => Err(ApiError::Conflict(match next {
            Beoordeling::Voorgesteld => {
                model::lang::tr("Deze zaak wacht niet meer op vernietiging. Laad de pagina opnieuw om te zien hoe het staat.", "This case no longer waits for destruction. Load the page again to see how it stands.")
            }
            _ => model::lang::tr("Over deze zaak is al besloten. Laad de pagina opnieuw om te zien wat er besloten is.", "This case has already been decided on. Load the page again to see what was decided."),
        })),
    }
}
