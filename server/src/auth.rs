//! Passwords (argon2id), random tokens, server-side sessions and the CSRF check.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use cookie::Cookie;
use model::lifecycle::Role;

use crate::crypto::sha256_hex;
use crate::error::ApiError;
use crate::store::accounts::{self, Account, ABSOLUTE_SECONDS};
use crate::store::audit::Action;
use crate::store::consent::{self, CITIZEN_ABSOLUTE_SECONDS};
use crate::AppState;

pub const SESSION_COOKIE: &str = "bg_sessie";
/// Header in which the browser echoes the session's CSRF token on changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The `Set-Cookie` value for a new session (or, with `None`, one that removes it).
pub fn session_cookie(token: Option<&str>, secure: bool) -> String {
    let mut cookie = Cookie::build((SESSION_COOKIE, token.unwrap_or_default().to_owned()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(secure);
    cookie = match token {
        Some(_) => cookie.max_age(cookie::time::Duration::seconds(ABSOLUTE_SECONDS)),
        None => cookie.max_age(cookie::time::Duration::ZERO),
    };
    cookie.build().to_string()
}

/// The citizen's session cookie: only sent to the citizen's part of the API.
pub const CITIZEN_COOKIE: &str = "bg_burger";

/// The `Set-Cookie` value for a citizen's session (or, with `None`, one that removes it).
pub fn citizen_cookie(token: Option<&str>, secure: bool) -> String {
    let cookie = Cookie::build((CITIZEN_COOKIE, token.unwrap_or_default().to_owned()))
        .path("/api/burger")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(secure)
        .max_age(match token {
            Some(_) => cookie::time::Duration::seconds(CITIZEN_ABSOLUTE_SECONDS),
            None => cookie::time::Duration::ZERO,
        });
    cookie.build().to_string()
}

fn session_token(parts: &Parts) -> Option<String> {
    cookie_value(parts, SESSION_COOKIE)
}

fn cookie_value(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A signed-in account. As an extractor it also checks the CSRF token on every request that
/// changes something, so a handler that takes a `SignedIn` cannot forget to.
pub struct SignedIn {
    pub account: Account,
    pub csrf_token: String,
    pub token_hash: String,
}

impl SignedIn {
    pub fn role(&self) -> Role {
        self.account.role
    }

    /// This account as the one who fires a case event.
    pub fn actor(&self) -> crate::workflow::Actor {
        crate::workflow::Actor {
            role: self.role(),
            account: Some(self.account.id),
        }
    }

    /// Writes this account's audit row for `action` (on a case, when given).
    pub async fn audit(
        &self,
        db: &crate::store::db::Db,
        action: Action,
        case_ref: Option<&str>,
    ) -> Result<(), ApiError> {
        db.audit()
            .record(self.role(), Some(self.account.id), action, case_ref)
            .await?;
        Ok(())
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(parts).ok_or(ApiError::NotSignedIn)?;
        let token_hash = sha256_hex(&token);
        let (account, csrf_token) = accounts::session(&state.db, &token_hash)
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        check_csrf(parts, &csrf_token)?;
        Ok(SignedIn {
            account,
            csrf_token,
            token_hash,
        })
    }
}

/// Requests that change something must echo the session's CSRF token.
fn check_csrf(parts: &Parts, csrf_token: &str) -> Result<(), ApiError> {
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    if safe || sent == Some(csrf_token) {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

/// A citizen signed in with case reference and access code: they may see only that case,
/// which comes with the session (read in the same query).
pub struct CitizenSignedIn {
    pub case: crate::store::cases::CaseRow,
    /// The helper organisation that sent the case: the citizen's contact.
    pub organisation: String,
    pub csrf_token: String,
    pub token_hash: String,
}

impl CitizenSignedIn {
    pub async fn audit(
        &self,
        db: &crate::store::db::Db,
        action: Action,
        case_ref: &str,
    ) -> Result<(), ApiError> {
        db.audit()
            .record(Role::Burger, None, action, Some(case_ref))
            .await?;
        Ok(())
    }
}

impl FromRequestParts<AppState> for CitizenSignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie_value(parts, CITIZEN_COOKIE).ok_or(ApiError::NotSignedIn)?;
        let token_hash = sha256_hex(&token);
        let session = consent::citizen_session(&state.db, &token_hash)
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        check_csrf(parts, &session.csrf_token)?;
        Ok(CitizenSignedIn {
            case: session.case,
            organisation: session.organisation,
            csrf_token: session.csrf_token,
            token_hash,
        })
    }
}

/// The intermediair's session cookie: only sent to the intermediair's part of the API.
pub const INTERMEDIARY_COOKIE: &str = "bg_intermediair";

/// The `Set-Cookie` value for an intermediair's session (a browser-session cookie; the
/// server ends it when the invitation expires or is revoked).
pub fn intermediary_cookie(token: &str, secure: bool) -> String {
    Cookie::build((INTERMEDIARY_COOKIE, token.to_owned()))
        .path("/api/intermediair")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(secure)
        .build()
        .to_string()
}

/// An intermediair with a live invitation: may add documents to that one case and see their own.
pub struct IntermediarySignedIn {
    pub session: crate::store::intermediary::IntermediarySession,
}

impl FromRequestParts<AppState> for IntermediarySignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie_value(parts, INTERMEDIARY_COOKIE).ok_or(ApiError::NotSignedIn)?;
        let session = crate::store::intermediary::session(&state.db, &sha256_hex(&token))
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        check_csrf(parts, &session.csrf_token)?;
        Ok(IntermediarySignedIn { session })
    }
}
