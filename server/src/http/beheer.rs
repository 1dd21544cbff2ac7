//! Beheer: organisations, teams and accounts (`/api/beheer/…`, beheerders only), and the
//! links with which a person chooses a password (`/api/account/…`, no session needed).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use model::api::Problem;
use model::beheer::{
    AccountChange, AccountView, ChoosePassword, ForgotPassword, InvitationInput, LinkInfo,
    Organisation, OrganisationInput, Team, TeamInput, TokenInput,
};
use model::lifecycle::Role;
use model::FieldError;

use super::extract::SignedIn;
use super::json::{Json as Body, Valid};
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::passwords;
use crate::store::attempts;
use crate::store::beheer::{self, BeheerError, By};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/organisaties",
            get(organisations_list).post(organisations_create),
        )
        .route("/beheer/organisaties/{id}", put(organisations_update))
        .route("/beheer/teams", get(teams_list).post(teams_create))
        .route("/beheer/teams/{id}", put(teams_update))
        .route("/beheer/accounts", get(accounts_list).post(accounts_invite))
        .route("/beheer/accounts/{id}", put(accounts_change))
        .route(
            "/beheer/accounts/{id}/uitnodiging",
            post(invitation_resend).delete(invitation_revoke),
        )
        .route(
            "/beheer/accounts/{id}/tweede-factor",
            axum::routing::delete(second_factor_reset),
        )
        .route("/account/link", post(link_show))
        .route("/account/wachtwoord", post(password_choose))
        .route("/account/wachtwoord-vergeten", post(password_forgotten))
}

/// Only a beheerder manages accounts (and a beheerder sees no case content: see `access`).
pub(super) fn beheerder(signed_in: &SignedIn) -> ApiResult<By> {
    if signed_in.role() == Role::Beheerder {
        Ok(By(signed_in.account.id))
    } else {
        Err(ApiError::Forbidden)
    }
}

fn field(field: &str, message: &str) -> ApiError {
    ApiError::Invalid(vec![FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }])
}

pub const LAST_BEHEERDER: model::Text = model::Text::new(
    "Dit is de laatste beheerder. Nodig eerst een andere beheerder uit; daarna kunt u dit doen.",
    "This is the last administrator. First invite another administrator; after that you can do this.",
);

impl From<BeheerError> for ApiError {
    fn from(err: BeheerError) -> Self {
        match err {
            BeheerError::NotFound => ApiError::NotFound,
            BeheerError::OrganisationNameTaken => field(
                "naam",
                model::lang::tr("Er is al een organisatie met deze naam. Kies een andere naam.", "There is already an organisation with this name. Choose another name."),
            ),
            BeheerError::TeamNameTaken => {
                field("naam", model::lang::tr("Er is al een team met deze naam. Kies een andere naam.", "There is already a team with this name. Choose another name."))
            }
            BeheerError::EmailTaken => field(
                "email",
                model::lang::tr("Er is al een account met dit e-mailadres. Zoek het op in de lijst, of vul een ander adres in.", "There is already an account with this e-mail address. Look it up in the list, or fill in another address."),
            ),
            BeheerError::UnknownOrganisation => field(
                "organisatie_id",
                model::lang::tr("Deze organisatie bestaat niet of is uitgezet. Kies een andere organisatie.", "This organisation does not exist or is switched off. Choose another organisation."),
            ),
            BeheerError::UnknownTeam => field(
                "teams",
                model::lang::tr("Een van de teams bestaat niet meer. Laad de pagina opnieuw en kies de teams opnieuw.", "One of the teams no longer exists. Load the page again and choose the teams again."),
            ),
            BeheerError::LastBeheerder => ApiError::Conflict(LAST_BEHEERDER.get()),
            BeheerError::Store(store) => ApiError::Store(store),
        }
    }
}

