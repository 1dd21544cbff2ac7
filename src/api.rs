//! The HTTP client: one typed `async fn` per API endpoint, over `gloo-net`.
//! Changing requests carry the session's CSRF token, kept here after sign-in.

use std::cell::RefCell;

use gloo_net::http::{Request, RequestBuilder, Response};
use model::api::{
    CaseCreated, CaseSummary, CitizenCase, CitizenSignIn, ConsentAnswered, ConsentCheck,
    ConsentDecision, ConsentDispute, ConsentDisputed, ConsentInvitation, ConsentRequest,
    HealthReport, Me, Message, NewCitizenMessage, NewText, Note, Problem, ProblemKind, SignIn,
    StepRequest,
};
use model::case::CaseDraft;
use model::document::{
    DocumentInfo, IntermediaryInvitation, IntermediarySignIn, IntermediaryView, InviteIntermediary,
};
use model::lifecycle::CaseStatus;
use serde::de::DeserializeOwned;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde::Serialize;

thread_local! {
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn remember_csrf(me: &Me) {
    set_csrf(Some(me.csrf_token.clone()));
}

/// The session's CSRF token, for requests made outside this module (uploads).
pub fn csrf_token() -> Option<String> {
    CSRF.with(|token| token.borrow().clone())
}

fn set_csrf(value: Option<String>) {
    CSRF.with(|token| *token.borrow_mut() = value);
}

/// Why a call to the server did not give the answer the app wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer: the network is down or the server is away.
    Network,
    /// The session ended (or never began): sign in again.
    SignedOut,
    /// The server refused, with a Dutch explanation (and, for forms, one per field).
    Refused(Problem),
    /// An answer, but not one the app understands.
    Unexpected,
}

impl ApiFailure {
    /// A Dutch sentence for the person using the app: what happened and what to do.
    pub fn message(&self) -> String {
        match self {
            ApiFailure::Network => {
                t!("We kunnen de server nu niet bereiken. Controleer uw internetverbinding en probeer het opnieuw.", "We cannot reach the server now. Check your internet connection and try again.").into()
            }
            ApiFailure::SignedOut => t!("U bent niet meer ingelogd. Log opnieuw in.", "You are no longer signed in. Sign in again.").into(),
            ApiFailure::Refused(problem) => problem.detail.clone(),
            ApiFailure::Unexpected => {
                t!("De server gaf een onverwacht antwoord. Probeer het over een paar minuten opnieuw.", "The server gave an unexpected answer. Try again in a few minutes.").into()
            }
        }
    }
}

async fn problem_of(response: Response) -> ApiFailure {
    match decode::<Problem>(response).await {
        // Only "not signed in" means the session ended; a wrong password is also a 401.
        Ok(problem) if problem.kind == ProblemKind::NietIngelogd => ApiFailure::SignedOut,
        Ok(problem) => ApiFailure::Refused(problem),
        Err(_) => ApiFailure::Unexpected,
    }
}

/// JSON text to a Rust value, parsed by the browser.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// A Rust value to JSON text, written by the browser.
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    let text = response.text().await.map_err(|_| ApiFailure::Network)?;
    from_json(&text).ok_or(ApiFailure::Unexpected)
}

/// Sends a request; a 2xx answer is decoded as `T`, anything else becomes an [`ApiFailure`].
async fn send<T: DeserializeOwned>(
    request: RequestBuilder,
    body: Option<&impl Serialize>,
) -> Result<T, ApiFailure> {
    let request = match CSRF.with(|token| token.borrow().clone()) {
        Some(token) => request.header("x-csrf-token", &token),
        None => request,
    };
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(to_json(body).ok_or(ApiFailure::Unexpected)?)
            .map_err(|_| ApiFailure::Unexpected)?,
        None => request.build().map_err(|_| ApiFailure::Unexpected)?,
    };
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    if !response.ok() {
        return Err(problem_of(response).await);
    }
    if response.status() == 204 {
        // Callers of a no-content endpoint ask for `()`, which decodes from `null`.
        return from_json("null").ok_or(ApiFailure::Unexpected);
    }
    decode(response).await
}

const NO_BODY: Option<&()> = None;

