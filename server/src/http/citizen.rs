//! The citizen's side, without an account: consent through a one-time link
//! (`/api/toestemming/*`), then the status of their own case with the reference and the
//! personal access code they got (`/api/burger/*`). Every read is audit-logged as `burger`.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use model::access::{Act, Resource};
use model::api::{
    CheckedCitizenSignIn, CheckedConsentCheck, CitizenCase, CitizenSignIn, ConsentAnswered,
    ConsentCheck, ConsentDecision, ConsentDispute, ConsentDisputed, ConsentRequest, Message,
    NewAccessCode, NewCitizenMessage, Problem,
};
use model::case::Submission;
use model::consent::{consent_text, consent_text_of, Besluit, LinkPurpose, Wijze};
use model::feedback::{Mijlpaal, NewFeedback};
use model::lifecycle::{Audience, CaseEvent, CaseStatus, Role};
use model::Check;
use model::Text;

use super::cases::FEEDBACK_GIVEN;
use super::extract::{self, AccountHere, CitizenCookie, CitizenSignedIn, ClientAddress};
use super::json::{require_json, Json, Valid};
use crate::access::Viewer;
use crate::clock::now;
use crate::crypto::{self, new_access_code};
use crate::error::{ApiError, ApiResult};
use crate::store::accounts::{self, Sessions};
use crate::store::attempts::{self, Reservation};
use crate::store::audit::{Action, Entry};
use crate::store::cases::{self, CaseRow, Reader};
use crate::store::consent::{self, Invitation};
use crate::store::feedback;
use crate::store::messages::{self, Writer};
use crate::store::outbox;
use crate::workflow::{Actor, StepTexts, WorkflowError};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/toestemming/controleren", post(consent_check))
        .route("/toestemming/besluit", post(consent_decide))
        .route("/toestemming/niet-ik", post(consent_dispute))
        .route(
            "/burger/sessie",
            axum::routing::get(citizen_session)
                .post(citizen_sign_in)
                .delete(citizen_sign_out),
        )
        .route("/burger/zaak", axum::routing::get(citizen_case))
        .route("/burger/intrekken", post(citizen_withdraw))
        .route("/burger/reactie", post(citizen_feedback))
        .route("/burger/berichten", post(citizen_message_add))
        .route("/burger/nieuwe-code", post(citizen_new_code))
}

const NO_MATCH: Text = Text::new(
    "De code en de geboortedatum horen niet bij elkaar. Controleer uw geboortedatum. \
    Lukt het nog steeds niet? Vraag uw hulpverlener om een nieuwe link.",
    "The code and the date of birth do not belong together. Check your date of birth. Still not working? Ask your social worker for a new link.",
);
const LINK_LOCKED: Text = Text::new(
    "Er is te vaak een verkeerde geboortedatum ingevuld. Daarom werkt deze link niet meer. \
    Vraag uw hulpverlener om een nieuwe link.",
    "A wrong date of birth was filled in too often. So this link no longer works. Ask your social worker for a new link.",
);
const LINK_USED: Text = Text::new(
    "U heeft al geantwoord met deze link. Wilt u iets veranderen? Vraag het uw hulpverlener.",
    "You already answered with this link. Do you want to change something? Ask your social worker.",
);
const LINK_REPLACED: Text = Text::new(
    "Uw hulpverlener heeft een nieuwere link gemaakt. Deze link werkt daarom niet meer. \
    Gebruik de nieuwste link.",
    "Your social worker made a newer link. So this link no longer works. Use the newest link.",
);
const LINK_EXPIRED: Text = Text::new(
    "Deze link is verlopen. U kon 30 dagen antwoorden. Vraag uw hulpverlener wat u nu kunt doen.",
    "This link has expired. You could answer for 30 days. Ask your social worker what you can do now.",
);
const NOT_WAITING: Text = Text::new(
    "Deze zaak wacht niet meer op uw antwoord. Vraag uw hulpverlener hoe het nu verder gaat.",
    "This case is no longer waiting for your answer. Ask your social worker how things go on now.",
);
const WRONG_ACCESS_CODE: Text = Text::new(
    "Het zaaknummer of de code klopt niet. Controleer ze en probeer het opnieuw.",
    "The case number or the code is not right. Check them and try again.",
);
const ACCESS_LOCKED: Text = Text::new(
    "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het dan opnieuw. Na elke \
    nieuwe fout duurt het wachten langer. Bent u de code kwijt? Vraag uw hulpverlener om hulp.",
    "You filled in a wrong code too often. Wait a moment and then try again. After each new mistake the wait is longer. Lost the code? Ask your social worker for help.",
);
const ADDRESS_LOCKED: Text = Text::new(
    "Er is vanaf deze verbinding te vaak een verkeerde code of geboortedatum ingevuld. Wacht even \
    en probeer het dan opnieuw. Klopt de link niet? Vraag uw hulpverlener om een nieuwe.",
    "A wrong code or date of birth was filled in too often from this connection. Wait a moment and then try again. Is the link not right? Ask your social worker for a new one.",
);
const STAND_IN: Text = Text::new(
    "In deze browser is een hulpverlener of medewerker ingelogd. Toestemming geeft de burger \
    zelf, op een eigen telefoon of computer. Geef de link aan de burger. Of gebruik het \
    toestemmingsformulier op papier.",
    "A social worker or staff member is signed in in this browser. The citizen gives consent themselves, on their own phone or computer. Give the link to the citizen. Or use the consent form on paper.",
);
const TEXT_CHANGED: Text = Text::new(
    "De uitleg over toestemming is net veranderd. Laad de pagina opnieuw en lees de nieuwe uitleg.",
    "The explanation about consent has just changed. Load the page again and read the new explanation.",
);

