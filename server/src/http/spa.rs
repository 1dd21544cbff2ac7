//! Serving the nine built single-page apps from Trunk's `dist/`, each with its own, smaller
//! first load: the helpers' app (`dist/index.html`: sign-in, their cases), the case form
//! (`dist/formulier/`: route check, questions, the consent handover), the
//! public app (`dist/publiek/`: start page, about, choosing a password), the citizen's app
//! (`dist/burger/`: consent, the citizen's status, the intermediair's page), the case app (`dist/zaak/`: the page of a sent case, the helper's and the staff's) and the backoffice
//! (`dist/backoffice-app/`: the Belangenbehartiger's work list), and the beheer
//! app (`dist/beheer-app/`: accounts, organisations, teams), and the supervision app
//! (`dist/toezicht-app/`: the audit log and the alerts).
//!
//! The built files are read into memory once at start (they are small) with the `.br`/`.gz`
//! copies the build writes beside them, and served from there: no file read per request.
//! A path without a file extension is an app route: it gets the page of the app that owns
//! it, so a deep link reloads into the app. A missing file with an extension is a real 404.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use base64::Engine;
use model::routes::{app_of, App};
use model::Lang;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("cannot read {path}: {source} (build the app first: `trunk build --release`)")]
    Index {
        path: String,
        source: std::io::Error,
    },
}

/// A built file in memory, with its precompressed copies and a strong ETag.
struct Asset {
    content_type: &'static str,
    identity: Identity,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    etag: HeaderValue,
}

/// The file as it is, uncompressed. Every browser takes brotli or gzip, which are kept in
/// memory; the plain bytes of a large file with such a copy (the Wasm and scripts of nine
/// bundles in two languages, about 11 MB) stay on disk and are read for the rare client
/// that takes neither, which keeps the idle server within its memory budget.
enum Identity {
    InMemory(Bytes),
    OnDisk(PathBuf),
}

/// Files up to this size stay in memory as they are, even with compressed copies.
const PLAIN_IN_MEMORY_BYTES: usize = 64 * 1024;

impl Asset {
    /// The plain bytes of a small file (an HTML page, whose inline scripts the policy reads).
    fn text(&self) -> Option<&[u8]> {
        match &self.identity {
            Identity::InMemory(bytes) => Some(bytes),
            Identity::OnDisk(_) => None,
        }
    }
}

/// The content type by file extension, for the kinds of file Trunk and `public/` write.
fn content_type_of(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "html" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The folder of the public pages with their first view already in the HTML, one file per
/// route (`index.html` for `/`, `over.html` for `/over`), written by `e2e/build/first-paint.mjs`
/// after the Trunk builds. They are sent for their route instead of the app's bare page.
const FIRST_PAINT: &str = "first-paint";

/// The app routes search engines may index (`public/robots.txt` says the same); every other
/// app page is about an account or one person's case and says `noindex`.
const INDEXABLE: [&str; 2] = ["/", "/over"];

/// Every file under `dir`, by its URL path (`/publiek/p-….js`); `.br` and `.gz` copies go
/// with their original, hidden files (Trunk's locks) are left out.
fn read_assets(dir: &Path) -> Result<HashMap<String, Asset>, SiteError> {
    let io = |path: &Path, source| SiteError::Index {
        path: path.display().to_string(),
        source,
    };
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| io(&folder, e))? {
            let path = entry.map_err(|e| io(&folder, e))?.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_none_or(|n| n.starts_with('.') || n.ends_with(".trunk-lock"));
            if hidden || path.file_name().is_some_and(|n| n == FIRST_PAINT) {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if !path.extension().is_some_and(|e| e == "br" || e == "gz") {
                files.push(path);
            }
        }
    }
    let mut assets = HashMap::new();
    for path in files {
        let identity = std::fs::read(&path).map_err(|e| io(&path, e))?;
        let copy = |ext: &str| {
            let mut name = path.clone().into_os_string();
            name.push(ext);
            std::fs::read(PathBuf::from(name)).ok().map(Bytes::from)
        };
        let (brotli, gzip) = (copy(".br"), copy(".gz"));
        let digest = Sha256::digest(&identity);
        let etag = format!(
            "\"{}\"",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..12])
        );
        let Ok(relative) = path.strip_prefix(dir) else {
            continue;
        };
        let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
        assets.insert(
            url,
            Asset {
                content_type: content_type_of(&path),
                identity: if identity.len() > PLAIN_IN_MEMORY_BYTES
                    && brotli.is_some()
                    && gzip.is_some()
                {
                    Identity::OnDisk(path.clone())
                } else {
                    Identity::InMemory(Bytes::from(identity))
                },
                brotli,
                gzip,
                etag: HeaderValue::from_str(&etag)
                    .unwrap_or_else(|_| HeaderValue::from_static("\"0\"")),
            },
        );
    }
    Ok(assets)
}

