//! The own account page's API (`/api/account`, any signed-in account): the account with its
//! live sessions, ending one, a new password, and setting up or changing the second factor.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use model::api::Problem;
use model::own_account::{
    device_of, AccountLanguage, ChangePassword, FactorConfirm, FactorConfirmed, FactorSetUp,
    FactorStart, MessageMails, OwnAccount, OwnSession,
};
use model::two_factor::{CodeInput, SecondFactor};
use model::{Check, FieldError};

use super::extract::SignedIn;
use super::json::{Json as Body, Valid};
use super::sessions::{internal, new_recovery_codes, wrong_code};
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::passwords;
use crate::store::accounts;
use crate::store::attempts::{self, Reservation};
use crate::store::audit::Action;
use crate::store::own_account;
use crate::store::two_factor::{self, Against, Factor};
use crate::totp;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account_show))
        .route("/account/sessies/{id}", delete(session_end))
        .route("/account/nieuw-wachtwoord", put(password_change))
        .route("/account/bericht-mails", put(message_mails_set))
        .route("/account/taal", put(language_set))
        .route(
            "/account/tweede-factor",
            post(factor_start).put(factor_confirm),
        )
}

/// The stored step of a set-up from this page: its own hash space, so a token from here is
/// no sign-in step and a sign-in step's token does not work here.
fn step_hash(token: &str) -> String {
    crypto::secret_hash(&format!("account:{token}"))
}

fn field(field: &str, message: &str) -> ApiError {
    ApiError::Invalid(vec![FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }])
}

const WRONG_PASSWORD: model::Text = model::Text::new(
    "Dit wachtwoord klopt niet. Typ het wachtwoord waarmee u net bent ingelogd.",
    "This password is not right. Type the password you just signed in with.",
);

/// Checks the account's current password, with the same limit on guesses as sign-in: a
/// session left open on a shared computer must not become a way to try passwords.
async fn check_password(
    state: &AppState,
    signed_in: &SignedIn,
    password: String,
    at: &str,
) -> ApiResult<()> {
    let key = crypto::sha256_hex(&format!("wachtwoord:{}", signed_in.account.id));
    if let Reservation::Refused { retry_after } = attempts::reserve(&state.db, &key).await? {
        return Err(ApiError::TooManyAttempts(retry_after));
    }
    let (_, hash) = accounts::by_email(&state.db, &signed_in.account.email)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    if !crypto::verify_password(password, hash).await? {
        return Err(ApiError::WrongGuess(vec![FieldError {
            field: at.to_owned(),
            message: WRONG_PASSWORD.get().to_owned(),
        }]));
    }
    attempts::clear(&state.db, &key).await?;
    Ok(())
}

#[utoipa::path(get, path = "/api/account", tag = "account",
    responses((status = 200, body = OwnAccount), (status = 401, body = Problem)))]
