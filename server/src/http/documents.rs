//! Documents on a case: uploads (one file per request, streamed; `multipart/form-data` with
//! `soort`, `omschrijving`, optionally `gedeeld_met_burger`, then `bestand`), lists and
//! downloads for each reader, and the helper's invitations for an intermediair.
//! Every download goes through here, with an audit row.

use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use model::access::{Act, Resource, Standing};
use model::api::Problem;
use model::document::{
    check_upload, DocumentInfo, DocumentSoort, IntermediaryInvitation, IntermediarySignIn,
    IntermediaryView, InviteIntermediary,
};
use tokio::io::AsyncReadExt;
use tokio_util::io::ReaderStream;

use super::extract::{self, Authorised, CitizenSignedIn, IntermediarySignedIn, SignedIn};
use super::json::{Json, Valid};
use crate::access::{self, rules, Viewer};
use crate::clock::now;
use crate::crypto;
use crate::documents::{clean_name, TakeRoom, UploadError};
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::cases::{self, CaseRow};
use crate::store::documents::{self, NewDocument, Uploader};
use crate::store::intermediary;
use crate::AppState;

/// Routes that take a file: their own, larger body limit (see `http::app`).
pub fn upload_router() -> Router<AppState> {
    Router::new()
        .route("/zaken/{referentie}/documenten", post(case_upload))
        .route("/burger/documenten", post(citizen_upload))
        .route("/intermediair/documenten", post(intermediary_upload))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/zaken/{referentie}/documenten", get(case_documents))
        .route("/documenten/{id}", get(case_download))
        .route("/burger/documenten", get(citizen_documents))
        .route("/burger/documenten/{id}", get(citizen_download))
        .route(
            "/zaken/{referentie}/uitnodigingen",
            get(invitations_list).post(invitations_create),
        )
        .route(
            "/zaken/{referentie}/uitnodigingen/{id}",
            delete(invitations_revoke),
        )
        .route(
            "/intermediair/sessie",
            post(intermediary_sign_in).delete(intermediary_sign_out),
        )
        .route("/intermediair", get(intermediary_view))
        .route("/intermediair/documenten/{id}", get(intermediary_download))
}

/// An upload's room on its case, taken in the database (`store::documents::take_room`).
struct CaseRoom {
    db: crate::store::db::Db,
    case_id: i64,
    limit: u64,
    id: Option<i64>,
}

impl TakeRoom for CaseRoom {
    async fn take(&mut self, bytes: u64) -> Result<bool, UploadError> {
        match documents::take_room(&self.db, self.case_id, self.id, bytes, self.limit).await {
            Ok(Some(id)) => {
                self.id = Some(id);
                Ok(true)
            }
            Ok(None) => Ok(false),
            Err(err) => Err(UploadError::Room(crate::telemetry::chain(&err))),
        }
    }
}

/// The most bytes a text field of the upload form may have: room for the longest
/// description in any script (4 bytes a character), not for megabytes read into memory.
const TEXT_FIELD_BYTES: usize = model::document::DESCRIPTION_MAX * 4;

/// A text field of the upload form, read in chunks and refused as soon as it is too long.
async fn small_text(
    mut field: axum::extract::multipart::Field<'_>,
    name: &'static str,
    label: model::Label,
) -> ApiResult<String> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| ApiError::BadBody)? {
        if bytes.len() + chunk.len() > TEXT_FIELD_BYTES {
            return Err(ApiError::Invalid(vec![model::Invalid::TooLong {
                max: model::document::DESCRIPTION_MAX,
            }
            .at(name, label)]));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| ApiError::BadBody)
}

const DOCUMENTS_FULL: model::Text = model::Text::new(
    "Bij deze zaak staan al 200 documenten. Er kunnen er geen meer bij. \
    Voeg documenten samen tot één bestand, bijvoorbeeld in één PDF.",
    "This case already has 200 documents. No more can be added. Combine documents into one file, for example into one PDF.",
);

