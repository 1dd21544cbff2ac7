//! Every extractor of the HTTP layer: sessions (cookies, the CSRF check) for each kind of
//! viewer, and [`Authorised`], which turns the path's case reference and the session into a
//! case the viewer may use for one rule of `access::rules` — with its audit row. No handler
//! reads a raw case reference or decides access itself.

use std::marker::PhantomData;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use cookie::Cookie;
use model::lifecycle::Role;

use model::domain::CaseReference;

use crate::access::{self, Audit, CaseRule, Denied, Viewer};
use crate::crypto::{secret_hash, session_ref};
use crate::error::ApiError;
use crate::store::accounts::{self, Account, ABSOLUTE_SECONDS};
use crate::store::audit::{Action, Entry, QueuedRow};
use crate::store::cases::{self, CaseRow};
use crate::store::consent::{self, CITIZEN_ABSOLUTE_SECONDS};
use crate::AppState;
use model::access::Standing;

pub const SESSION_COOKIE: &str = "bg_sessie";

/// How the cookies are set. Over HTTPS (`BONDGENOOT_PUBLIC_URL` is `https://…`, or
/// `BONDGENOOT_SECURE_COOKIES`): `Secure`, with a name prefix the browser enforces —
/// `__Host-` for the session cookie (path `/`, no domain: no subdomain and no plain-HTTP page
/// can set or overwrite it), `__Secure-` for the cookies scoped to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookiePolicy {
    pub secure: bool,
}

/// Which of our cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CookieKind {
    Session,
    Citizen,
    Step,
    Intermediary,
}

impl CookiePolicy {
    /// The cookie's name under this policy.
    pub fn name(self, kind: CookieKind) -> &'static str {
        match (kind, self.secure) {
            (CookieKind::Session, false) => SESSION_COOKIE,
            (CookieKind::Session, true) => "__Host-bg_sessie",
            (CookieKind::Citizen, false) => CITIZEN_COOKIE,
            (CookieKind::Citizen, true) => "__Secure-bg_burger",
            (CookieKind::Step, false) => STEP_COOKIE,
            (CookieKind::Step, true) => "__Secure-bg_stap",
            (CookieKind::Intermediary, false) => INTERMEDIARY_COOKIE,
            (CookieKind::Intermediary, true) => "__Secure-bg_intermediair",
        }
    }

    /// The value of our cookie of `kind` in a request.
    pub fn value(self, headers: &HeaderMap, kind: CookieKind) -> Option<String> {
        cookie_value(headers, self.name(kind))
    }
}

