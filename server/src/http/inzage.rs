//! Inzage (AVG art. 15) for the beheerder: everything stored about the citizen of one case,
//! as JSON (`GET /api/beheer/inzage/{ref}`) and as a page to read and print
//! (`GET /api/beheer/inzage/{ref}/pagina`). Making it is logged on the case.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use pulldown_cmark_escape::escape_html;

use super::beheer::beheerder;
use super::extract::SignedIn;
use crate::clock::{dutch_timestamp, now};
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::inzage::{self, Inzage};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/inzage/{referentie}", get(inzage_json))
        .route("/beheer/inzage/{referentie}/pagina", get(inzage_page))
}

async fn made(state: &AppState, signed_in: &SignedIn, raw: String) -> ApiResult<Inzage> {
    beheerder(signed_in)?;
    let reference = model::domain::CaseReference::parse(&raw).map_err(|_| ApiError::NotFound)?;
    let at = now();
    let found = state
        .db
        .run(move |conn| inzage::inzage_in(conn, reference.as_str(), at))
        .await?
        .ok_or(ApiError::NotFound)?;
    signed_in
        .audit(&state.db, Action::MakeInzage, Some(&found.referentie))
        .await?;
    Ok(found)
}

#[utoipa::path(get, path = "/api/beheer/inzage/{referentie}", tag = "beheer", params(("referentie" = String, Path)),
    responses((status = 200, description = "Alles wat over de burger van deze zaak is opgeslagen"), (status = 403, body = model::api::Problem), (status = 404, body = model::api::Problem)))]
pub(super) async fn inzage_json(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(raw): Path<String>,
) -> ApiResult<Response> {
    let found = made(&state, &signed_in, raw).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], axum::Json(found)).into_response())
}

#[utoipa::path(get, path = "/api/beheer/inzage/{referentie}/pagina", tag = "beheer", params(("referentie" = String, Path)),
    responses((status = 200, description = "Dezelfde inzage als pagina om te lezen en te printen", content_type = "text/html"), (status = 403, body = model::api::Problem), (status = 404, body = model::api::Problem)))]
pub(super) async fn inzage_page(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(raw): Path<String>,
) -> ApiResult<Response> {
    let found = made(&state, &signed_in, raw).await?;
    let css = state
        .site
        .stylesheet()
        .map(|href| format!(r#"<link rel="stylesheet" href="{}">"#, esc(href)))
        .unwrap_or_default();
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Html(render(&found, &css)),
    )
        .into_response())
}

fn esc(text: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, text);
    out
}

/// A table with a caption, one header row and escaped cells.
fn table(caption: &str, head: &[&str], rows: Vec<Vec<String>>) -> String {
    if rows.is_empty() {
        return format!(
            "<h2 class=\"nl-heading nl-heading--level-2\">{}</h2><p class=\"nl-paragraph\">Niets opgeslagen.</p>",
            esc(caption)
        );
    }
    let head: String = head
        .iter()
        .map(|h| format!("<th scope=\"col\">{}</th>", esc(h)))
        .collect();
    let body: String = rows
        .into_iter()
        .map(|row| {
            format!(
                "<tr>{}</tr>",
                row.iter()
                    .map(|c| format!("<td>{}</td>", esc(c)))
                    .collect::<String>()
            )
        })
        .collect();
    format!(
        "<h2 class=\"nl-heading nl-heading--level-2\">{caption}</h2><div class=\"bg-scroll\" role=\"region\" aria-label=\"{caption}\" tabindex=\"0\"><table class=\"bg-table\"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>",
        caption = esc(caption)
    )
}

fn render(inzage: &Inzage, css: &str) -> String {
    let mut content = format!(
        "<h1 class=\"nl-heading nl-heading--level-1\">Inzage zaak {}</h1><p class=\"nl-paragraph\">Alles wat Bondgenoot over de burger van deze zaak heeft opgeslagen, gemaakt op {}. De stukken zelf horen erbij als bestanden.</p>",
        esc(&inzage.referentie),
        esc(&dutch_timestamp(inzage.gemaakt))
    );
    content += &table(
        "Gegevens",
        &["Gegeven", "Waarde"],
        inzage
            .gegevens
            .iter()
            .map(|(k, v)| vec![k.clone(), v.clone()])
            .collect(),
    );
    content += &table(
        "Toestemming",
        &[
            "Besluit",
            "Versie van de tekst",
            "Waarvoor",
            "Hoe",
            "Wanneer",
            "Ingetrokken",
        ],
        inzage
            .toestemming
            .iter()
            .map(|c| {
                vec![
                    c.besluit.clone(),
                    c.tekst_versie.clone(),
                    c.reikwijdte.clone(),
                    c.wijze.clone(),
                    dutch_timestamp(c.beslist),
                    c.ingetrokken
                        .map(dutch_timestamp)
                        .unwrap_or_else(|| "nee".into()),
                ]
            })
            .collect(),
    );
    content += &table(
        "Wat er met de zaak gebeurde",
        &["Wanneer", "Stap", "Door", "Bericht"],
        inzage
            .tijdlijn
            .iter()
            .map(|t| {
                vec![
                    dutch_timestamp(t.tijd),
                    t.naar.title().to_owned(),
                    t.door.clone(),
                    t.bericht.clone(),
                ]
            })
            .collect(),
    );
    content += &table(
        "Berichten voor de burger",
        &["Wanneer", "Van", "Bericht"],
        inzage
            .berichten_voor_burger
            .iter()
            .map(|m| vec![dutch_timestamp(m.tijd), m.door.clone(), m.tekst.clone()])
            .collect(),
    );
    content += &table(
        "Stukken",
        &[
            "Bestand",
            "Soort",
            "Omschrijving",
            "Grootte (bytes)",
            "Toegevoegd",
        ],
        inzage
            .documenten
            .iter()
            .map(|d| {
                vec![
                    d.bestandsnaam.clone(),
                    d.soort.clone(),
                    d.omschrijving.clone(),
                    d.grootte.to_string(),
                    dutch_timestamp(d.toegevoegd),
                ]
            })
            .collect(),
    );
    content += &table(
        "Wie de zaak bekeek of veranderde",
        &["Wanneer", "Rol", "Wie", "Wat"],
        inzage
            .inzage_log
            .iter()
            .map(|v| {
                vec![
                    dutch_timestamp(v.tijd),
                    v.rol.clone(),
                    v.wie.clone().unwrap_or_default(),
                    v.actie.clone(),
                ]
            })
            .collect(),
    );
    format!(
        r##"<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Inzage zaak {reference} – Bondgenoot</title>{css}</head><body class="utrecht-document"><main id="inhoud" class="bg-container bg-main">{content}</main></body></html>"##,
        reference = esc(&inzage.referentie),
    )
}
