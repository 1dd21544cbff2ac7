//! Cases (ZGW: *zaken*): drafts, submitting, reading, and the staff's lifecycle steps.
//! Who may do what is `crate::access`'s: each handler names its rule in its signature
//! (`Authorised<rules::…>`), and a case that is not yours answers exactly like one that
//! does not exist.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use base64::Engine;
use model::access::{Act, Resource, Standing, ALREADY_SENT, ONLY_DRAFTS_DELETED};
use model::api::{
    CaseCreated, CaseDetail, CaseSummary, ConsentAnswered, ConsentInvitation, Message, NewText,
    Note, PaperConsent, Problem, StepRequest,
};
use model::case::CaseDraft;
use model::consent::{Besluit, LinkPurpose, Wijze, CONSENT_TEXT, PAPER_CONSENT_MESSAGES};
use model::document::DocumentSoort;
use model::feedback::{Feedback, FinalTalk, Mijlpaal, NewFeedback, NewFinalTalk};
use model::lifecycle::{Audience, CaseEvent, CaseStatus, Controle, Role};
use model::step::StepContext;
use model::Check;

use super::extract::{Authorised, SignedIn};
use super::json::{Json, Valid};
use crate::access::{self, rules, Viewer};
use crate::clock::{date_of, now, today};
use crate::crypto::new_access_code;
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::cases::{self, CaseRow};
use crate::store::messages::{self, Writer};
use crate::store::outbox::LinkMail;
use crate::store::{consent, documents, feedback, retention};
use crate::workflow::StepTexts;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/zaken", get(cases_list).post(cases_create))
        .route("/zaken/{referentie}", get(cases_show).delete(cases_delete))
        .route("/zaken/{referentie}/concept", put(cases_update_draft))
        .route("/zaken/{referentie}/indienen", post(cases_submit))
        .route("/zaken/{referentie}/stappen", post(cases_step))
        .route("/zaken/{referentie}/toestemming", post(cases_consent_link))
        .route(
            "/zaken/{referentie}/toestemming/formulier",
            post(cases_paper_consent),
        )
        .route(
            "/zaken/{referentie}/berichten",
            get(cases_messages).post(cases_message_add),
        )
        .route("/zaken/{referentie}/reactie", post(cases_feedback))
        .route("/zaken/{referentie}/contact", post(cases_contact_recorded))
        .route("/zaken/{referentie}/nieuwe-code", post(cases_new_code_link))
        .route("/zaken/{referentie}/eindgesprek", post(cases_final_talk))
        .route(
            "/zaken/{referentie}/notities",
            get(cases_notes).post(cases_note_add),
        )
}

/// `?pagina=N` of the case list (from 1).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct ListPage {
    /// The page, from 1; 50 cases a page.
    pagina: Option<u32>,
}

const NO_SUCH_PAGE: model::Text = model::Text::new(
    "Deze pagina van de lijst bestaat niet. Kies een paginanummer vanaf 1.",
    "This page of the list does not exist. Choose a page number from 1.",
);