/// Reads the form fields, then streams the file. Fields after the file are ignored. The
/// caller checked that `viewer` may add documents to `case`, and writes the audit row.
async fn receive(
    state: &AppState,
    case: &CaseRow,
    viewer: Viewer,
    headers: &HeaderMap,
    mut form: Multipart,
) -> ApiResult<String> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
    if documents::count(&state.db, case.id).await? >= documents::MAX_PER_CASE {
        return Err(ApiError::Conflict(DOCUMENTS_FULL.get()));
    }
    let uploader = Uploader {
        role: viewer.role(),
        account: viewer.account(),
        invitation: match viewer {
            Viewer::Intermediary { invitation, .. } => Some(invitation),
            _ => None,
        },
    };
    let mut kind = None;
    let mut description = String::new();
    let mut shared = false;
    while let Some(field) = form.next_field().await.map_err(|_| ApiError::BadBody)? {
        match field.name().unwrap_or_default() {
            "soort" => {
                let text = small_text(
                    field,
                    "soort",
                    model::Text::new("het soort document", "the kind of document"),
                )
                .await?;
                kind = Some(DocumentSoort::parse(&text).ok_or_else(|| {
                    ApiError::Invalid(vec![model::Invalid::NotAChoice.at(
                        "soort",
                        model::Text::new("het soort document", "the kind of document"),
                    )])
                })?);
            }
            "omschrijving" => {
                description = small_text(
                    field,
                    "omschrijving",
                    model::Text::new("de omschrijving", "the description"),
                )
                .await?;
            }
            "gedeeld_met_burger" => {
                shared = small_text(
                    field,
                    "gedeeld_met_burger",
                    model::Text::new("delen", "sharing"),
                )
                .await?
                    == "true";
            }
            "bestand" => {
                let (kind, description) =
                    check_upload(kind, &description, viewer.role()).map_err(ApiError::Invalid)?;
                let shared = shared && access::may_share_with_citizen(viewer);
                let file_name = clean_name(field.file_name());
                // Room is taken in the database as the file comes in, so uploads at the same
                // time cannot pass the case's limit together; freed once the row counts.
                let mut room = CaseRoom {
                    db: state.db.clone(),
                    case_id: case.id,
                    limit: state.documents.max_case_bytes,
                    id: None,
                };
                let stored = state
                    .documents
                    .store(field, announced, &mut room, state.limits.upload_stall)
                    .await;
                let stored = match stored {
                    Ok(stored) => stored,
                    Err(err) => {
                        documents::free_room(&state.db, room.id).await?;
                        return Err(err.into());
                    }
                };
                let document = NewDocument {
                    kind,
                    description: description.as_str(),
                    file_name: &file_name,
                    shared_with_citizen: shared,
                };
                let inserted =
                    documents::insert(&state.db, case.id, &stored, uploader, &document).await;
                documents::free_room(&state.db, room.id).await?;
                if let Err(err) = inserted {
                    state.documents.remove(&stored.id).await;
                    return Err(err.into());
                }
                return Ok(stored.id);
            }
            _ => {}
        }
    }
    Err(ApiError::Invalid(vec![
        model::Invalid::Empty.at("bestand", model::Text::new("een bestand", "a file"))
    ]))
}

/// Which bytes of a file a request asks for (`Range: bytes=…`, one range only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    All,
    /// First and last byte, both included.
    Part(u64, u64),
    Unsatisfiable,
}