/// The link's code and the date of birth together open the link. Wrong input never tells
/// which half was wrong; only with the right date of birth do the callers say that the link
/// itself was used, replaced or expired.
async fn open_link(
    state: &AppState,
    from: &ClientAddress,
    input: &CheckedConsentCheck,
    purpose: LinkPurpose,
) -> ApiResult<(Invitation, CaseRow, Submission)> {
    let birth_date = input.geboortedatum;
    // Per client address first: a wrong code names no link to count on.
    if let Reservation::Refused { retry_after } =
        attempts::reserve_address(&state.db, "toestemming", &from.0).await?
    {
        return Err(ApiError::Locked(ADDRESS_LOCKED.get(), retry_after));
    }
    let invitation = consent::invitation_by_code(&state.db, &input.code, purpose)
        .await?
        .ok_or(ApiError::NoMatch(NO_MATCH.get()))?;
    // Counted before it is compared, so parallel guesses cannot all be compared.
    if !consent::reserve_birth_date_guess(&state.db, invitation.id).await? {
        return Err(ApiError::Locked(LINK_LOCKED.get(), 0));
    }
    let case = cases::by_id(&state.db, invitation.case_id)
        .await?
        .ok_or(ApiError::NoMatch(NO_MATCH.get()))?;
    let submission = case
        .submission
        .clone()
        .ok_or_else(|| ApiError::Internal("a link for an unsent case".into()))?;
    if submission.burger_geboortedatum != birth_date {
        return Err(ApiError::NoMatch(NO_MATCH.get()));
    }
    consent::release_birth_date_guess(&state.db, invitation.id).await?;
    attempts::give_back_address(&state.db, "toestemming", &from.0).await?;
    Ok((invitation, case, submission))
}

