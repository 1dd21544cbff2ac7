//! `/hulp`: the knowledge articles as plain HTML pages rendered by the server, with the app's
//! stylesheet and frame. They load no Wasm at all: fast on any phone, and nothing added to
//! the app's bundle. Search runs on the server (`/hulp/zoeken?q=…`).
//!
//! In the request's language (`http::language`): an article with an English version is
//! shown in English; one without says so in English and links the Dutch one.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use pulldown_cmark_escape::escape_html;
use serde::Deserialize;

use model::lang::{current, tr};
use model::Lang;

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
    let text = model::consent::consent_text(current());
    let sections: String = text
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
    let content = match current() {
        Lang::Nl => format!(
            r#"<h1 class="nl-heading nl-heading--level-1">Toestemming voor uw zaak</h1><p class="nl-paragraph nl-paragraph--lead">Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger. Dat mag alleen als u dat goed vindt. Lees dit, en zet uw handtekening als u toestemming geeft.</p>{sections}<h2 class="nl-heading nl-heading--level-2">Uw toestemming</h2><dl class="bg-facts bg-signature"><dt>Zaaknummer</dt><dd></dd><dt>Uw naam</dt><dd></dd><dt>Uw geboortedatum</dt><dd></dd><dt>Datum</dt><dd></dd><dt>Handtekening: ik geef toestemming</dt><dd></dd></dl><p class="bg-source">Versie van deze tekst: {}</p><p class="nl-paragraph bg-no-print">Druk deze pagina af. Voeg het getekende formulier daarna toe aan de zaak, als Getekend toestemmingsformulier.</p>"#,
            esc(text.version)
        ),
        Lang::En => format!(
            r#"<h1 class="nl-heading nl-heading--level-1">Consent for your case</h1><p class="nl-paragraph nl-paragraph--lead">Your social worker wants to bring your case to the Belangenbehartiger. That is only allowed if you agree. Read this, and sign if you give consent.</p>{sections}<h2 class="nl-heading nl-heading--level-2">Your consent</h2><dl class="bg-facts bg-signature"><dt>Case number</dt><dd></dd><dt>Your name</dt><dd></dd><dt>Your date of birth</dt><dd></dd><dt>Date</dt><dd></dd><dt>Signature: I give consent</dt><dd></dd></dl><p class="bg-source">Version of this text: {}</p><p class="nl-paragraph bg-no-print">Print this page. Then add the signed form to the case, as a signed consent form.</p>"#,
            esc(text.version)
        ),
    };
    page(
        &state,
        tr("Toestemmingsformulier", "Consent form"),
        Listing::Describe(tr(
            "Het toestemmingsformulier om af te drukken en te tekenen, voor wie geen telefoon of computer heeft. Met dezelfde tekst als de toestemming op de telefoon.",
            "The consent form to print and sign, for people without a phone or computer. With the same text as the consent on the phone.",
        )),
        "/toestemmingsformulier",
        &content,
    )
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

/// The app's frame around server-rendered content (same classes as `src/components/layout.rs`),
/// in the request's language, with the link to the other one (back to `path`).
fn page(
    state: &AppState,
    title: &str,
    listing: Listing,
    path: &str,
    content: &str,
) -> Html<String> {
    let lang = current();
    let other = lang.other();
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
        r##"<!doctype html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – Bondgenoot</title>{listing}<link rel="icon" href="/favicon.svg" type="image/svg+xml">{css}</head><body class="utrecht-document"><a class="nl-skip-link" href="#inhoud">{skip}</a><header class="bg-header"><div class="bg-container bg-header__inner"><a href="/" class="bg-logo"><span class="bg-logo__name">Bondgenoot</span><span class="bg-logo__tag">{tag}</span></a><a class="bg-language" href="/taal/{other}?terug={back}" lang="{other}" hreflang="{other}">{other_name}</a><nav aria-label="{menu}" class="bg-nav"><ul class="bg-nav__list"><li><a class="bg-nav__link" href="/">Start</a></li><li><a class="bg-nav__link" href="/zaken">{cases}</a></li><li><a class="bg-nav__link" href="/hulp" aria-current="page">{help}</a></li><li><a class="bg-nav__link" href="/over">{about}</a></li></ul></nav></div></header><main id="inhoud" class="bg-container bg-main" tabindex="-1">{content}</main><footer class="bg-footer"><div class="bg-container"><p class="nl-paragraph">{footer}</p></div></footer></body></html>"##,
        code = lang.code(),
        title = esc(title),
        skip = tr("Naar de inhoud", "Go to the content"),
        tag = tr(
            "Hulp bij vastgelopen zaken over belastingen en toeslagen",
            "Help with stuck cases about taxes and benefits"
        ),
        other = other.code(),
        other_name = other.own_name(),
        back = esc(path),
        menu = tr("Hoofdmenu", "Main menu"),
        cases = tr("Uw zaken", "Your cases"),
        help = tr("Uitleg", "Explanations"),
        about = tr("Over Bondgenoot", "About Bondgenoot"),
        footer = tr(
            "Bondgenoot is voor hulpverleners en de mensen die zij helpen. Vragen over deze website? Vraag het aan uw eigen organisatie.",
            "Bondgenoot is for social workers and the people they help. Questions about this website? Ask your own organisation."
        ),
    ))
}

