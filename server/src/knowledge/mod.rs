//! Plain-language (B1) knowledge articles from `content/`: Markdown with TOML front matter.
//! Read once at start; rendered to HTML and searched on the server, so none of it adds to
//! the app's Wasm bundle.

pub mod search;

use std::path::Path;

use serde::Deserialize;

/// Who an article is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Burger,
    Hulpverlener,
    Beide,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    /// One line that answers the question of the title.
    pub summary: String,
    pub audience: Audience,
    /// Case states (`CaseStatus::key`) whose screens link to this article.
    pub states: Vec<String>,
    /// When the text was last checked against its sources (ISO date).
    pub checked: String,
    /// Seed file and line, `S004:586` = seed 004, line 586.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub meta: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("{file}: {reason}")]
    Invalid { file: String, reason: String },
    #[error("cannot read {0}: {1}")]
    Io(String, std::io::Error),
}

/// Splits `+++ toml +++ markdown` and parses the front matter.
pub fn parse(slug: &str, text: &str) -> Result<Article, ArticleError> {
    let invalid = |reason: String| ArticleError::Invalid {
        file: format!("{slug}.md"),
        reason,
    };
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| invalid("does not start with +++ front matter".into()))?;
    let (front, body) = rest
        .split_once("\n+++\n")
        .ok_or_else(|| invalid("front matter is not closed with +++".into()))?;
    let meta: FrontMatter = toml::from_str(front).map_err(|err| invalid(err.to_string()))?;
    Ok(Article {
        slug: slug.to_owned(),
        meta,
        body: body.trim().to_owned(),
    })
}

/// Every `*.md` in `dir`, sorted by slug.
pub fn load_dir(dir: &Path) -> Result<Vec<Article>, ArticleError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| ArticleError::Io(dir.display().to_string(), e))?;
    let mut articles = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| ArticleError::Io(dir.display().to_string(), e))?
            .path();
        let Some(slug) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".md"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| ArticleError::Io(path.display().to_string(), e))?;
        articles.push(parse(slug, &text)?);
    }
    articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(articles)
}

/// The articles, read once at start, with their search index; and the English translations
/// of some of them (`content/en/<slug>.md`), with theirs.
pub struct Library {
    articles: Vec<Article>,
    index: search::Index,
    english: Vec<Article>,
    english_index: search::Index,
}

/// The folder in `content/` with the English translations, each under its Dutch slug.
pub const ENGLISH_DIR: &str = "en";

/// The synonyms file in the content folder: words helpers type, and article words they mean.
pub const SYNONYMS_FILE: &str = "synoniemen.toml";