/// A link works once, until a newer one replaces it or it expires; each with its own
/// sentence (used, replaced, expired).
fn still_works(link: &Invitation, [used, replaced, expired]: [&'static str; 3]) -> ApiResult<()> {
    if link.used {
        return Err(ApiError::Gone(used));
    }
    if link.revoked {
        return Err(ApiError::Gone(replaced));
    }
    if now() > link.expires_at {
        return Err(ApiError::Gone(expired));
    }
    Ok(())
}

/// The consent request behind a link: only while the link is fresh and the case waits.
async fn open_invitation(
    state: &AppState,
    from: &ClientAddress,
    input: &CheckedConsentCheck,
) -> ApiResult<(Invitation, CaseRow, Submission)> {
    let (invitation, case, submission) =
        open_link(state, from, input, LinkPurpose::Consent).await?;
    still_works(
        &invitation,
        [LINK_USED.get(), LINK_REPLACED.get(), LINK_EXPIRED.get()],
    )?;
    if case.status != CaseStatus::WachtOpToestemming {
        return Err(ApiError::Gone(NOT_WAITING.get()));
    }
    Ok((invitation, case, submission))
}

const CODE_LINK_USED: Text = Text::new(
    "Met deze link is al een nieuwe code gemaakt. Bent u die ook kwijt? \
    Vraag uw hulpverlener om een nieuwe link.",
    "A new code was already made with this link. Lost that one too? Ask your social worker for a new link.",
);
const CODE_LINK_REPLACED: Text = Text::new(
    "Uw hulpverlener heeft een nieuwere link gemaakt. Deze link \
    werkt daarom niet meer. Gebruik de nieuwste link.",
    "Your social worker made a newer link. So this link no longer works. Use the newest link.",
);
const CODE_LINK_EXPIRED: Text = Text::new(
    "Deze link is verlopen. Hij werkte 7 dagen. Vraag uw \
    hulpverlener om een nieuwe link.",
    "This link has expired. It worked for 7 days. Ask your social worker for a new link.",
);
const NO_CODE_NOW: Text = Text::new(
    "Voor deze zaak kunt u nu geen nieuwe code maken. Vraag uw \
    hulpverlener wat u kunt doen.",
    "You cannot make a new code for this case now. Ask your social worker what you can do.",
);

#[utoipa::path(post, path = "/api/burger/nieuwe-code", tag = "burger", request_body = ConsentCheck,
    responses((status = 201, description = "Een nieuwe persoonlijke code (eenmalig getoond); de oude werkt niet meer. De burger is ingelogd (cookie bg_burger)", body = NewAccessCode),
        (status = 401, description = "Code en geboortedatum horen niet bij elkaar", body = Problem),
        (status = 409, description = "In deze browser is een hulpverlener of medewerker ingelogd", body = Problem),
        (status = 410, description = "Link gebruikt, vervangen of verlopen", body = Problem),
        (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn citizen_new_code(
    State(state): State<AppState>,
    from: ClientAddress,
    here: AccountHere,
    headers: HeaderMap,
    Valid(input): Valid<ConsentCheck>,
) -> ApiResult<Response> {
    require_json(&headers)?;
    // As with consent: the citizen does this on their own phone, not in a helper's browser.
    if here.0 {
        return Err(ApiError::Conflict(STAND_IN.get()));
    }
    let (link, case, _) = open_link(&state, &from, &input, LinkPurpose::NewCode).await?;
    still_works(
        &link,
        [
            CODE_LINK_USED.get(),
            CODE_LINK_REPLACED.get(),
            CODE_LINK_EXPIRED.get(),
        ],
    )?;
    if !case.status.citizen_has_code() {
        return Err(ApiError::Gone(NO_CODE_NOW.get()));
    }
    // Hash before the transaction: argon2 takes a while, and SQLite holds its write lock.
    let (code, hash) = new_access_code().await?;
    let (case_id, link_id) = (case.id, link.id);
    let replaced = state
        .db
        .transaction(move |conn| {
            if !consent::use_invitation(conn, link_id)? {
                return Ok::<_, crate::store::StoreError>(false);
            }
            consent::replace_access_code(conn, case_id, &hash)?;
            Ok(true)
        })
        .await?;
    if !replaced {
        return Err(ApiError::Gone(CODE_LINK_USED.get()));
    }
    let session = sign_citizen_in(&state, &case).await?;
    extract::audit_in_session(
        &state.db,
        Viewer::Citizen { case: case.id },
        Some(session.reference),
        Action::AccessCodeReplaced,
        Some(&case.reference),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, session.cookie)],
        axum::Json(NewAccessCode {
            referentie: case.reference,
            toegangscode: code.as_str().to_owned(),
        }),
    )
        .into_response())
}