pub(super) async fn account_show(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<OwnAccount>> {
    let account = &signed_in.account;
    let factor = two_factor::factor_of(&state.db, account.id).await?;
    let required = two_factor::required_for(&state.db, account.id).await?;
    let herstelcodes_over = two_factor::recovery_codes_left(&state.db, account.id).await?;
    let sessies = own_account::sessions_of(&state.db, account.id)
        .await?
        .into_iter()
        .map(|row| OwnSession {
            id: crypto::session_ref(&row.token_hash),
            apparaat: device_of(row.user_agent.as_deref()),
            begonnen: row.created_at,
            laatst_gezien: row.last_seen_at,
            deze: row.token_hash == signed_in.token_hash,
        })
        .collect();
    Ok(Json(OwnAccount {
        naam: account.name.clone(),
        email: account.email.clone(),
        rol: account.role,
        organisatie: account.organisation_name.clone(),
        tweede_factor: matches!(factor, Factor::Set { .. }),
        tweede_factor_verplicht: required,
        herstelcodes_over,
        sessies,
        bericht_mails: own_account::message_mails(&state.db, account.id).await?,
    }))
}

/// Switches the mails on new messages on or off (logged: it changes what the account gets).
#[utoipa::path(put, path = "/api/account/bericht-mails", tag = "account", request_body = MessageMails, params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Opgeslagen"), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn message_mails_set(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(choice): Body<MessageMails>,
) -> ApiResult<StatusCode> {
    own_account::set_message_mails(&state.db, signed_in.account.id, choice.aan).await?;
    signed_in
        .audit(&state.db, Action::ChangeAccount, None)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Keeps the language chosen in the header on the account: it follows the person to another
/// browser at sign-in, and their mails are written in it.
#[utoipa::path(put, path = "/api/account/taal", tag = "account", request_body = AccountLanguage, params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Opgeslagen"), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn language_set(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(choice): Body<AccountLanguage>,
) -> ApiResult<StatusCode> {
    own_account::set_language(&state.db, signed_in.account.id, choice.taal).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends one of one's own sessions (on another device, or this one: that signs out here).
#[utoipa::path(delete, path = "/api/account/sessies/{id}", tag = "account", params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Sessie beëindigd"), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub(super) async fn session_end(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let account = &signed_in.account;
    let found = own_account::sessions_of(&state.db, account.id)
        .await?
        .into_iter()
        .find(|row| crypto::session_ref(&row.token_hash) == id)
        .ok_or(ApiError::NotFound)?;
    if !own_account::end_session(&state.db, account.id, account.role, found.token_hash).await? {
        return Err(ApiError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A new password, with the current one. Every other session of the account ends.
#[utoipa::path(put, path = "/api/account/nieuw-wachtwoord", tag = "account", request_body = ChangePassword, params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Wachtwoord gewijzigd; andere sessies zijn beëindigd"), (status = 401, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn password_change(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Valid((current, new)): Valid<ChangePassword>,
) -> ApiResult<StatusCode> {
    if passwords::is_common(&new) {
        return Err(field("nieuw", passwords::COMMON_MESSAGE.get()));
    }
    if new == current {
        return Err(field(
            "nieuw",
            model::lang::tr(
                "Dit is uw huidige wachtwoord. Kies een ander wachtwoord.",
                "This is your current password. Choose another password.",
            ),
        ));
    }
    check_password(&state, &signed_in, current, "huidig").await?;
    let hash = crypto::hash_password(new).await?;
    let account = &signed_in.account;
    own_account::change_password(
        &state.db,
        account.id,
        account.role,
        hash,
        signed_in.token_hash.clone(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts setting up the app (or a new one, in place of the old): a new secret, kept for
/// five minutes until the app's first code shows it has it.
#[utoipa::path(post, path = "/api/account/tweede-factor", tag = "account", request_body = FactorStart, params(("x-csrf-token" = String, Header)),
    responses((status = 200, body = FactorSetUp), (status = 401, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn factor_start(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Valid(password): Valid<FactorStart>,
) -> ApiResult<Json<FactorSetUp>> {
    check_password(&state, &signed_in, password, "wachtwoord").await?;
    let account = &signed_in.account;
    let secret = totp::new_secret().map_err(internal)?;
    let qr_svg = totp::qr_svg(&secret, &account.email).map_err(internal)?;
    let token = crypto::random_token(32)?;
    two_factor::begin(
        &state.db,
        &step_hash(&token),
        account.id,
        Some(secret.clone()),
    )
    .await?;
    Ok(Json(FactorSetUp {
        stap: token,
        geheim: secret,
        qr_svg,
    }))
}

/// The app's first code for the new secret: from now on sign-in asks for its codes, the
/// old app's codes and the old recovery codes stop working, and new recovery codes are shown.
#[utoipa::path(put, path = "/api/account/tweede-factor", tag = "account", request_body = FactorConfirm, params(("x-csrf-token" = String, Header)),
    responses((status = 200, body = FactorConfirmed), (status = 401, body = Problem), (status = 410, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn factor_confirm(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Body(input): Body<FactorConfirm>,
) -> ApiResult<Json<FactorConfirmed>> {
    let code = match (CodeInput { code: input.code })
        .check()
        .map_err(ApiError::Invalid)?
    {
        SecondFactor::App(code) => code,
        SecondFactor::Recovery(_) => return Err(wrong_code()),
    };
    let account = &signed_in.account;
    let hash = step_hash(&input.stap);
    let step = two_factor::step(&state.db, &hash)
        .await?
        .filter(|step| step.account.id == account.id);
    let Some(Against::New(secret)) = step.map(|step| step.check) else {
        return Err(ApiError::Gone(SET_UP_GONE.get()));
    };
    let key = crypto::sha256_hex(&format!("code:{}", account.id));
    if let Reservation::Refused { retry_after } = attempts::reserve(&state.db, &key).await? {
        return Err(ApiError::TooManyAttempts(retry_after));
    }
    let Some(used) = totp::step_of(&secret, &code, crate::clock::now()).map_err(internal)? else {
        return Err(wrong_code());
    };
    attempts::clear(&state.db, &key).await?;
    let was = match two_factor::factor_of(&state.db, account.id).await? {
        Factor::Set { secret } => Some(secret),
        Factor::Needed | Factor::Off => None,
    };
    let (herstelcodes, hashes) = new_recovery_codes()?;
    let set = two_factor::set_up(
        &state.db,
        account.id,
        account.role,
        was,
        secret,
        used,
        hashes,
    )
    .await?;
    // Once per set-up, also when the same code arrives twice at once.
    if !set || !two_factor::finish(&state.db, &hash).await? {
        return Err(ApiError::Gone(SET_UP_GONE.get()));
    }
    Ok(Json(FactorConfirmed { herstelcodes }))
}

const SET_UP_GONE: model::Text = model::Text::new(
    "Het instellen duurde te lang, of is op een ander scherm al gedaan. Begin opnieuw.",
    "Setting up took too long, or was already done on another screen. Start again.",
);
