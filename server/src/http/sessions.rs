//! Signing in and out: `POST /api/sessies` (the password), `POST /api/sessies/code` (the
//! second factor, where the account has or needs one), `GET` and `DELETE /api/sessies/huidig`.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use model::api::{Me, Problem, SignIn};
use model::two_factor::{CodeAccepted, CodeInput, SecondFactor, SecondStep, RECOVERY_CODES};
use model::FieldError;

use super::extract::{self, ClientAddress, SignedIn};
use super::json::{require_json, Valid};
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::store::accounts::{self, Account};
use crate::store::attempts::{self, Reservation};
use crate::store::audit::{Action, Entry};
use crate::store::own_account;
use crate::store::two_factor::{self, Against, Factor};
use crate::totp;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sessies", post(sessions_create))
        .route("/sessies/code", post(sessions_code))
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

/// Sign-in needs no CSRF token (there is no session yet): [`require_json`] stands in.
#[utoipa::path(post, path = "/api/sessies", tag = "sessies", request_body = SignIn,
    responses((status = 201, description = "Ingelogd; zet de sessiecookie", body = Me),
        (status = 202, description = "Wachtwoord goed; nu de code uit de app (zet de cookie van die stap)", body = SecondStep),
        (status = 401, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn sessions_create(
    State(state): State<AppState>,
    from: ClientAddress,
    headers: HeaderMap,
    Valid(input): Valid<SignIn>,
) -> ApiResult<Response> {
    require_json(&headers)?;
    // Counted per e-mail address and client address, per client address, and per e-mail
    // address from anywhere (hashed: no addresses in that table), whether or not the account
    // exists; before the slow check, so parallel guesses cannot all slip through.
    let reservation = attempts::reserve_from(&state.db, "inloggen", &input.email, &from.0).await?;
    if let Reservation::Refused { retry_after } = reservation {
        if let Some((account, _)) = accounts::by_email(&state.db, &input.email).await? {
            refused(&state, &account, Action::SignInLocked).await?;
        }
        return Err(ApiError::TooManyAttempts(retry_after));
    }
    let found = accounts::by_email(&state.db, &input.email).await?;
    let verified = match found {
        Some((account, hash)) => {
            let password = input.wachtwoord;
            if crypto::verify_password(password.clone(), hash.clone()).await? {
                if !crypto::is_current(&hash) {
                    hash_anew(&state, account.id, hash, password).await;
                }
                Some(account)
            } else {
                refused(&state, &account, Action::SignInFailed).await?;
                None
            }
        }
        None => {
            // Spend the same time as a real check, so timing does not tell which addresses exist.
            crypto::spend_like_a_password_check(input.wachtwoord).await?;
            None
        }
    };
    let Some(account) = verified else {
        return Err(ApiError::WrongCredentials);
    };
    attempts::clear_from(&state.db, "inloggen", &input.email, &from.0).await?;
    let (next, new_secret) = match two_factor::factor_of(&state.db, account.id).await? {
        Factor::Off => {
            let (cookies, me) = start_session(&state, &headers, &account).await?;
            return Ok((StatusCode::CREATED, cookies, axum::Json(me)).into_response());
        }
        Factor::Set { .. } => (SecondStep::Code, None),
        Factor::Needed => {
            let secret = totp::new_secret().map_err(internal)?;
            let qr_svg = totp::qr_svg(&secret, &account.email).map_err(internal)?;
            let step = SecondStep::Instellen {
                geheim: secret.clone(),
                qr_svg,
            };
            (step, Some(secret))
        }
    };
    let token = crypto::random_token(32)?;
    two_factor::begin(
        &state.db,
        &crypto::secret_hash(&token),
        account.id,
        new_secret,
    )
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        [(
            header::SET_COOKIE,
            extract::step_cookie(Some(&token), state.cookies),
        )],
        axum::Json(next),
    )
        .into_response())
}

/// A password that signed in against a hash with older parameters is hashed with today's
/// (`crypto::is_current`). Not needed for the sign-in itself: when it cannot be done now (all
/// hashing slots busy), the next sign-in tries again.
async fn hash_anew(state: &AppState, account: i64, old: String, password: String) {
    let stored = match crypto::hash_password(password).await {
        Ok(new) => accounts::rehash_password(&state.db, account, old, new)
            .await
            .map_err(|err| crate::telemetry::chain(&err)),
        Err(err) => Err(crate::telemetry::chain(&err)),
    };
    if let Err(cause) = stored {
        tracing::warn!(%cause, "password not hashed anew");
    }
}

/// A wrong password or a locked sign-in, logged about the account it aimed at (for the
/// monitoring of repeated failures). Nobody signed in: no actor account, no session. An
/// address without an account is not logged: it names nobody, and may be a typing error.
async fn refused(state: &AppState, account: &Account, action: Action) -> ApiResult<()> {
    let entry = Entry::new(account.role, None, action).about(&format!("account/{}", account.id));
    state.db.audit().write(entry).await?;
    Ok(())
}

pub(super) fn internal(err: totp::TotpError) -> ApiError {
    ApiError::Internal(format!("second factor: {err}"))
}

/// The cookies a new session sets: the session's, and the account's language (so the pages
/// after sign-in are in the language the person chose, in any browser).
type SessionCookies = AppendHeaders<[(HeaderName, String); 2]>;

