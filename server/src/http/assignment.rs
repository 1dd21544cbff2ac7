//! Need-to-know among the staff, in the API: opening a case outside one's own with a stated
//! reason ("break the glass"), where beheer allows it for one of one's teams; and handing a
//! case to another casemanager, a recorded step with a reason.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use model::access::{sees_case, Standing};
use model::api::Problem;
use model::assignment::{BreakGlass, Colleague, Reassign};
use model::domain::CaseReference;
use model::lifecycle::CaseEvent;
use model::lifecycle::Role;
use model::Check;
use model::FieldError;

use super::extract::{Authorised, SignedIn};
use super::json::Json;
use crate::access::{self, rules, Viewer};
use crate::error::{ApiError, ApiResult};
use crate::store::{assignment, cases};
use crate::workflow::{StepTexts, WorkflowError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/zaken/{referentie}/inzage", post(break_glass))
        .route("/zaken/{referentie}/toewijzing", post(reassign))
        .route("/medewerkers", get(colleagues))
}

#[utoipa::path(get, path = "/api/medewerkers", tag = "zaken",
    responses((status = 200, description = "De behandelaars aan wie een zaak kan worden toegewezen", body = Vec<Colleague>), (status = 403, body = Problem)))]
pub(super) async fn colleagues(
    State(state): State<AppState>,
    who: SignedIn,
) -> ApiResult<axum::Json<Vec<Colleague>>> {
    let Viewer::Staff { .. } = who.viewer() else {
        return Err(ApiError::Forbidden);
    };
    Ok(axum::Json(state.db.run(assignment::colleagues_in).await?))
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/toewijzing", tag = "zaken", request_body = Reassign,
    params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Toegewezen; wie de zaak gaf, ziet hem daarna alleen nog als die in het team van de nieuwe casemanager zit"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn reassign(
    State(state): State<AppState>,
    access: Authorised<rules::Reassign>,
    Json(body): Json<Reassign>,
) -> ApiResult<StatusCode> {
    let Authorised { case, who, .. } = access;
    let request = body.check().map_err(ApiError::Invalid)?;
    let by = who.account.id;
    let (from, to) = (case.casemanager_id, request.casemanager);
    if from == Some(to) {
        return Err(ApiError::Invalid(vec![FieldError {
            field: "casemanager".into(),
            message: model::lang::tr(
                "Deze behandelaar is al de casemanager. Kies iemand anders.",
                "This handler is already the case manager. Choose someone else.",
            )
            .into(),
        }]));
    }
    let name = state
        .db
        .run(move |conn| assignment::colleague_name_in(conn, to))
        .await?
        .ok_or_else(unknown_colleague)?;
    let texts = StepTexts::Made(
        format!(
            "{name} is nu de casemanager van deze zaak. U kunt hem of haar een bericht sturen."
        ),
        format!("{name} is nu uw vaste contact bij de Belangenbehartiger."),
    );
    let (id, reason) = (case.id, request.reden.as_str().to_owned());
    state
        .workflow
        .run_with(
            &case,
            CaseEvent::Toewijzen,
            who.actor(),
            texts,
            None,
            move |conn| {
                // Checked again inside the step: someone may have changed it meanwhile.
                assignment::reassign_in(conn, id, from, to, by, &reason)?
                    .map_err(|_| WorkflowError::ChangedMeanwhile)
            },
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn unknown_colleague() -> ApiError {
    ApiError::Invalid(vec![FieldError {
        field: "casemanager".into(),
        message: model::lang::tr(
            "Deze behandelaar kunnen we niet vinden. Laad de pagina opnieuw en kies opnieuw.",
            "We cannot find this handler. Load the page again and choose again.",
        )
        .into(),
    }])
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