/// The part of `CaseDetail` the form needs. Decoding only this keeps the decoders of the rest
/// (timeline, submission) out of the Wasm bundle; serde skips the other fields.
#[derive(Debug, Clone, Deserialize)]
pub struct CaseView {
    pub status: CaseStatus,
    pub concept: CaseDraft,
}

/// The part of `CaseDetail` the case page shows: without the draft, whose decoder would only
/// add to the bundle (serde skips the field).
#[derive(Debug, Clone, Deserialize)]
pub struct CaseFollow {
    pub referentie: String,
    pub status: CaseStatus,
    pub uitleg: model::lifecycle::Explanation,
    pub ingediend: Option<SubmissionView>,
    pub tijdlijn: Vec<model::api::TimelineEntry>,
    pub aangemaakt: i64,
    pub ingediend_op: Option<i64>,
    pub organisatie: String,
    pub casemanager: Option<String>,
    pub mediaan_doorlooptijd_dagen: Option<i64>,
    #[serde(default)]
    pub bewaren_tot: Option<i64>,
    #[serde(default)]
    pub notities: Option<Vec<Note>>,
    #[serde(default)]
    pub uitleg_artikelen: Vec<model::api::ArticleLink>,
    #[serde(default)]
    pub reacties: Option<Vec<model::feedback::Feedback>>,
    /// The milestone the helper is asked about now.
    #[serde(default)]
    pub reactie_gevraagd: Option<model::feedback::Mijlpaal>,
    /// How the eindgesprek went: staff only.
    #[serde(default)]
    pub eindgesprek: Option<model::feedback::FinalTalk>,
    /// Opened outside the staff member's own cases, with a reason: reading only.
    #[serde(default)]
    pub alleen_inzien: bool,
}

/// The part of a `Submission` the case page shows, as plain text where the page only shows
/// it: the server checked every field before it stored them, and decoding into the domain
/// types would carry their checks (phone, e-mail, name) into this bundle for nothing.
#[derive(Debug, Clone, Deserialize)]
pub struct SubmissionView {
    pub burger_naam: String,
    pub burger_geboortedatum: model::domain::Date,
    pub burger_telefoon: Option<String>,
    pub burger_email: Option<String>,
    pub dienst: model::case::Dienst,
    pub onderwerpen: Vec<model::case::Onderwerp>,
    pub wat_ging_mis: String,
    pub wat_is_geprobeerd: Option<String>,
    pub gewenste_uitkomst: String,
    pub termijn_einddatum: Option<model::domain::Date>,
    pub spoed: Vec<model::case::SpoedReden>,
    pub pauzeknop_gevraagd: bool,
    pub hulpverlener_telefoon: Option<String>,
    #[serde(default)]
    pub routecheck: Vec<model::route_check::RouteAntwoord>,
}

/// `GET /api/health`. A 503 still carries a report (the database is down), so it is decoded too.
pub async fn health() -> Result<HealthReport, ApiFailure> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    if !(response.ok() || response.status() == 503) {
        return Err(ApiFailure::Unexpected);
    }
    decode(response).await
}

/// The answer to the password: signed in, or a second step to take first.
pub enum SignInAnswer {
    SignedIn(Me),
    Next(NextStep),
}

/// The part of `model::two_factor::SecondStep` the sign-in page needs: the set-up's secret
/// and QR code, absent when only a code is asked. A plain struct: decoding the internally
/// tagged enum would make serde buffer the whole answer, with more code in the bundle.
#[derive(Debug, Clone, Deserialize)]
pub struct NextStep {
    #[serde(default)]
    pub geheim: Option<String>,
    #[serde(default)]
    pub qr_svg: Option<String>,
}

pub async fn sign_in(email: String, wachtwoord: String) -> Result<SignInAnswer, ApiFailure> {
    let request = Request::post("/api/sessies")
        .header("content-type", "application/json")
        .body(to_json(&SignIn { email, wachtwoord }).ok_or(ApiFailure::Unexpected)?)
        .map_err(|_| ApiFailure::Unexpected)?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    match response.status() {
        202 => Ok(SignInAnswer::Next(decode(response).await?)),
        _ if response.ok() => {
            let me: Me = decode(response).await?;
            remember_csrf(&me);
            Ok(SignInAnswer::SignedIn(me))
        }
        _ => Err(problem_of(response).await),
    }
}