/// A new session for `account`: its cookies, and who is signed in.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    account: &Account,
) -> ApiResult<(SessionCookies, Me)> {
    // A session this browser still had (perhaps someone else's, on a shared computer) ends:
    // one browser, one session.
    if let Some(old) = state.cookies.value(headers, extract::CookieKind::Session) {
        accounts::delete_session(&state.db, &crypto::secret_hash(&old)).await?;
    }
    let token = crypto::random_token(32)?;
    let csrf = crypto::random_token(32)?;
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    accounts::create_session(
        &state.db,
        &crypto::secret_hash(&token),
        account.id,
        &csrf,
        user_agent,
    )
    .await?;
    state
        .db
        .audit()
        .record(account.role, Some(account.id), Action::SignIn, None)
        .await?;
    // The latest choice wins: one made in this browser (its cookie) goes onto the account;
    // a browser that never chose gets the account's.
    let language = match super::language::chosen(headers) {
        Some(chosen) => {
            own_account::set_language(&state.db, account.id, chosen).await?;
            chosen
        }
        None => own_account::language(&state.db, account.id).await?,
    };
    Ok((
        AppendHeaders([
            (
                header::SET_COOKIE,
                extract::session_cookie(Some(&token), state.cookies),
            ),
            (
                header::SET_COOKIE,
                super::language::language_cookie(language, state.cookies),
            ),
        ]),
        me(account, csrf),
    ))
}

const WRONG_CODE: model::Text = model::Text::new(
    "Deze code klopt niet. Typ de 6 cijfers die nu in de app staan. Een code werkt maar één keer: wacht anders op de volgende code.",
    "This code is not right. Type the 6 digits the app shows now. A code works only once: otherwise wait for the next code.",
);

pub(super) fn wrong_code() -> ApiError {
    ApiError::WrongGuess(vec![FieldError {
        field: "code".into(),
        message: WRONG_CODE.get().into(),
    }])
}

/// The second step: the code from the app (or a recovery code) for the step the password
/// began. During set-up the code also proves the app has the secret; then the recovery
/// codes are made and shown, this once.
#[utoipa::path(post, path = "/api/sessies/code", tag = "sessies", request_body = CodeInput,
    responses((status = 201, description = "Ingelogd; zet de sessiecookie", body = CodeAccepted),
        (status = 401, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn sessions_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    Valid(factor): Valid<CodeInput>,
) -> ApiResult<Response> {
    require_json(&headers)?;
    let token_hash = extract::step_token(&headers, state.cookies)
        .map(|token| crypto::secret_hash(&token))
        .ok_or(ApiError::NotSignedIn)?;
    let step = two_factor::step(&state.db, &token_hash)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    // Guesses at one account's codes are limited like guesses at its password.
    let key = crypto::sha256_hex(&format!("code:{}", step.account.id));
    if let Reservation::Refused { retry_after } = attempts::reserve(&state.db, &key).await? {
        return Err(ApiError::TooManyAttempts(retry_after));
    }
    let at = crate::clock::now();
    let mut herstelcodes = Vec::new();
    let accepted = match (&step.check, factor) {
        (Against::New(secret), SecondFactor::App(code)) => {
            match totp::step_of(secret, code.as_str(), at).map_err(internal)? {
                Some(used) => {
                    let hashes;
                    (herstelcodes, hashes) = new_recovery_codes()?;
                    let (id, role) = (step.account.id, step.account.role);
                    two_factor::set_up(&state.db, id, role, None, secret.clone(), used, hashes)
                        .await?
                }
                None => false,
            }
        }
        (Against::New(_), SecondFactor::Recovery(_)) => false,
        (Against::Secret(secret), SecondFactor::App(code)) => {
            match totp::step_of(secret, code.as_str(), at).map_err(internal)? {
                Some(used) => two_factor::accept_app_code(&state.db, step.account.id, used).await?,
                None => false,
            }
        }
        (Against::Secret(_), SecondFactor::Recovery(code)) => {
            // Codes made before the server key were stored as plain SHA-256.
            let mut used = false;
            for hash in crypto::secret_hashes(code.as_str()) {
                if two_factor::use_recovery_code(&state.db, &step.account, &hash).await? {
                    used = true;
                    break;
                }
            }
            used
        }
    };
    if !accepted {
        return Err(wrong_code());
    }
    attempts::clear(&state.db, &key).await?;
    // One sign-in per step, also when the same code arrives twice at once.
    if !two_factor::finish(&state.db, &token_hash).await? {
        return Err(ApiError::NotSignedIn);
    }
    let (cookies, ik) = start_session(&state, &headers, &step.account).await?;
    let mut response = (
        StatusCode::CREATED,
        cookies,
        axum::Json(CodeAccepted { ik, herstelcodes }),
    )
        .into_response();
    if let Ok(value) = extract::step_cookie(None, state.cookies).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Fresh recovery codes, as shown (once) and as stored (hashed).
pub(super) fn new_recovery_codes() -> ApiResult<(Vec<String>, Vec<String>)> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    let mut hashes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let code = model::consent::Code::from_random(crypto::random_u64()?);
        hashes.push(crypto::secret_hash(code.as_str()));
        codes.push(code.as_str().to_owned());
    }
    Ok((codes, hashes))
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
            extract::session_cookie(None, state.cookies),
        )],
    )
        .into_response())
}