#[utoipa::path(post, path = "/api/toestemming/controleren", tag = "burger", request_body = ConsentCheck,
    responses((status = 200, description = "De vraag om toestemming", body = ConsentRequest),
        (status = 401, description = "Code en geboortedatum horen niet bij elkaar", body = Problem),
        (status = 410, description = "Link gebruikt, vervangen of verlopen", body = Problem),
        (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn consent_check(
    State(state): State<AppState>,
    from: ClientAddress,
    here: AccountHere,
    headers: HeaderMap,
    Valid(input): Valid<ConsentCheck>,
) -> ApiResult<axum::Json<ConsentRequest>> {
    require_json(&headers)?;
    if here.0 {
        return Err(ApiError::Conflict(STAND_IN.get()));
    }
    let (_, case, submission) = open_invitation(&state, &from, &input).await?;
    extract::audit(
        &state.db,
        Viewer::Citizen { case: case.id },
        Action::ConsentRequestRead,
        Some(&case.reference),
    )
    .await?;
    Ok(axum::Json(ConsentRequest {
        organisatie: cases::organisation_name(&state.db, case.organisation_id).await?,
        referentie: case.reference,
        dienst: submission.dienst,
        onderwerpen: submission.onderwerpen,
        termijn: submission.termijn_einddatum,
        pauzeknop_gevraagd: submission.pauzeknop_gevraagd,
        // The text in the language the citizen reads the page in.
        versie: consent_text(model::lang::current()).version.to_owned(),
    }))
}

#[utoipa::path(post, path = "/api/toestemming/besluit", tag = "burger", request_body = ConsentDecision,
    responses((status = 200, description = "Antwoord vastgelegd; bij toestemming de persoonlijke code (eenmalig), en de burger is ingelogd (cookie bg_burger) om meteen de zaak te zien", body = ConsentAnswered),
        (status = 401, body = Problem), (status = 409, body = Problem), (status = 410, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn consent_decide(
    State(state): State<AppState>,
    from: ClientAddress,
    here: AccountHere,
    headers: HeaderMap,
    Valid(input): Valid<ConsentDecision>,
) -> ApiResult<Response> {
    require_json(&headers)?;
    if here.0 {
        return Err(ApiError::Conflict(STAND_IN.get()));
    }
    let (invitation, case, submission) = open_invitation(&state, &from, &input.check).await?;
    // The answer counts only for the text the citizen read.
    let Some(text) = consent_text_of(&input.versie) else {
        return Err(ApiError::Conflict(TEXT_CHANGED.get()));
    };
    let event = match input.besluit {
        Besluit::Gegeven => CaseEvent::ToestemmingGegeven,
        Besluit::Geweigerd => CaseEvent::ToestemmingGeweigerd,
    };
    case.status
        .apply(event, Role::Burger)
        .map_err(|err| ApiError::Conflict(err.message()))?;
    // Hash before the transaction: argon2 takes a while, and SQLite holds its write lock.
    let access = match input.besluit {
        Besluit::Gegeven => Some(new_access_code().await?),
        Besluit::Geweigerd => None,
    };
    let (case_id, invitation_id, besluit) = (case.id, invitation.id, input.besluit);
    let access_hash = access.as_ref().map(|(_, hash)| hash.clone());
    // Consent is confirmed to the citizen's own address, with a way to say it was not them.
    let confirm_to = match besluit {
        Besluit::Gegeven => submission.burger_email.map(|e| e.as_str().to_owned()),
        Besluit::Geweigerd => None,
    };
    let (reference, public_url) = (case.reference.clone(), state.public_url.clone());
    state
        .workflow
        .run_with(
            &case,
            event,
            Actor::citizen(),
            StepTexts::OfEvent,
            None,
            move |conn| {
                if !consent::use_invitation(conn, invitation_id)? {
                    return Err(WorkflowError::LinkUsed);
                }
                consent::record_decision(conn, case_id, besluit, text, Wijze::EigenApparaat)?;
                if let Some(hash) = &access_hash {
                    consent::set_access_code(conn, case_id, hash)?;
                }
                if let Some(address) = &confirm_to {
                    let until = now() + CaseStatus::CONSENT_DAYS * 86_400;
                    let code = consent::offer_dispute_in(conn, case_id, until)?;
                    outbox::mail_consent_confirmation_in(
                        conn,
                        &reference,
                        address,
                        &code,
                        &public_url,
                        text.lang,
                    )?;
                }
                Ok(())
            },
        )
        .await
        .map_err(|err| match err {
            WorkflowError::ChangedMeanwhile => ApiError::Gone(NOT_WAITING.get()),
            WorkflowError::LinkUsed => ApiError::Gone(LINK_USED.get()),
            other => other.into(),
        })?;
    let answered = axum::Json(ConsentAnswered {
        referentie: case.reference.clone(),
        besluit: input.besluit,
        toegangscode: access.map(|(code, _)| code.as_str().to_owned()),
    });
    if input.besluit == Besluit::Geweigerd {
        return Ok(answered.into_response());
    }
    // Whoever just proved the link and the date of birth goes on to the case signed in: the
    // code screen's "Naar uw zaak" opens the case, not an empty sign-in form.
    let session = sign_citizen_in(&state, &case).await?;
    Ok(([(header::SET_COOKIE, session.cookie)], answered).into_response())
}

/// A citizen session just made: the cookie to set, its CSRF token, its reference for audit
/// rows.
struct NewCitizenSession {
    cookie: String,
    csrf: String,
    reference: String,
}

/// A new citizen session on `case`, audited as a sign-in.
async fn sign_citizen_in(state: &AppState, case: &CaseRow) -> ApiResult<NewCitizenSession> {
    let token = crypto::random_token(32)?;
    let csrf = crypto::random_token(32)?;
    let token_hash = crypto::secret_hash(&token);
    consent::create_citizen_session(&state.db, &token_hash, case.id, &csrf).await?;
    let reference = crypto::session_ref(&token_hash);
    extract::audit_in_session(
        &state.db,
        Viewer::Citizen { case: case.id },
        Some(reference.clone()),
        Action::SignIn,
        Some(&case.reference),
    )
    .await?;
    Ok(NewCitizenSession {
        cookie: extract::citizen_cookie(Some(&token), state.cookies),
        csrf,
        reference,
    })
}

const DISPUTE_NO_MATCH: Text = Text::new(
    "Deze code kennen we niet. Kopieer de hele link uit de e-mail en open hem opnieuw.",
    "We do not know this code. Copy the whole link from the e-mail and open it again.",
);
const DISPUTE_USED: Text = Text::new(
    "U heeft dit al gemeld. De Belangenbehartiger zoekt uit wat er is gebeurd. U hoeft niets meer te doen.",
    "You already reported this. The Belangenbehartiger is finding out what happened. You do not need to do anything more.",
);
const DISPUTE_EXPIRED: Text = Text::new(
    "Deze link is verlopen. Hij werkte 30 dagen. Wilt u toch melden \
    dat u geen toestemming gaf? Vraag dan een hulpverlener die u vertrouwt om het door te geven \
    aan de Belangenbehartiger.",
    "This link has expired. It worked for 30 days. Do you still want to report that you did not give consent? Then ask a social worker you trust to pass it on to the Belangenbehartiger.",
);
const DISPUTE_TOO_LATE: Text = Text::new(
    "Aan deze zaak wordt niet meer gewerkt, of de toestemming wordt al \
    gecontroleerd. U hoeft niets te doen.",
    "Work on this case has stopped, or the consent is already being checked. You do not need to do anything.",
);
const DISPUTE_LOCKED: Text = Text::new(
    "Er is vanaf deze verbinding te vaak een verkeerde code gestuurd. \
    Wacht even en probeer het dan opnieuw.",
    "A wrong code was sent too often from this connection. Wait a moment and then try again.",
);

#[utoipa::path(post, path = "/api/toestemming/niet-ik", tag = "burger", request_body = ConsentDispute,
    responses((status = 200, description = "Gemeld; het werk aan de zaak staat stil tot de controle", body = ConsentDisputed),
        (status = 401, description = "Onbekende code", body = Problem),
        (status = 409, description = "De zaak is al afgesloten of wordt al gecontroleerd", body = Problem),
        (status = 410, description = "Link gebruikt of verlopen", body = Problem),
        (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn consent_dispute(
    State(state): State<AppState>,
    from: ClientAddress,
    headers: HeaderMap,
    Valid(code): Valid<ConsentDispute>,
) -> ApiResult<axum::Json<ConsentDisputed>> {
    require_json(&headers)?;
    if let Reservation::Refused { retry_after } =
        attempts::reserve_address(&state.db, "niet-ik", &from.0).await?
    {
        return Err(ApiError::Locked(DISPUTE_LOCKED.get(), retry_after));
    }
    let dispute = consent::dispute_by_code(&state.db, &code)
        .await?
        .ok_or(ApiError::NoMatch(DISPUTE_NO_MATCH.get()))?;
    attempts::give_back_address(&state.db, "niet-ik", &from.0).await?;
    if dispute.used {
        return Err(ApiError::Gone(DISPUTE_USED.get()));
    }
    if now() > dispute.expires_at {
        return Err(ApiError::Gone(DISPUTE_EXPIRED.get()));
    }
    let case = cases::by_id(&state.db, dispute.case_id)
        .await?
        .ok_or(ApiError::NoMatch(DISPUTE_NO_MATCH.get()))?;
    let case_id = case.id;
    state
        .workflow
        .run_with(
            &case,
            CaseEvent::ToestemmingBetwisten,
            Actor::citizen(),
            StepTexts::OfEvent,
            None,
            move |conn| {
                if !consent::use_dispute_in(conn, case_id)? {
                    return Err(WorkflowError::LinkUsed);
                }
                Ok(())
            },
        )
        .await
        .map_err(|err| match err {
            WorkflowError::Refused(_) | WorkflowError::ChangedMeanwhile => {
                ApiError::Conflict(DISPUTE_TOO_LATE.get())
            }
            WorkflowError::LinkUsed => ApiError::Gone(DISPUTE_USED.get()),
            other => other.into(),
        })?;
    Ok(axum::Json(ConsentDisputed {
        referentie: case.reference,
    }))
}

/// What the citizen's page reads besides the case, in one unit of work.
struct CitizenReads {
    tijdlijn: Vec<model::api::TimelineEntry>,
    berichten: Vec<model::api::Message>,
    casemanager: Option<String>,
    reactie_gevraagd: Option<Mijlpaal>,
}

fn citizen_reads_in(
    conn: &mut crate::store::Conn,
    case: &CaseRow,
    organisation: &str,
) -> crate::store::StoreResult<CitizenReads> {
    let tijdlijn = cases::timeline_in(conn, case, organisation, Reader::Citizen)?;
    // After "dit was ik niet" the holder of the code may be the stand-in: no messages.
    let may_read = model::access::verdict(
        Role::Burger,
        Resource::CitizenMessage,
        Act::Read,
        case.status,
    ) == model::access::Verdict::Allowed;
    let berichten = if may_read {
        messages::messages_in(conn, case, organisation, Reader::Citizen)?
    } else {
        Vec::new()
    };
    Ok(CitizenReads {
        tijdlijn,
        berichten,
        casemanager: cases::casemanager_name_in(conn, case)?,
        reactie_gevraagd: feedback::asked_in(conn, case.id, case.status, Role::Burger)?,
    })
}

/// The case as the citizen may see it.
async fn citizen_view(
    state: &AppState,
    case: CaseRow,
    organisatie: String,
    csrf_token: String,
) -> ApiResult<CitizenCase> {
    let (case, organisatie, contact, reads) = state
        .db
        .run(move |conn| {
            let reads = citizen_reads_in(conn, &case, &organisatie)?;
            let contact = cases::organisation_contact_in(conn, case.organisation_id)?;
            Ok((case, organisatie, contact, reads))
        })
        .await?;
    let verwacht = state.expected.text_for(&state.db, case.status).await;
    Ok(citizen_page(
        state,
        case,
        (organisatie, contact),
        csrf_token,
        reads,
        verwacht,
    ))
}

/// The citizen's page from what was read for it.
fn citizen_page(
    state: &AppState,
    case: CaseRow,
    (organisatie, contact): (String, Option<String>),
    csrf_token: String,
    reads: CitizenReads,
    verwacht: Option<String>,
) -> CitizenCase {
    let submission = case.submission.as_ref();
    let mut uitleg = case.status.explain(Audience::Burger);
    uitleg.verwacht = verwacht;
    let (outcome, talk) = model::api::outcome_of(&reads.tijdlijn);
    uitleg.uitkomst = case.status.outcome_line(outcome, talk);
    CitizenCase {
        uitleg_artikelen: state.library.for_state(case.status.key(), true),
        organisatie,
        contact,
        casemanager: reads.casemanager,
        berichten: reads.berichten,
        reactie_gevraagd: reads.reactie_gevraagd,
        uitleg,
        status: case.status,
        termijn: submission.and_then(|s| s.termijn_einddatum),
        pauzeknop_gevraagd: submission.is_some_and(|s| s.pauzeknop_gevraagd),
        referentie: case.reference,
        tijdlijn: reads.tijdlijn,
        csrf_token,
    }
}

#[utoipa::path(post, path = "/api/burger/sessie", tag = "burger", request_body = CitizenSignIn,
    responses((status = 201, description = "Ingelogd; zet de cookie bg_burger", body = CitizenCase),
        (status = 401, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
pub(super) async fn citizen_sign_in(
    State(state): State<AppState>,
    from: ClientAddress,
    headers: HeaderMap,
    Valid(input): Valid<CitizenSignIn>,
) -> ApiResult<Response> {
    require_json(&headers)?;
    let CheckedCitizenSignIn {
        referentie: reference,
        toegangscode: code,
    } = input;
    // Counted per case reference and client address (and per address, and per reference
    // from anywhere: `store::attempts`), in the database so every instance sees it; and
    // before the slow check, so parallel guesses cannot all slip through.
    // Failed and refused tries are logged on the case they aimed at (for monitoring), only
    // where that case exists: a made-up reference names nobody.
    let refused = |action: Action| {
        let state = state.clone();
        let reference = reference.as_str().to_owned();
        async move {
            if cases::by_reference(&state.db, &reference).await?.is_some() {
                let case = Some(reference.as_str());
                let entry = Entry::new(Role::Burger, None, action).on_case(case);
                state.db.audit().write(entry).await?;
            }
            Ok::<_, ApiError>(())
        }
    };
    let reservation =
        attempts::reserve_from(&state.db, "toegangscode", reference.as_str(), &from.0).await?;
    if let Reservation::Refused { retry_after } = reservation {
        refused(Action::SignInLocked).await?;
        return Err(ApiError::Locked(ACCESS_LOCKED.get(), retry_after));
    }
    let found = consent::access_code_hash(&state.db, reference.as_str()).await?;
    let verified = match found {
        Some((case_id, hash)) => crypto::verify_password(code.as_str().to_owned(), hash)
            .await?
            .then_some(case_id),
        None => {
            crypto::spend_like_a_password_check(code.as_str().to_owned()).await?;
            None
        }
    };
    let Some(case_id) = verified else {
        refused(Action::AccessCodeFailed).await?;
        return Err(ApiError::NoMatch(WRONG_ACCESS_CODE.get()));
    };
    attempts::clear_from(&state.db, "toegangscode", reference.as_str(), &from.0).await?;
    let case = cases::by_id(&state.db, case_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let session = sign_citizen_in(&state, &case).await?;
    extract::audit_in_session(
        &state.db,
        Viewer::Citizen { case: case.id },
        Some(session.reference),
        Action::ReadCase,
        Some(&case.reference),
    )
    .await?;
    let organisation = cases::organisation_name(&state.db, case.organisation_id).await?;
    let view = citizen_view(&state, case, organisation, session.csrf).await?;
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, session.cookie)],
        axum::Json(view),
    )
        .into_response())
}

/// Whether the citizen is signed in, without an error when not: the status page asks this on
/// every first load, and a 401 there would be a red line in the browser's console.
#[utoipa::path(get, path = "/api/burger/sessie", tag = "burger",
    responses((status = 200, description = "Ingelogd: de eigen zaak", body = CitizenCase), (status = 204, description = "Niet ingelogd")))]
pub(super) async fn citizen_session(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> ApiResult<Response> {
    use axum::extract::FromRequestParts;
    let (mut parts, _) = request.into_parts();
    let Ok(cookie) = CitizenCookie::from_request_parts(&mut parts, &state).await else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    match citizen_case(State(state), cookie).await {
        Ok(page) => Ok(page.into_response()),
        Err(ApiError::NotSignedIn) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(other) => Err(other),
    }
}

#[utoipa::path(get, path = "/api/burger/zaak", tag = "burger",
    responses((status = 200, body = CitizenCase), (status = 401, body = Problem)))]
pub(super) async fn citizen_case(
    State(state): State<AppState>,
    cookie: CitizenCookie,
) -> ApiResult<Response> {
    // Session, case, timeline and messages in one unit of work; nothing of it is answered before
    // the session proved alive, the access check passed and the read's audit row is committed.
    let token_hash = cookie.token_hash.clone();
    let (session, verdict, reads) = state
        .db
        .read_here(move |conn| {
            let Some((session, verdict)) = consent::citizen_session_in(conn, &token_hash)? else {
                return Ok(None);
            };
            let reads = citizen_reads_in(conn, &session.case, &session.organisation)?;
            Ok(Some((session, verdict, reads)))
        })
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    if !accounts::keep(&state.db, Sessions::Citizens, &cookie.token_hash, verdict).await? {
        return Err(ApiError::NotSignedIn);
    }
    let who = CitizenSignedIn::of_session(session, cookie.token_hash);
    who.authorize(Resource::Case, Act::Read)?;
    let logged = who
        .queue_audit(&state.db, Action::ReadCase, &who.case.reference)
        .await?;
    let CitizenSignedIn {
        case,
        organisation,
        contact,
        csrf_token,
        ..
    } = who;
    let verwacht = state.expected.text_for(&state.db, case.status).await;
    let answer = axum::Json(citizen_page(
        &state,
        case,
        (organisation, contact),
        csrf_token,
        reads,
        verwacht,
    ))
    .into_response();
    // Made while the row was on its way; sent only once it is committed.
    logged.committed().await?;
    Ok(answer)
}

#[utoipa::path(post, path = "/api/burger/intrekken", tag = "burger", params(("x-csrf-token" = String, Header)),
    responses((status = 200, description = "Toestemming ingetrokken; het werk stopt", body = CitizenCase),
        (status = 401, body = Problem), (status = 409, body = Problem)))]
