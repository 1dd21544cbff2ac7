//! `/hulp`: the knowledge articles as plain HTML pages rendered by the server, with the app's
//! stylesheet and frame. They load no Wasm at all: fast on any phone, and nothing added to
//! the app's bundle. Search runs on the server (`/hulp/zoeken?q=…`).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use pulldown_cmark_escape::escape_html;
use serde::Deserialize;

use crate::knowledge::{to_html, Article, Audience};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/hulp", get(help_index))
        .route("/hulp/zoeken", get(help_search))
        .route("/hulp/{slug}", get(help_show))
        .route("/toestemmingsformulier", get(consent_form))
}

/// The consent text as a form to print and sign, for a citizen without a phone or computer.
/// The same versioned text as the consent page; the version is printed on the form.
async fn consent_form(State(state): State<AppState>) -> Html<String> {
    use model::consent::CONSENT_TEXT;
    let sections: String = CONSENT_TEXT
        .sections
        .iter()
        .map(|section| {
            let paragraphs: String = section
                .paragraphs
                .iter()
                .map(|p| format!(r#"<p class="nl-paragraph">{}</p>"#, esc(p)))
                .collect();
            format!(
                r#"<h2 class="nl-heading nl-heading--level-2">{}</h2>{paragraphs}"#,
                esc(section.heading)
            )
        })
        .collect();
    let content = format!(
        r#"<h1 class="nl-heading nl-heading--level-1">Toestemming voor uw zaak</h1><p class="nl-paragraph nl-paragraph--lead">Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger. Dat mag alleen als u dat goed vindt. Lees dit, en zet uw handtekening als u toestemming geeft.</p>{sections}<h2 class="nl-heading nl-heading--level-2">Uw toestemming</h2><dl class="bg-facts bg-signature"><dt>Zaaknummer</dt><dd></dd><dt>Uw naam</dt><dd></dd><dt>Uw geboortedatum</dt><dd></dd><dt>Datum</dt><dd></dd><dt>Handtekening: ik geef toestemming</dt><dd></dd></dl><p class="bg-source">Versie van deze tekst: {}</p><p class="nl-paragraph bg-no-print">Druk deze pagina af. Voeg het getekende formulier daarna toe aan de zaak, als Getekend toestemmingsformulier.</p>"#,
        esc(CONSENT_TEXT.version)
    );
    page(&state, "Toestemmingsformulier", Listing::Describe("Het toestemmingsformulier om af te drukken en te tekenen, voor wie geen telefoon of computer heeft. Met dezelfde tekst als de toestemming op de telefoon."), &content)
}

fn esc(text: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, text);
    out
}

/// How a page shows in a search engine: with its description, or not at all (search results
/// and a missing article).
enum Listing<'a> {
    Describe(&'a str),
    NoIndex,
}

/// The app's frame around server-rendered content (same classes as `src/components/layout.rs`).
fn page(state: &AppState, title: &str, listing: Listing, content: &str) -> Html<String> {
    let listing = match listing {
        Listing::Describe(text) => format!(r#"<meta name="description" content="{}">"#, esc(text)),
        Listing::NoIndex => r#"<meta name="robots" content="noindex">"#.to_owned(),
    };
    let css = state
        .site
        .stylesheet()
        .map(|href| format!(r#"<link rel="stylesheet" href="{}">"#, esc(href)))
        .unwrap_or_default();
    Html(format!(
        r##"<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – Bondgenoot</title>{listing}<link rel="icon" href="/favicon.svg" type="image/svg+xml">{css}</head><body class="utrecht-document"><a class="nl-skip-link" href="#inhoud">Naar de inhoud</a><header class="bg-header"><div class="bg-container bg-header__inner"><a href="/" class="bg-logo"><span class="bg-logo__name">Bondgenoot</span><span class="bg-logo__tag">Hulp bij vastgelopen zaken over belastingen en toeslagen</span></a><nav aria-label="Hoofdmenu" class="bg-nav"><ul class="bg-nav__list"><li><a class="bg-nav__link" href="/">Start</a></li><li><a class="bg-nav__link" href="/zaken">Uw zaken</a></li><li><a class="bg-nav__link" href="/hulp" aria-current="page">Uitleg</a></li><li><a class="bg-nav__link" href="/over">Over Bondgenoot</a></li></ul></nav></div></header><main id="inhoud" class="bg-container bg-main" tabindex="-1">{content}</main><footer class="bg-footer"><div class="bg-container"><p class="nl-paragraph">Bondgenoot is voor hulpverleners en de mensen die zij helpen. Vragen over deze website? Vraag het aan uw eigen organisatie.</p></div></footer></body></html>"##,
        title = esc(title),
    ))
}

fn search_form(query: &str) -> String {
    format!(
        r#"<form class="bg-form bg-search" action="/hulp/zoeken" method="get" role="search"><div class="bg-field"><label class="bg-label" for="q">Zoek in de uitleg</label><p class="bg-hint" id="q-hint">Bijvoorbeeld: termijn, Stella-team, toestemming.</p><input class="bg-input" id="q" name="q" type="search" aria-describedby="q-hint" value="{}"></div><button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button></form>"#,
        esc(query)
    )
}

/// `level`: the heading level of each item, one below the heading the list stands under.
fn article_list(articles: &[&Article], level: u8) -> String {
    let items: String = articles
        .iter()
        .map(|a| {
            format!(
                r#"<li class="bg-case"><h{level} class="nl-heading nl-heading--level-3 bg-case__title"><a class="nl-link" href="/hulp/{}">{}</a></h{level}><p class="bg-case__meta">{}</p></li>"#,
                esc(&a.slug),
                esc(&a.meta.title),
                esc(&a.meta.summary)
            )
        })
        .collect();
    format!(r#"<ul class="bg-cases">{items}</ul>"#)
}

async fn help_index(State(state): State<AppState>) -> Html<String> {
    let by = |audience: Audience| -> Vec<&Article> {
        state
            .library
            .articles()
            .iter()
            .filter(|a| a.meta.audience == audience)
            .collect()
    };
    let mut content = String::from(
        r#"<h1 class="nl-heading nl-heading--level-1">Uitleg in gewone taal</h1><p class="nl-paragraph nl-paragraph--lead">Hier leest u hoe de Belangenbehartiger werkt, en wat u zelf kunt doen.</p>"#,
    );
    content.push_str(&search_form(""));
    for (audience, heading) in [
        (Audience::Beide, "Voor iedereen"),
        (Audience::Burger, "Voor de burger"),
        (Audience::Hulpverlener, "Voor hulpverleners"),
    ] {
        let list = by(audience);
        if !list.is_empty() {
            content.push_str(&format!(
                r#"<h2 class="nl-heading nl-heading--level-2">{heading}</h2>{}"#,
                article_list(&list, 3)
            ));
        }
    }
    page(&state, "Uitleg", Listing::Describe("Uitleg in gewone taal: hoe de Belangenbehartiger werkt, wanneer het Stella-team helpt, bezwaar, termijnen, toeslagen en schulden. En wat u zelf kunt doen."), &content)
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// How many articles the page without results lists as most read.
const MOST_READ: usize = 5;

async fn help_search(
    State(state): State<AppState>,
    Query(query): Query<SearchQuery>,
) -> Html<String> {
    let found = state.library.search(&query.q);
    // Past the cap nothing more is read; echoing it back would only make the page heavy.
    let typed: String = query
        .q
        .chars()
        .take(crate::knowledge::search::MAX_QUERY_CHARS)
        .collect();
    let mut content =
        String::from(r#"<h1 class="nl-heading nl-heading--level-1">Zoeken in de uitleg</h1>"#);
    content.push_str(&search_form(&typed));
    if query.q.trim().is_empty() {
        content.push_str(r#"<p class="nl-paragraph">Typ een woord en kies Zoeken.</p>"#);
    } else if found.is_empty() {
        content.push_str(&no_results(&state, &typed).await);
    } else {
        content.push_str(&format!(
            r#"<p class="nl-paragraph" role="status">{} gevonden voor ‘{}’.</p>{}"#,
            if found.len() == 1 {
                "1 artikel".to_owned()
            } else {
                format!("{} artikelen", found.len())
            },
            esc(&typed),
            article_list(&found, 2)
        ));
    }
    page(&state, "Zoeken in de uitleg", Listing::NoIndex, &content)
}

/// A search without results is never a dead end: what the helper can do next, and the
/// articles others read most.
async fn no_results(state: &AppState, typed: &str) -> String {
    let read = match crate::store::help::most_read(&state.db, MOST_READ as i64).await {
        Ok(slugs) => slugs,
        Err(err) => {
            tracing::warn!(error = %crate::telemetry::chain(&err), "most read articles");
            Vec::new()
        }
    };
    let mut most: Vec<&Article> = read.iter().filter_map(|s| state.library.get(s)).collect();
    // Fewer than five read so far: fill up with the first articles of the list.
    for article in state.library.articles() {
        if most.len() >= MOST_READ {
            break;
        }
        if !most.iter().any(|a| a.slug == article.slug) {
            most.push(article);
        }
    }
    format!(
        r#"<p class="nl-paragraph" role="status">Niets gevonden voor ‘{}’.</p><h2 class="nl-heading nl-heading--level-2">Wat kunt u nu doen?</h2><ul class="bg-list"><li>Probeer een ander woord. Of een korter woord, zoals ‘toeslag’ of ‘betalen’.</li><li>Helpt u iemand met een vastgelopen zaak? Doe de <a class="nl-link" href="/zaken/nieuw">routecheck</a>. Die zegt welke route past.</li><li>Gaat het om een gewone vraag over belasting? Dan kan de burger de BelastingTelefoon bellen, of een afspraak maken aan de balie.</li><li>Vraag het een collega of uw eigen organisatie.</li></ul><h2 class="nl-heading nl-heading--level-2">Veel gelezen</h2>{}<p class="nl-paragraph"><a class="nl-link" href="/hulp">Alle uitleg</a></p>"#,
        esc(typed),
        article_list(&most, 3)
    )
}

/// Seed code to the document's name, as readers know it.
fn source_name(code: &str) -> &'static str {
    match code {
        "S000" => "Kamerbrief over leiderschap en cultuur bij de Belastingdienst",
        "S001" => "Gezaghebbend heffen, innen, toekennen en controleren (2023)",
        "S002" => "Kamerbrief over een weerbare Belastingdienst (2024)",
        "S003" => "Stand-van-zakenbrief Belastingdienst (2025)",
        "S004" => "Reisverslag Belangenbehartiger (2025)",
        _ => "onbekende bron",
    }
}

async fn help_show(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let Some(article) = state.library.get(&slug) else {
        let content = r#"<h1 class="nl-heading nl-heading--level-1">Deze uitleg bestaat niet</h1><p class="nl-paragraph"><a class="nl-link" href="/hulp">Naar alle uitleg</a></p>"#;
        return (
            StatusCode::NOT_FOUND,
            page(&state, "Niet gevonden", Listing::NoIndex, content),
        )
            .into_response();
    };
    if let Err(err) = crate::store::help::count_view(&state.db, &article.slug).await {
        // A count that failed never keeps anyone from reading.
        tracing::warn!(error = %crate::telemetry::chain(&err), "article view not counted");
    }
    let sources: String = article
        .meta
        .sources
        .iter()
        .map(|s| {
            let (code, line) = s.split_once(':').unwrap_or((s, ""));
            format!("<li>{}, regel {}</li>", esc(source_name(code)), esc(line))
        })
        .collect();
    let content = format!(
        r#"<p class="bg-progress"><a class="nl-link" href="/hulp">Alle uitleg</a></p><h1 class="nl-heading nl-heading--level-1">{}</h1><div class="bg-article">{}</div><p class="nl-paragraph bg-read-more">Helpt u iemand met een vastgelopen zaak? <a class="nl-link" href="/zaken/nieuw">Een zaak aanmelden</a></p><h2 class="nl-heading nl-heading--level-2">Bronnen</h2><ul class="bg-list bg-source">{sources}</ul><p class="bg-source">Gecontroleerd op {}.</p>"#,
        esc(&article.meta.title),
        to_html(&article.body),
        esc(&model::domain::Date::parse(&article.meta.checked)
            .map_or_else(|_| article.meta.checked.clone(), |d| d.to_dutch())),
    );
    page(
        &state,
        &article.meta.title,
        Listing::Describe(&article.meta.summary),
        &content,
    )
    .into_response()
}
