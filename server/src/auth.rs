//! Passwords (argon2id), random tokens, server-side sessions and the CSRF check.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use base64::Engine;
use cookie::Cookie;
use model::lifecycle::Role;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::store::accounts::{self, Account};
use crate::store::audit::{self, Action};
use crate::store::consent::{self, CITIZEN_ABSOLUTE_SECONDS};
use crate::AppState;

pub const SESSION_COOKIE: &str = "bg_sessie";
/// A session ends after this long without a request…
pub const IDLE_SECONDS: i64 = 2 * 3600;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_SECONDS: i64 = 12 * 3600;
/// Header in which the browser echoes the session's CSRF token on changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|err| ApiError::Internal(format!("password hash: {err}")))
    })
    .await
    .map_err(|err| ApiError::Internal(format!("password hash task: {err}")))?
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// An argon2id hash of a random password nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$0x4pm2fFjLs4q2Cr0y6cIrdVQvwpX3cJUkBWZ3PjzDo";

/// Spends the time of a real check when there is nothing to check against, so the answer's
/// timing does not tell which accounts or cases exist.
pub async fn spend_like_a_password_check(secret: String) {
    let _ = verify_password(secret, DUMMY_HASH.to_owned()).await;
}

/// `bytes` random bytes from the operating system, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> Result<String, ApiError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|err| ApiError::Internal(format!("random: {err}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer))
}

pub fn random_u64() -> Result<u64, ApiError> {
    let mut buffer = [0u8; 8];
    getrandom::fill(&mut buffer).map_err(|err| ApiError::Internal(format!("random: {err}")))?;
    Ok(u64::from_le_bytes(buffer))
}

/// Tokens are stored hashed: a copy of the database does not give anyone a session.
pub fn sha256_hex(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

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

    /// Writes this account's audit row for `action` (on a case, when given).
    pub async fn audit(
        &self,
        db: &crate::db::Db,
        action: Action,
        case_ref: Option<&str>,
    ) -> Result<(), ApiError> {
        audit::record(db, self.role(), Some(self.account.id), action, case_ref).await
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
        db: &crate::db::Db,
        action: Action,
        case_ref: &str,
    ) -> Result<(), ApiError> {
        audit::record(db, Role::Burger, None, action, Some(case_ref)).await
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
