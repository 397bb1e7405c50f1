//! The text the speech stage reads: the body's blocks cut into **units** (one line each), every
//! unit with a **folded** copy in simplified characters, and the speaker label a unit may start
//! with.
//!
//! Folding is what lets one rule cover both scripts: `記者會`, `說` and `問：` of a Hong Kong
//! article are matched by the rules' `记者会`, `说` and `问：`. The fold is OpenCC's
//! Hong Kong traditional-to-simplified conversion (the `ferrous-opencc` crate, `hk2s`: standard
//! traditional characters and the Hong Kong variants such as `衞`, `峯`, `綫`), kept only where it
//! maps a character to one character of the same UTF-8 length, so the folded copy has the
//! **same byte layout** as the original: a byte range found in the fold slices the original text,
//! and what the stage outputs is always the text as written.

use crate::body::{Block, BlockKind};
use ferrous_opencc::OpenCC;
use std::sync::OnceLock;

/// Opening quotation marks.
pub const OPEN: [char; 4] = ['“', '「', '『', '"'];
/// Marks that end a clause: punctuation, quotation marks, lenticular brackets (a bracketed
/// headline or tag before a clause: `【撤回禁堂食】地盤工人…`) and line ends.
pub const BOUNDARY: [char; 20] = [
    '，', ',', '。', '；', ';', '：', ':', '！', '？', '!', '?', '“', '”', '「', '」', '『', '』',
    '【', '】', '\n',
];

/// The converter, built once per process (its dictionaries are compiled into the binary).
fn converter() -> Option<&'static OpenCC> {
    static T2S: OnceLock<Option<OpenCC>> = OnceLock::new();
    T2S.get_or_init(|| OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::Hk2s).ok())
        .as_ref()
}

/// `text` in simplified characters, with the same byte length and character boundaries.
/// Characters the converter maps to more or fewer characters, or to a character of another
/// UTF-8 length, are kept as they are.
pub fn fold(text: &str) -> String {
    let Some(cc) = converter() else {
        return text.to_string();
    };
    if text.is_ascii() {
        return text.to_string();
    }
    let converted = cc.convert(text);
    if aligned(text, &converted) {
        return converted;
    }
    // Phrase conversions changed the layout: convert character by character.
    let mut out = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let one = cc.convert(c.encode_utf8(&mut buf));
        let mut it = one.chars();
        match (it.next(), it.next()) {
            (Some(s), None) if s.len_utf8() == c.len_utf8() => out.push(s),
            _ => out.push(c),
        }
    }
    out
}

/// Whether two strings have the same characters' byte lengths, position by position.
fn aligned(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x.len_utf8() == y.len_utf8())
}

/// One line of a block: what the speech stage works on.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The block's position (`paragraphs.seq`).
    pub seq: usize,
    /// The line as written, trimmed (white space, ideographic spaces, no-break spaces).
    pub text: String,
    /// [`fold`] of `text`: same byte layout.
    pub fold: String,
    pub kind: BlockKind,
    /// The bold text the line starts with (folded), when known (first line of a block).
    pub lead: Option<String>,
    /// The whole line is bold.
    pub bold: bool,
    /// Every speech cue of the line (the rules' `any_cue` matches), found once.
    pub cues: Vec<CueAt>,
}

/// A speech cue in a unit: byte ranges of the verb and of what follows it (`，`, `：`, an
/// opening quotation mark, or nothing).
#[derive(Debug, Clone)]
pub struct CueAt {
    pub verb: std::ops::Range<usize>,
    pub punct: std::ops::Range<usize>,
}

impl Unit {
    /// The original text of a byte range found in `fold`.
    pub fn orig(&self, range: std::ops::Range<usize>) -> &str {
        &self.text[range]
    }

    /// Whether the unit can carry speech (not a caption, code or data-table row).
    pub fn is_prose(&self) -> bool {
        !matches!(
            self.kind,
            BlockKind::Caption | BlockKind::Code | BlockKind::TableRow
        )
    }

    /// Whether the unit is read for quotes: prose, and captions (`張超雄表示，…。資料圖片`).
    pub fn carries_quotes(&self) -> bool {
        self.is_prose() || self.kind == BlockKind::Caption
    }
}