pub(super) async fn citizen_withdraw(
    State(state): State<AppState>,
    who: CitizenSignedIn,
) -> ApiResult<axum::Json<CitizenCase>> {
    who.authorize(Resource::Withdrawal, Act::Write)?;
    let case = &who.case;
    let case_id = case.id;
    state
        .workflow
        .run_with(
            case,
            CaseEvent::ToestemmingIntrekken,
            Actor::citizen(),
            StepTexts::OfEvent,
            None,
            move |conn| Ok(consent::record_withdrawal(conn, case_id)?),
        )
        .await
        .map_err(|err| match err {
            WorkflowError::ChangedMeanwhile => ApiError::Conflict(
                "Uw zaak is net veranderd. Laad de pagina opnieuw en probeer het nog eens.",
            ),
            other => other.into(),
        })?;
    let case = cases::by_id(&state.db, case.id)
        .await?
        .ok_or(ApiError::NotSignedIn)?;
    Ok(axum::Json(
        citizen_view(&state, case, who.organisation, who.csrf_token).await?,
    ))
}

#[utoipa::path(delete, path = "/api/burger/sessie", tag = "burger", params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Uitgelogd"), (status = 401, body = Problem)))]
pub(super) async fn citizen_sign_out(
    State(state): State<AppState>,
    who: CitizenSignedIn,
) -> ApiResult<Response> {
    consent::delete_citizen_session(&state.db, &who.token_hash).await?;
    who.audit(&state.db, Action::SignOut, &who.case.reference)
        .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            extract::citizen_cookie(None, state.cookies),
        )],
    )
        .into_response())
}