/// Whether the client accepts `coding` (`br`, `gzip`) in `Accept-Encoding`, without `q=0`.
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

/// One language's pages: each app's bare page and the first-paint pages by route.
struct Pages {
    apps: HashMap<App, Arc<[u8]>>,
    /// Pages with their first view in the HTML, by route (see [`FIRST_PAINT`]).
    first_paint: HashMap<String, Asset>,
}

/// The folder under `dist/` with the English build of every app (`scripts/lib.sh`): the same
/// layout as `dist/` itself, served under `/en/`.
const ENGLISH: &str = "en";

impl Pages {
    /// The pages of the build in `dir` (`dist/` or `dist/en/`), and all their HTML, whose
    /// inline scripts the policy must allow.
    fn load(dir: &Path, html: &mut String) -> Result<Pages, SiteError> {
        let mut apps = HashMap::new();
        for app in App::ALL {
            let path = dir.join(app.dist_dir()).join("index.html");
            let page = std::fs::read(&path).map_err(|source| SiteError::Index {
                path: path.display().to_string(),
                source,
            })?;
            html.push_str(&String::from_utf8_lossy(&page));
            apps.insert(app, Arc::from(page));
        }
        let first_paint_dir = dir.join(FIRST_PAINT);
        let first_paint: HashMap<String, Asset> = if first_paint_dir.is_dir() {
            read_assets(&first_paint_dir)?
                .into_iter()
                .filter_map(|(file, page)| {
                    let name = file.strip_prefix('/')?.strip_suffix(".html")?;
                    let route = if name == "index" {
                        "/".to_owned()
                    } else {
                        format!("/{name}")
                    };
                    Some((route, page))
                })
                .collect()
        } else {
            HashMap::new()
        };
        // The first-paint pages start the app's loader after the first frame: their inline
        // script differs from the bare page's, and is allowed by its own hash.
        for page in first_paint.values() {
            html.push_str(&String::from_utf8_lossy(page.text().unwrap_or_default()));
        }
        Ok(Pages { apps, first_paint })
    }
}

/// The built apps, read once at start, in Dutch and (when built) English.
pub struct Site {
    assets: HashMap<String, Asset>,
    dutch: Pages,
    /// `None` in a build without the English bundles: then everyone gets the Dutch pages.
    english: Option<Pages>,
    csp: HeaderValue,
    /// The hashed stylesheet Trunk wrote, for pages the server renders itself.
    stylesheet: Option<String>,
}

impl Site {
    pub fn load(dist: &Path) -> Result<Self, SiteError> {
        let mut html = String::new();
        let dutch = Pages::load(dist, &mut html)?;
        let stylesheet = stylesheet_href(&html);
        let english_dir = dist.join(ENGLISH);
        let english = if english_dir.join("index.html").is_file() {
            Some(Pages::load(&english_dir, &mut html)?)
        } else {
            tracing::warn!(dist = %dist.display(), "no English build in dist/en: every page is sent in Dutch");
            None
        };
        let csp = content_security_policy(&html);
        Ok(Site {
            assets: read_assets(dist)?,
            dutch,
            english,
            csp,
            stylesheet,
        })
    }

    pub fn stylesheet(&self) -> Option<&str> {
        self.stylesheet.as_deref()
    }

    pub fn csp(&self) -> &HeaderValue {
        &self.csp
    }

    /// The pages in `lang`, or the Dutch ones where that build is missing.
    fn pages(&self, lang: Lang) -> &Pages {
        match lang {
            Lang::En => self.english.as_ref().unwrap_or(&self.dutch),
            Lang::Nl => &self.dutch,
        }
    }
}

/// Built files from memory first, then the app shell or a 404.
pub fn service(site: Arc<Site>) -> MethodRouter {
    get(serve).with_state(site)
}

async fn serve(State(site): State<Arc<Site>>, request: Request) -> Response {
    let path = request.uri().path();
    if let Some(asset) = site.assets.get(path) {
        return send_asset(asset, request.headers()).await;
    }
    let pages = site.pages(super::language::chosen(request.headers()).unwrap_or_default());
    let mut response = match pages.first_paint.get(path) {
        Some(page) => send_asset(page, request.headers()).await,
        None => app_shell(pages, path),
    };
    if is_app_route(path) {
        let headers = response.headers_mut();
        // The same address is a Dutch or an English page, by the language cookie.
        headers.insert(
            header::VARY,
            HeaderValue::from_static("accept-encoding, cookie"),
        );
        if !INDEXABLE.contains(&path) {
            headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
        }
    }
    response
}

