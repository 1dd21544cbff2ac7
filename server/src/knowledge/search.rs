//! Search over the knowledge articles, in Dutch as helpers type it:
//! - without accents, and with other word forms (`termijnen` finds `termijn`);
//! - one typo in a longer word (a swap of two letters counts as one);
//! - **compounds**: a word is split into two words the articles use (`kinderopvangtoeslag` →
//!   `kinderopvang` + `toeslag`, `betalingsregeling` → `betaling(s)` + `regeling`), in the
//!   query and in the articles; a part matches below a whole word;
//! - **synonyms** from `content/synoniemen.toml` (`deurwaarder` → invordering, betalen …),
//!   also ranked below a whole word.
//!
//! Every word of the query must match somewhere in an article. The query is capped (length
//! and words) and the typo comparison skips words whose lengths differ too much, so a long
//! query cannot keep the server busy.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde::Deserialize;

use super::Article;

/// Longest query read, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most query words used.
pub const MAX_QUERY_WORDS: usize = 12;

/// A line of the synonyms file: what helpers type, the article words they mean, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    pub zoek: Vec<String>,
    pub vind: Vec<String>,
    pub reden: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymFile {
    woord: Vec<Synonym>,
}

pub fn parse_synonyms(text: &str) -> Result<Vec<Synonym>, String> {
    let file: SynonymFile = toml::from_str(text).map_err(|err| err.to_string())?;
    for line in &file.woord {
        if line.zoek.is_empty() || line.vind.is_empty() || line.reden.trim().is_empty() {
            return Err(format!(
                "every line needs zoek, vind and a reden: {:?}",
                line.zoek
            ));
        }
    }
    Ok(file.woord)
}

/// A word of an article (by its number in [`Index::words`]): whole, or a part of a compound.
struct Term {
    word: usize,
    part: bool,
}

/// Per article: the terms of title, summary and body.
pub struct Index {
    fields: Vec<[Vec<Term>; 3]>,
    /// Every distinct word the terms use, once: a query word is compared with each of these
    /// at most once per search ([`Matches`]), not with every term it meets (a word recurs in
    /// many articles).
    words: Vec<String>,
    /// Every whole word the articles use (normalised): what compounds split into.
    vocabulary: HashSet<String>,
    /// A typed word → the article words it stands for.
    synonyms: HashMap<String, Vec<String>>,
}

/// Weights of title, summary and body.
const FIELD_WEIGHTS: [usize; 3] = [5, 3, 1];
/// A whole-word match counts double a compound part's or a synonym's.
const WHOLE: usize = 2;
const PART: usize = 1;

impl Index {
    pub fn new(articles: &[Article], synonyms: &[Synonym]) -> Index {
        let words: Vec<[Vec<String>; 3]> = articles
            .iter()
            .map(|a| {
                [
                    search_words(&a.meta.title),
                    search_words(&a.meta.summary),
                    search_words(&a.body),
                ]
            })
            .collect();
        let vocabulary: HashSet<String> = words.iter().flatten().flatten().cloned().collect();
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut distinct: Vec<String> = Vec::new();
        let mut number = |word: String| {
            *numbers.entry(word).or_insert_with_key(|word| {
                distinct.push(word.clone());
                distinct.len() - 1
            })
        };
        let fields = words
            .into_iter()
            .map(|fields| {
                fields.map(|field| {
                    let mut terms = Vec::with_capacity(field.len());
                    for word in field {
                        let parts = split_compound(&word, &vocabulary);
                        terms.push(Term {
                            word: number(word),
                            part: false,
                        });
                        for part in parts.into_iter().flatten() {
                            terms.push(Term {
                                word: number(part),
                                part: true,
                            });
                        }
                    }
                    terms
                })
            })
            .collect();
        let mut table: HashMap<String, Vec<String>> = HashMap::new();
        for line in synonyms {
            let targets: Vec<String> = line.vind.iter().flat_map(|w| search_words(w)).collect();
            for typed in line.zoek.iter().flat_map(|w| search_words(w)) {
                table
                    .entry(typed)
                    .or_default()
                    .extend(targets.iter().cloned());
            }
        }
        Index {
            fields,
            words: distinct,
            vocabulary,
            synonyms: table,
        }
    }

    /// Indexes of the matching articles, best first.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let mut words = search_words(&query);
        words.truncate(MAX_QUERY_WORDS);
        if words.is_empty() {
            return Vec::new();
        }
        // A word typed twice is compared with the articles' words once.
        let mut known: HashMap<String, Matches> = HashMap::new();
        let matchers: Vec<Matcher> = words.iter().map(|w| self.matcher(w, &mut known)).collect();
        let mut scored: Vec<(usize, usize)> = self
            .fields
            .iter()
            .enumerate()
            .filter_map(|(article, fields)| {
                let mut total = 0;
                for matcher in &matchers {
                    let score = matcher.score(fields, &self.words);
                    if score == 0 {
                        return None;
                    }
                    total += score;
                }
                Some((total, article))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, article)| article).collect()
    }

    fn matcher(&self, word: &str, known: &mut HashMap<String, Matches>) -> Matcher {
        let mut matches = |wanted: &str| {
            known
                .entry(wanted.to_owned())
                .or_insert_with(|| Matches {
                    wanted: wanted.into(),
                    known: (0..self.words.len()).map(|_| Cell::new(None)).collect(),
                })
                .clone()
        };
        Matcher {
            word: matches(word),
            parts: split_compound(word, &self.vocabulary)
                .map(|[a, b]| vec![matches(&a), matches(&b)]),
            synonyms: self
                .synonyms
                .get(word)
                .map(|synonyms| synonyms.iter().map(|s| matches(s)).collect())
                .unwrap_or_default(),
        }
    }
}