fn wanted(headers: &HeaderMap, len: u64, etag: &str) -> Wanted {
    let Some(range) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Wanted::All;
    };
    // `If-Range` with another version: the whole file, as if no range was asked.
    if let Some(if_range) = headers.get(header::IF_RANGE) {
        if if_range.as_bytes() != etag.as_bytes() {
            return Wanted::All;
        }
    }
    let Some(spec) = range.trim().strip_prefix("bytes=") else {
        return Wanted::All;
    };
    if spec.contains(',') {
        return Wanted::All;
    }
    let Some((start, end)) = spec.split_once('-') else {
        return Wanted::All;
    };
    let (start, end) = (start.trim(), end.trim());
    let part = match (start.parse::<u64>(), end.parse::<u64>()) {
        (Ok(start), Ok(end)) if start <= end => (start, end.min(len.saturating_sub(1))),
        (Ok(start), Err(_)) if end.is_empty() => (start, len.saturating_sub(1)),
        (Err(_), Ok(suffix)) if start.is_empty() && suffix > 0 => {
            (len.saturating_sub(suffix), len.saturating_sub(1))
        }
        _ => return Wanted::All,
    };
    if len == 0 || part.0 >= len {
        Wanted::Unsatisfiable
    } else {
        Wanted::Part(part.0, part.1)
    }
}

/// The file as an attachment, never shown inline by the browser, streamed from the storage;
/// a conditional request gets 304, a range 206 (or 416 past the end).
async fn download(
    state: &AppState,
    document: &documents::DocumentRow,
    request: &HeaderMap,
) -> ApiResult<Response> {
    let etag = format!(
        "\"{}\"",
        document.sha256.get(..32).unwrap_or(&document.sha256)
    );
    let etag_value =
        HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    if request
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tag| tag.as_bytes() == etag.as_bytes())
    {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value)]).into_response());
    }
    let stored = state
        .documents
        .open_file(&document.id)
        .await
        .map_err(|err| ApiError::Internal(format!("open document: {err}")))?
        .ok_or_else(|| ApiError::Internal("document file missing".into()))?;
    let len = stored.len;
    let mut response = match wanted(request, len, &etag) {
        Wanted::All => {
            let mut response = Body::from_stream(ReaderStream::new(stored.reader)).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            response
        }
        Wanted::Part(first, last) => {
            let mut reader = stored.reader;
            // The storage streams from the start: skip what was not asked for.
            tokio::io::copy(&mut (&mut reader).take(first), &mut tokio::io::sink())
                .await
                .map_err(|err| ApiError::Internal(format!("read document: {err}")))?;
            let part = reader.take(last - first + 1);
            let mut response = Body::from_stream(ReaderStream::new(part)).into_response();
            *response.status_mut() = StatusCode::PARTIAL_CONTENT;
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(last - first + 1));
            if let Ok(range) = HeaderValue::from_str(&format!("bytes {first}-{last}/{len}")) {
                headers.insert(header::CONTENT_RANGE, range);
            }
            response
        }
        Wanted::Unsatisfiable => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(range) = HeaderValue::from_str(&format!("bytes */{len}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, range);
            }
            return Ok(response);
        }
    };
    response.headers_mut().insert(header::ETAG, etag_value);
    response
        .headers_mut()
        .insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let headers = response.headers_mut();
    let disposition = format!(
        "attachment; filename=\"{}\"",
        document.file_name.replace('"', "_")
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition)
            .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    );
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&document.content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

/// The documents of `case` that `viewer` sees, as they see them described.
async fn visible_documents(
    state: &AppState,
    case: &CaseRow,
    viewer: Viewer,
) -> ApiResult<Vec<DocumentInfo>> {
    let organisation = cases::organisation_name(&state.db, case.organisation_id).await?;
    Ok(
        documents::list(&state.db, case, &organisation, viewer.reader())
            .await?
            .into_iter()
            .filter(|(row, _)| access::sees_document(viewer, row))
            .map(|(_, info)| info)
            .collect(),
    )
}

