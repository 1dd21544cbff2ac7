//! A [`Letter`] (model) as a tagged, accessible PDF (PDF/UA-1 through `krilla`): A4, the
//! fonts compiled in, every line tagged inside its heading or paragraph in reading order,
//! the document's title and language set. The letter's text decides what it says; this
//! module only lays it out.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{ContentTag, Identifier, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use model::letter::{Block, Letter, SENDER};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The two faces, read once.
struct Face {
    data: &'static [u8],
    font: Font,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        let font =
            Font::new(data.into(), 0).expect("the compiled-in font is a valid TrueType font");
        Face { data, font }
    }

    /// The width of `text` at `size` points (advances, no kerning: enough to break lines).
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(font) = FontRef::new(self.data) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// `text` with every character the font cannot draw replaced by `?`: PDF/UA needs a
    /// real glyph (with its code point) for every character shown.
    fn drawable(&self, text: &str) -> String {
        let Ok(font) = FontRef::new(self.data) else {
            return text.to_owned();
        };
        let charmap = font.charmap();
        text.chars()
            .map(|c| {
                if c == ' ' || charmap.map(c).is_some() {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }
}

static REGULAR: LazyLock<Face> =
    LazyLock::new(|| Face::load(include_bytes!("../fonts/DejaVuSans.ttf")));
static BOLD: LazyLock<Face> =
    LazyLock::new(|| Face::load(include_bytes!("../fonts/DejaVuSans-Bold.ttf")));

fn face(bold: bool) -> &'static Face {
    if bold {
        &BOLD
    } else {
        &REGULAR
    }
}

const A4: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 64.0;
const BODY: f32 = 11.0;
const LINE: f32 = 1.45;

/// Why a letter could not be made (a bug: the letter's own texts always fit the rules).
#[derive(Debug, thiserror::Error)]
#[error("PDF: {0}")]
pub struct LetterError(String);

/// A word and whether it is bold.
type Word = (String, bool);

/// Lays out lines top to bottom, starting a new page when one is full. Lines are numbered
/// across pages; each block is a tag group of its lines' numbers, put together at the end
/// (a paragraph may go on on the next page and stays one paragraph).
struct Writer<'d> {
    document: &'d mut Document,
    /// Lines of the page being written: (y, size, words, whether the block goes on after it).
    page: Vec<(f32, f32, Vec<Word>, bool)>,
    /// The tag of every line drawn so far, by line number.
    drawn: Vec<Option<Identifier>>,
    /// Every block so far: its tag and its lines' numbers.
    groups: Vec<(TagKind, Vec<usize>)>,
    lines: usize,
    /// Pages drawn so far.
    pages: usize,
    /// Headings for the outline (PDF/UA wants one): level, text, page, y.
    headings: Vec<(u16, String, usize, f32)>,
    y: f32,
}

impl Writer<'_> {
    /// A heading: a tagged block and an entry in the outline.
    fn heading(&mut self, level: u16, text: &str, size: f32, space_before: f32) {
        let level = level.max(1);
        let tag = Tag::Hn(
            NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN),
            Some(text.to_owned()),
        );
        self.block(tag, words(text, true), size, space_before);
        let page = self.pages;
        let y = self.y;
        self.headings.push((level, text.to_owned(), page, y));
    }

    /// Breaks `words` into lines of the page width and adds them as one tagged block.
    fn block(&mut self, tag: impl Into<TagKind>, words: Vec<Word>, size: f32, space_before: f32) {
        let room = A4.0 - 2.0 * MARGIN;
        let space = REGULAR.width(" ", size);
        let mut lines: Vec<Vec<Word>> = vec![Vec::new()];
        let mut used = 0.0;
        for (word, bold) in words {
            let width = face(bold).width(&word, size);
            match lines.last_mut() {
                Some(line) if line.is_empty() => {
                    used = width;
                    line.push((word, bold));
                }
                Some(line) if used + space + width <= room => {
                    used += space + width;
                    line.push((word, bold));
                }
                _ => {
                    used = width;
                    lines.push(vec![(word, bold)]);
                }
            }
        }
        let height = size * LINE;
        // A heading or short paragraph is not split from its first lines.
        let keep = lines.len().min(3) as f32;
        if self.y + space_before + height * keep > A4.1 - MARGIN {
            self.flush();
        }
        self.y += space_before;
        let count = lines.len();
        let mut numbers = Vec::with_capacity(count);
        for (i, line) in lines.into_iter().enumerate() {
            if self.y + height > A4.1 - MARGIN {
                self.flush();
            }
            self.y += height;
            numbers.push(self.lines);
            self.lines += 1;
            self.page
                .push((self.y - size * (LINE - 1.0), size, line, i + 1 < count));
        }
        self.groups.push((tag.into(), numbers));
    }

    /// Draws the page's lines and starts a new page.
    fn flush(&mut self) {
        if self.page.is_empty() {
            return;
        }
        let settings = PageSettings::from_wh(A4.0, A4.1).expect("A4 is a valid page size");
        let mut page = self.document.start_page_with(settings);
        let mut surface = page.surface();
        for (y, size, words, continues) in std::mem::take(&mut self.page) {
            let id = draw_line(&mut surface, MARGIN, y, size, &words, continues);
            self.drawn.push(Some(id));
        }
        surface.finish();
        page.finish();
        self.pages += 1;
        self.y = MARGIN;
    }

    /// Draws what is left and gives the tag tree (every block in reading order) and the
    /// outline (the title, with the headings under it).
    fn finish(mut self) -> (TagTree, Outline) {
        self.flush();
        let mut outline = Outline::new();
        let mut title: Option<OutlineNode> = None;
        for (level, text, page, y) in std::mem::take(&mut self.headings) {
            let node = OutlineNode::new(
                text,
                XyzDestination::new(page, Point::from_xy(MARGIN, (y - 20.0).max(0.0))),
            );
            match (&mut title, level) {
                (Some(parent), 2..) => parent.push_child(node),
                _ => {
                    if let Some(done) = title.replace(node) {
                        outline.push_child(done);
                    }
                }
            }
        }
        if let Some(done) = title {
            outline.push_child(done);
        }
        let mut tree = TagTree::new();
        for (kind, numbers) in std::mem::take(&mut self.groups) {
            let mut group = TagGroup::new(kind);
            for number in numbers {
                if let Some(id) = self.drawn.get_mut(number).and_then(Option::take) {
                    group.push(id);
                }
            }
            tree.push(group);
        }
        (tree, outline)
    }
}