/// `POST /api/sessies/code`: the second factor's code, after the password.
pub async fn sign_in_code(
    input: &model::two_factor::CodeInput,
) -> Result<model::two_factor::CodeAccepted, ApiFailure> {
    let accepted: model::two_factor::CodeAccepted =
        send(Request::post("/api/sessies/code"), Some(input)).await?;
    remember_csrf(&accepted.ik);
    Ok(accepted)
}

/// Who is signed in; `Ok(None)` when nobody is.
pub async fn current_session() -> Result<Option<Me>, ApiFailure> {
    match send::<Me>(Request::get("/api/sessies/huidig"), NO_BODY).await {
        Ok(me) => {
            remember_csrf(&me);
            Ok(Some(me))
        }
        Err(ApiFailure::SignedOut) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Keeps the language chosen in the header on the signed-in account.
pub async fn save_language(lang: model::Lang) -> Result<(), ApiFailure> {
    let choice = model::own_account::AccountLanguage { taal: lang };
    send::<()>(Request::put("/api/account/taal"), Some(&choice)).await
}

pub async fn sign_out() -> Result<(), ApiFailure> {
    send::<()>(Request::delete("/api/sessies/huidig"), NO_BODY).await?;
    set_csrf(None);
    Ok(())
}

/// One page (from 1) of a list the server pages, and whether a next page exists: the server
/// says so in its `Link` header.
async fn paged<T: DeserializeOwned>(path: &str, page: u32) -> Result<(Vec<T>, bool), ApiFailure> {
    let response = Request::get(&format!("{path}?pagina={page}"))
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    if !response.ok() {
        return Err(problem_of(response).await);
    }
    let more = response
        .headers()
        .get("link")
        .is_some_and(|link| link.contains("rel=\"next\""));
    Ok((decode(response).await?, more))
}

/// One page of the organisation's cases.
pub async fn cases(page: u32) -> Result<(Vec<CaseSummary>, bool), ApiFailure> {
    paged("/api/zaken", page).await
}

/// `GET /api/werkvoorraad`: one page of the staff's work list.
pub async fn work_list(
    filter: model::worklist::WorkFilter,
    order: model::worklist::WorkOrder,
    page: i64,
) -> Result<model::worklist::WorkList, ApiFailure> {
    send(
        Request::get(&format!(
            "/api/werkvoorraad?filter={}&sortering={}&pagina={page}",
            filter.key(),
            order.key()
        )),
        NO_BODY,
    )
    .await
}

pub async fn create_draft(draft: &CaseDraft) -> Result<CaseCreated, ApiFailure> {
    send(Request::post("/api/zaken"), Some(draft)).await
}

pub async fn case(reference: &str) -> Result<CaseView, ApiFailure> {
    send(Request::get(&format!("/api/zaken/{reference}")), NO_BODY).await
}

pub async fn save_draft(reference: &str, draft: &CaseDraft) -> Result<(), ApiFailure> {
    send(
        Request::put(&format!("/api/zaken/{reference}/concept")),
        Some(draft),
    )
    .await
}

pub async fn delete_draft(reference: &str) -> Result<(), ApiFailure> {
    send(Request::delete(&format!("/api/zaken/{reference}")), NO_BODY).await
}

/// Sends the case. The answer (the whole case) is not needed by the form: it is skipped
/// without decoding, which keeps its decoders out of the bundle.
pub async fn submit(reference: &str) -> Result<(), ApiFailure> {
    send::<IgnoredAny>(
        Request::post(&format!("/api/zaken/{reference}/indienen")),
        NO_BODY,
    )
    .await?;
    Ok(())
}

/// A new consent link (with QR code) for the citizen; older links stop working.
pub async fn consent_link(reference: &str) -> Result<ConsentInvitation, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/toestemming")),
        NO_BODY,
    )
    .await
}

/// A link with which the citizen who lost the personal code makes a new one.
pub async fn new_code_link(reference: &str) -> Result<ConsentInvitation, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/nieuwe-code")),
        NO_BODY,
    )
    .await
}

/// The citizen makes a new personal code with that link and the date of birth.
pub async fn citizen_new_code(
    check: &ConsentCheck,
) -> Result<model::api::NewAccessCode, ApiFailure> {
    send(Request::post("/api/burger/nieuwe-code"), Some(check)).await
}

