//! `GET /api/openapi.json`: the API described as OpenAPI 3.1, generated from the handlers and
//! the `model` types, so it cannot drift from the code. Names follow ZGW where it has one (*zaak*).

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bondgenoot API",
        description = "Vastgelopen zaken over belastingen en toeslagen voorleggen aan de Belangenbehartiger, met toestemming van de burger. Foutmeldingen zijn application/problem+json met een Nederlandse tekst. Elk verzoek dat iets verandert, stuurt het CSRF-token van de sessie mee in de header X-CSRF-Token."
    ),
    paths(
        super::health::health_show,
        super::health::health_live,
        super::sessions::sessions_create,
        super::sessions::sessions_code,
        super::sessions::sessions_show,
        super::sessions::sessions_delete,
        super::cases::cases_list,
        super::cases::cases_create,
        super::cases::cases_show,
        super::cases::cases_update_draft,
        super::cases::cases_delete,
        super::cases::cases_submit,
        super::cases::cases_step,
        super::cases::cases_consent_link,
        super::cases::cases_paper_consent,
        super::cases::cases_messages,
        super::cases::cases_message_add,
        super::cases::cases_notes,
        super::cases::cases_note_add,
        super::cases::cases_feedback,
        super::assignment::break_glass,
        super::assignment::reassign,
        super::assignment::colleagues,
        super::worklist::work_list,
        super::citizen::citizen_feedback,
        super::citizen::consent_check,
        super::citizen::consent_decide,
        super::citizen::consent_dispute,
        super::citizen::citizen_sign_in,
        super::citizen::citizen_case,
        super::citizen::citizen_session,
        super::citizen::citizen_withdraw,
        super::citizen::citizen_sign_out,
        super::documents::case_upload,
        super::documents::case_documents,
        super::documents::case_download,
        super::documents::citizen_upload,
        super::documents::citizen_documents,
        super::documents::citizen_download,
        super::documents::invitations_create,
        super::documents::invitations_list,
        super::documents::invitations_revoke,
        super::documents::intermediary_sign_in,
        super::documents::intermediary_view,
        super::documents::intermediary_upload,
        super::documents::intermediary_sign_out,
        super::documents::intermediary_download,
        super::beheer::organisations_list,
        super::beheer::organisations_create,
        super::beheer::organisations_update,
        super::beheer::teams_list,
        super::beheer::teams_create,
        super::beheer::teams_update,
        super::audit_log::log_page,
        super::audit_log::log_export,
        super::monitoring::rules_list,
        super::monitoring::rule_set,
        super::monitoring::evaluate_now,
        super::monitoring::alerts_list,
        super::monitoring::alert_change,
        super::retention::overview,
        super::retention::terms_set,
        super::retention::run_now,
        super::signals::signals_list,
        super::signals::signals_file,
        super::signals::signals_show,
        super::signals::signals_step,
        super::signals::signals_export,
        super::retention::review,
        super::inzage::inzage_json,
        super::inzage::inzage_page,
        super::beheer::accounts_list,
        super::beheer::accounts_invite,
        super::beheer::accounts_change,
        super::beheer::invitation_resend,
        super::beheer::invitation_revoke,
        super::beheer::second_factor_reset,
        super::beheer::link_show,
        super::beheer::password_choose,
        super::beheer::password_forgotten,
        super::own_account::account_show,
        super::own_account::session_end,
        super::own_account::password_change,
        super::own_account::factor_start,
        super::own_account::factor_confirm,
    ),
    tags(
        (name = "systeem", description = "Werkt de dienst?"),
        (name = "sessies", description = "Inloggen en uitloggen"),
        (name = "zaken", description = "Zaken (ZGW: zaak): concepten, indienen, stappen van de Belangenbehartiger"),
        (name = "documenten", description = "Documenten bij een zaak (ZGW: zaakinformatieobject) en uitnodigingen voor een intermediair"),
        (name = "intermediair", description = "Een intermediair met een uitnodiging: alleen eigen documenten toevoegen en zien"),
        (name = "burger", description = "De burger zonder account: toestemming via een eenmalige link, daarna de eigen zaak met zaaknummer en persoonlijke code"),
        (name = "beheer", description = "Organisaties, teams en accounts; alleen voor beheerders"),
        (name = "signalen", description = "Signalen over wat er in het systeem misgaat: indienen, volgen, en (medewerkers) behandelen, controleren en doorzetten naar het KSMS"),
        (name = "account", description = "Het eigen account (wachtwoord, sessies, tweede factor), en een wachtwoord kiezen met de link uit een uitnodiging of herstelmail")
    )
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
}