#[utoipa::path(get, path = "/api/zaken", tag = "zaken", params(ListPage),
    responses((status = 200, description = "Een pagina van 50 zaken; `Link` wijst naar de volgende en vorige pagina", body = [CaseSummary],
        headers(("link" = String, description = "`</api/zaken?pagina=2>; rel=\"next\"`, en `rel=\"prev\"` vanaf pagina 2"))),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub(super) async fn cases_list(
    State(state): State<AppState>,
    who: SignedIn,
    page: Result<Query<ListPage>, QueryRejection>,
) -> ApiResult<Response> {
    let Ok(Query(ListPage { pagina })) = page else {
        return Err(ApiError::Invalid(vec![model::FieldError {
            field: "pagina".into(),
            message: NO_SUCH_PAGE.get().into(),
        }]));
    };
    let page = match pagina.unwrap_or(1) {
        0 => {
            return Err(ApiError::Invalid(vec![model::FieldError {
                field: "pagina".into(),
                message: NO_SUCH_PAGE.get().into(),
            }]))
        }
        page => i64::from(page),
    };
    let list = match who.viewer() {
        Viewer::Helper { organisation, .. } => {
            cases::list_for_organisation(&state.db, organisation, page).await?
        }
        Viewer::Staff { .. } => cases::list_for_staff(&state.db, page).await?,
        viewer => {
            access::check_role(viewer, Resource::Case, Act::Read)?;
            return Err(ApiError::Forbidden);
        }
    };
    who.audit(&state.db, Action::ListCases, None).await?;
    super::download::paged(list.cases, "/api/zaken", page, list.more)
}

const DRAFTS_FULL: model::Text = model::Text::new(
    "Uw organisatie heeft al 200 concepten. Verstuur eerst een concept, \
    of verwijder concepten die u niet meer nodig heeft.",
    "Your organisation already has 200 drafts. First send a draft, or delete drafts you no longer need.",
);

#[utoipa::path(post, path = "/api/zaken", tag = "zaken", request_body = CaseDraft, params(("x-csrf-token" = String, Header)),
    responses((status = 201, body = CaseCreated), (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem), (status = 413, body = Problem)))]
pub(super) async fn cases_create(
    State(state): State<AppState>,
    who: SignedIn,
    Json(draft): Json<CaseDraft>,
) -> ApiResult<(StatusCode, axum::Json<CaseCreated>)> {
    // A new draft belongs to the helper's organisation; nobody else writes drafts.
    access::check_role(who.viewer(), Resource::Draft, Act::Write)?;
    let Viewer::Helper { organisation, .. } = who.viewer() else {
        return Err(ApiError::Forbidden);
    };
    let reference = cases::create_draft(&state.db, organisation, who.account.id, &draft)
        .await?
        .ok_or(ApiError::Conflict(DRAFTS_FULL.get()))?;
    who.audit(&state.db, Action::CreateDraft, Some(&reference))
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CaseCreated {
            referentie: reference,
        }),
    ))
}

#[utoipa::path(get, path = "/api/zaken/{referentie}", tag = "zaken", params(("referentie" = String, Path, example = "BG-7KQ3-M9XP")),
    responses((status = 200, body = CaseDetail), (status = 404, description = "Bestaat niet, of u mag de zaak niet zien", body = Problem)))]
pub(super) async fn cases_show(
    State(state): State<AppState>,
    access: Authorised<rules::ShowCase>,
) -> ApiResult<axum::Json<CaseDetail>> {
    Ok(axum::Json(
        case_detail(&state, access.case, access.who.viewer(), access.standing).await?,
    ))
}

