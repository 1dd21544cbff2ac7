//! The letters as PDF (issue 20): the *bewijs van aanmelding* while the case runs with
//! consent, the *samenvatting* at the end — for the helper's organisation and for the
//! citizen. Each download is logged with the letter it made.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use model::api::Problem;
use model::domain::Date;
use model::letter::{self, Letter, ProofFacts, SummaryFacts};
use model::lifecycle::{Audience, CaseStatus};

use super::extract::{Authorised, CitizenSignedIn};
use crate::access::rules;
use crate::clock::{date_of, today};
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::cases::{self, CaseRow, Reader};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/zaken/{referentie}/brieven/{soort}", get(helper_letter))
        .route("/burger/brieven/{soort}", get(citizen_letter))
}

/// Which letter: the path's last part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Proof,
    Summary,
}

impl Kind {
    fn parse(text: &str) -> ApiResult<Kind> {
        match text {
            "bewijs" => Ok(Kind::Proof),
            "samenvatting" => Ok(Kind::Summary),
            _ => Err(ApiError::NotFound),
        }
    }

    fn action(self) -> Action {
        match self {
            Kind::Proof => Action::DownloadProof,
            Kind::Summary => Action::DownloadSummary,
        }
    }

    /// Refused (409, plain Dutch) when the case is not where this letter can be made.
    fn available(self, status: CaseStatus) -> ApiResult<()> {
        match self {
            Kind::Proof if !letter::has_proof(status) => Err(ApiError::Conflict(model::lang::tr(
                "Een bewijs van aanmelding is er vanaf de toestemming tot de behandeling klaar is.",
                "A proof of submission exists from the consent until the handling is done.",
            ))),
            Kind::Summary if !letter::has_summary(status) => {
                Err(ApiError::Conflict(model::lang::tr(
                    "De samenvatting is er als de behandeling klaar is.",
                    "The summary exists once the handling is done.",
                )))
            }
            _ => Ok(()),
        }
    }

    fn file_name(self, reference: &str) -> String {
        match self {
            Kind::Proof => format!("bewijs-van-aanmelding-{reference}.pdf"),
            Kind::Summary => format!("samenvatting-{reference}.pdf"),
        }
    }
}

/// The letter's facts, from the case as `reader` reads it.
async fn letter_of(
    state: &AppState,
    kind: Kind,
    case: &CaseRow,
    organisation: &str,
    reader: Reader,
) -> ApiResult<Letter> {
    kind.available(case.status)?;
    let submission = case.submission.as_ref().ok_or(ApiError::NotFound)?;
    let timeline = cases::timeline(&state.db, case, organisation, reader).await?;
    let day = |seconds: i64| date_of(seconds).unwrap_or_else(today);
    Ok(match kind {
        Kind::Proof => {
            // The day the case reached the Belangenbehartiger: the citizen's consent.
            let since = timeline
                .iter()
                .find(|entry| entry.naar == CaseStatus::Aangemeld)
                .map(|entry| entry.tijd)
                .or(case.submitted_at)
                .map_or_else(today, day);
            letter::proof(&ProofFacts {
                reference: case.reference.clone(),
                citizen: submission.burger_naam.as_str().to_owned(),
                organisation: organisation.to_owned(),
                since,
                status: case.status,
                made_on: today(),
            })
        }
        Kind::Summary => letter::summary(&SummaryFacts {
            reference: case.reference.clone(),
            organisation: organisation.to_owned(),
            what_went_wrong: submission.wat_ging_mis.as_str().to_owned(),
            wanted_outcome: submission.gewenste_uitkomst.as_str().to_owned(),
            timeline: timeline
                .into_iter()
                .map(|entry| (day(entry.tijd), entry))
                .collect::<Vec<(Date, _)>>(),
            status: case.status,
            reader: match reader {
                Reader::Citizen => Audience::Burger,
                Reader::Helper | Reader::Staff => Audience::Hulpverlener,
            },
            made_on: today(),
        }),
    })
}

/// The PDF as a download (made on a blocking thread: it takes a few milliseconds of CPU).
async fn pdf(kind: Kind, reference: &str, letter: Letter) -> ApiResult<Response> {
    let bytes = tokio::task::spawn_blocking(move || crate::letters::render(&letter))
        .await
        .map_err(|err| ApiError::Internal(err.to_string()))?
        .map_err(|err| ApiError::Internal(err.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", kind.file_name(reference)),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/zaken/{referentie}/brieven/{soort}", tag = "zaken",
    params(("referentie" = String, Path), ("soort" = String, Path, description = "`bewijs` of `samenvatting`")),
    responses((status = 200, description = "De brief als toegankelijke PDF", content_type = "application/pdf"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn helper_letter(
    State(state): State<AppState>,
    access: Authorised<rules::MakeLetter>,
    Path((_, soort)): Path<(String, String)>,
) -> ApiResult<Response> {
    let kind = Kind::parse(&soort)?;
    let case = &access.case;
    let organisation = cases::organisation_name(&state.db, case.organisation_id).await?;
    let letter = letter_of(&state, kind, case, &organisation, Reader::Helper).await?;
    access
        .who
        .audit(&state.db, kind.action(), Some(&case.reference))
        .await?;
    pdf(kind, &case.reference, letter).await
}

#[utoipa::path(get, path = "/api/burger/brieven/{soort}", tag = "burger",
    params(("soort" = String, Path, description = "`bewijs` of `samenvatting`")),
    responses((status = 200, description = "De brief als toegankelijke PDF", content_type = "application/pdf"),
        (status = 401, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn citizen_letter(
    State(state): State<AppState>,
    who: CitizenSignedIn,
    Path(soort): Path<String>,
) -> ApiResult<Response> {
    let kind = Kind::parse(&soort)?;
    who.authorize(model::access::Resource::Letter, model::access::Act::Read)?;
    let letter = letter_of(&state, kind, &who.case, &who.organisation, Reader::Citizen).await?;
    who.audit(&state.db, kind.action(), &who.case.reference)
        .await?;
    pdf(kind, &who.case.reference, letter).await
}