async fn uploaded(
    state: &AppState,
    case: &CaseRow,
    viewer: Viewer,
) -> ApiResult<(StatusCode, axum::Json<Vec<DocumentInfo>>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(visible_documents(state, case, viewer).await?),
    ))
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/documenten", tag = "documenten", params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    request_body(content_type = "multipart/form-data", description = "soort, omschrijving, gedeeld_met_burger (true/false), dan bestand"),
    responses((status = 201, description = "Opgeslagen; de documenten van de zaak", body = [DocumentInfo]), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn case_upload(
    State(state): State<AppState>,
    access: Authorised<rules::UploadDocument>,
    headers: HeaderMap,
    form: Multipart,
) -> ApiResult<(StatusCode, axum::Json<Vec<DocumentInfo>>)> {
    receive(&state, &access.case, access.viewer(), &headers, form).await?;
    access.audit_done(&state.db).await?;
    uploaded(&state, &access.case, access.viewer()).await
}

#[utoipa::path(get, path = "/api/zaken/{referentie}/documenten", tag = "documenten", params(("referentie" = String, Path)),
    responses((status = 200, body = [DocumentInfo]), (status = 404, body = Problem)))]
pub(super) async fn case_documents(
    State(state): State<AppState>,
    access: Authorised<rules::ListDocuments>,
) -> ApiResult<axum::Json<Vec<DocumentInfo>>> {
    Ok(axum::Json(
        visible_documents(&state, &access.case, access.viewer()).await?,
    ))
}

#[utoipa::path(get, path = "/api/documenten/{id}", tag = "documenten", params(("id" = String, Path)),
    responses((status = 200, description = "Het bestand, als bijlage"), (status = 404, body = Problem)))]
pub(super) async fn case_download(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let viewer = who.viewer();
    access::check_role(viewer, Resource::Document, Act::Read)?;
    let (document, case, standing) = state
        .db
        .run(move |conn| {
            let Some(document) = documents::by_id_in(conn, &id)? else {
                return Ok(None);
            };
            let Some(case) = cases::by_id_in(conn, document.case_id)? else {
                return Ok(None);
            };
            let standing = access::standing_in(conn, viewer, &case)?;
            Ok(Some((document, case, standing)))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    // The same need-to-know as the case itself: not yours answers as if it did not exist.
    access::authorize(viewer, standing, Resource::Document, Act::Read, &case)?;
    if !access::sees_document(viewer, &document) {
        return Err(ApiError::NotFound);
    }
    who.audit(&state.db, Action::DownloadDocument, Some(&case.reference))
        .await?;
    download(&state, &document, &headers).await
}

#[utoipa::path(post, path = "/api/burger/documenten", tag = "burger", params(("x-csrf-token" = String, Header)),
    request_body(content_type = "multipart/form-data", description = "soort, omschrijving, dan bestand"),
    responses((status = 201, body = [DocumentInfo]), (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub(super) async fn citizen_upload(
    State(state): State<AppState>,
    who: CitizenSignedIn,
    headers: HeaderMap,
    form: Multipart,
) -> ApiResult<(StatusCode, axum::Json<Vec<DocumentInfo>>)> {
    who.authorize(Resource::Document, Act::Write)?;
    receive(&state, &who.case, who.viewer(), &headers, form).await?;
    who.audit(&state.db, Action::UploadDocument, &who.case.reference)
        .await?;
    uploaded(&state, &who.case, who.viewer()).await
}

#[utoipa::path(get, path = "/api/burger/documenten", tag = "burger",
    responses((status = 200, description = "Wat met de burger gedeeld is, en wat de burger zelf toevoegde", body = [DocumentInfo])))]
pub(super) async fn citizen_documents(
    State(state): State<AppState>,
    who: CitizenSignedIn,
) -> ApiResult<axum::Json<Vec<DocumentInfo>>> {
    who.authorize(Resource::Document, Act::Read)?;
    who.audit(&state.db, Action::ListDocuments, &who.case.reference)
        .await?;
    Ok(axum::Json(
        visible_documents(&state, &who.case, who.viewer()).await?,
    ))
}

#[utoipa::path(get, path = "/api/burger/documenten/{id}", tag = "burger", params(("id" = String, Path)),
    responses((status = 200, description = "Het bestand, als bijlage"), (status = 404, body = Problem)))]