/// The file in the best encoding the client takes; 304 when it has this version already.
async fn send_asset(asset: &Asset, request: &HeaderMap) -> Response {
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tag| tag.as_bytes() == asset.etag.as_bytes());
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(header::ETAG, asset.etag.clone());
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if fresh {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let (body, encoding) = match (&asset.brotli, &asset.gzip) {
        (Some(br), _) if accepts(request, "br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepts(request, "gzip") => (gz.clone(), Some("gzip")),
        _ => match &asset.identity {
            Identity::InMemory(bytes) => (bytes.clone(), None),
            Identity::OnDisk(path) => match tokio::fs::read(path).await {
                Ok(bytes) => (Bytes::from(bytes), None),
                Err(err) => {
                    tracing::error!(path = %path.display(), error = %err, "built file gone");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            },
        },
    };
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    (headers, Body::from(body)).into_response()
}

fn app_shell(pages: &Pages, path: &str) -> Response {
    if is_app_route(path) {
        let page = pages.apps.get(&app_of(path)).cloned().unwrap_or_default();
        (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from(Bytes::from_owner(page)),
        )
            .into_response()
    } else {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Dit bestand bestaat niet.",
        )
            .into_response()
    }
}

/// App routes have no file extension in their last segment (`/over`, `/hulp/termijnen`).
fn is_app_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !last.contains('.')
}

/// Trunk names built assets `name-<hash>.ext` (or `name-<hash>_bg.wasm`), the hash a 64-bit
/// number in hex without leading zeros: such a file never changes under its name, so browsers
/// may keep it for a year.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let Some((_, tail)) = stem.rsplit_once('-') else {
        return false;
    };
    let hash = tail.split('_').next().unwrap_or_default();
    hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit())
}

/// A strict policy: scripts only from this origin plus the hashes of the inline loaders Trunk
/// writes into the apps' pages, and `'wasm-unsafe-eval'` so the Wasm module may be compiled.
fn content_security_policy(index_html: &str) -> HeaderValue {
    // Each once, in a stable order (a first-paint page shares its app's other scripts).
    let hashes: String = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// The first `href` that names a `.css` file (Trunk writes attributes with or without quotes).
fn stylesheet_href(html: &str) -> Option<String> {
    html.split("href=").skip(1).find_map(|rest| {
        let value: String = rest
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| !matches!(c, '"' | '\'' | ' ' | '>'))
            .collect();
        value.ends_with(".css").then_some(value)
    })
}

/// The bodies of `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        if attributes.contains("src=") {
            return None;
        }
        let (body, _) = after.split_once("</script>")?;
        Some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_without_an_extension_are_app_routes() {
        assert!(is_app_route("/"));
        assert!(is_app_route("/over"));
        assert!(is_app_route("/hulp/termijnen"));
        assert!(!is_app_route("/favicon.ico"));
        assert!(!is_app_route("/bondgenoot-web-0123456789abcdef.js"));
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/bondgenoot-web-0123456789abcdef.js"));
        assert!(is_hashed_asset("/bondgenoot-web-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/main-fedcba9876543210.css"));
        assert!(is_hashed_asset("/bondgenoot-web-37ef1c4cb3bf713_bg.wasm"));
        assert!(!is_hashed_asset("/robots.txt"));
        assert!(!is_hashed_asset("/manifest.webmanifest"));
        assert!(!is_hashed_asset("/bondgenoot-web.js"));
        assert!(!is_hashed_asset("/over-ons"));
    }

    #[test]
    fn the_stylesheet_is_found_with_or_without_quotes() {
        assert_eq!(
            stylesheet_href(r#"<link href=/favicon.svg rel=icon><link href=/bg-0123456789ab.css integrity=x rel=stylesheet>"#).as_deref(),
            Some("/bg-0123456789ab.css")
        );
        assert_eq!(
            stylesheet_href(r#"<link rel="stylesheet" href="/a.css">"#).as_deref(),
            Some("/a.css")
        );
        assert_eq!(stylesheet_href("<p>geen</p>"), None);
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_loader() {
        let html =
            r#"<head><script type="module">init();</script><script src="/x.js"></script></head>"#;
        let csp = content_security_policy(html);
        let csp = csp.to_str().unwrap();
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init();"));
        assert!(csp.contains(&format!("'sha256-{expected}'")));
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
