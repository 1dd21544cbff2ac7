//! Need-to-know among the staff, in the API: opening a case outside one's own with a stated
//! reason ("break the glass"), where beheer allows it for one of one's teams.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use model::access::{sees_case, Standing};
use model::api::Problem;
use model::assignment::BreakGlass;
use model::domain::CaseReference;
use model::lifecycle::Role;
use model::Check;

use super::extract::SignedIn;
use super::json::Json;
use crate::access::{self, Viewer};
use crate::error::{ApiError, ApiResult};
use crate::store::{assignment, cases};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/zaken/{referentie}/inzage", post(break_glass))
}

/// What opening with a reason did.
enum Opening {
    /// Theirs already: nothing to open, nothing logged beyond the read that follows.
    AlreadyTheirs,
    Granted,
    /// None of their teams allows it.
    NotAllowed,
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/inzage", tag = "zaken", request_body = BreakGlass,
    params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Geopend voor een uur; de reden staat in het auditlog"),
        (status = 403, description = "Niet voor dit account of dit team", body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn break_glass(
    State(state): State<AppState>,
    who: SignedIn,
    Path(raw): Path<String>,
    Json(body): Json<BreakGlass>,
) -> ApiResult<StatusCode> {
    let Viewer::Staff { account } = who.viewer() else {
        return Err(ApiError::Forbidden);
    };
    let reference = CaseReference::parse(&raw).map_err(|_| ApiError::NotFound)?;
    let opened = state
        .db
        .transaction(move |conn| {
            let Some(case) = cases::by_reference_in(conn, reference.as_str())? else {
                return Ok::<_, ApiError>(None);
            };
            if !sees_case(Role::Behandelaar, case.status) {
                return Ok(None);
            }
            Ok(Some(
                match access::standing_in(conn, who.viewer(), &case)? {
                    Standing::Assigned => Opening::AlreadyTheirs,
                    Standing::Outside {
                        may_break_glass: false,
                    } => Opening::NotAllowed,
                    // Access before the body: only then is the reason checked.
                    Standing::BrokeGlass | Standing::Outside { .. } => {
                        let reason = body.check().map_err(ApiError::Invalid)?;
                        if assignment::break_glass_in(
                            conn,
                            account,
                            case.assignable(),
                            reason.as_str(),
                        )? {
                            Opening::Granted
                        } else {
                            Opening::NotAllowed
                        }
                    }
                },
            ))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    match opened {
        Opening::AlreadyTheirs | Opening::Granted => Ok(StatusCode::NO_CONTENT),
        Opening::NotAllowed => Err(ApiError::NotAssigned {
            may_break_glass: false,
        }),
    }
}