pub(super) async fn citizen_download(
    State(state): State<AppState>,
    who: CitizenSignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    who.authorize(Resource::Document, Act::Read)?;
    let document = documents::by_id(&state.db, &id)
        .await?
        .filter(|d| d.case_id == who.case.id && access::sees_document(who.viewer(), d))
        .ok_or(ApiError::NotFound)?;
    who.audit(&state.db, Action::DownloadDocument, &who.case.reference)
        .await?;
    download(&state, &document, &headers).await
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/uitnodigingen", tag = "documenten", request_body = InviteIntermediary, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, description = "De uitnodiging met de link (één keer getoond)", body = IntermediaryInvitation), (status = 422, body = Problem)))]
pub(super) async fn invitations_create(
    State(state): State<AppState>,
    access: Authorised<rules::Invite>,
    Valid(input): Valid<InviteIntermediary>,
) -> ApiResult<(StatusCode, axum::Json<IntermediaryInvitation>)> {
    let case = &access.case;
    let expires_at = now() + input.dagen * 86_400;
    let (mut invitation, token) = intermediary::create(
        &state.db,
        case.id,
        access.who.account.id,
        input.naam.as_str(),
        expires_at,
    )
    .await?;
    // After `#`: the token never reaches a server log.
    invitation.link = Some(format!("{}/stukken#{token}", state.public_url));
    access.audit_done(&state.db).await?;
    Ok((StatusCode::CREATED, axum::Json(invitation)))
}

#[utoipa::path(get, path = "/api/zaken/{referentie}/uitnodigingen", tag = "documenten", params(("referentie" = String, Path)),
    responses((status = 200, body = [IntermediaryInvitation])))]
pub(super) async fn invitations_list(
    State(state): State<AppState>,
    access: Authorised<rules::ListInvitations>,
) -> ApiResult<axum::Json<Vec<IntermediaryInvitation>>> {
    Ok(axum::Json(
        intermediary::list(&state.db, access.case.id).await?,
    ))
}

#[utoipa::path(delete, path = "/api/zaken/{referentie}/uitnodigingen/{id}", tag = "documenten", params(("referentie" = String, Path), ("id" = i64, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Ingetrokken"), (status = 404, body = Problem)))]
pub(super) async fn invitations_revoke(
    State(state): State<AppState>,
    access: Authorised<rules::RevokeInvitation>,
    Path((_, id)): Path<(String, i64)>,
) -> ApiResult<StatusCode> {
    if !intermediary::revoke(&state.db, access.case.id, id).await? {
        return Err(ApiError::NotFound);
    }
    access.audit_done(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/intermediair/sessie", tag = "intermediair", request_body = IntermediarySignIn,
    responses((status = 201, description = "Zet de cookie bg_intermediair", body = IntermediaryView), (status = 410, body = Problem)))]
pub(super) async fn intermediary_sign_in(
    State(state): State<AppState>,
    Json(input): Json<IntermediarySignIn>,
) -> ApiResult<Response> {
    let (token, _) = intermediary::open_session(&state.db, input.token.trim())
        .await?
        .ok_or(ApiError::Gone(
            model::lang::tr("Deze uitnodiging werkt niet (meer). Ze is al gebruikt, ingetrokken of verlopen. Vraag de hulpverlener om een nieuwe.", "This invitation does not work (any more). It was used, withdrawn or has expired. Ask the social worker for a new one."),
        ))?;
    let token_hash = crypto::secret_hash(&token);
    let session = intermediary::session(&state.db, &token_hash)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    let who = IntermediarySignedIn {
        session,
        token_hash,
    };
    let case = cases::by_id(&state.db, who.session.case_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    // Signing in shows the intermediair their own documents: both are logged.
    for action in [Action::SignIn, Action::ListDocuments] {
        who.audit(&state.db, action, &case.reference).await?;
    }
    let view = intermediary_view_of(&state, &who.session).await?;
    Ok((
        StatusCode::CREATED,
        [(
            header::SET_COOKIE,
            extract::intermediary_cookie(Some(&token), state.cookies),
        )],
        axum::Json(view),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/api/intermediair/sessie", tag = "intermediair", params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Uitgelogd; de cookie is gewist"), (status = 401, body = Problem)))]