/// The case as a helper or staff member sees it (the read's audit row is the caller's).
async fn case_detail(
    state: &AppState,
    case: CaseRow,
    viewer: Viewer,
    standing: Standing,
) -> ApiResult<CaseDetail> {
    let reader = viewer.reader();
    let organisatie = cases::organisation_name(&state.db, case.organisation_id).await?;
    let mut tijdlijn = cases::timeline(&state.db, &case, &organisatie, reader).await?;
    // After withdrawal staff keep a tombstone: the states, their dates and who acted.
    let tombstone = model::access::tombstone_only(viewer.role(), case.status);
    if tombstone {
        for entry in &mut tijdlijn {
            entry.bericht.clear();
            entry.reden = None;
        }
    }
    let casemanager = match case.casemanager_id {
        Some(id) => cases::account_name(&state.db, id).await?,
        None => None,
    };
    // Notes and feedback: for whoever may read them (staff), never sent to anyone else.
    let notities = match access::authorize(viewer, standing, Resource::Note, Act::Read, &case) {
        Ok(()) => Some(messages::notes(&state.db, case.id).await?),
        Err(_) => None,
    };
    let reacties = match access::authorize(viewer, standing, Resource::Feedback, Act::Read, &case) {
        Ok(()) => Some(feedback::all(&state.db, case.id).await?),
        Err(_) => None,
    };
    // How the eindgesprek went: internal, like the notes.
    let eindgesprek = match notities.is_some() {
        true => feedback::final_talk(&state.db, case.id).await?,
        false => None,
    };
    // What the helper is asked at this milestone, until their side answered.
    let reactie_gevraagd = match viewer.role() {
        Role::Hulpverlener => {
            feedback::asked(&state.db, case.id, case.status, Role::Hulpverlener).await?
        }
        _ => None,
    };
    let (concept, ingediend) = if tombstone {
        (CaseDraft::default(), None)
    } else {
        (case.draft, case.submission)
    };
    let bewaren_tot = match case.status.is_end() {
        true => retention::action_at(&state.db, case.id).await?,
        false => None,
    };
    let mut uitleg = case.status.explain(Audience::Hulpverlener);
    uitleg.verwacht = state.expected.text_for(&state.db, case.status).await;
    let (outcome, talk) = model::api::outcome_of(&tijdlijn);
    uitleg.uitkomst = case.status.outcome_line(outcome, talk);
    Ok(CaseDetail {
        uitleg,
        referentie: case.reference,
        status: case.status,
        concept,
        ingediend,
        tijdlijn,
        aangemaakt: case.created_at,
        bijgewerkt: case.updated_at,
        ingediend_op: case.submitted_at,
        organisatie,
        casemanager,
        mediaan_doorlooptijd_dagen: cases::median_closed_days(&state.db).await?,
        bewaren_tot,
        uitleg_artikelen: state.library.for_state(case.status.key(), false),
        notities,
        reacties,
        reactie_gevraagd,
        eindgesprek,
        alleen_inzien: standing == Standing::BrokeGlass,
    })
}