#[utoipa::path(get, path = "/api/beheer/organisaties", tag = "beheer",
    responses((status = 200, body = Vec<Organisation>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(super) async fn organisations_list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<Organisation>>> {
    beheerder(&signed_in)?;
    Ok(Json(beheer::organisations(&state.db).await?))
}

#[utoipa::path(post, path = "/api/beheer/organisaties", tag = "beheer", request_body = OrganisationInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = Vec<Organisation>), (status = 422, body = Problem)))]
pub(super) async fn organisations_create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Valid(input): Valid<OrganisationInput>,
) -> ApiResult<(StatusCode, Json<Vec<Organisation>>)> {
    let by = beheerder(&signed_in)?;
    beheer::create_organisation(&state.db, by, input).await?;
    Ok((
        StatusCode::CREATED,
        Json(beheer::organisations(&state.db).await?),
    ))
}

#[utoipa::path(put, path = "/api/beheer/organisaties/{id}", tag = "beheer", request_body = OrganisationInput,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Vec<Organisation>), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn organisations_update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Valid(input): Valid<OrganisationInput>,
) -> ApiResult<Json<Vec<Organisation>>> {
    let by = beheerder(&signed_in)?;
    beheer::update_organisation(&state.db, by, id, input).await?;
    Ok(Json(beheer::organisations(&state.db).await?))
}

#[utoipa::path(get, path = "/api/beheer/teams", tag = "beheer",
    responses((status = 200, body = Vec<Team>), (status = 403, body = Problem)))]
pub(super) async fn teams_list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<Team>>> {
    beheerder(&signed_in)?;
    Ok(Json(beheer::teams(&state.db).await?))
}

#[utoipa::path(post, path = "/api/beheer/teams", tag = "beheer", request_body = TeamInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = Vec<Team>), (status = 422, body = Problem)))]
pub(super) async fn teams_create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Valid(team): Valid<TeamInput>,
) -> ApiResult<(StatusCode, Json<Vec<Team>>)> {
    let by = beheerder(&signed_in)?;
    beheer::create_team(&state.db, by, team).await?;
    Ok((StatusCode::CREATED, Json(beheer::teams(&state.db).await?)))
}

#[utoipa::path(put, path = "/api/beheer/teams/{id}", tag = "beheer", request_body = TeamInput,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Vec<Team>), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn teams_update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Valid(team): Valid<TeamInput>,
) -> ApiResult<Json<Vec<Team>>> {
    let by = beheerder(&signed_in)?;
    beheer::update_team(&state.db, by, id, team).await?;
    Ok(Json(beheer::teams(&state.db).await?))
}

#[utoipa::path(get, path = "/api/beheer/accounts", tag = "beheer",
    responses((status = 200, body = Vec<AccountView>), (status = 403, body = Problem)))]
pub(super) async fn accounts_list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> ApiResult<Json<Vec<AccountView>>> {
    beheerder(&signed_in)?;
    Ok(Json(beheer::accounts(&state.db).await?))
}

/// Makes the account and mails the person a one-time link (72 hours) to choose a password.
#[utoipa::path(post, path = "/api/beheer/accounts", tag = "beheer", request_body = InvitationInput,
    params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = Vec<AccountView>), (status = 422, body = Problem)))]
pub(super) async fn accounts_invite(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Valid(input): Valid<InvitationInput>,
) -> ApiResult<(StatusCode, Json<Vec<AccountView>>)> {
    let by = beheerder(&signed_in)?;
    beheer::invite(
        &state.db,
        Some(by),
        input.naam.as_str().to_owned(),
        input.email.as_str().to_owned(),
        input.assignment,
        state.public_url.to_string(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(beheer::accounts(&state.db).await?),
    ))
}

/// Role, organisation, teams, and active or not: a deactivated account's sessions end at
/// once. The last active beheerder cannot be demoted or deactivated.
#[utoipa::path(put, path = "/api/beheer/accounts/{id}", tag = "beheer", request_body = AccountChange,
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, body = Vec<AccountView>), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn accounts_change(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Valid(change): Valid<AccountChange>,
) -> ApiResult<Json<Vec<AccountView>>> {
    let by = beheerder(&signed_in)?;
    beheer::change_account(&state.db, by, id, change.assignment, change.actief).await?;
    Ok(Json(beheer::accounts(&state.db).await?))
}

