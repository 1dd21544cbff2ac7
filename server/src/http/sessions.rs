//! Signing in and out: `POST /api/sessies`, `GET` and `DELETE /api/sessies/huidig`.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use model::api::{Me, Problem, SignIn};

use super::extract::{self, SignedIn};
use super::json::Valid;
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::store::accounts::{self, Account};
use crate::store::attempts::{self, Reservation};
use crate::store::audit::Action;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessies", post(sessions_create))
        .route(
            "/sessies/huidig",
            get(sessions_show).delete(sessions_delete),
        )
}

fn me(account: &Account, csrf_token: String) -> Me {
    Me {
        naam: account.name.clone(),
        email: account.email.clone(),
        rol: account.role,
        organisatie: account.organisation_name.clone(),
        csrf_token,
    }
}

/// Sign-in needs no CSRF token (there is no session yet); the JSON content type it requires
/// cannot be sent cross-site without a CORS preflight, which this server never allows.
#[utoipa::path(post, path = "/api/sessies", tag = "sessies", request_body = SignIn,
    responses((status = 201, description = "Ingelogd; zet de sessiecookie", body = Me), (status = 401, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn sessions_create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Valid(input): Valid<SignIn>,
) -> ApiResult<Response> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(ApiError::Csrf);
    }
    // The limit counts per address (hashed: no e-mail addresses in that table), so guessing
    // at one account is slowed whether or not the account exists.
    let key = crypto::sha256_hex(&input.email);
    // Counted before the slow check, so parallel guesses cannot all slip through.
    if attempts::reserve(&state.db, &key).await? == Reservation::Refused {
        return Err(ApiError::TooManyAttempts);
    }
    let found = accounts::by_email(&state.db, &input.email).await?;
    let verified = match found {
        Some((account, hash)) => crypto::verify_password(input.wachtwoord, hash)
            .await?
            .then_some(account),
        None => {
            // Spend the same time as a real check, so timing does not tell which addresses exist.
            crypto::spend_like_a_password_check(input.wachtwoord).await?;
            None
        }
    };
    let Some(account) = verified else {
        return Err(ApiError::WrongCredentials);
    };
    attempts::clear(&state.db, &key).await?;
    let token = crypto::random_token(32)?;
    let csrf = crypto::random_token(32)?;
    accounts::create_session(&state.db, &crypto::sha256_hex(&token), account.id, &csrf).await?;
    state
        .db
        .audit()
        .record(account.role, Some(account.id), Action::SignIn, None)
        .await?;
    Ok((
        StatusCode::CREATED,
        [(
            header::SET_COOKIE,
            extract::session_cookie(Some(&token), state.secure_cookies),
        )],
        axum::Json(me(&account, csrf)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/sessies/huidig", tag = "sessies",
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
pub(super) async fn sessions_show(signed_in: SignedIn) -> axum::Json<Me> {
    axum::Json(me(&signed_in.account, signed_in.csrf_token))
}

#[utoipa::path(delete, path = "/api/sessies/huidig", tag = "sessies", params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Uitgelogd"), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(super) async fn sessions_delete(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Response> {
    accounts::delete_session(&state.db, &signed_in.token_hash).await?;
    signed_in.audit(&state.db, Action::SignOut, None).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            extract::session_cookie(None, state.secure_cookies),
        )],
    )
        .into_response())
}