/// Where the clause that `text` ends with starts: just after its last [`BOUNDARY`] mark, or 0.
pub fn clause_start(text: &str) -> usize {
    text.rfind(BOUNDARY).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Characters trimmed from both ends of a line.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{200b}' || c == '\u{feff}'
}

/// Whether a document needs folding: a sample of its text (the first blocks, about 600 bytes)
/// changes under the conversion. A document in simplified characters (most) skips the
/// converter entirely.
pub fn needs_fold(title: Option<&str>, blocks: &[Block]) -> bool {
    // Characters frequent in traditional text and absent from simplified text: a document
    // without any in its first 4 KiB is not converted at all.
    const TRADITIONAL: &str = "們個這說為會來時國對動發學經過還種點開關與頭樣聽讓氣問題記見長東後從當進現實業應將無爭確認識議員區內與專護請習於麼並寫歡話講陳張劉黃鄭難華灣讀買賣車書貨萬錯變邊網歲處總師價計設權銀戰隊鐵醫藥紅綠隻舊愛廣樂佈";
    let mut seen = 0usize;
    let mut any = false;
    for t in title
        .into_iter()
        .chain(blocks.iter().map(|b| b.text.as_str()))
    {
        if t.chars().any(|c| TRADITIONAL.contains(c)) {
            any = true;
            break;
        }
        seen += t.len();
        if seen > 4096 {
            break;
        }
    }
    if !any {
        return false;
    }
    let mut sample = String::with_capacity(800);
    sample.push_str(title.unwrap_or_default());
    for b in blocks {
        if sample.len() > 600 {
            break;
        }
        sample.push_str(&b.text);
    }
    fold(&sample) != sample
}

/// Cut the blocks into units (a block's lines, empty lines dropped) and fold them when `folded`
/// (else the fold is the text itself).
pub fn units(blocks: &[Block], folded: bool) -> Vec<Unit> {
    // Presentation forms of the colon (`︰`, common in Hong Kong text; `﹕`) read as `：`
    // (same byte length, so the layout holds).
    let fold = |t: &str| {
        let f = if folded { fold(t) } else { t.to_string() };
        if f.contains(['︰', '﹕']) {
            f.replace(['︰', '﹕'], "：")
        } else {
            f
        }
    };
    let mut out = Vec::with_capacity(blocks.len());
    for (seq, b) in blocks.iter().enumerate() {
        let whole_bold = b.is_bold();
        for (n, line) in b.text.split('\n').flat_map(qa_in_one_line).enumerate() {
            let text = line.trim_matches(is_space);
            if text.is_empty() {
                continue;
            }
            let lead = if n == 0 {
                b.lead
                    .as_deref()
                    .map(|l| fold(l.trim_matches(is_space)))
                    .filter(|l| !l.is_empty())
            } else if whole_bold {
                Some(fold(text))
            } else {
                None
            };
            let fold = fold(text);
            let bold = whole_bold || lead.as_deref() == Some(fold.as_str());
            out.push(Unit {
                seq,
                text: text.to_string(),
                fold,
                kind: b.kind,
                lead,
                bold,
                cues: Vec::new(),
            });
        }
    }
    out
}

/// `fold` with its first `n` bytes blanked by spaces of the same byte lengths (`' '`,
/// U+00A0, U+3000), so that byte offsets into it still point into the original text.
pub fn blank(fold: &str, n: usize) -> String {
    let mut out = String::with_capacity(fold.len());
    for (i, c) in fold.char_indices() {
        if i >= n {
            out.push_str(&fold[i..]);
            break;
        }
        match c.len_utf8() {
            1 => out.push(' '),
            2 => out.push('\u{a0}'),
            3 => out.push('\u{3000}'),
            _ => out.push_str("\u{a0}\u{a0}"),
        }
    }
    out
}