pub(super) async fn intermediary_sign_out(
    State(state): State<AppState>,
    who: IntermediarySignedIn,
) -> ApiResult<Response> {
    intermediary::end_session(&state.db, &who.token_hash).await?;
    if let Some(case) = cases::by_id(&state.db, who.session.case_id).await? {
        who.audit(&state.db, Action::SignOut, &case.reference)
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            extract::intermediary_cookie(None, state.cookies),
        )],
    )
        .into_response())
}

async fn intermediary_view_of(
    state: &AppState,
    session: &intermediary::IntermediarySession,
) -> ApiResult<IntermediaryView> {
    let case = cases::by_id(&state.db, session.case_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    let viewer = Viewer::Intermediary {
        invitation: session.invitation_id,
        case: session.case_id,
    };
    Ok(IntermediaryView {
        naam: session.label.clone(),
        geldig_tot: session.valid_until()?,
        documenten: visible_documents(state, &case, viewer).await?,
        csrf_token: session.csrf_token.clone(),
    })
}

#[utoipa::path(get, path = "/api/intermediair", tag = "intermediair",
    responses((status = 200, description = "Alleen de eigen documenten; niets van de zaak zelf", body = IntermediaryView), (status = 401, body = Problem)))]
pub(super) async fn intermediary_view(
    State(state): State<AppState>,
    who: IntermediarySignedIn,
) -> ApiResult<axum::Json<IntermediaryView>> {
    let case = cases::by_id(&state.db, who.session.case_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    who.audit(&state.db, Action::ListDocuments, &case.reference)
        .await?;
    Ok(axum::Json(
        intermediary_view_of(&state, &who.session).await?,
    ))
}

#[utoipa::path(post, path = "/api/intermediair/documenten", tag = "intermediair", params(("x-csrf-token" = String, Header)),
    request_body(content_type = "multipart/form-data", description = "soort, omschrijving, dan bestand"),
    responses((status = 201, body = IntermediaryView), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub(super) async fn intermediary_upload(
    State(state): State<AppState>,
    who: IntermediarySignedIn,
    headers: HeaderMap,
    form: Multipart,
) -> ApiResult<(StatusCode, axum::Json<IntermediaryView>)> {
    let case = cases::by_id(&state.db, who.session.case_id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    access::authorize(
        who.viewer(),
        Standing::Assigned,
        Resource::Document,
        Act::Write,
        &case,
    )?;
    receive(&state, &case, who.viewer(), &headers, form).await?;
    who.audit(&state.db, Action::UploadDocument, &case.reference)
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(intermediary_view_of(&state, &who.session).await?),
    ))
}

#[utoipa::path(get, path = "/api/intermediair/documenten/{id}", tag = "intermediair", params(("id" = String, Path)),
    responses((status = 200, description = "Een eigen bestand, als bijlage"), (status = 404, body = Problem)))]
pub(super) async fn intermediary_download(
    State(state): State<AppState>,
    who: IntermediarySignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let document = documents::by_id(&state.db, &id)
        .await?
        .filter(|d| access::sees_document(who.viewer(), d))
        .ok_or(ApiError::NotFound)?;
    let case = cases::by_id(&state.db, document.case_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    who.audit(&state.db, Action::DownloadDocument, &case.reference)
        .await?;
    download(&state, &document, &headers).await
}
