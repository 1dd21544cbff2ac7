//! Answers shared by several routes: a paged list with its `Link` header, and a CSV download.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// A page of `items` as JSON, with `Link: <path?pagina=N+1>; rel="next"` when `more`, and
/// `rel="prev"` after the first page.
pub fn paged<T: Serialize>(
    items: Vec<T>,
    path: &str,
    page: i64,
    more: bool,
) -> ApiResult<Response> {
    let mut links = Vec::new();
    if more {
        links.push(format!("<{path}?pagina={}>; rel=\"next\"", page + 1));
    }
    if page > 1 {
        links.push(format!("<{path}?pagina={}>; rel=\"prev\"", page - 1));
    }
    let mut response = axum::Json(items).into_response();
    if !links.is_empty() {
        let value = HeaderValue::from_str(&links.join(", "))
            .map_err(|_| ApiError::Internal("link header".into()))?;
        response.headers_mut().insert(header::LINK, value);
    }
    Ok(response)
}

/// Rows (the header first) as a CSV file to download, never cached.
pub fn csv<I, R>(rows: I, file_name: &'static str) -> ApiResult<Response>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row)
            .map_err(|err| ApiError::Internal(format!("csv: {err}")))?;
    }
    let body = writer
        .into_inner()
        .map_err(|err| ApiError::Internal(format!("csv: {err}")))?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .map_err(|_| ApiError::Internal("file name".into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}