/// A line that puts a question under a question label and answers it under an answer label
/// (`问：…？答：…`, `Q：…？A：…`) as two lines; any other line as it is.
fn qa_in_one_line(line: &str) -> Vec<&str> {
    static QUESTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*(?:问|問|提问|提問|Q)\s*\d{0,2}\s*[:：]").expect("regex")
    });
    static ANSWER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[？?]\s*(?:答|A)\s*\d{0,2}\s*[:：]").expect("regex")
    });
    if !QUESTION.is_match(line) {
        return vec![line];
    }
    match ANSWER.find(line) {
        Some(m) => {
            let cut = m.start() + line[m.start()..].chars().next().map_or(1, char::len_utf8);
            vec![&line[..cut], &line[cut..]]
        }
        None => vec![line],
    }
}

/// A speaker label at the start of a unit: `王毅：…`, `**鄭** ：…`, `問：…`, `Q1:…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label as written (`鄭`, `德國之聲`, `Q1`).
    pub raw: String,
    /// The label folded, numbering removed (`郑`, `德国之声`, `Q`).
    pub key: String,
    /// Byte offset of the text after the label and its colon.
    pub rest: usize,
    /// The label is set in bold.
    pub bold: bool,
    /// The label names an asker with the question verb (`读者王女士问：` → key `读者王女士`).
    pub asks: bool,
}

/// Cut `key` of its numbering and of a bullet before it: `Q1` → `Q`, `问1` → `问`, `一问` →
/// `问`, `1.问` → `问`, `■北青报` → `北青报`, `A:` stays; digits that run into a name are
/// part of it (`36氪`).
pub fn strip_number(key: &str) -> &str {
    let k = key.trim_matches(is_space);
    let k = k.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || is_space(c));
    let k = k.trim_start_matches(|c: char| BULLETS.contains(c) || is_space(c));
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let digits = k.trim_start_matches(|c: char| c.is_ascii_digit());
    let k = if digits.len() < k.len()
        && !digits.starts_with(|c: char| ".．、)）".contains(c) || is_space(c))
    {
        // `36氪`: a name that starts with digits.
        k
    } else {
        k.trim_start_matches(|c: char| numeral(c) || ".．、)）".contains(c) || is_space(c))
    };
    if k.is_empty() { key } else { k }
}

/// Bullets that may open a label (`■北青报：`, `◆记者：`).
const BULLETS: &str = "■□◆◇●○▲△▼▽★☆►▶▸•▪·※→";

/// The first boundary or opening quotation mark after a verb's addressee: the mark and its
/// byte range in `f`, when an object of 1 to `max` characters comes before it and the text
/// after the mark (spaces skipped) starts with an opening quotation mark — or is one itself.
fn after_addressee(f: &str, verb_end: usize, max: usize) -> Option<(char, std::ops::Range<usize>)> {
    let rest = &f[verb_end..];
    let (i, c) = rest
        .char_indices()
        .take(max + 1)
        .find(|(_, c)| BOUNDARY.contains(c) || OPEN.contains(c))?;
    let at = verb_end + i;
    let quoted = OPEN.contains(&c)
        || rest[i + c.len_utf8()..]
            .trim_start_matches(is_space)
            .starts_with(['“', '「', '『']);
    (i > 0 && quoted).then(|| (c, at..at + c.len_utf8()))
}

/// The colon after a verb's addressee (`批評政府：「…」`, `提醒投资者：“…”`): a short object of
/// at most 12 characters without a boundary mark, then a colon and an opening quotation mark.
/// The words are what follows the colon, not the addressee.
pub fn addressee_colon(f: &str, verb_end: usize) -> Option<std::ops::Range<usize>> {
    after_addressee(f, verb_end, 12).and_then(|(c, r)| matches!(c, '：' | ':').then_some(r))
}

/// The mark opening the words after a question verb's addressee without a colon
/// (`質問鄭若驊「…？」`, `追问王强，“…”`): an object of at most 8 characters without a
/// boundary mark, then an opening quotation mark, or a comma and one. The range of that
/// comma, or of the quotation mark.
pub fn addressee_quote(f: &str, verb_end: usize) -> Option<std::ops::Range<usize>> {
    after_addressee(f, verb_end, 8)
        .and_then(|(c, r)| (OPEN.contains(&c) || matches!(c, '，' | ',')).then_some(r))
}