/// Header in which the browser echoes the session's CSRF token on changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The `Set-Cookie` value for a new session (or, with `None`, one that removes it).
pub fn session_cookie(token: Option<&str>, policy: CookiePolicy) -> String {
    let name = policy.name(CookieKind::Session);
    let secure = policy.secure;
    let mut cookie = Cookie::build((name, token.unwrap_or_default().to_owned()))
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
pub fn citizen_cookie(token: Option<&str>, policy: CookiePolicy) -> String {
    let secure = policy.secure;
    let name = policy.name(CookieKind::Citizen);
    let cookie = Cookie::build((name, token.unwrap_or_default().to_owned()))
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

/// The cookie of the step between the password and the second factor's code: only sent to
/// `/api/sessies`, and only for as long as the step lives.
pub const STEP_COOKIE: &str = "bg_stap";

/// The `Set-Cookie` value for that step (or, with `None`, one that removes it).
pub fn step_cookie(token: Option<&str>, policy: CookiePolicy) -> String {
    let secure = policy.secure;
    Cookie::build((
        policy.name(CookieKind::Step),
        token.unwrap_or_default().to_owned(),
    ))
    .path("/api/sessies")
    .http_only(true)
    .same_site(cookie::SameSite::Strict)
    .secure(secure)
    .max_age(match token {
        Some(_) => cookie::time::Duration::seconds(crate::store::two_factor::STEP_SECONDS),
        None => cookie::time::Duration::ZERO,
    })
    .build()
    .to_string()
}

pub fn step_token(headers: &HeaderMap, policy: CookiePolicy) -> Option<String> {
    policy.value(headers, CookieKind::Step)
}

fn session_token(parts: &Parts, policy: CookiePolicy) -> Option<String> {
    policy.value(&parts.headers, CookieKind::Session)
}

pub(crate) fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
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

    /// Who is asking, for the access policy.
    pub fn viewer(&self) -> Viewer {
        let account = self.account.id;
        match (self.role(), self.account.organisation_id) {
            (Role::Hulpverlener, Some(organisation)) => Viewer::Helper {
                account,
                organisation,
            },
            (Role::Behandelaar, _) => Viewer::Staff { account },
            // A helper without an organisation sees nothing: treated as an administrator.
            _ => Viewer::Beheerder { account },
        }
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
        audit_in_session(
            db,
            self.viewer(),
            Some(session_ref(&self.token_hash)),
            action,
            case_ref,
        )
        .await
    }
}

/// Writes the audit row of `viewer` doing `action` (on the case `case_ref`) in `session`,
/// and returns once it is committed.
pub async fn audit_in_session(
    db: &crate::store::db::Db,
    viewer: Viewer,
    session: Option<String>,
    action: Action,
    case_ref: Option<&str>,
) -> Result<(), ApiError> {
    queue_audit_in_session(db, viewer, session, action, case_ref)
        .await?
        .committed()
        .await?;
    Ok(())
}

/// [`audit_in_session`], returning once the row is queued: the caller answers only after
/// [`QueuedRow::committed`]. The one place a request's audit row is made.
pub async fn queue_audit_in_session(
    db: &crate::store::db::Db,
    viewer: Viewer,
    session: Option<String>,
    action: Action,
    case_ref: Option<&str>,
) -> Result<QueuedRow, ApiError> {
    let (role, account) = viewer.actor();
    let entry = Entry::new(role, account, action)
        .on_case(case_ref)
        .in_session(session);
    Ok(db.audit().queue(entry).await?)
}

/// [`audit_in_session`] for an act outside any session (answering a consent link).
pub async fn audit(
    db: &crate::store::db::Db,
    viewer: Viewer,
    action: Action,
    case_ref: Option<&str>,
) -> Result<(), ApiError> {
    audit_in_session(db, viewer, None, action, case_ref).await
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(parts, state.cookies).ok_or(ApiError::NotSignedIn)?;
        let token_hash = secret_hash(&token);
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

/// Whether a helper or staff member is signed in in this browser. Never a rejection: the
/// consent pages ask it to refuse an answer a stand-in gives in the helper's own browser.
pub struct AccountHere(pub bool);

impl FromRequestParts<AppState> for AccountHere {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = session_token(parts, state.cookies) else {
            return Ok(AccountHere(false));
        };
        let found = accounts::session(&state.db, &secret_hash(&token)).await?;
        Ok(AccountHere(found.is_some()))
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
    /// How to reach that organisation, as it wrote it.
    pub contact: Option<String>,
    pub csrf_token: String,
    pub token_hash: String,
}

impl CitizenSignedIn {
    pub fn viewer(&self) -> Viewer {
        Viewer::Citizen { case: self.case.id }
    }

    /// The policy's answer for this citizen's own case.
    pub fn authorize(
        &self,
        resource: model::access::Resource,
        act: model::access::Act,
    ) -> Result<(), ApiError> {
        access::authorize(self.viewer(), Standing::Assigned, resource, act, &self.case)
            .map_err(ApiError::from)
    }

    pub async fn audit(
        &self,
        db: &crate::store::db::Db,
        action: Action,
        case_ref: &str,
    ) -> Result<(), ApiError> {
        self.queue_audit(db, action, case_ref)
            .await?
            .committed()
            .await?;
        Ok(())
    }

    /// [`CitizenSignedIn::audit`], returning once the row is queued (see [`QueuedRow`]).
    pub async fn queue_audit(
        &self,
        db: &crate::store::db::Db,
        action: Action,
        case_ref: &str,
    ) -> Result<QueuedRow, ApiError> {
        let session = Some(session_ref(&self.token_hash));
        queue_audit_in_session(db, self.viewer(), session, action, Some(case_ref)).await
    }
}

impl CitizenSignedIn {
    /// The citizen behind a session a handler looked up itself (see [`CitizenCookie`]).
    pub fn of_session(session: consent::CitizenSession, token_hash: String) -> CitizenSignedIn {
        CitizenSignedIn {
            case: session.case,
            organisation: session.organisation,
            contact: session.contact,
            csrf_token: session.csrf_token,
            token_hash,
        }
    }
}

impl FromRequestParts<AppState> for CitizenSignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CitizenCookie { token_hash } = CitizenCookie::from_request_parts(parts, state).await?;
        let session = consent::citizen_session(&state.db, &token_hash)
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        check_csrf(parts, &session.csrf_token)?;
        Ok(CitizenSignedIn::of_session(session, token_hash))
    }
}