/// The citizen opened the consent link: code and date of birth together open the question.
pub async fn consent_check(check: &ConsentCheck) -> Result<ConsentRequest, ApiFailure> {
    send(Request::post("/api/toestemming/controleren"), Some(check)).await
}

pub async fn consent_decide(decision: &ConsentDecision) -> Result<ConsentAnswered, ApiFailure> {
    send(Request::post("/api/toestemming/besluit"), Some(decision)).await
}

pub async fn consent_dispute(dispute: &ConsentDispute) -> Result<ConsentDisputed, ApiFailure> {
    send(Request::post("/api/toestemming/niet-ik"), Some(dispute)).await
}

/// The citizen signs in with the case reference and their personal access code.
pub async fn citizen_sign_in(input: &CitizenSignIn) -> Result<CitizenCase, ApiFailure> {
    let case: CitizenCase = send(Request::post("/api/burger/sessie"), Some(input)).await?;
    set_csrf(Some(case.csrf_token.clone()));
    Ok(case)
}

/// The signed-in citizen's case; `Ok(None)` when they are not signed in (a 204, so a
/// first visit logs no failed request).
pub async fn citizen_case() -> Result<Option<CitizenCase>, ApiFailure> {
    let case: Option<CitizenCase> = send(Request::get("/api/burger/sessie"), NO_BODY).await?;
    if let Some(case) = &case {
        set_csrf(Some(case.csrf_token.clone()));
    }
    Ok(case)
}

pub async fn citizen_withdraw() -> Result<CitizenCase, ApiFailure> {
    send(Request::post("/api/burger/intrekken"), NO_BODY).await
}

/// The citizen's message to the casemanager; answers with the citizen's messages.
pub async fn citizen_message(message: &NewCitizenMessage) -> Result<Vec<Message>, ApiFailure> {
    send(Request::post("/api/burger/berichten"), Some(message)).await
}

pub async fn citizen_sign_out() -> Result<(), ApiFailure> {
    send::<()>(Request::delete("/api/burger/sessie"), NO_BODY).await?;
    set_csrf(None);
    Ok(())
}

/// The whole case with its timeline, as the helper or staff may see it (the case app).
pub async fn case_detail(reference: &str) -> Result<CaseFollow, ApiFailure> {
    send(Request::get(&format!("/api/zaken/{reference}")), NO_BODY).await
}

/// A staff member opens a case outside their own, with the reason they give.
pub async fn break_glass(
    reference: &str,
    reason: &model::assignment::BreakGlass,
) -> Result<(), ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/inzage")),
        Some(reason),
    )
    .await
}

/// The behandelaars a case can be handed to.
pub async fn colleagues() -> Result<Vec<model::assignment::Colleague>, ApiFailure> {
    send(Request::get("/api/medewerkers"), NO_BODY).await
}

/// Hands a case to another casemanager, with the reason.
pub async fn reassign(
    reference: &str,
    body: &model::assignment::Reassign,
) -> Result<(), ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/toewijzing")),
        Some(body),
    )
    .await
}

/// A staff step; the answer is the case after the step, or `None` when the step took the
/// case out of the staff's sight (a refused paper form: it waits for consent again).
pub async fn step(reference: &str, step: &StepRequest) -> Result<Option<CaseFollow>, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/stappen")),
        Some(step),
    )
    .await
}

pub async fn messages(reference: &str) -> Result<Vec<Message>, ApiFailure> {
    send(
        Request::get(&format!("/api/zaken/{reference}/berichten")),
        NO_BODY,
    )
    .await
}

pub async fn add_message(reference: &str, text: &NewText) -> Result<Vec<Message>, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/berichten")),
        Some(text),
    )
    .await
}

pub async fn notes(reference: &str) -> Result<Vec<Note>, ApiFailure> {
    send(
        Request::get(&format!("/api/zaken/{reference}/notities")),
        NO_BODY,
    )
    .await
}

/// Staff record how the eindgesprek went.
pub async fn record_final_talk(
    reference: &str,
    talk: &model::feedback::NewFinalTalk,
) -> Result<model::feedback::FinalTalk, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/eindgesprek")),
        Some(talk),
    )
    .await
}