/// Whether one wanted word matches each of the articles' words ([`Index::words`], by
/// [`same_word`]), worked out the first time a word is met and then known.
#[derive(Clone)]
struct Matches {
    wanted: Rc<str>,
    known: Rc<[Cell<Option<bool>>]>,
}

impl Matches {
    fn hit(&self, words: &[String], word: usize) -> bool {
        let known = &self.known[word];
        known.get().unwrap_or_else(|| {
            let hit = same_word(&self.wanted, &words[word]);
            known.set(Some(hit));
            hit
        })
    }
}

/// How one query word can match: itself, all parts of it as a compound, or a synonym.
struct Matcher {
    word: Matches,
    parts: Option<Vec<Matches>>,
    synonyms: Vec<Matches>,
}

impl Matcher {
    fn score(&self, fields: &[Vec<Term>; 3], words: &[String]) -> usize {
        let count = |wanted: &Matches, whole: usize, part: usize| -> usize {
            fields
                .iter()
                .zip(FIELD_WEIGHTS)
                .map(|(terms, weight)| {
                    weight
                        * terms
                            .iter()
                            .filter(|t| wanted.hit(words, t.word))
                            .map(|t| if t.part { part } else { whole })
                            .sum::<usize>()
                })
                .sum()
        };
        let direct = count(&self.word, WHOLE, PART);
        if direct > 0 {
            return direct;
        }
        // The compound's parts must all be there, and count as parts.
        let parts = self.parts.as_ref().map_or(0, |parts| {
            let scores: Vec<usize> = parts.iter().map(|p| count(p, PART, PART)).collect();
            if scores.iter().all(|s| *s > 0) {
                scores.iter().sum::<usize>() / scores.len()
            } else {
                0
            }
        });
        let synonyms: usize = self.synonyms.iter().map(|s| count(s, PART, PART)).sum();
        parts.max(synonyms)
    }
}

/// Splits a compound into two words of `vocabulary`: the last part as it is (it carries the
/// meaning, as in Dutch compounds), the first with a linking `s` or `en` allowed
/// (`betalings|regeling`, `kinderopvang|toeslag`). Each part has at least four letters.
fn split_compound(word: &str, vocabulary: &HashSet<String>) -> Option<[String; 2]> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 8 {
        return None;
    }
    (4..=chars.len() - 4).rev().find_map(|at| {
        let head: String = chars[..at].iter().collect();
        let tail: String = chars[at..].iter().collect();
        let tail = stem(&tail);
        if !vocabulary.contains(&tail) {
            return None;
        }
        let heads = [
            Some(head.clone()),
            head.strip_suffix('s').map(str::to_owned),
            head.strip_suffix("en").map(str::to_owned),
        ];
        heads
            .into_iter()
            .flatten()
            .map(|h| stem(&h))
            .find(|h| h.chars().count() >= 4 && vocabulary.contains(h))
            .map(|h| [h, tail.clone()])
    })
}

/// Lower case, accents removed, a few Dutch endings cut (plural -en/-s, -e), stop words dropped.
pub fn search_words(text: &str) -> Vec<String> {
    const STOP: [&str; 16] = [
        "de", "het", "een", "en", "of", "is", "in", "op", "te", "van", "voor", "met", "u", "uw",
        "wat", "dat",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(|word| {
            word.to_lowercase()
                .chars()
                .map(|c| match c {
                    'á' | 'à' | 'ä' | 'â' => 'a',
                    'é' | 'è' | 'ë' | 'ê' => 'e',
                    'í' | 'ì' | 'ï' | 'î' => 'i',
                    'ó' | 'ò' | 'ö' | 'ô' => 'o',
                    'ú' | 'ù' | 'ü' | 'û' => 'u',
                    other => other,
                })
                .collect::<String>()
        })
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(word: &str) -> String {
    if word.chars().count() <= 4 {
        return word.to_owned();
    }
    for ending in ["en", "s", "e"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= 4 {
                return stem.to_owned();
            }
        }
    }
    word.to_owned()
}

/// The same word, a longer form of it, or one typo away (only for words of five letters or
/// more, and only between words of about the same length).
fn same_word(query: &str, word: &str) -> bool {
    if query == word {
        return true;
    }
    let (q, w) = (query.chars().count(), word.chars().count());
    if q < 5 {
        return false;
    }
    word.starts_with(query) || (q.abs_diff(w) <= 1 && strsim::osa_distance(query, word) <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn compounds_split_into_words_of_the_articles() {
        let known = vocabulary(&["betaling", "regeling", "toeslag", "kinderopvang", "huur"]);
        assert_eq!(
            split_compound("betalingsregeling", &known),
            Some(["betaling".into(), "regeling".into()])
        );
        assert_eq!(
            split_compound("kinderopvangtoeslag", &known),
            Some(["kinderopvang".into(), "toeslag".into()])
        );
        assert_eq!(
            split_compound("huurtoeslag", &known),
            Some(["huur".into(), "toeslag".into()])
        );
        assert_eq!(
            split_compound("regeling", &known),
            None,
            "too short to be two words"
        );
        assert_eq!(split_compound("deurwaarder", &known), None);
    }

    #[test]
    fn a_long_query_is_capped_and_cheap() {
        let words = search_words(&"belastingdienst ".repeat(2000));
        assert_eq!(words.len(), 2000);
        let query: String = "belastingdienst "
            .repeat(2000)
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
        assert!(search_words(&query).len() <= MAX_QUERY_CHARS / 10);
        assert!(
            !same_word("termijn", "belastingdienst"),
            "lengths too far apart"
        );
    }
}