/// The citizen's session cookie, hashed, not yet looked up: for a read that looks the session
/// up in its own unit of work, so the whole request is one hand-off to the database (the
/// status page, the one page citizens load most). No CSRF check: only for GET.
pub struct CitizenCookie {
    pub token_hash: String,
}

impl FromRequestParts<AppState> for CitizenCookie {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = state
            .cookies
            .value(&parts.headers, CookieKind::Citizen)
            .ok_or(ApiError::NotSignedIn)?;
        Ok(CitizenCookie {
            token_hash: secret_hash(&token),
        })
    }
}

/// The client's address, as the limits on guessing count it: the socket's peer, or — when
/// that peer is a proxy the configuration trusts (`BONDGENOOT_TRUSTED_PROXIES`) — the
/// nearest address in `X-Forwarded-For` that is not such a proxy. Anyone can write that
/// header, so it counts only behind a trusted proxy. An IPv6 address counts per /64 (one
/// home or phone has a whole /64 to pick from).
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(ClientAddress(client_address(
            peer,
            &parts.headers,
            &state.trusted_proxies,
        )))
    }
}

/// See [`ClientAddress`]. Without a peer (never over a socket): `onbekend`.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> String {
    let Some(mut address) = peer else {
        return "onbekend".to_owned();
    };
    if trusted.contains(&address) {
        let hops = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect::<Vec<_>>();
        for hop in hops.into_iter().rev() {
            match hop.trim().parse::<std::net::IpAddr>() {
                Ok(ip) => {
                    address = ip;
                    if !trusted.contains(&ip) {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    }
    match address {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        v4 => v4.to_string(),
    }
}

/// The intermediair's session cookie: only sent to the intermediair's part of the API.
pub const INTERMEDIARY_COOKIE: &str = "bg_intermediair";

/// The `Set-Cookie` value for an intermediair's session (a browser-session cookie; the
/// server ends it when the invitation expires or is revoked).
pub fn intermediary_cookie(token: Option<&str>, policy: CookiePolicy) -> String {
    let secure = policy.secure;
    let mut cookie = Cookie::build((
        policy.name(CookieKind::Intermediary),
        token.unwrap_or_default().to_owned(),
    ));
    if token.is_none() {
        cookie = cookie.max_age(cookie::time::Duration::ZERO);
    }
    cookie
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
    /// How the session is stored (to end it).
    pub token_hash: String,
}

impl IntermediarySignedIn {
    /// Writes the intermediair's audit row for `action` on their case.
    pub async fn audit(
        &self,
        db: &crate::store::db::Db,
        action: Action,
        case_ref: &str,
    ) -> Result<(), ApiError> {
        let session = Some(format!("uitnodiging/{}", self.session.invitation_id));
        audit_in_session(db, self.viewer(), session, action, Some(case_ref)).await
    }

    pub fn viewer(&self) -> Viewer {
        Viewer::Intermediary {
            invitation: self.session.invitation_id,
            case: self.session.case_id,
        }
    }
}

impl FromRequestParts<AppState> for IntermediarySignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = state
            .cookies
            .value(&parts.headers, CookieKind::Intermediary)
            .ok_or(ApiError::NotSignedIn)?;
        let token_hash = secret_hash(&token);
        let session = crate::store::intermediary::session(&state.db, &token_hash)
            .await?
            .ok_or(ApiError::NotSignedIn)?;
        check_csrf(parts, &session.csrf_token)?;
        Ok(IntermediarySignedIn {
            session,
            token_hash,
        })
    }
}

impl From<Denied> for ApiError {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::Hidden => ApiError::NotFound,
            Denied::Forbidden => ApiError::Forbidden,
            Denied::NotNow(why) => ApiError::Conflict(why),
            Denied::NotAssigned { may_break_glass } => ApiError::NotAssigned { may_break_glass },
        }
    }
}

