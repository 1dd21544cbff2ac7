//! One error type for the API. Every error leaves as `application/problem+json` with a Dutch
//! message; internal causes are logged (without personal data) and never sent to the client.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use model::api::Problem;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    fn problem(&self) -> Problem {
        match self {
            ApiError::NotFound => Problem {
                kind: "niet-gevonden".into(),
                title: "Niet gevonden".into(),
                status: StatusCode::NOT_FOUND.as_u16(),
                detail: "Dit adres bestaat niet. Controleer het adres of ga terug naar de startpagina."
                    .into(),
                field: None,
            },
            ApiError::PayloadTooLarge => Problem {
                kind: "te-groot".into(),
                title: "Te veel gegevens".into(),
                status: StatusCode::PAYLOAD_TOO_LARGE.as_u16(),
                detail: "U stuurde te veel gegevens in één keer. Maak de tekst korter en probeer het opnieuw."
                    .into(),
                field: None,
            },
            ApiError::Internal(_) => Problem {
                kind: "serverfout".into(),
                title: "Er ging iets mis".into(),
                status: StatusCode::INTERNAL_SERVER_ERROR.as_u16(),
                detail: "Er ging iets mis bij ons. Uw gegevens zijn niet verloren. Probeer het over een paar minuten opnieuw."
                    .into(),
                field: None,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        problem_response(&self.problem())
    }
}

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

/// tower-http's body limit answers 413 in plain English text; give it the API's Dutch shape.
pub async fn dutch_payload_too_large(response: Response) -> Response {
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE
        && response.headers().get(header::CONTENT_TYPE)
            != Some(&header::HeaderValue::from_static(
                "application/problem+json",
            ))
    {
        return ApiError::PayloadTooLarge.into_response();
    }
    response
}