#[utoipa::path(post, path = "/api/burger/reactie", tag = "burger", request_body = NewFeedback, params(("x-csrf-token" = String, Header)),
    responses((status = 204, description = "Ontvangen"), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn citizen_feedback(
    State(state): State<AppState>,
    who: CitizenSignedIn,
    Json(input): Json<NewFeedback>,
) -> ApiResult<StatusCode> {
    // Access before the body: who may not give feedback now learns nothing of its rules.
    who.authorize(Resource::Feedback, Act::Write)?;
    let given = input.check().map_err(ApiError::Invalid)?;
    let case = &who.case;
    let milestone = Mijlpaal::of(case.status).ok_or(ApiError::Conflict(FEEDBACK_GIVEN.get()))?;
    if !feedback::add(&state.db, case.id, milestone, Role::Burger, None, given).await? {
        return Err(ApiError::Conflict(FEEDBACK_GIVEN.get()));
    }
    who.audit(&state.db, Action::WriteMessage, &case.reference)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

const MESSAGES_FULL: Text = Text::new(
    "Bij uw zaak staan al 500 berichten. Er kunnen er geen meer bij. \
    Bel of mail uw hulpverlener.",
    "Your case already has 500 messages. No more can be added. Call or e-mail your social worker.",
);

#[utoipa::path(post, path = "/api/burger/berichten", tag = "burger", request_body = NewCitizenMessage, params(("x-csrf-token" = String, Header)),
    responses((status = 201, description = "Verstuurd aan de casemanager (en de hulpverlener, tenzij alleen voor de casemanager)", body = [Message]),
        (status = 401, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub(super) async fn citizen_message_add(
    State(state): State<AppState>,
    who: CitizenSignedIn,
    Json(input): Json<NewCitizenMessage>,
) -> ApiResult<(StatusCode, axum::Json<Vec<Message>>)> {
    // Access before the body: who may not write now learns nothing of its rules.
    who.authorize(Resource::CitizenMessage, Act::Write)?;
    let message = input.check().map_err(ApiError::Invalid)?;
    let case = &who.case;
    let writer = Writer::Citizen {
        for_helper: !message.alleen_casemanager,
    };
    if !messages::add_message(&state.db, case, writer, message.tekst.as_str()).await? {
        return Err(ApiError::Conflict(MESSAGES_FULL.get()));
    }
    who.audit(&state.db, Action::WriteMessage, &case.reference)
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(messages::messages(&state.db, case, &who.organisation, Reader::Citizen).await?),
    ))
}