/// Staff record the contact a thumbs down asked for; answers with the case's feedback.
pub async fn record_contact(
    reference: &str,
    text: &NewText,
) -> Result<Vec<model::feedback::Feedback>, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/contact")),
        Some(text),
    )
    .await
}

pub async fn add_note(reference: &str, text: &NewText) -> Result<Vec<Note>, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/notities")),
        Some(text),
    )
    .await
}

pub async fn case_documents(reference: &str) -> Result<Vec<DocumentInfo>, ApiFailure> {
    send(
        Request::get(&format!("/api/zaken/{reference}/documenten")),
        NO_BODY,
    )
    .await
}

pub async fn citizen_documents() -> Result<Vec<DocumentInfo>, ApiFailure> {
    send(Request::get("/api/burger/documenten"), NO_BODY).await
}

pub async fn invitations(reference: &str) -> Result<Vec<IntermediaryInvitation>, ApiFailure> {
    send(
        Request::get(&format!("/api/zaken/{reference}/uitnodigingen")),
        NO_BODY,
    )
    .await
}

pub async fn invite(
    reference: &str,
    input: &InviteIntermediary,
) -> Result<IntermediaryInvitation, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/uitnodigingen")),
        Some(input),
    )
    .await
}

pub async fn revoke_invitation(reference: &str, id: i64) -> Result<(), ApiFailure> {
    send(
        Request::delete(&format!("/api/zaken/{reference}/uitnodigingen/{id}")),
        NO_BODY,
    )
    .await
}

/// The intermediair opens the invitation (once); afterwards the session cookie carries them.
pub async fn intermediary_sign_in(token: &str) -> Result<IntermediaryView, ApiFailure> {
    let view: IntermediaryView = send(
        Request::post("/api/intermediair/sessie"),
        Some(&IntermediarySignIn {
            token: token.to_owned(),
        }),
    )
    .await?;
    set_csrf(Some(view.csrf_token.clone()));
    Ok(view)
}

/// The intermediair signs out: the session ends (a new visit needs a new link).
pub async fn intermediary_sign_out() -> Result<(), ApiFailure> {
    send::<()>(Request::delete("/api/intermediair/sessie"), NO_BODY).await?;
    set_csrf(None);
    Ok(())
}