/// Draws one line, run by run (bold and regular), as one tagged span. A line that does not
/// end its paragraph keeps a trailing space, so the words on either side of the break stay
/// two words for a screen reader and for copied text.
fn draw_line(
    surface: &mut Surface,
    x: f32,
    y: f32,
    size: f32,
    words: &[Word],
    continues: bool,
) -> Identifier {
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    let mut at = x;
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (i, (word, bold)) in words.iter().enumerate() {
        let text = if i + 1 < words.len() || continues {
            format!("{word} ")
        } else {
            word.clone()
        };
        match runs.last_mut() {
            Some((run, b)) if *b == *bold => run.push_str(&text),
            _ => runs.push((text, *bold)),
        }
    }
    for (text, bold) in runs {
        let face = face(bold);
        let text = face.drawable(&text);
        surface.draw_text(
            Point::from_xy(at, y),
            face.font.clone(),
            size,
            &text,
            false,
            TextDirection::Auto,
        );
        at += face.width(&text, size);
    }
    surface.end_tagged();
    id
}

fn words(text: &str, bold: bool) -> Vec<Word> {
    text.split_whitespace()
        .map(|w| (w.to_owned(), bold))
        .collect()
}

/// The letter as PDF bytes.
pub fn render(letter: &Letter) -> Result<Vec<u8>, LetterError> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|err| LetterError(format!("{err:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    let made = letter.made_on;
    document.set_metadata(
        Metadata::new()
            .title(letter.title.to_owned())
            .language("nl-NL".to_owned())
            .authors(vec![SENDER.to_owned()])
            .creator("Bondgenoot".to_owned())
            .creation_date(
                DateTime::new(made.year())
                    .month(made.month())
                    .day(made.day()),
            ),
    );
    let mut writer = Writer {
        document: &mut document,
        page: Vec::new(),
        drawn: Vec::new(),
        groups: Vec::new(),
        lines: 0,
        pages: 0,
        headings: Vec::new(),
        y: MARGIN,
    };
    writer.block(Tag::P, words(SENDER, false), 9.5, 0.0);
    writer.heading(1, letter.title, 20.0, 14.0);
    for block in &letter.blocks {
        match block {
            Block::Heading(text) => writer.heading(2, text, 13.0, 14.0),
            Block::Subheading(text) => writer.heading(3, text, 11.5, 10.0),
            Block::Paragraph(text) => writer.block(Tag::P, words(text, false), BODY, 6.0),
            Block::Important(text) => writer.block(Tag::P, words(text, true), BODY, 6.0),
            Block::Fact(label, value) => {
                let mut line = words(&format!("{label}:"), true);
                line.extend(words(value, false));
                writer.block(Tag::P, line, BODY, 2.0);
            }
        }
    }
    writer.block(Tag::P, words(&letter.footer(), false), 8.5, 24.0);
    let (tree, outline) = writer.finish();
    document.set_tag_tree(tree);
    document.set_outline(outline);
    document
        .finish()
        .map_err(|err| LetterError(format!("{err:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::domain::Date;
    use model::letter::{proof, ProofFacts};
    use model::lifecycle::CaseStatus;

    #[test]
    fn a_long_letter_goes_over_pages_and_stays_valid_pdf_ua() {
        let facts = ProofFacts {
            reference: "BG-ABCD-EFGH".into(),
            citizen: "Anna de Vries-Çelik".into(),
            organisation: "Sociaal raadslieden Voorbeeldstad".into(),
            since: Date::parse("3-11-2026").expect("a date"),
            status: CaseStatus::InBehandeling,
            made_on: Date::parse("5-12-2026").expect("a date"),
        };
        let mut letter = proof(&facts);
        // A paragraph longer than a page, and a character no font has.
        letter
            .blocks
            .push(Block::Paragraph("woord ".repeat(1200) + "\u{10FFFD}"));
        let pdf = render(&letter).expect("valid PDF/UA-1");
        let text = String::from_utf8_lossy(&pdf);
        assert!(pdf.starts_with(b"%PDF-1.7"));
        assert!(text.contains("/StructTreeRoot"), "tagged");
        assert!(text.contains("pdfuaid"), "claims PDF/UA");
        assert!(
            text.matches("/Type /Page\n").count() >= 2
                || text.matches("/Type /Page ").count() >= 2
                || text.contains("/Count 2")
                || text.contains("/Count 3")
        );
    }
}