#[utoipa::path(post, path = "/api/beheer/accounts/{id}/uitnodiging", tag = "beheer",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Nieuwe link verstuurd; de oude werkt niet meer"), (status = 404, body = Problem)))]
pub(super) async fn invitation_resend(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let by = beheerder(&signed_in)?;
    beheer::resend_invitation(&state.db, by, id, state.public_url.to_string()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/beheer/accounts/{id}/uitnodiging", tag = "beheer",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "De link werkt niet meer"), (status = 404, body = Problem)))]
pub(super) async fn invitation_revoke(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let by = beheerder(&signed_in)?;
    beheer::revoke_invitation(&state.db, by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The answer to a link that no longer works, whatever the reason.
pub const LINK_GONE: model::Text = model::Text::new(
    "Deze link werkt niet meer. Hij is al gebruikt, vervangen of ouder dan 72 uur. Vraag uw beheerder om een nieuwe uitnodiging, of vraag een nieuw wachtwoord aan via ‘Wachtwoord vergeten’.",
    "This link no longer works. It was used, replaced or is older than 72 hours. Ask your administrator for a new invitation, or ask for a new password with ‘Forgot your password’.",
);

/// Whose account a link opens (the token is sent in the body: the link carries it after a
/// `#`, which browsers never send, so it is in no log).
/// Someone lost the phone with the app (and the recovery codes): the next sign-in sets up
/// a new second factor. Their sessions end.
#[utoipa::path(delete, path = "/api/beheer/accounts/{id}/tweede-factor", tag = "beheer",
    params(("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "De tweede factor is gewist; bij de volgende keer inloggen stelt de persoon een nieuwe in"), (status = 404, body = Problem)))]
pub(super) async fn second_factor_reset(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    let by = beheerder(&signed_in)?;
    beheer::reset_second_factor(&state.db, by, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/account/link", tag = "account", request_body = TokenInput,
    responses((status = 200, body = LinkInfo), (status = 410, body = Problem)))]
pub(super) async fn link_show(
    State(state): State<AppState>,
    Body(input): Body<TokenInput>,
) -> ApiResult<Json<LinkInfo>> {
    live_link(&state, &input.token)
        .await?
        .map(|(_, info)| Json(info))
        .ok_or(ApiError::Gone(LINK_GONE.get()))
}

/// The link `token` opens, and the form it is stored in (keyed, or the plain SHA-256 of a
/// link made before the server key).
async fn live_link(state: &AppState, token: &str) -> ApiResult<Option<(String, LinkInfo)>> {
    for hash in crypto::secret_hashes(token) {
        if let Some(info) = beheer::link(&state.db, &hash).await? {
            return Ok(Some((hash, info)));
        }
    }
    Ok(None)
}

#[utoipa::path(post, path = "/api/account/wachtwoord", tag = "account", request_body = ChoosePassword,
    responses((status = 200, description = "Wachtwoord gekozen; log nu in", body = LinkInfo), (status = 410, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn password_choose(
    State(state): State<AppState>,
    Valid((token, password)): Valid<ChoosePassword>,
) -> ApiResult<Json<LinkInfo>> {
    if passwords::is_common(&password) {
        return Err(field("wachtwoord", passwords::COMMON_MESSAGE.get()));
    }
    // Ask first: a dead link should not cost a slow hash.
    let Some((token_hash, _)) = live_link(&state, &token).await? else {
        return Err(ApiError::Gone(LINK_GONE.get()));
    };
    let hash = crypto::hash_password(password).await?;
    beheer::use_link(&state.db, &token_hash, hash)
        .await?
        .map(Json)
        .ok_or(ApiError::Gone(LINK_GONE.get()))
}

/// Always the same answer, whether or not the address has an account.
#[utoipa::path(post, path = "/api/account/wachtwoord-vergeten", tag = "account", request_body = ForgotPassword,
    responses((status = 202, description = "Als het adres een account heeft, is er een link naartoe gestuurd"), (status = 422, body = Problem)))]
pub(super) async fn password_forgotten(
    State(state): State<AppState>,
    Valid(email): Valid<ForgotPassword>,
) -> ApiResult<StatusCode> {
    // A few resets per address per quarter of an hour: no mail bombing through this form.
    let key = crypto::secret_hash(&format!("herstel:{}", email.as_str().to_lowercase()));
    if !attempts::reserve(&state.db, &key).await?.is_refused() {
        beheer::request_reset(
            &state.db,
            email.as_str().to_owned(),
            state.public_url.to_string(),
        )
        .await?;
    }
    Ok(StatusCode::ACCEPTED)
}