/// The intermediair's own view; `Ok(None)` without a live session.
pub async fn intermediary_view() -> Result<Option<IntermediaryView>, ApiFailure> {
    match send::<IntermediaryView>(Request::get("/api/intermediair"), NO_BODY).await {
        Ok(view) => {
            set_csrf(Some(view.csrf_token.clone()));
            Ok(Some(view))
        }
        Err(ApiFailure::SignedOut) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Feedback at the end of a case: `/api/zaken/{ref}/reactie` (helper) or `/api/burger/reactie`.
pub async fn send_feedback(
    path: &str,
    feedback: &model::feedback::NewFeedback,
) -> Result<(), ApiFailure> {
    send(Request::post(path), Some(feedback)).await
}

/// The helper records consent the citizen gave on a signed paper form (already uploaded).
pub async fn paper_consent(
    reference: &str,
    input: &model::api::PaperConsent,
) -> Result<ConsentAnswered, ApiFailure> {
    send(
        Request::post(&format!("/api/zaken/{reference}/toestemming/formulier")),
        Some(input),
    )
    .await
}

/// `POST /api/account/link`: whose account a link from an invitation or reset mail opens.
pub async fn account_link(token: &str) -> Result<model::beheer::LinkInfo, ApiFailure> {
    let body = model::beheer::TokenInput {
        token: token.to_owned(),
    };
    send(Request::post("/api/account/link"), Some(&body)).await
}

/// `POST /api/account/wachtwoord`: choose the password with the link's token.
pub async fn choose_password(
    input: &model::beheer::ChoosePassword,
) -> Result<model::beheer::LinkInfo, ApiFailure> {
    send(Request::post("/api/account/wachtwoord"), Some(input)).await
}

/// `POST /api/account/wachtwoord-vergeten`: always answered alike (202).
pub async fn forgot_password(input: &model::beheer::ForgotPassword) -> Result<(), ApiFailure> {
    let request = Request::post("/api/account/wachtwoord-vergeten")
        .header("content-type", "application/json")
        .body(to_json(input).ok_or(ApiFailure::Unexpected)?)
        .map_err(|_| ApiFailure::Unexpected)?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    if response.status() == 202 {
        Ok(())
    } else {
        Err(problem_of(response).await)
    }
}

pub mod beheer {
    //! `/api/beheer/…`: organisations, teams and accounts, for beheerders.
    use gloo_net::http::Request;
    use model::beheer::{
        AccountChange, AccountView, InvitationInput, Organisation, OrganisationInput, Team,
        TeamInput,
    };

    use super::{send, ApiFailure, NO_BODY};

    pub async fn organisations() -> Result<Vec<Organisation>, ApiFailure> {
        send(Request::get("/api/beheer/organisaties"), NO_BODY).await
    }

    pub async fn create_organisation(
        input: &OrganisationInput,
    ) -> Result<Vec<Organisation>, ApiFailure> {
        send(Request::post("/api/beheer/organisaties"), Some(input)).await
    }

    pub async fn update_organisation(
        id: i64,
        input: &OrganisationInput,
    ) -> Result<Vec<Organisation>, ApiFailure> {
        send(
            Request::put(&format!("/api/beheer/organisaties/{id}")),
            Some(input),
        )
        .await
    }

    pub async fn teams() -> Result<Vec<Team>, ApiFailure> {
        send(Request::get("/api/beheer/teams"), NO_BODY).await
    }

    pub async fn create_team(input: &TeamInput) -> Result<Vec<Team>, ApiFailure> {
        send(Request::post("/api/beheer/teams"), Some(input)).await
    }

    pub async fn update_team(id: i64, input: &TeamInput) -> Result<Vec<Team>, ApiFailure> {
        send(
            Request::put(&format!("/api/beheer/teams/{id}")),
            Some(input),
        )
        .await
    }

    pub async fn alerts() -> Result<Vec<model::monitoring::Alert>, ApiFailure> {
        send(Request::get("/api/beheer/meldingen"), NO_BODY).await
    }

    pub async fn change_alert(
        id: i64,
        body: &model::monitoring::AlertChange,
    ) -> Result<Vec<model::monitoring::Alert>, ApiFailure> {
        send(
            Request::put(&format!("/api/beheer/meldingen/{id}")),
            Some(body),
        )
        .await
    }

    pub async fn rules() -> Result<Vec<model::monitoring::RuleSetting>, ApiFailure> {
        send(Request::get("/api/beheer/bewaking"), NO_BODY).await
    }

    pub async fn set_rule(
        key: &str,
        body: &model::monitoring::RuleInput,
    ) -> Result<Vec<model::monitoring::RuleSetting>, ApiFailure> {
        send(
            Request::put(&format!("/api/beheer/bewaking/{key}")),
            Some(body),
        )
        .await
    }

    pub async fn check_now() -> Result<Vec<model::monitoring::Alert>, ApiFailure> {
        send(Request::post("/api/beheer/bewaking/controleren"), NO_BODY).await
    }

    /// The terms, the destruction list, its report and the counts.
    pub async fn destruction() -> Result<model::retention::DestructionOverview, ApiFailure> {
        send(Request::get("/api/beheer/vernietiging"), NO_BODY).await
    }

    pub async fn set_terms(
        body: &model::retention::TermsInput,
    ) -> Result<model::retention::DestructionOverview, ApiFailure> {
        send(Request::put("/api/beheer/bewaartermijnen"), Some(body)).await
    }

    pub async fn review(
        reference: &str,
        body: &model::retention::Review,
    ) -> Result<model::retention::DestructionOverview, ApiFailure> {
        send(
            Request::put(&format!("/api/beheer/vernietiging/{reference}")),
            Some(body),
        )
        .await
    }

    /// Runs what the daily retention job does, now.
    pub async fn retention_now() -> Result<model::retention::DestructionOverview, ApiFailure> {
        send(
            Request::post("/api/beheer/vernietiging/controleren"),
            NO_BODY,
        )
        .await
    }

    /// One page of the audit log; `query` is the filter as a query string.
    pub async fn audit_log(query: &str) -> Result<model::audit_log::AuditPage, ApiFailure> {
        send(
            Request::get(&format!("/api/beheer/logboek?{query}")),
            NO_BODY,
        )
        .await
    }

    pub async fn accounts() -> Result<Vec<AccountView>, ApiFailure> {
        send(Request::get("/api/beheer/accounts"), NO_BODY).await
    }

    pub async fn invite(input: &InvitationInput) -> Result<Vec<AccountView>, ApiFailure> {
        send(Request::post("/api/beheer/accounts"), Some(input)).await
    }

    pub async fn change(id: i64, input: &AccountChange) -> Result<Vec<AccountView>, ApiFailure> {
        send(
            Request::put(&format!("/api/beheer/accounts/{id}")),
            Some(input),
        )
        .await
    }

    pub async fn resend_invitation(id: i64) -> Result<(), ApiFailure> {
        send(
            Request::post(&format!("/api/beheer/accounts/{id}/uitnodiging")),
            NO_BODY,
        )
        .await
    }

    pub async fn reset_second_factor(id: i64) -> Result<(), ApiFailure> {
        send(
            Request::delete(&format!("/api/beheer/accounts/{id}/tweede-factor")),
            NO_BODY,
        )
        .await
    }

    pub async fn revoke_invitation(id: i64) -> Result<(), ApiFailure> {
        send(
            Request::delete(&format!("/api/beheer/accounts/{id}/uitnodiging")),
            NO_BODY,
        )
        .await
    }
}

pub mod own {
    //! `/api/account…`: the own account page, for everyone who signs in.
    use gloo_net::http::Request;
    use model::own_account::{
        ChangePassword, FactorConfirm, FactorConfirmed, FactorSetUp, FactorStart, OwnAccount,
    };

    use super::{send, ApiFailure, NO_BODY};

    pub async fn account() -> Result<OwnAccount, ApiFailure> {
        send(Request::get("/api/account"), NO_BODY).await
    }

    pub async fn end_session(id: &str) -> Result<(), ApiFailure> {
        send(
            Request::delete(&format!("/api/account/sessies/{id}")),
            NO_BODY,
        )
        .await
    }

    pub async fn change_password(input: &ChangePassword) -> Result<(), ApiFailure> {
        send(Request::put("/api/account/nieuw-wachtwoord"), Some(input)).await
    }

    pub async fn start_factor(input: &FactorStart) -> Result<FactorSetUp, ApiFailure> {
        send(Request::post("/api/account/tweede-factor"), Some(input)).await
    }

    pub async fn confirm_factor(input: &FactorConfirm) -> Result<FactorConfirmed, ApiFailure> {
        send(Request::put("/api/account/tweede-factor"), Some(input)).await
    }

    pub async fn set_message_mails(aan: bool) -> Result<(), ApiFailure> {
        let choice = model::own_account::MessageMails { aan };
        send(Request::put("/api/account/bericht-mails"), Some(&choice)).await
    }
}

/// One page of signals: the organisation's, or (staff) all.
pub async fn signals(
    page: u32,
) -> Result<(Vec<model::signal::wire::SignalSummary>, bool), ApiFailure> {
    paged("/api/signalen", page).await
}

/// Files a signal; the answer is its reference.
pub async fn file_signal(form: &model::signal::wire::NewSignal) -> Result<String, ApiFailure> {
    let created: CaseCreated = send(Request::post("/api/signalen"), Some(form)).await?;
    Ok(created.referentie)
}

pub async fn signal(reference: &str) -> Result<model::signal::wire::SignalDetail, ApiFailure> {
    send(Request::get(&format!("/api/signalen/{reference}")), NO_BODY).await
}

pub async fn signal_step(
    reference: &str,
    step: &model::signal::wire::SignalStepRequest,
) -> Result<model::signal::wire::SignalDetail, ApiFailure> {
    send(
        Request::post(&format!("/api/signalen/{reference}/stappen")),
        Some(step),
    )
    .await
}

/// The figures of a period (empty ends: this half-year).
pub async fn figures(from: &str, to: &str) -> Result<model::figures::Figures, ApiFailure> {
    let path = format!(
        "/api/cijfers?van={}&tot={}",
        js_sys::encode_uri_component(from),
        js_sys::encode_uri_component(to)
    );
    send(Request::get(&path), NO_BODY).await
}
