//! One error type for the API. Every error leaves as `application/problem+json` with a Dutch
//! message; internal causes are logged (without personal data) and never sent to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use model::api::{Problem, ProblemKind};
use model::lang::tr;
use model::FieldError;

use crate::crypto::CryptoError;
use crate::documents::UploadError;
use crate::store::StoreError;
use crate::telemetry::chain;
use crate::workflow::WorkflowError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Missing, or not yours: the two answer the same, so nobody learns what exists.
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    NotSignedIn,
    #[error("wrong e-mail address or password")]
    WrongCredentials,
    /// Too many wrong passwords; blocked for this many more seconds.
    #[error("too many sign-in attempts")]
    TooManyAttempts(i64),
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("role may not do this")]
    Forbidden,
    /// A staff member's case outside their own (need-to-know).
    #[error("not assigned")]
    NotAssigned { may_break_glass: bool },
    #[error("request body too large")]
    PayloadTooLarge,
    /// The request, or an upload, came in too slowly (`listen::ClientLimits`).
    #[error("request too slow")]
    Timeout,
    /// The body is not the JSON the endpoint expects.
    #[error("bad request body")]
    BadBody,
    #[error("invalid fields")]
    Invalid(Vec<FieldError>),
    /// A wrong guess at a secret the person has (a code from their app, their current
    /// password), said at its field like [`ApiError::Invalid`]; answered no sooner than the
    /// refusal floor ([`RefusedGuess`]).
    #[error("wrong guess")]
    WrongGuess(Vec<FieldError>),
    /// A lifecycle step that does not fit the case's state.
    #[error("conflict")]
    Conflict(&'static str),
    /// A code or answer that does not match; the message never says which part was wrong.
    #[error("does not match")]
    NoMatch(&'static str),
    /// A link or code that worked once and no longer does (used, replaced, expired).
    #[error("no longer valid")]
    Gone(&'static str),
    /// Too many wrong tries; the message says what else to do; the seconds how long to wait
    /// (`Retry-After`), 0 when it does not end by waiting.
    #[error("locked")]
    Locked(&'static str, i64),
    /// A file above the size limit of a file or a case.
    #[error("file too large")]
    FileTooLarge(String),
    /// A file refused for its content (type) or emptiness.
    #[error("file refused")]
    FileRefused(String),
    #[error("internal: {0}")]
    Internal(String),
    /// Storage failed; the whole cause chain goes to the log, nothing of it to the client.
    #[error("storage")]
    Store(#[from] StoreError),
    #[error("making a secret")]
    Crypto(#[from] CryptoError),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        ApiError::Store(err.into())
    }
}

impl From<UploadError> for ApiError {
    fn from(err: UploadError) -> Self {
        match err {
            UploadError::TooLarge(message) => ApiError::FileTooLarge(message),
            UploadError::Refused(message) => ApiError::FileRefused(message),
            UploadError::RequestTooLarge => ApiError::PayloadTooLarge,
            UploadError::Broken => ApiError::BadBody,
            UploadError::Stalled => ApiError::Timeout,
            other @ (UploadError::Io(..) | UploadError::Crypto(_) | UploadError::Room(_)) => {
                ApiError::Internal(chain(&other))
            }
        }
    }
}

/// Two people acted on the case at once; the other one was first.
pub const CHANGED_MEANWHILE: model::Text = model::Text::new(
    "Iemand anders heeft de zaak net veranderd. Laad de pagina opnieuw.",
    "Someone else has just changed the case. Load the page again.",
);

impl From<WorkflowError> for ApiError {
    fn from(err: WorkflowError) -> Self {
        match err {
            WorkflowError::Refused(refused) => ApiError::Conflict(refused.message()),
            WorkflowError::ChangedMeanwhile => ApiError::Conflict(CHANGED_MEANWHILE.get()),
            WorkflowError::NoText(event) => ApiError::Internal(format!("no text for {event:?}")),
            WorkflowError::LinkUsed => ApiError::Conflict(CHANGED_MEANWHILE.get()),
            WorkflowError::Store(store) => ApiError::Store(store),
        }
    }
}

fn problem(kind: ProblemKind, title: &str, status: StatusCode, detail: &str) -> Problem {
    Problem {
        kind,
        title: title.into(),
        status: status.as_u16(),
        detail: detail.into(),
        field: None,
        errors: Vec::new(),
    }
}

impl ApiError {
    fn problem(&self) -> Problem {
        match self {
            ApiError::NotFound => problem(
                ProblemKind::NietGevonden,
                tr("Niet gevonden", "Not found"),
                StatusCode::NOT_FOUND,
                tr("Dit adres bestaat niet. Controleer het adres of ga terug naar de startpagina.", "This address does not exist. Check the address or go back to the start page."),
            ),
            ApiError::NotSignedIn => problem(
                ProblemKind::NietIngelogd,
                tr("Niet ingelogd", "Not signed in"),
                StatusCode::UNAUTHORIZED,
                tr("U bent niet (meer) ingelogd. Log in en probeer het opnieuw. Wat u invulde, is bewaard.", "You are not signed in (any more). Sign in and try again. What you filled in has been saved."),
            ),
            ApiError::WrongCredentials => problem(
                ProblemKind::InloggenMislukt,
                tr("Inloggen lukt niet", "Sign-in failed"),
                StatusCode::UNAUTHORIZED,
                tr("Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw.", "The e-mail address or the password is not right. Check them and try again."),
            ),
            ApiError::TooManyAttempts(_) => problem(
                ProblemKind::TeVaakGeprobeerd,
                tr("Te vaak geprobeerd", "Tried too often"),
                StatusCode::TOO_MANY_REQUESTS,
                tr("U heeft te vaak een verkeerd wachtwoord ingevuld. Wacht even en probeer het dan opnieuw. Na elke nieuwe fout duurt het wachten langer, tot 15 minuten.", "You filled in a wrong password too often. Wait a moment and then try again. After each new mistake the wait is longer, up to 15 minutes."),
            ),
            ApiError::Csrf => problem(
                ProblemKind::VerzoekGeweigerd,
                tr("Verzoek geweigerd", "Request refused"),
                StatusCode::FORBIDDEN,
                tr("We konden niet controleren dat dit verzoek van u komt. Laad de pagina opnieuw en probeer het nog eens.", "We could not check that this request comes from you. Load the page again and try once more."),
            ),
            ApiError::Forbidden => problem(
                ProblemKind::NietToegestaan,
                tr("Niet toegestaan", "Not allowed"),
                StatusCode::FORBIDDEN,
                tr("U mag dit niet doen met uw account.", "You may not do this with your account."),
            ),
            ApiError::NotAssigned { may_break_glass } => problem(
                if *may_break_glass {
                    ProblemKind::NietUwZaakInzageMetReden
                } else {
                    ProblemKind::NietUwZaak
                },
                tr("Niet uw zaak", "Not your case"),
                StatusCode::FORBIDDEN,
                model::access::not_assigned_message(*may_break_glass),
            ),
            ApiError::PayloadTooLarge => problem(
                ProblemKind::TeGroot,
                tr("Te veel gegevens", "Too much data"),
                StatusCode::PAYLOAD_TOO_LARGE,
                tr("U stuurde te veel gegevens in één keer. Maak de tekst korter en probeer het opnieuw.", "You sent too much data at once. Make the text shorter and try again."),
            ),
            ApiError::Timeout => problem(
                ProblemKind::TeLangzaam,
                tr("Te langzaam", "Too slow"),
                StatusCode::REQUEST_TIMEOUT,
                tr("Het versturen duurde te lang en is gestopt. Controleer uw internetverbinding en probeer het opnieuw.", "Sending took too long and was stopped. Check your internet connection and try again."),
            ),
            ApiError::BadBody => problem(
                ProblemKind::OngeldigVerzoek,
                tr("Verzoek niet begrepen", "Request not understood"),
                StatusCode::BAD_REQUEST,
                tr("We begrijpen de gegevens niet die u stuurde. Laad de pagina opnieuw en probeer het nog eens.", "We do not understand the data you sent. Load the page again and try once more."),
            ),
            ApiError::Invalid(errors) | ApiError::WrongGuess(errors) => {
                let mut p = problem(
                    ProblemKind::OngeldigeInvoer,
                    tr("Niet alles is goed ingevuld", "Not everything is filled in correctly"),
                    StatusCode::UNPROCESSABLE_ENTITY,
                    errors
                        .first()
                        .map_or(tr("Controleer wat u heeft ingevuld.", "Check what you filled in."), |e| e.message.as_str()),
                );
                p.field = errors.first().map(|e| e.field.clone());
                p.errors = errors.clone();
                p
            }
            ApiError::Conflict(message) => {
                problem(ProblemKind::PastNiet, tr("Deze stap kan nu niet", "This step is not possible now"), StatusCode::CONFLICT, message)
            }
            ApiError::NoMatch(message) => problem(
                ProblemKind::KloptNiet,
                tr("Dit klopt niet", "This is not right"),
                StatusCode::UNAUTHORIZED,
                message,
            ),
            ApiError::Gone(message) => {
                problem(ProblemKind::WerktNietMeer, tr("Werkt niet meer", "No longer works"), StatusCode::GONE, message)
            }
            ApiError::Locked(message, _) => problem(
                ProblemKind::TeVaakGeprobeerd,
                tr("Te vaak geprobeerd", "Tried too often"),
                StatusCode::TOO_MANY_REQUESTS,
                message,
            ),
            ApiError::FileTooLarge(message) => problem(
                ProblemKind::BestandTeGroot,
                tr("Bestand te groot", "File too large"),
                StatusCode::PAYLOAD_TOO_LARGE,
                message,
            ),
            ApiError::FileRefused(message) => problem(
                ProblemKind::BestandGeweigerd,
                tr("Bestand niet aangenomen", "File not accepted"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                message,
            ),
            ApiError::Crypto(CryptoError::Busy) => problem(
                ProblemKind::TeDruk,
                tr("Even te druk", "Too busy for a moment"),
                StatusCode::SERVICE_UNAVAILABLE,
                tr("Het is nu erg druk. Wacht een paar seconden en probeer het dan opnieuw. Wat u invulde, is bewaard.", "It is very busy now. Wait a few seconds and then try again. What you filled in has been saved."),
            ),
            ApiError::Internal(_) | ApiError::Store(_) | ApiError::Crypto(_) => problem(
                ProblemKind::Serverfout,
                tr("Er ging iets mis", "Something went wrong"),
                StatusCode::INTERNAL_SERVER_ERROR,
                tr("Er ging iets mis bij ons. Uw gegevens zijn niet verloren. Probeer het over een paar minuten opnieuw.", "Something went wrong on our side. Your data is not lost. Try again in a few minutes."),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let busy = matches!(self, ApiError::Crypto(CryptoError::Busy));
        let guess = matches!(
            self,
            ApiError::WrongCredentials
                | ApiError::TooManyAttempts(_)
                | ApiError::NoMatch(_)
                | ApiError::Locked(..)
                | ApiError::WrongGuess(_)
        );
        let wait = match self {
            ApiError::TooManyAttempts(seconds) | ApiError::Locked(_, seconds) if seconds > 0 => {
                Some(seconds)
            }
            _ => None,
        };
        // Only internal causes are logged. A bad body's parser message is not: serde quotes
        // the offending value, which may be personal data.
        match &self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Store(err) => tracing::error!(cause = %chain(err), "storage error"),
            ApiError::Crypto(CryptoError::Busy) => tracing::warn!("password hashing busy"),
            ApiError::Crypto(err) => tracing::error!(cause = %chain(err), "crypto error"),
            _ => {}
        }
        let mut response = problem_response(&self.problem());
        if let Some(seconds) = wait {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if busy {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        }
        if guess {
            response.extensions_mut().insert(RefusedGuess);
        }
        response
    }
}

/// Marks an answer that refuses a guess at a secret: a wrong password, code or date of birth,
/// or one guess too many. `http::refusals` holds such an answer back until the refusal floor
/// has passed since the request came in.
#[derive(Debug, Clone, Copy)]
pub struct RefusedGuess;

/// Serialises a problem with its status and content type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response()
}

/// tower-http's body limit (413) and request timeout (408) answer in plain English text or
/// not at all; give them the API's Dutch shape.
pub async fn dutch_plain_errors(response: Response) -> Response {
    let plain = response.headers().get(header::CONTENT_TYPE)
        != Some(&HeaderValue::from_static("application/problem+json"));
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE if plain => ApiError::PayloadTooLarge.into_response(),
        StatusCode::REQUEST_TIMEOUT if plain => ApiError::Timeout.into_response(),
        _ => response,
    }
}