impl Library {
    /// The articles and the synonyms (`synoniemen.toml`) of a content folder.
    pub fn load(dir: &Path) -> Result<Self, ArticleError> {
        let articles = load_dir(dir)?;
        let path = dir.join(SYNONYMS_FILE);
        let synonyms = match std::fs::read_to_string(&path) {
            Ok(text) => search::parse_synonyms(&text).map_err(|reason| ArticleError::Invalid {
                file: SYNONYMS_FILE.into(),
                reason,
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(ArticleError::Io(path.display().to_string(), err)),
        };
        let mut library = Library::with_synonyms(articles, synonyms);
        let english = dir.join(ENGLISH_DIR);
        if english.is_dir() {
            library.add_english(load_dir(&english)?)?;
        }
        Ok(library)
    }

    /// Adds translations: each one of an article that exists, for the same readers and the
    /// same case states, from the same sources.
    pub fn add_english(&mut self, english: Vec<Article>) -> Result<(), ArticleError> {
        for translation in &english {
            let invalid = |reason: &str| ArticleError::Invalid {
                file: format!("{ENGLISH_DIR}/{}.md", translation.slug),
                reason: reason.to_owned(),
            };
            let original = self
                .get(&translation.slug)
                .ok_or_else(|| invalid("no Dutch article with this name"))?;
            if original.meta.audience != translation.meta.audience
                || original.meta.states != translation.meta.states
                || original.meta.sources != translation.meta.sources
            {
                return Err(invalid(
                    "audience, states and sources must be the Dutch article's",
                ));
            }
        }
        self.english_index = search::Index::new(&english, &[]);
        self.english = english;
        Ok(())
    }

    /// Articles without synonyms.
    pub fn new(articles: Vec<Article>) -> Self {
        Library::with_synonyms(articles, Vec::new())
    }

    pub fn with_synonyms(articles: Vec<Article>, synonyms: Vec<search::Synonym>) -> Self {
        let index = search::Index::new(&articles, &synonyms);
        Library {
            articles,
            index,
            english: Vec::new(),
            english_index: search::Index::new(&[], &[]),
        }
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// The articles with an English version, in English.
    pub fn english(&self) -> &[Article] {
        &self.english
    }

    /// The article in `lang`: the translation in English, when there is one.
    pub fn get_in(&self, slug: &str, lang: model::Lang) -> Option<&Article> {
        match lang {
            model::Lang::En => self.english.iter().find(|a| a.slug == slug),
            model::Lang::Nl => self.get(slug),
        }
    }

    /// Articles whose front matter names this case state, for this reader: the links beside
    /// the state's explanation on every screen. Articles and states meet only here.
    pub fn for_state(&self, key: &str, citizen: bool) -> Vec<model::api::ArticleLink> {
        self.articles
            .iter()
            .filter(|a| a.meta.states.iter().any(|s| s == key))
            .filter(|a| match a.meta.audience {
                Audience::Beide => true,
                Audience::Burger => citizen,
                Audience::Hulpverlener => !citizen,
            })
            .map(|a| {
                // In the request's language where the article has it, else in Dutch (and
                // marked so: the link text is then a Dutch fragment on an English page).
                let lang = model::lang::current();
                match self.get_in(&a.slug, lang) {
                    Some(translated) => model::api::ArticleLink {
                        slug: a.slug.clone(),
                        titel: translated.meta.title.clone(),
                        taal: lang,
                    },
                    None => model::api::ArticleLink {
                        slug: a.slug.clone(),
                        titel: a.meta.title.clone(),
                        taal: model::Lang::Nl,
                    },
                }
            })
            .collect()
    }

    pub fn get(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// Articles that match every word of the query, best first (see [`search`]).
    pub fn search(&self, query: &str) -> Vec<&Article> {
        self.index
            .search(query)
            .into_iter()
            .map(|i| &self.articles[i])
            .collect()
    }

    /// The English articles that match every word of the query, best first.
    pub fn search_english(&self, query: &str) -> Vec<&Article> {
        self.english_index
            .search(query)
            .into_iter()
            .map(|i| &self.english[i])
            .collect()
    }
}

/// The article body as HTML. Raw HTML in the Markdown is escaped, not passed through.
pub fn to_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let events = Parser::new(markdown).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Readability figures of a text, for the B1 check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub sentences: usize,
    pub average_words: f64,
    pub longest: usize,
    /// Share of words with four or more syllables, names the reader knows left out.
    pub long_word_share: f64,
}

/// Names and terms a reader of these articles knows or is taught by the article itself; they are
/// long, but not hard (they would otherwise dominate the long-word count).
const KNOWN_TERMS: [&str; 18] = [
    "belangenbehartiger",
    "betalingsregeling",
    "belastingdienst",
    "belastingtelefoon",
    "inkomstenbelasting",
    "omzetbelasting",
    "ministerie",
    "secretaris-generaal",
    "directeur-generaal",
    "maatschappelijk",
    "organisaties",
    "ouderenorganisaties",
    "welzijnsorganisaties",
    "schuldhulpverlening",
    // The same names in the English articles.
    "administration",
    "director-general",
    "organisation",
    "organisations",
];

/// Dutch syllables, counted as groups of vowels (good enough to spot long words).
fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let vowel = "aeiouyáéíóúëïöüè".contains(c);
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count.max(1)
}

/// Measures the prose of a Markdown body (headings and list markers are not sentences).
pub fn readability(markdown: &str) -> Readability {
    let prose: String = markdown
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.trim_start_matches("- ").to_owned() + " ")
        .collect();
    let sentences: Vec<Vec<String>> = prose
        .split(['.', '?', '!', ':'])
        .map(|s| {
            s.split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|words| !words.is_empty())
        .collect();
    let words: Vec<&String> = sentences.iter().flatten().collect();
    let long = words
        .iter()
        .filter(|w| syllables(w) >= 4 && !KNOWN_TERMS.contains(&w.as_str()))
        .count();
    Readability {
        sentences: sentences.len(),
        average_words: words.len() as f64 / sentences.len().max(1) as f64,
        longest: sentences.iter().map(Vec::len).max().unwrap_or(0),
        long_word_share: long as f64 / words.len().max(1) as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> std::path::PathBuf {
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .join("../content")
    }

    /// Every article, Dutch and English: the checks below hold for both.
    fn articles() -> Vec<Article> {
        let mut all = load_dir(&content()).unwrap();
        all.extend(load_dir(&content().join(ENGLISH_DIR)).unwrap());
        all
    }

    /// The articles most screens link to (by the number of case states that show them) are
    /// in English; each translation belongs to a Dutch article and shares its states.
    #[test]
    fn the_most_linked_articles_are_in_english() {
        let library = Library::load(&content()).unwrap();
        assert!(library.english().len() >= 10);
        for article in library.articles() {
            if article.meta.states.len() >= 3 {
                assert!(
                    library.get_in(&article.slug, model::Lang::En).is_some(),
                    "{} is linked from {} states but has no English version",
                    article.slug,
                    article.meta.states.len()
                );
            }
        }
        // A translation of an article that does not exist is refused at start.
        let mut stray = library.english()[0].clone();
        stray.slug = "bestaat-niet".into();
        let mut copy = Library::new(load_dir(&content()).unwrap());
        assert!(copy.add_english(vec![stray]).is_err());
    }

    #[test]
    fn an_english_page_links_english_titles_where_they_exist() {
        let library = Library::load(&content()).unwrap();
        let links = model::lang::speaking(model::Lang::En, || {
            library.for_state("in_behandeling", true)
        });
        assert!(links
            .iter()
            .any(|l| l.titel == "What is a view (zienswijze)?" && l.taal == model::Lang::En));
        assert!(links
            .iter()
            .all(|l| (l.taal == model::Lang::En)
                == library.get_in(&l.slug, model::Lang::En).is_some()));
    }

    #[test]
    fn every_article_parses_and_links_only_to_real_case_states() {
        let articles = articles();
        assert!(articles.len() >= 7);
        let keys: Vec<&str> = [
            "concept",
            "wacht_op_toestemming",
            "aangemeld",
            "in_triage",
            "doorverwezen",
            "in_behandeling",
            "zienswijze_verstuurd",
            "overgenomen",
            "niet_overgenomen",
            "geescaleerd",
            "afgerond",
            "eindgesprek",
            "gesloten",
            "vervallen",
            "ingetrokken",
        ]
        .to_vec();
        // Every state's screens have something to read, for the helper and for the citizen.
        let library = Library::new(articles.clone());
        for key in &keys {
            assert!(
                !library.for_state(key, false).is_empty(),
                "no article for the helper on {key}"
            );
            if *key != "concept" {
                assert!(
                    !library.for_state(key, true).is_empty(),
                    "no article for the citizen on {key}"
                );
            }
        }
        for article in &articles {
            assert!(
                !article.meta.title.is_empty() && !article.meta.summary.is_empty(),
                "{}",
                article.slug
            );
            for state in &article.meta.states {
                assert!(
                    keys.contains(&state.as_str()),
                    "{}: unknown state {state}",
                    article.slug
                );
            }
            assert!(
                !article.meta.sources.is_empty(),
                "{}: no sources",
                article.slug
            );
        }
    }

    /// Sources point at lines that exist in the seed files (when `../shared/seeds` is beside the checkout).
    #[test]
    fn every_source_names_an_existing_seed_line() {
        let seeds =
            Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
                .join("../../shared/seeds");
        for article in articles() {
            for source in &article.meta.sources {
                let (file, line) = source.split_once(':').expect("S00N:line");
                let number: usize = line.parse().expect("a line number");
                assert!(
                    matches!(file, "S000" | "S001" | "S002" | "S003" | "S004"),
                    "{}: {source}",
                    article.slug
                );
                if let Ok(dir) = std::fs::read_dir(&seeds) {
                    let prefix = format!("{}_", &file[1..]);
                    let seed = dir
                        .filter_map(Result::ok)
                        .find(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                        .expect("seed file");
                    let lines = std::fs::read_to_string(seed.path())
                        .unwrap()
                        .lines()
                        .count();
                    assert!(
                        number >= 1 && number <= lines,
                        "{}: {source} past the end ({lines})",
                        article.slug
                    );
                }
            }
        }
    }

    /// B1 as the Rijksoverheid's writing guidance puts it: short sentences (on average at most
    /// about 12 words, none very long) and few long words. Thresholds: average ≤ 12 words, no
    /// sentence over 22 words, at most 8 % of words with four or more syllables.
    #[test]
    fn every_article_reads_at_b1() {
        for article in articles() {
            let figures = readability(&article.body);
            assert!(
                figures.average_words <= 12.0,
                "{}: {figures:?}",
                article.slug
            );
            assert!(figures.longest <= 22, "{}: {figures:?}", article.slug);
            assert!(
                figures.long_word_share <= 0.08,
                "{}: {figures:?}",
                article.slug
            );
        }
    }

    #[test]
    fn every_article_starts_with_the_answer() {
        for article in articles() {
            let first = article.body.split("\n\n").next().unwrap_or_default();
            assert!(
                !first.starts_with('#'),
                "{}: starts with a heading",
                article.slug
            );
            assert!(
                readability(first).sentences <= 3,
                "{}: the answer takes more than 3 sentences",
                article.slug
            );
        }
    }

    /// The brief marks phone numbers and term lengths as gaps: no article may invent one.
    #[test]
    fn no_article_contains_a_phone_number() {
        for article in articles() {
            let digits_in_a_row = article
                .body
                .split(|c: char| !c.is_ascii_digit() && c != ' ' && c != '-')
                .map(|run| run.chars().filter(char::is_ascii_digit).count())
                .max()
                .unwrap_or(0);
            assert!(digits_in_a_row < 7, "{}", article.slug);
        }
    }

    /// Search quality: queries as helpers type them (single words, compounds, questions,
    /// missing accents, one typo), each with the article that must be among the first three.
    /// A change to the search or the articles that loses one of these turns this red.
    #[test]
    fn helpers_find_the_article_they_need_in_the_first_three() {
        let library = Library::load(
            &Path::new(
                &std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
            )
            .join("../content"),
        )
        .unwrap();
        let queries: [(&str, &str); 44] = [
            ("huurtoeslag", "herstel-toeslagen"),
            ("zorgtoeslag", "herstel-toeslagen"),
            ("kinderopvangtoeslag", "herstel-toeslagen"),
            ("toeslagenaffaire", "herstel-toeslagen"),
            ("gedupeerde", "herstel-toeslagen"),
            ("deurwaarder", "betalen-later-of-in-delen"),
            ("beslag", "betalen-later-of-in-delen"),
            ("dwangbevel", "betalen-later-of-in-delen"),
            ("aanmaning betalen", "betalen-later-of-in-delen"),
            ("betalingsregeling", "betalingsregeling"),
            ("betalings regeling", "betalingsregeling"),
            ("huis overwaarde", "betalingsregeling"),
            ("72 maanden", "betalingsregeling"),
            ("uitstel van betaling", "betalen-later-of-in-delen"),
            ("kwijtschelding", "kwijtschelding"),
            ("kwijtscheling", "kwijtschelding"),
            ("geldfit", "geldfit-schuldhulp-msnp"),
            ("schuldhulpverlening", "geldfit-schuldhulp-msnp"),
            ("msnp", "geldfit-schuldhulp-msnp"),
            ("schulden", "geldfit-schuldhulp-msnp"),
            ("geldzorgen", "geldzorgen-en-schulden"),
            ("zzp", "stella-team"),
            ("ondernemer omzetbelasting", "stella-team"),
            ("stella team", "stella-team"),
            (
                "verschil stella belangenbehartiger",
                "stella-team-of-belangenbehartiger",
            ),
            ("wie meldt aan", "voor-wie-is-de-belangenbehartiger"),
            ("voor wie", "voor-wie-is-de-belangenbehartiger"),
            ("bezwaartermijn", "termijnen-lopen-door"),
            ("termijn", "termijnen-lopen-door"),
            ("termjin", "termijnen-lopen-door"),
            ("pauzeknop", "pauzeknop"),
            ("pauzeknpo", "pauzeknop"),
            ("uithuiszetting", "spoed"),
            ("uithuiszeting", "spoed"),
            ("geen leefgeld", "spoed"),
            ("toestemming intrekken", "toestemming-en-privacy"),
            ("privacy", "toestemming-en-privacy"),
            ("zienswijze", "zienswijze"),
            ("escalatie directeur-generaal", "escalatie"),
            ("klacht", "bezwaar-klacht-of-belangenbehartiger"),
            ("inspectie", "ibtd"),
            (
                "herstel fout belastingdienst",
                "herstelacties-belastingdienst",
            ),
            ("500 euro schuldregeling", "herstelacties-belastingdienst"),
            ("aangifte hulp", "hulp-bij-aangifte"),
        ];
        let mut lost = Vec::new();
        for (query, slug) in queries {
            let top: Vec<&str> = library
                .search(query)
                .iter()
                .take(3)
                .map(|a| a.slug.as_str())
                .collect();
            if !top.contains(&slug) {
                lost.push(format!("{query:?}: wanted {slug}, got {top:?}"));
            }
        }
        assert!(
            lost.is_empty(),
            "{} queries lost their article:\n{}",
            lost.len(),
            lost.join("\n")
        );
        assert!(library.search("").is_empty());
        assert!(library.search("qqqqxyz").is_empty());
    }

    #[test]
    fn every_synonym_points_at_words_the_articles_use() {
        let dir =
            Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
                .join("../content");
        let synonyms =
            search::parse_synonyms(&std::fs::read_to_string(dir.join(SYNONYMS_FILE)).unwrap())
                .unwrap();
        let library = Library::new(load_dir(&dir).unwrap());
        for line in synonyms {
            assert!(line.reden.len() > 20, "{:?}: say why", line.zoek);
            for word in &line.vind {
                assert!(!library.search(word).is_empty(), "{word} is in no article");
            }
        }
    }

    #[test]
    fn raw_html_in_an_article_is_escaped() {
        let html = to_html("Tekst <script>alert(1)</script> en **vet**.");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<strong>vet</strong>"));
    }

    #[test]
    fn readability_counts_sentences_and_long_words() {
        let figures = readability("Dit is kort. Een onwaarschijnlijke zin?\n- Een punt");
        assert_eq!(figures.sentences, 3);
        assert_eq!(figures.longest, 3);
        assert!(figures.long_word_share > 0.0);
    }
}