/// A case the signed-in account may use for rule `R`, found by the path's `{referentie}`.
/// Extracting it checks the rule (a case that is not yours answers 404, exactly like one
/// that does not exist) and writes `R`'s audit row when it is written on entry.
pub struct Authorised<R> {
    pub case: CaseRow,
    pub who: SignedIn,
    /// Where the viewer stands towards the case (a staff member's need-to-know).
    pub standing: Standing,
    rule: PhantomData<R>,
}

impl<R: CaseRule> Authorised<R> {
    pub fn viewer(&self) -> Viewer {
        self.who.viewer()
    }

    /// The policy's answer for another part of the same case (what else a page may show).
    pub fn may(&self, resource: model::access::Resource, act: model::access::Act) -> bool {
        access::authorize(self.viewer(), self.standing, resource, act, &self.case).is_ok()
    }

    /// Writes the rule's audit row for a change that has succeeded.
    pub async fn audit_done(&self, db: &crate::store::db::Db) -> Result<(), ApiError> {
        match R::AUDIT {
            Audit::AfterChange(action) => {
                self.who.audit(db, action, Some(&self.case.reference)).await
            }
            Audit::OnEntry(_) | Audit::ByWorkflow | Audit::Nothing => Ok(()),
        }
    }
}

impl<R: CaseRule + Send + Sync> FromRequestParts<AppState> for Authorised<R> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let who = SignedIn::from_request_parts(parts, state).await?;
        // The role first: a refusal here says nothing about which cases exist.
        access::check_role(who.viewer(), R::RESOURCE, R::ACT)?;
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound)?;
        let raw = params
            .iter()
            .find_map(|(name, value)| (name == "referentie").then_some(value))
            .ok_or(ApiError::NotFound)?;
        let reference = CaseReference::parse(raw).map_err(|_| ApiError::NotFound)?;
        let viewer = who.viewer();
        let (case, standing) = state
            .db
            .run(move |conn| {
                let Some(case) = cases::by_reference_in(conn, reference.as_str())? else {
                    return Ok(None);
                };
                let standing = access::standing_in(conn, viewer, &case)?;
                Ok(Some((case, standing)))
            })
            .await?
            .ok_or(ApiError::NotFound)?;
        if let Err(denied) = access::authorize(viewer, standing, R::RESOURCE, R::ACT, &case) {
            // A read of a case that exists but is not theirs is logged (monitoring watches
            // for repeats); the answer stays the same as for a case that does not exist.
            if R::ACT == model::access::Act::Read
                && matches!(denied, Denied::Hidden | Denied::NotAssigned { .. })
            {
                who.audit(&state.db, Action::ReadRefused, Some(&case.reference))
                    .await?;
            }
            return Err(denied.into());
        }
        if let Audit::OnEntry(action) = R::AUDIT {
            who.audit(&state.db, action, Some(&case.reference)).await?;
        }
        Ok(Authorised {
            case,
            who,
            standing,
            rule: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_comes_from_the_socket_unless_a_trusted_proxy_forwards_it() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "198.51.100.7, 10.0.0.2".parse().unwrap());
        // Not from a trusted proxy: the header is anyone's to write.
        assert_eq!(
            client_address(Some(ip("203.0.113.9")), &headers, &[]),
            "203.0.113.9"
        );
        // From the trusted proxy: the nearest hop that is not a trusted proxy.
        let proxies = [ip("127.0.0.1"), ip("10.0.0.2")];
        assert_eq!(
            client_address(Some(ip("127.0.0.1")), &headers, &proxies),
            "198.51.100.7"
        );
        // A proxy that forwards nothing usable: its own address.
        let mut bad = HeaderMap::new();
        bad.insert("x-forwarded-for", "niet-een-adres".parse().unwrap());
        assert_eq!(
            client_address(Some(ip("127.0.0.1")), &bad, &proxies),
            "127.0.0.1"
        );
        // IPv6 per /64; IPv4 in IPv6 as IPv4.
        let v6 = client_address(Some(ip("2001:db8:1:2:aaaa::1")), &HeaderMap::new(), &[]);
        assert_eq!(v6, "2001:db8:1:2::/64");
        let mapped = client_address(Some(ip("::ffff:192.0.2.1")), &HeaderMap::new(), &[]);
        assert_eq!(mapped, "192.0.2.1");
        assert_eq!(client_address(None, &HeaderMap::new(), &[]), "onbekend");
    }
}
