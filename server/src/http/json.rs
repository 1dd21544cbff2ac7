//! JSON extractors whose rejections are the API's own Dutch problems, never axum's text:
//! [`Json`] reads a body, [`Valid`] reads it and checks every field (`model::Check`), so a
//! handler receives the checked, domain-typed request.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use model::Check;

use crate::error::{ApiError, ApiResult};

/// Requests without a session must be JSON: a cross-site form cannot send that without a
/// CORS preflight, which this server never allows.
pub fn require_json(headers: &axum::http::HeaderMap) -> ApiResult<()> {
    let is_json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(JsonRejection::BytesRejection(err))
                if err.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                Err(ApiError::PayloadTooLarge)
            }
            Err(_) => Err(ApiError::BadBody),
        }
    }
}

/// A JSON body that passed its own checks: the handler gets `T::Checked`; a wrong field
/// answers 422 with one Dutch message per field, before the handler runs.
pub struct Valid<T: Check>(pub T::Checked);

impl<T, S> FromRequest<S> for Valid<T>
where
    T: DeserializeOwned + Check,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(body) = Json::<T>::from_request(req, state).await?;
        body.check().map(Valid).map_err(ApiError::Invalid)
    }
}