/// After a step: the case as it is now, read (and logged as read) by who took the step.
async fn detail_after_step(
    state: &AppState,
    who: &SignedIn,
    case: &CaseRow,
) -> ApiResult<axum::Json<CaseDetail>> {
    let (id, viewer) = (case.id, who.viewer());
    // Where the viewer stands may have changed with the step (taking the case on).
    let (now, standing) = state
        .db
        .run(move |conn| {
            let Some(now) = cases::by_id_in(conn, id)? else {
                return Ok(None);
            };
            let standing = access::standing_in(conn, viewer, &now)?;
            Ok(Some((now, standing)))
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    access::authorize(viewer, standing, Resource::Case, Act::Read, &now)?;
    who.audit(&state.db, Action::ReadCase, Some(&now.reference))
        .await?;
    Ok(axum::Json(case_detail(state, now, viewer, standing).await?))
}

#[utoipa::path(put, path = "/api/zaken/{referentie}/concept", tag = "zaken", request_body = CaseDraft, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Bewaard"), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn cases_update_draft(
    State(state): State<AppState>,
    access: Authorised<rules::ChangeDraft>,
    Json(draft): Json<CaseDraft>,
) -> ApiResult<StatusCode> {
    if !cases::update_draft(&state.db, access.case.id, &draft).await? {
        // Sent meanwhile: the policy's own words for a draft that is no longer one.
        return Err(ApiError::Conflict(ALREADY_SENT.get()));
    }
    access.audit_done(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/zaken/{referentie}", tag = "zaken", params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Concept verwijderd"), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn cases_delete(
    State(state): State<AppState>,
    access: Authorised<rules::DeleteDraft>,
) -> ApiResult<StatusCode> {
    let Some(files) = cases::delete_draft(&state.db, access.case.id).await? else {
        return Err(ApiError::Conflict(ONLY_DRAFTS_DELETED.get()));
    };
    // After the commit: a file left by a crash here is the sweep's (`jobs`).
    for id in files {
        state.documents.remove(&id).await;
    }
    access.audit_done(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/indienen", tag = "zaken", params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, description = "Verstuurd; wacht op toestemming", body = CaseDetail), (status = 422, description = "Een bericht per fout veld", body = Problem), (status = 409, body = Problem)))]
pub(super) async fn cases_submit(
    State(state): State<AppState>,
    access: Authorised<rules::Submit>,
) -> ApiResult<axum::Json<CaseDetail>> {
    let Authorised { case, who, .. } = access;
    // The state first: a case already sent answers "already sent", not "fields missing".
    case.status
        .apply(CaseEvent::Indienen, who.role())
        .map_err(|err| ApiError::Conflict(err.message()))?;
    let submission = case.draft.check(today()).map_err(ApiError::Invalid)?;
    state
        .workflow
        .run(
            &case,
            CaseEvent::Indienen,
            who.actor(),
            StepTexts::OfNextState,
            Some(&submission),
        )
        .await?;
    detail_after_step(&state, &who, &case).await
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/stappen", tag = "zaken", request_body = StepRequest, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, description = "De zaak na de stap", body = CaseDetail),
        (status = 204, description = "Gezet; de zaak is nu niet meer voor u te zien (een afgekeurd formulier: de zaak wacht weer op toestemming)"),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_step(
    State(state): State<AppState>,
    access: Authorised<rules::TakeStep>,
    Json(request): Json<StepRequest>,
) -> ApiResult<Response> {
    let Authorised { case, who, .. } = access;
    let context = StepContext {
        today: today(),
        case_created: date_of(case.created_at)
            .ok_or_else(|| ApiError::Internal("case made outside the calendar".into()))?,
    };
    let step = request.check(context).map_err(ApiError::Invalid)?;
    let refused_form = step.event == CaseEvent::ToestemmingAfkeuren
        && case.status == CaseStatus::ToestemmingControleren(Controle::Formulier);
    let case_id = case.id;
    state
        .workflow
        .run_with(
            &case,
            step.event,
            who.actor(),
            StepTexts::Checked(&step),
            None,
            move |conn| {
                if refused_form {
                    consent::forget_refused_form_in(conn, case_id)?;
                }
                Ok(())
            },
        )
        .await?;
    match detail_after_step(&state, &who, &case).await {
        Ok(detail) => Ok(detail.into_response()),
        // The step took the case out of the staff's sight: done, nothing more to show.
        Err(ApiError::NotFound) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(other) => Err(other),
    }
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/toestemming", tag = "zaken", params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Een nieuwe link voor de burger, ook gemaild als de burger een e-mailadres gaf; oudere links werken niet meer", body = ConsentInvitation), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn cases_consent_link(
    State(state): State<AppState>,
    access: Authorised<rules::MakeConsentLink>,
) -> ApiResult<(StatusCode, axum::Json<ConsentInvitation>)> {
    let case = &access.case;
    let submitted = case
        .submitted_at
        .ok_or_else(|| ApiError::Internal("a case waiting for consent was never sent".into()))?;
    // The link works until the case would lapse, not longer.
    let expires_at = submitted + CaseStatus::CONSENT_DAYS * 24 * 3600;
    if now() > expires_at {
        return Err(ApiError::Conflict(
            model::lang::tr("De 30 dagen om toestemming te geven zijn voorbij. Maak samen met de burger een nieuwe zaak.", "The 30 days to give consent have passed. Make a new case together with the citizen."),
        ));
    }
    let made = one_time_link(
        &state,
        case,
        access.who.account.id,
        LinkPurpose::Consent,
        expires_at,
    )
    .await?;
    access.audit_done(&state.db).await?;
    Ok((StatusCode::CREATED, axum::Json(made)))
}

/// How long a link for a new personal code works.
const NEW_CODE_LINK_DAYS: i64 = 7;

#[utoipa::path(post, path = "/api/zaken/{referentie}/nieuwe-code", tag = "zaken", params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Een link waarmee de burger een nieuwe persoonlijke code maakt (7 dagen geldig, ook gemaild als de burger een e-mailadres gaf); oudere links werken niet meer", body = ConsentInvitation), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn cases_new_code_link(
    State(state): State<AppState>,
    access: Authorised<rules::MakeNewCodeLink>,
) -> ApiResult<(StatusCode, axum::Json<ConsentInvitation>)> {
    let expires_at = now() + NEW_CODE_LINK_DAYS * 24 * 3600;
    let case = &access.case;
    let made = one_time_link(
        &state,
        case,
        access.who.account.id,
        LinkPurpose::NewCode,
        expires_at,
    )
    .await?;
    access.audit_done(&state.db).await?;
    Ok((StatusCode::CREATED, axum::Json(made)))
}

/// A one-time link for the citizen, as a link, a QR code and the code itself; mailed to the
/// citizen's own address when they left one (never the personal code: that is shown once,
/// on the citizen's own screen).
async fn one_time_link(
    state: &AppState,
    case: &CaseRow,
    made_by: i64,
    purpose: LinkPurpose,
    expires_at: i64,
) -> ApiResult<ConsentInvitation> {
    let geldig_tot =
        date_of(expires_at).ok_or_else(|| ApiError::Internal("expiry date out of range".into()))?;
    let mail = match case
        .submission
        .as_ref()
        .and_then(|s| s.burger_email.as_ref())
    {
        Some(address) => Some(LinkMail {
            address: address.as_str().to_owned(),
            organisation: cases::organisation_name(&state.db, case.organisation_id).await?,
            public_url: state.public_url.to_string(),
            until: geldig_tot,
        }),
        None => None,
    };
    let gemaild = mail.is_some();
    let code = consent::create_invitation(
        &state.db,
        (case.id, case.reference.clone()),
        purpose,
        made_by,
        expires_at,
        mail,
    )
    .await?;
    // The code goes after `#`: browsers never send that part to a server, so it stays out
    // of every access log and proxy on the way.
    let page = match purpose {
        LinkPurpose::Consent => "toestemming",
        LinkPurpose::NewCode => "status/nieuwe-code",
    };
    let link = format!("{}/{page}#{}", state.public_url, code.as_str());
    let qr = qrcode::QrCode::new(link.as_bytes())
        .map_err(|err| ApiError::Internal(format!("qr code: {err}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build();
    Ok(ConsentInvitation {
        code: code.as_str().to_owned(),
        link,
        qr_svg: format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(qr)
        ),
        geldig_tot,
        gemaild,
    })
}

#[utoipa::path(get, path = "/api/zaken/{referentie}/berichten", tag = "zaken", params(("referentie" = String, Path)),
    responses((status = 200, description = "Berichten tussen hulpverlener en Belangenbehartiger; wat de ander schreef, is daarna gelezen", body = [Message]), (status = 404, body = Problem)))]
pub(super) async fn cases_messages(
    State(state): State<AppState>,
    access: Authorised<rules::ReadMessages>,
) -> ApiResult<axum::Json<Vec<Message>>> {
    let case = &access.case;
    let organisation = cases::organisation_name(&state.db, case.organisation_id).await?;
    Ok(axum::Json(
        messages::messages(&state.db, case, &organisation, access.viewer().reader()).await?,
    ))
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/berichten", tag = "zaken", request_body = NewText, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Verstuurd", body = [Message]), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_message_add(
    State(state): State<AppState>,
    access: Authorised<rules::WriteMessage>,
    Json(input): Json<NewText>,
) -> ApiResult<(StatusCode, axum::Json<Vec<Message>>)> {
    let case = &access.case;
    let viewer = access.viewer();
    // Access before the body: a message for the citizen is a part of its own.
    if input.voor_burger {
        access::authorize(
            viewer,
            access.standing,
            Resource::CitizenMessage,
            Act::Write,
            case,
        )?;
    }
    let text = input.check().map_err(ApiError::Invalid)?;
    let account = access.who.account.id;
    let writer = match access.who.role() {
        Role::Behandelaar => Writer::Staff {
            account,
            for_citizen: text.voor_burger,
        },
        _ => Writer::Helper { account },
    };
    let added = messages::add_message(&state.db, case, writer, text.tekst.as_str()).await?;
    if !added {
        return Err(ApiError::Conflict(MESSAGES_FULL.get()));
    }
    access.audit_done(&state.db).await?;
    let organisation = cases::organisation_name(&state.db, case.organisation_id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(messages::messages(&state.db, case, &organisation, viewer.reader()).await?),
    ))
}

const MESSAGES_FULL: model::Text = model::Text::new(
    "Bij deze zaak staan al 500 berichten. Er kunnen er geen meer bij. \
    Zet wat u nog wilt zeggen in een document bij de zaak.",
    "This case already has 500 messages. No more can be added. Put what you still want to say in a document with the case.",
);
const NOTES_FULL: model::Text = model::Text::new(
    "Bij deze zaak staan al 500 notities. Er kunnen er geen meer bij. \
    Zet wat u nog wilt vastleggen in een document bij de zaak.",
    "This case already has 500 notes. No more can be added. Put what you still want to record in a document with the case.",
);

#[utoipa::path(get, path = "/api/zaken/{referentie}/notities", tag = "zaken", params(("referentie" = String, Path)),
    responses((status = 200, description = "Interne notities: alleen voor de Belangenbehartiger", body = [Note]), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub(super) async fn cases_notes(
    State(state): State<AppState>,
    access: Authorised<rules::ReadNotes>,
) -> ApiResult<axum::Json<Vec<Note>>> {
    Ok(axum::Json(
        messages::notes(&state.db, access.case.id).await?,
    ))
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/notities", tag = "zaken", request_body = NewText, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, body = [Note]), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_note_add(
    State(state): State<AppState>,
    access: Authorised<rules::WriteNote>,
    Valid(text): Valid<NewText>,
) -> ApiResult<(StatusCode, axum::Json<Vec<Note>>)> {
    let case = &access.case;
    let added = messages::add_note(
        &state.db,
        case.id,
        access.who.account.id,
        text.tekst.as_str(),
    )
    .await?;
    if !added {
        return Err(ApiError::Conflict(NOTES_FULL.get()));
    }
    access.audit_done(&state.db).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(messages::notes(&state.db, case.id).await?),
    ))
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/reactie", tag = "zaken", request_body = NewFeedback, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Ontvangen; de Belangenbehartiger leest het"), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_feedback(
    State(state): State<AppState>,
    access: Authorised<rules::GiveFeedback>,
    Valid(given): Valid<NewFeedback>,
) -> ApiResult<StatusCode> {
    let case = &access.case;
    // The policy allowed it, so the case is at a milestone.
    let milestone = Mijlpaal::of(case.status).ok_or(ApiError::Conflict(FEEDBACK_GIVEN.get()))?;
    let account = Some(access.who.account.id);
    if !feedback::add(
        &state.db,
        case.id,
        milestone,
        Role::Hulpverlener,
        account,
        given,
    )
    .await?
    {
        return Err(ApiError::Conflict(FEEDBACK_GIVEN.get()));
    }
    access.audit_done(&state.db).await?;
    Ok(StatusCode::NO_CONTENT)
}

const NOT_AT_FINAL_TALK: model::Text = model::Text::new(
    "Het eindgesprek legt u vast als de zaak in de stap Eindgesprek staat.",
    "You record the final talk when the case is at the step Final talk.",
);

#[utoipa::path(post, path = "/api/zaken/{referentie}/eindgesprek", tag = "zaken", request_body = NewFinalTalk, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Vastgelegd hoe het eindgesprek ging", body = FinalTalk), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_final_talk(
    State(state): State<AppState>,
    access: Authorised<rules::RecordFinalTalk>,
    Valid(talk): Valid<NewFinalTalk>,
) -> ApiResult<(StatusCode, axum::Json<FinalTalk>)> {
    let case = &access.case;
    if case.status != CaseStatus::Eindgesprek {
        return Err(ApiError::Conflict(NOT_AT_FINAL_TALK.get()));
    }
    feedback::record_final_talk(&state.db, case.id, access.who.account.id, talk).await?;
    access.audit_done(&state.db).await?;
    let recorded = feedback::final_talk(&state.db, case.id)
        .await?
        .ok_or_else(|| ApiError::Internal("the eindgesprek just recorded is gone".into()))?;
    Ok((StatusCode::CREATED, axum::Json(recorded)))
}

pub(super) const FEEDBACK_GIVEN: model::Text = model::Text::new(
    "U gaf uw reactie op deze stap al. Dank u wel. Bij de volgende stap vragen we het opnieuw.",
    "You already gave your response to this step. Thank you. At the next step we ask again.",
);
const NO_CONTACT_ASKED: model::Text = model::Text::new(
    "Niemand vroeg bij deze zaak om contact. Er is niets vast te leggen.",
    "Nobody asked for contact on this case. There is nothing to record.",
);

#[utoipa::path(post, path = "/api/zaken/{referentie}/contact", tag = "zaken", request_body = NewText, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Contact vastgelegd; de vlag 'contact gevraagd' is weg", body = [Feedback]), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_contact_recorded(
    State(state): State<AppState>,
    access: Authorised<rules::RecordContact>,
    Valid(text): Valid<NewText>,
) -> ApiResult<(StatusCode, axum::Json<Vec<Feedback>>)> {
    let case = &access.case;
    let account = access.who.account.id;
    if !feedback::record_contact(&state.db, case.id, account, text.tekst.as_str()).await? {
        return Err(ApiError::Conflict(NO_CONTACT_ASKED.get()));
    }
    access.audit_done(&state.db).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(feedback::all(&state.db, case.id).await?),
    ))
}