fn search_form(query: &str) -> String {
    format!(
        r#"<form class="bg-form bg-search" action="/hulp/zoeken" method="get" role="search"><div class="bg-field"><label class="bg-label" for="q">{label}</label><p class="bg-hint" id="q-hint">{hint}</p><input class="bg-input" id="q" name="q" type="search" aria-describedby="q-hint" value="{}"></div><button class="utrecht-button utrecht-button--primary-action" type="submit">{button}</button></form>"#,
        esc(query),
        label = tr("Zoek in de uitleg", "Search the explanations"),
        hint = tr(
            "Bijvoorbeeld: termijn, Stella-team, toestemming.",
            "For example: deadline, Stella team, consent."
        ),
        button = tr("Zoeken", "Search"),
    )
}

/// `level`: the heading level of each item, one below the heading the list stands under.
/// `lang`: the articles' language, marked where it is not the page's.
fn article_list(articles: &[&Article], level: u8, lang: Lang) -> String {
    let marked = if lang == current() {
        String::new()
    } else {
        format!(r#" lang="{}""#, lang.code())
    };
    let items: String = articles
        .iter()
        .map(|a| {
            format!(
                r#"<li class="bg-case"{marked}><h{level} class="nl-heading nl-heading--level-3 bg-case__title"><a class="nl-link" href="/hulp/{}">{}</a></h{level}><p class="bg-case__meta">{}</p></li>"#,
                esc(&a.slug),
                esc(&a.meta.title),
                esc(&a.meta.summary)
            )
        })
        .collect();
    format!(r#"<ul class="bg-cases">{items}</ul>"#)
}

async fn help_index(State(state): State<AppState>) -> Html<String> {
    let lang = current();
    let shown: &[Article] = match lang {
        Lang::Nl => state.library.articles(),
        Lang::En => state.library.english(),
    };
    let by = |audience: Audience| -> Vec<&Article> {
        shown
            .iter()
            .filter(|a| a.meta.audience == audience)
            .collect()
    };
    let mut content = format!(
        r#"<h1 class="nl-heading nl-heading--level-1">{}</h1><p class="nl-paragraph nl-paragraph--lead">{}</p>"#,
        tr("Uitleg in gewone taal", "Explanations in plain language"),
        tr(
            "Hier leest u hoe de Belangenbehartiger werkt, en wat u zelf kunt doen.",
            "Here you can read how the Belangenbehartiger works, and what you can do yourself."
        ),
    );
    content.push_str(&search_form(""));
    for (audience, heading) in [
        (Audience::Beide, tr("Voor iedereen", "For everyone")),
        (Audience::Burger, tr("Voor de burger", "For the citizen")),
        (
            Audience::Hulpverlener,
            tr("Voor hulpverleners", "For social workers"),
        ),
    ] {
        let list = by(audience);
        if !list.is_empty() {
            content.push_str(&format!(
                r#"<h2 class="nl-heading nl-heading--level-2">{heading}</h2>{}"#,
                article_list(&list, 3, lang)
            ));
        }
    }
    if lang == Lang::En {
        // The rest, in Dutch for now: named as such, and marked as Dutch for screen readers.
        let dutch_only: Vec<&Article> = state
            .library
            .articles()
            .iter()
            .filter(|a| state.library.get_in(&a.slug, Lang::En).is_none())
            .collect();
        if !dutch_only.is_empty() {
            content.push_str(&format!(
                r#"<h2 class="nl-heading nl-heading--level-2">Only in Dutch for now</h2><p class="nl-paragraph">These explanations are not in English yet.</p>{}"#,
                article_list(&dutch_only, 3, Lang::Nl)
            ));
        }
    }
    page(
        &state,
        tr("Uitleg", "Explanations"),
        Listing::Describe(tr(
            "Uitleg in gewone taal: hoe de Belangenbehartiger werkt, wanneer het Stella-team helpt, bezwaar, termijnen, toeslagen en schulden. En wat u zelf kunt doen.",
            "Explanations in plain language: how the Belangenbehartiger works, when the Stella team helps, objections, deadlines, benefits and debts. And what you can do yourself.",
        )),
        "/hulp",
        &content,
    )
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
    let lang = current();
    let found = match lang {
        Lang::Nl => state.library.search(&query.q),
        Lang::En => state.library.search_english(&query.q),
    };
    // Past the cap nothing more is read; echoing it back would only make the page heavy.
    let typed: String = query
        .q
        .chars()
        .take(crate::knowledge::search::MAX_QUERY_CHARS)
        .collect();
    let mut content = format!(
        r#"<h1 class="nl-heading nl-heading--level-1">{}</h1>"#,
        tr("Zoeken in de uitleg", "Search the explanations")
    );
    content.push_str(&search_form(&typed));
    if query.q.trim().is_empty() {
        content.push_str(&format!(
            r#"<p class="nl-paragraph">{}</p>"#,
            tr(
                "Typ een woord en kies Zoeken.",
                "Type a word and choose Search."
            )
        ));
    } else if found.is_empty() {
        content.push_str(&no_results(&state, &typed).await);
    } else {
        let count = match (lang, found.len()) {
            (Lang::Nl, 1) => "1 artikel".to_owned(),
            (Lang::Nl, n) => format!("{n} artikelen"),
            (Lang::En, 1) => "1 article".to_owned(),
            (Lang::En, n) => format!("{n} articles"),
        };
        content.push_str(&format!(
            r#"<p class="nl-paragraph" role="status">{count} {} ‘{}’.</p>{}"#,
            tr("gevonden voor", "found for"),
            esc(&typed),
            article_list(&found, 2, lang)
        ));
    }
    page(
        &state,
        tr("Zoeken in de uitleg", "Search the explanations"),
        Listing::NoIndex,
        "/hulp/zoeken",
        &content,
    )
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
    let lang = current();
    let shown: &[Article] = match lang {
        Lang::Nl => state.library.articles(),
        Lang::En => state.library.english(),
    };
    let mut most: Vec<&Article> = read
        .iter()
        .filter_map(|s| state.library.get_in(s, lang))
        .collect();
    // Fewer than five read so far: fill up with the first articles of the list.
    for article in shown {
        if most.len() >= MOST_READ {
            break;
        }
        if !most.iter().any(|a| a.slug == article.slug) {
            most.push(article);
        }
    }
    match lang {
        Lang::Nl => format!(
            r#"<p class="nl-paragraph" role="status">Niets gevonden voor ‘{}’.</p><h2 class="nl-heading nl-heading--level-2">Wat kunt u nu doen?</h2><ul class="bg-list"><li>Probeer een ander woord. Of een korter woord, zoals ‘toeslag’ of ‘betalen’.</li><li>Helpt u iemand met een vastgelopen zaak? Doe de <a class="nl-link" href="/zaken/nieuw">routecheck</a>. Die zegt welke route past.</li><li>Gaat het om een gewone vraag over belasting? Dan kan de burger de BelastingTelefoon bellen, of een afspraak maken aan de balie.</li><li>Vraag het een collega of uw eigen organisatie.</li></ul><h2 class="nl-heading nl-heading--level-2">Veel gelezen</h2>{}<p class="nl-paragraph"><a class="nl-link" href="/hulp">Alle uitleg</a></p>"#,
            esc(typed),
            article_list(&most, 3, lang)
        ),
        Lang::En => format!(
            r#"<p class="nl-paragraph" role="status">Nothing found for ‘{}’.</p><h2 class="nl-heading nl-heading--level-2">What can you do now?</h2><ul class="bg-list"><li>Try another word. Or a shorter word, such as ‘benefit’ or ‘pay’.</li><li>Only some explanations are in English yet. <a class="nl-link" href="/hulp">See all explanations</a>, also the ones in Dutch.</li><li>Do you help someone with a stuck case? Do the <a class="nl-link" href="/zaken/nieuw">route check</a>. It tells you which route fits.</li><li>Is it an ordinary question about tax? Then the citizen can call the BelastingTelefoon (tax helpline), or make an appointment at the desk.</li><li>Ask a colleague or your own organisation.</li></ul><h2 class="nl-heading nl-heading--level-2">Often read</h2>{}<p class="nl-paragraph"><a class="nl-link" href="/hulp">All explanations</a></p>"#,
            esc(typed),
            article_list(&most, 3, lang)
        ),
    }
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
    let path = format!("/hulp/{slug}");
    let Some(original) = state.library.get(&slug) else {
        let content = format!(
            r#"<h1 class="nl-heading nl-heading--level-1">{}</h1><p class="nl-paragraph"><a class="nl-link" href="/hulp">{}</a></p>"#,
            tr(
                "Deze uitleg bestaat niet",
                "This explanation does not exist"
            ),
            tr("Naar alle uitleg", "Go to all explanations"),
        );
        return (
            StatusCode::NOT_FOUND,
            page(
                &state,
                tr("Niet gevonden", "Not found"),
                Listing::NoIndex,
                &path,
                &content,
            ),
        )
            .into_response();
    };
    let lang = current();
    let Some(article) = state.library.get_in(&slug, lang) else {
        // Not in English yet: said in English, with the way to the Dutch one (the language
        // link switches this browser back to Dutch and returns here).
        let content = format!(
            r#"<p class="bg-progress"><a class="nl-link" href="/hulp">All explanations</a></p><h1 class="nl-heading nl-heading--level-1">Not in English yet</h1><p class="nl-paragraph nl-paragraph--lead">The explanation <q lang="nl">{}</q> is only in Dutch for now.</p><p class="nl-paragraph"><a class="nl-link" href="/taal/nl?terug={}" hreflang="nl">Read it in Dutch</a></p><p class="nl-paragraph"><a class="nl-link" href="/hulp">See the explanations in English</a></p>"#,
            esc(&original.meta.title),
            esc(&path),
        );
        return page(
            &state,
            "Not in English yet",
            Listing::NoIndex,
            &path,
            &content,
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
            format!(
                r#"<li><span lang="nl">{}</span>, {} {}</li>"#,
                esc(source_name(code)),
                tr("regel", "line"),
                esc(line)
            )
        })
        .collect();
    let content = format!(
        r#"<p class="bg-progress"><a class="nl-link" href="/hulp">{all}</a></p><h1 class="nl-heading nl-heading--level-1">{}</h1><div class="bg-article">{}</div><p class="nl-paragraph bg-read-more">{helping} <a class="nl-link" href="/zaken/nieuw">{submit}</a></p><h2 class="nl-heading nl-heading--level-2">{sources_heading}</h2><ul class="bg-list bg-source">{sources}</ul><p class="bg-source">{checked} {}.</p>"#,
        esc(&article.meta.title),
        to_html(&article.body),
        esc(&model::domain::Date::parse(&article.meta.checked)
            .map_or_else(|_| article.meta.checked.clone(), |d| d.in_words())),
        all = tr("Alle uitleg", "All explanations"),
        helping = tr(
            "Helpt u iemand met een vastgelopen zaak?",
            "Do you help someone with a stuck case?"
        ),
        submit = tr("Een zaak aanmelden", "Submit a case"),
        sources_heading = tr("Bronnen", "Sources"),
        checked = tr("Gecontroleerd op", "Checked on"),
    );
    page(
        &state,
        &article.meta.title,
        Listing::Describe(&article.meta.summary),
        &path,
        &content,
    )
    .into_response()
}