#[utoipa::path(post, path = "/api/zaken/{referentie}/toestemming/formulier", tag = "zaken", request_body = PaperConsent, params(("referentie" = String, Path), ("x-csrf-token" = String, Header)),
    responses((status = 200, description = "Toestemming vastgelegd; de persoonlijke code voor de burger (eenmalig)", body = ConsentAnswered), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn cases_paper_consent(
    State(state): State<AppState>,
    access: Authorised<rules::RecordPaperConsent>,
    Json(input): Json<PaperConsent>,
) -> ApiResult<axum::Json<ConsentAnswered>> {
    let Authorised { case, who, .. } = access;
    let form = documents::by_id(&state.db, &input.document)
        .await?
        .filter(|d| d.case_id == case.id && d.kind == Some(DocumentSoort::Toestemmingsformulier))
        .ok_or_else(|| {
            ApiError::Invalid(vec![model::FieldError {
                field: "document".into(),
                message: model::lang::tr("Voeg eerst het getekende toestemmingsformulier toe aan de zaak. Kies bij het soort document: Getekend toestemmingsformulier.", "First add the signed consent form to the case. For the kind of document, choose: Signed consent form.").into(),
            }])
        })?;
    let (code, hash) = new_access_code().await?;
    let (message_helper, message_citizen) = PAPER_CONSENT_MESSAGES;
    // The citizen gave it on paper; the helper adds the form, and a staff member checks it
    // before the case is aangemeld (four-eyes: staff, never the helper who added it).
    let case_id = case.id;
    state
        .workflow
        .run_with(
            &case,
            CaseEvent::FormulierToevoegen,
            who.actor(),
            StepTexts::Given(message_helper.nl, message_citizen.nl),
            None,
            move |conn| {
                consent::record_decision(
                    conn,
                    case_id,
                    Besluit::Gegeven,
                    &CONSENT_TEXT,
                    Wijze::GetekendFormulier,
                )?;
                consent::set_access_code(conn, case_id, &hash)?;
                Ok(())
            },
        )
        .await?;
    tracing::debug!(document = %form.id, "paper consent recorded");
    Ok(axum::Json(ConsentAnswered {
        referentie: case.reference,
        besluit: Besluit::Gegeven,
        toegangscode: Some(code.as_str().to_owned()),
    }))
}
