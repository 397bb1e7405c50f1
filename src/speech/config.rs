//! `speech.yaml`: every pattern, word list and selector of the speech stage, and their
//! compiled form. Rules are written in simplified characters: the stage matches them against the
//! folded text ([`super::text::fold`]), so one rule covers traditional text too.

use crate::body::FieldRule;
use crate::rules::{Patterns, RuleCompiler};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// `speech.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SpeechConfig {
    /// Regexes over the title and the opening: a Q&A document matching one is a press
    /// conference (otherwise an interview).
    pub press_conference_patterns: Vec<String>,
    /// Regexes over the title: a Q&A document matching one is an interview even when its
    /// opening names a press conference (`专访`, `对话`).
    pub interview_patterns: Vec<String>,
    /// Regexes over the opening: a document without Q&A pairs that reports a press conference
    /// that took place (`在今天召开的新闻发布会上`, `记者从国新办新闻发布会获悉`) is a
    /// `press_conference`.
    pub press_report_patterns: Vec<String>,
    /// Regexes over the title and the opening: the document announces an event, it does not
    /// report one (`将于…举行`, `将答中外记者提问`).
    pub announcement_patterns: Vec<String>,
    /// Regexes over the title and the opening: the document is Q&A-shaped but neither an
    /// interview nor a press conference (FAQ explainers `十问十答`, court testimony): kind
    /// `article`, no pairs.
    pub not_dialogue_patterns: Vec<String>,
    /// Explainers (`十问十答`, `Q&A`, `常见问题`): kind article unless a person the document
    /// names answers.
    #[serde(default)]
    pub explainer_patterns: Vec<String>,
    /// How many paragraphs from the start count as the opening.
    pub opening_paragraphs: usize,
    /// Regexes with a group `speaker`: the principal speaker named in the opening (who answers
    /// when an answer has no speaker of its own).
    pub principal_patterns: Vec<String>,
    /// A dateline or byline a paragraph opens with (`新华社北京5月19日电（记者 王强）`,
    /// `（中央社記者葉素萍台北30日電）`, `【文匯報訊】`, `本报讯`): no speaker, no words.
    pub dateline_patterns: Vec<String>,
    /// What a short answer says when it only runs the meeting (`最后一个问题`, `请继续提问`,
    /// `发布会到此结束`): the host's line, no answer.
    pub host_line_patterns: Vec<String>,
    /// The host named in the opening (group `host`: `…副局长寿小丽主持。`, `主持人为陈伟鸿`):
    /// a label naming them hosts (their closing words answer no question).
    pub host_patterns: Vec<String>,
    /// Titles of a host who also answers (`发言人`: `外交部发言人韩雪梅主持例行记者会` — the
    /// spokesperson chairs and answers): the principal speaker when the opening names no
    /// other, so that unlabelled answers are theirs.
    pub answering_host_titles: Vec<String>,
    /// Regexes with a group `outlet`: the outlet that conducts an interview, named in the
    /// opening (`接受眾新聞專訪`, `在德國之聲的訪問中`). Its questions are the outlet's, and a
    /// label that starts it (`眾：`) is it.
    #[serde(default)]
    pub interviewer_patterns: Vec<String>,
    /// An `outlet` group naming no outlet: the media in general or the writer's own
    /// (`接受传媒访问`, `接受本报专访`).
    #[serde(default)]
    pub generic_media_words: Vec<String>,
    /// Regexes over a unit: it puts a question. Groups: `text` (the question without its cue),
    /// optional `org` (the outlet), `name` (the journalist), `asker` (`投资者`, `网友`). A match
    /// that does not start the unit (`…例行记者会。有记者提问：…？`) starts the question there.
    pub question_patterns: Vec<String>,
    /// A unit without any of these is not tried against `question_patterns` (a cheap test
    /// before the regexes; every question pattern should contain one).
    pub question_triggers: Vec<String>,
    /// A text without any of these is not tried against `principal_patterns` (a cheap test
    /// before the regexes, which run on every headline; every principal pattern should contain
    /// one).
    pub principal_triggers: Vec<String>,
    /// A unit without any of these is not tried against `reported_question_patterns`.
    pub reported_triggers: Vec<String>,
    /// Regexes over a unit: a question only reported (`被问及…时`, `有记者就…提问`), group `q`.
    /// It makes a pair with the answer of the speaker cue that follows in the same or the next
    /// unit (`林郑月娥表示，…`).
    pub reported_question_patterns: Vec<String>,
    /// Regex over a unit that is bold as a whole: a question (group `text`, optional `number`).
    /// Counts only in a document with at least two of them or with other Q&A signals.
    pub bold_question_pattern: String,
    /// Regex of a speaker label at the start of a unit: groups `label` and `text`.
    pub label_pattern: String,
    /// Labels that put questions (`问`, `Q`, `记`, `记者`), numbering removed.
    pub question_labels: Vec<String>,
    /// Labels of answers (`答`, `A`).
    pub answer_labels: Vec<String>,
    /// Labels of the host (`主持人`).
    pub host_labels: Vec<String>,
    /// Label beginnings of a guest (`嘉宾张华：`): such a label counts even once and not bold.
    pub guest_labels: Vec<String>,
    /// Labels that are never speakers (`注意`, `来源`, `时间`, `原标题`).
    pub not_labels: Vec<String>,
    /// Words before the reporter word that qualify the journalist, not name an outlet
    /// (`实习记者`, `本报记者`).
    pub not_outlet_words: Vec<String>,
    /// The word that makes a label or cue a journalist's (`人民日报记者：`): `<org>记者<name>`.
    pub reporter_word: String,
    /// Verbs that attribute speech (`表示`, `说`, `指出`, ...). Longer ones win.
    pub speech_verbs: Vec<String>,
    /// Regex fragments that attribute speech like a verb, with an object inside
    /// (`告诉[^，。：]{1,14}?` for `告诉极目新闻记者，`); tried before the verbs.
    pub verb_patterns: Vec<String>,
    /// Verbs that may take the attributed words without punctuation (`X认为经济…`).
    pub bare_verbs: Vec<String>,
    /// Bare verbs of opinion or wish (`认为`, `希望`, `相信`, `预计`): after a comma that ends a
    /// clause of their subject's (`王建平出席论坛，…`) they are no new cue — what follows is
    /// as often another person's view inside the narrative — unlike `指`, `称`, `表示`.
    #[serde(default)]
    pub opinion_verbs: Vec<String>,
    /// Verbs that attribute only words in quotation marks right after them, with or without a
    /// colon (`买家问“多少钱”`, `他问：“…？”`): elsewhere they are no cue (`问题`, `问他`).
    #[serde(default)]
    pub quoted_verbs: Vec<String>,
    /// Words that negate a speech verb when they stand in the phrase before it, after its last `的`
    /// (`没有逐一回答`, `拒绝回应`): the cue reports no words.
    #[serde(default)]
    pub negators: Vec<String>,
    /// Words that end in a speech verb but are not one (`演说`, `小说`, `传说`, `号称`): a verb
    /// found as their end is no cue.
    pub not_cue_words: Vec<String>,
    /// Speech verbs that are also the end of common nouns (Cantonese `話`, `講`: `一句古話`):
    /// a cue only right after a person's name or a pronoun (`陳大文話，…`, `佢講：…`).
    pub person_verbs: Vec<String>,
    /// Words that may precede a speaker at the start of a clause (`此外`, `会上`, `据`).
    pub leading_connectors: Vec<String>,
    /// Words that join a clause to the subject of the sentence's clause before it (`…，并表示`,
    /// `…，同时指出`): a speaker phrase made only of these says who that subject is.
    pub clause_connectors: Vec<String>,
    /// Words opening a clause of contrast (`但`, `不过`): another speaker's clause after them
    /// (`…，但专家表示，…`) ends the words reported before.
    pub contrast_connectors: Vec<String>,
    /// Words opening a concessive clause (`虽然`, `尽管`): its subject speaks for no connector
    /// after it (`虽然中国…，但认为…`).
    pub concessive_connectors: Vec<String>,
    /// Prepositions that set a topic before a speaker (`对于土地供应，孙立平介绍，…`): in an
    /// exchange, such a topic starts new words, ending the answer before it.
    pub topic_prepositions: Vec<String>,
    /// Words of a topic that point back at the question (`对于这个问题，`, `针对上述提问，`): such
    /// a topic goes on answering it.
    pub topic_back_words: Vec<String>,
    /// Verbs of a challenge (`质疑`, `质询`): a named person's cue with one, in an exchange
    /// under way, opens a question (`議員何志明則質疑，…`), as a question verb with `？` does.
    pub challenge_verbs: Vec<String>,
    /// Verbs of reply (`回应`, `回答`): in a report of a press conference, a topic answered with
    /// one (`对于…，王建凡回应称，…`) is a question only reported, with its answer.
    pub reply_verbs: Vec<String>,
    /// First characters of a verb that carries its own connector (`又指`, `亦指`, `续指`, `并指`):
    /// after a comma with no speaker phrase, the sentence's subject says the words.
    pub connector_verb_starts: String,
    /// Last characters of a word the segmenter tags as a person's name that names an
    /// organisation instead (`乐施会/nr`, `民政局/nr`): such a word of three or more characters
    /// is no name.
    pub organisation_last_chars: String,
    /// Words that introduce a person's present post: after the name (`王强，现任…教授`,
    /// `王强是…教授`) or before the title and `的` or a comma (`身为…教授的王强`, `作为…教授，
    /// 王强…`). They are no part of the title.
    pub post_verbs: Vec<String>,
    /// Words that introduce a former post (`王强，曾任财政部副部长，现任…`): the post after
    /// them is not the person's title; the next part may give the present one.
    pub former_post_verbs: Vec<String>,
    /// Roles through which an organisation speaks (`发言人`, `负责人`): an unnamed source
    /// `<organisation>[有关|相关]<role>` is the role, with the organisation as its `org`.
    pub organisation_roles: Vec<String>,
    /// Words before a speaker that mark an unnamed source (`有`, `一位`).
    pub unnamed_markers: Vec<String>,
    /// Demonstratives that refer back to an organisation or unnamed source (`该公司`, `这位专家`):
    /// the phrase with its demonstrative is the speaker.
    pub demonstratives: Vec<String>,
    /// A speaker phrase ending with one of these, without a name, is an unnamed source
    /// (`知情人士`, `网友`, `投资者`).
    pub unnamed_words: Vec<String>,
    /// A speaker phrase ending with one of these, without a name, is an organisation (`部`,
    /// `公司`, `中方`).
    pub organisation_suffixes: Vec<String>,
    /// Words that join two titles of one speaker (`兼`), or two names (`、`).
    pub joiners: Vec<String>,
    /// Chinese surnames (simplified), compound ones too: where a person's name starts.
    pub surnames: Vec<String>,
    /// The commonest surnames, which with `老`/`小` are how people are called (`老张`, `小刘`);
    /// other characters after them make words (`老师`, `老板`, `小区`).
    pub address_surnames: String,
    /// Characters of transliterated foreign names (Xinhua's table: `阿`, `巴`, `斯`, …): a name
    /// of these characters extends left over them (`费多鲁克`, `扎哈罗娃`), up to a title word.
    pub transliteration_chars: String,
    /// Single characters that never end a name (`的`, `在`, `说`): `李家超` absorbs `超`, `王毅`
    /// does not absorb `在`.
    pub name_stop_chars: Vec<String>,
    /// Regexes removed (repeatedly) from the end of a speaker phrase: time words, adverbs,
    /// parentheses (`赵立坚今天（6日）回应称` → `赵立坚`).
    pub speaker_trailing_patterns: Vec<String>,
    /// Regexes removed from the start of a speaker phrase (`专访乐玉成` → `乐玉成`).
    pub speaker_leading_patterns: Vec<String>,
    /// Regexes: a speaker phrase matching one is not a speaker (`换句话`, `比如`, `必须`, ...).
    pub not_speaker_patterns: Vec<String>,
    /// A subject ending with one of these is a document, not a speaker (`报道`, `数据`, `声明`).
    pub document_nouns: Vec<String>,
    /// Forms of address after a surname that make a person (`谢女士`, `李先生`): read where a
    /// phrase stands right before quoted words.
    #[serde(default)]
    pub forms_of_address: Vec<String>,
    /// Forms of address dropped after a full name (`陳文敏先生` → `陳文敏`); others stay part of
    /// how someone is called (`居里夫人`).
    pub name_address_words: Vec<String>,
    /// Verbs by which a reporter meets someone (`采访`, `致电`): in a reporter's sentence
    /// (`记者随后采访了邻居张阿姨`) the person right after one is whom pronouns after it refer
    /// to.
    #[serde(default)]
    pub reporter_contact_verbs: Vec<String>,
    /// What `表示`/`表达` may take as an object that states a stance, not words
    /// (`表示关注`, `表示强烈不满和坚决反对`): with nothing but a boundary or a joiner after it,
    /// the verb quotes nothing.
    pub stance_objects: Vec<String>,
    /// Adverbs of degree between `表示` and its stance (`强烈`, `高度`, `衷心`).
    pub stance_adverbs: Vec<String>,
    /// Words that make a clause ending with a colon before quotation marks speech by its
    /// subject, with no speech verb (`聊`, `回道`, `一句`): `王芳和记者聊起了往事：“…”`.
    #[serde(default)]
    pub colon_speech_words: Vec<String>,
    /// Verbs that end a clause before a colon and quoted words without making them speech:
    /// what an outlet reports or a document shows (`香港电台报道：「…」`, `告示写着：“…”`).
    #[serde(default)]
    pub colon_not_speech_verbs: Vec<String>,
    /// Gendered pronouns and the name endings they cannot refer to: `{他: [女士, 小姐, 婆],
    /// 她: [先生, 伯]}` — `他` after `周阿婆` refers to someone else.
    #[serde(default)]
    pub pronoun_excludes: std::collections::BTreeMap<String, Vec<String>>,
    /// Pronouns that refer to the last named speaker (`他`, `她`).
    pub pronouns: Vec<String>,
    /// Longest speaker phrase, in characters; a Latin word counts as one (`Sunil` is 1).
    pub max_speaker_chars: usize,
    /// Words a title ends with (`部长`, `发言人`, `专家`); what follows is the name.
    pub title_suffixes: Vec<String>,
    /// Regexes over a unit: the Q&A structure ends here.
    pub end_patterns: Vec<String>,
    /// Regexes over the title: an attributed headline (`王毅：打造…`, `某某谈接种：…`),
    /// groups `speaker`, `quote`.
    pub title_quote_patterns: Vec<String>,
    pub qa_answer: QaAnswerConfig,
}

/// `qa_answer:` in `speech.yaml`: Zhihu-style question-and-answer posts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct QaAnswerConfig {
    /// Values taken out of the HTML: `question`, `author`, `bio`, `origin_url`. Selectors are
    /// scoped to the answer template's own markup (`div.answer span.author`), so that a
    /// byline `<span class="author">` elsewhere is not an answer's author.
    pub fields: Vec<FieldConfig>,
    /// Regexes over the first units: the author line (`剑英的回答`), group `author`.
    pub author_line_patterns: Vec<String>,
    /// Regexes over the title, groups `question` and `author`.
    pub title_patterns: Vec<String>,
    /// Words that make a title without a question mark a question (`为什么`, `如何`).
    pub question_words: Vec<String>,
    /// Regex removed from the author (`温戈，` → `温戈`).
    pub author_trim_pattern: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConfig {
    pub name: String,
    pub selector: String,
    /// Take this attribute instead of the text.
    #[serde(default)]
    pub attribute: Option<String>,
}

/// Compiled speech rules.
#[derive(Debug)]
pub struct SpeechRules {
    pub(super) press_conference: Patterns,
    pub(super) interview: Patterns,
    pub(super) press_report: Patterns,
    pub(super) announcement: Patterns,
    pub(super) not_dialogue: Patterns,
    pub(super) explainer: Patterns,
    pub(super) opening: usize,
    pub(super) principal: Patterns,
    pub(super) host: Patterns,
    pub(super) dateline: Patterns,
    pub(super) host_line: Patterns,
    pub(super) answering_host_titles: Vec<String>,
    pub(super) interviewer: Patterns,
    pub(super) generic_media_words: Vec<String>,
    pub(super) question: Patterns,
    pub(super) reported_question: Patterns,
    pub(super) question_triggers: Vec<String>,
    pub(super) principal_triggers: Vec<String>,
    /// First characters of the surnames: a cheap test before the list.
    pub(super) surname_firsts: std::collections::HashSet<char>,
    /// The one-character surnames (most of them): a set, not a scan of the list.
    pub(super) surname_chars: std::collections::HashSet<char>,
    /// First characters of the post verbs: a cheap test before the list.
    pub(super) post_verb_firsts: std::collections::HashSet<char>,
    pub(super) reported_triggers: Vec<String>,
    pub(super) bold_question: Option<Regex>,
    pub(super) label: Option<Regex>,
    pub(super) question_labels: Vec<String>,
    pub(super) answer_labels: Vec<String>,
    pub(super) host_labels: Vec<String>,
    pub(super) guest_labels: Vec<String>,
    pub(super) not_labels: Vec<String>,
    pub(super) reporter_word: String,
    pub(super) not_outlet_words: Vec<String>,
    /// `(?P<verb>…)(?:说|道)?\s*(?P<punct>[，,：:]|[“「『"])` anywhere.
    pub(super) any_cue: Option<Regex>,
    /// `^(?P<verb>…)` at the start of a text (a verb after a reported question).
    pub(super) verb_at_start: Option<Regex>,
    /// The speech verbs, searched in one pass (leftmost-longest).
    pub(super) verb_ac: Option<aho_corasick::AhoCorasick>,
    /// The `verb_patterns` fragments as one regex.
    pub(super) verb_fragments: Option<Regex>,
    /// `(?P<verb>…)` ending a clause (`“…”他说。`, `“…”他说：“…”`: the words-first form).
    pub(super) any_cue_end: Option<Regex>,
    pub(super) leading_words: Vec<String>,
    pub(super) bare_verbs: Vec<String>,
    pub(super) opinion_verbs: Vec<String>,
    pub(super) quoted_verbs: Vec<String>,
    pub(super) negators: Vec<String>,
    pub(super) not_cue_words: Vec<String>,
    pub(super) unnamed_markers: Vec<String>,
    pub(super) unnamed_words: Vec<String>,
    pub(super) organisation_suffixes: Vec<String>,
    pub(super) clause_connectors: Vec<String>,
    pub(super) contrast_connectors: Vec<String>,
    pub(super) concessive_connectors: Vec<String>,
    pub(super) topic_prepositions: Vec<String>,
    pub(super) topic_back_words: Vec<String>,
    pub(super) challenge_verbs: Vec<String>,
    pub(super) reply_verbs: Vec<String>,
    pub(super) address_surnames: Vec<char>,
    pub(super) person_verbs: Vec<String>,
    pub(super) demonstratives: Vec<String>,
    pub(super) connector_verb_starts: Vec<char>,
    pub(super) organisation_last_chars: Vec<char>,
    pub(super) post_verbs: Vec<String>,
    pub(super) former_post_verbs: Vec<String>,
    pub(super) organisation_roles: Vec<String>,
    pub(super) joiners: Vec<String>,
    pub(super) surnames: Vec<String>,
    pub(super) transliteration: Vec<char>,
    pub(super) name_stop_chars: Vec<String>,
    /// `title_suffixes`, searched in one pass.
    pub(super) title_ac: Option<aho_corasick::AhoCorasick>,
    /// The last characters of `title_suffixes`: a cheap test before the list is tried.
    pub(super) title_last_chars: std::collections::HashSet<char>,
    pub(super) trailing: Patterns,
    pub(super) leading: Patterns,
    pub(super) not_speaker: Patterns,
    pub(super) document_nouns: Vec<String>,
    pub(super) forms_of_address: Vec<String>,
    pub(super) name_address_words: Vec<String>,
    pub(super) reporter_contact_verbs: Vec<String>,
    pub(super) stance_objects: Vec<String>,
    pub(super) stance_adverbs: Vec<String>,
    pub(super) pronoun_excludes: std::collections::BTreeMap<String, Vec<String>>,
    pub(super) colon_speech_words: Vec<String>,
    pub(super) colon_not_speech_verbs: Vec<String>,
    pub(super) pronouns: Vec<String>,
    pub(super) max_speaker_chars: usize,
    pub(super) title_suffixes: Vec<String>,
    /// `title_suffixes` and then `forms_of_address`, folded (a label's surname and title).
    pub(super) address_words_folded: Vec<String>,
    pub(super) end: Patterns,
    pub(super) title_quote: Patterns,
    /// Selectors of the Zhihu fields, handed to the body stage.
    pub fields: Vec<FieldRule>,
    pub(super) author_line: Patterns,
    pub(super) qa_title: Patterns,
    pub(super) author_trim: Option<Regex>,
    pub(super) question_words: Vec<String>,
}

impl SpeechRules {
    /// Whether `verb` (folded) takes a clause without colon or comma after it (`bare_verbs`:
    /// `表示`, `指`, `称`), itself or with `说`/`道`/`称` after it (`解释说`).
    pub(super) fn is_bare_verb(&self, verb: &str) -> bool {
        Self::verb_of(&self.bare_verbs, verb)
    }

    /// Whether `verb` is one of `list`, itself or with `说`/`道`/`称` after it (`解释说`).
    fn verb_of(list: &[String], verb: &str) -> bool {
        list.iter()
            .any(|b| verb == b || verb.strip_suffix(['说', '道', '称']) == Some(b.as_str()))
    }

    /// Whether `verb` (folded) reports the words of the subject of the clause before its comma
    /// (`盧偉聰交代元朗襲擊事件，指…`, `警方發出新聞稿，稱…`): a bare verb, not one of opinion.
    pub(super) fn reports_after_clause(&self, verb: &str) -> bool {
        self.is_bare_verb(verb) && !self.is_opinion_verb(verb)
    }

    /// Whether `verb` (folded) is one of `opinion_verbs` (`认为`, `相信`, `希望`), itself or
    /// with `说`/`道`/`称` after it.
    pub(super) fn is_opinion_verb(&self, verb: &str) -> bool {
        Self::verb_of(&self.opinion_verbs, verb)
    }

    /// The length in bytes of the dateline or byline `fold` opens with (`dateline_patterns`),
    /// 0 when none.
    pub fn dateline_len(&self, fold: &str) -> usize {
        self.dateline
            .iter()
            .filter_map(|r| r.find(fold).filter(|m| m.start() == 0).map(|m| m.end()))
            .max()
            .unwrap_or(0)
    }

    /// Whether a text may name a principal speaker (it has a trigger; no triggers: always).
    pub fn may_name_principal(&self, fold: &str) -> bool {
        self.principal_triggers.is_empty()
            || self
                .principal_triggers
                .iter()
                .any(|t| fold.contains(t.as_str()))
    }

    /// Whether a unit may hold a question cue (it has a trigger; no triggers: always).
    pub fn may_ask(&self, fold: &str) -> bool {
        self.question_triggers.is_empty()
            || self
                .question_triggers
                .iter()
                .any(|t| fold.contains(t.as_str()))
    }

    /// Whether a unit may hold a reported question.
    pub fn may_report(&self, fold: &str) -> bool {
        self.reported_triggers.is_empty()
            || self
                .reported_triggers
                .iter()
                .any(|t| fold.contains(t.as_str()))
    }

    /// The outlets the opening names as conducting an interview (`接受眾新聞專訪` → `眾新聞`), as
    /// written, in order; generic media words (`传媒`, `本报`), alone or after fewer than three
    /// characters (`内媒`, `本港传媒`), are none.
    pub fn interviewers(&self, opening: &[&super::text::Unit]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for u in opening {
            for r in self.interviewer.iter() {
                for c in r.captures_iter(&u.fold) {
                    let Some(m) = c.name("outlet") else { continue };
                    // (A name before the word makes an outlet: `中国国际电视台`, not `内媒`,
                    // `本港传媒`, `多家媒体`.)
                    if self.generic_media_words.iter().any(|g| {
                        m.as_str()
                            .strip_suffix(g.as_str())
                            .is_some_and(|name| name.chars().count() < 3)
                    }) || self.is_pronoun(m.as_str())
                    {
                        continue;
                    }
                    let o = u.orig(m.range()).to_string();
                    if !out.contains(&o) {
                        out.push(o);
                    }
                }
            }
        }
        out
    }

    /// Whether a clause ending with a colon before quoted words speaks of speaking and is not
    /// passive (`被`): it has one of `colon_speech_words`, or it ends with a verb of two or
    /// more characters by the segmenter's tags (`陈大文怒斥：“…”`, `她寄语：“…”` — a subject
    /// and its verb put the words in its mouth; `张三的微博：“…”` ends with a noun), or with a
    /// reduplicated verb and `了` (`李四笑了笑：“…”`). Only the
    /// clause's last 12 characters are segmented; `colon_not_speech_verbs` (`报道`) are no such verb.
    pub fn colon_clause_speaks(&self, clause: &str) -> bool {
        if clause.contains('被') {
            return false;
        }
        if self
            .colon_speech_words
            .iter()
            .any(|w| clause.contains(w.as_str()))
        {
            return true;
        }
        let from = clause.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
        let tail = clause[from..].trim_end_matches(super::text::is_space);
        // A reduplicated verb with `了` (`笑了笑`, `想了想`, `顿了顿`): a gesture before words.
        let mut last3 = tail.chars().rev().take(3);
        if let (Some(a), Some('了'), Some(b)) = (last3.next(), last3.next(), last3.next())
            && a == b
            && unicode_script::UnicodeScript::script(&a) == unicode_script::Script::Han
        {
            return true;
        }
        super::segment::words(tail).last().is_some_and(|w| {
            w.tag.starts_with('v')
                && w.tag != "vn"
                && w.text.chars().count() >= 2
                && !self.colon_not_speech_verbs.iter().any(|x| x == w.text)
        })
    }

    /// Whether the first gendered pronoun of `phrase` can refer to `who` (`他` not to
    /// `周阿婆`; a plural `他们` to no one person); true when the phrase has none.
    pub fn pronoun_agrees(&self, phrase: &str, who: &super::speakers::Who) -> bool {
        // A plural pronoun of `pronouns` (`他们`, `她们`: ending in `们`) is a group, no one
        // person.
        if self
            .pronouns
            .iter()
            .any(|p| p.ends_with('们') && phrase.contains(p.as_str()))
        {
            return false;
        }
        let first = self
            .pronoun_excludes
            .iter()
            .filter_map(|(p, ends)| phrase.find(p.as_str()).map(|at| (at, ends)))
            .min_by_key(|(at, _)| *at);
        !first.is_some_and(|(_, ends)| ends.iter().any(|e| who.key.ends_with(e.as_str())))
    }

    /// Whether the phrase before a verb (folded) negates it: one of `negators` is a word of its
    /// last 16 characters after the last `的` (`并没有逐一回答`, `没有就此事公开回应`,
    /// `拒绝回应`; `不断表示` is not negated, nor is `一位不愿具名的官员表示`, whose negator
    /// qualifies the speaker).
    pub fn negated(&self, phrase: &str) -> bool {
        let from = phrase.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
        let ws = super::segment::words(&phrase[from..]);
        let after = ws.iter().rposition(|w| w.tag == "uj").map_or(0, |i| i + 1);
        ws[after..]
            .iter()
            .any(|w| self.negators.iter().any(|n| n == w.text))
    }

    /// Whether `verb` is one of the `quoted_verbs` (a cue only before quotation marks), with or
    /// without the aspect particle a cue may take (`笑了，` is `笑`).
    pub fn is_quoted_verb(&self, verb: &str) -> bool {
        let base = verb.strip_suffix(['过', '了']).unwrap_or(verb);
        self.quoted_verbs.iter().any(|q| q == verb || q == base)
    }

    /// Whether a preposition at byte `at` starts a given name (`副部长刘向东表示`: `向东/nr`),
    /// or is the surname `向` of a name (`市长向明德表示`, `向明德表示` at a clause's start:
    /// `向/p 明德/nr`, after a title or nothing of the clause — `他向明德表示` stays "said to"),
    /// so that a fragment `向…表示` found there is none.
    pub(super) fn given_name_at(&self, fold: &str, at: usize) -> bool {
        if !fold[at..].starts_with(['向', '对']) {
            return false;
        }
        let from = fold[..at].char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        let to = fold[at..]
            .char_indices()
            .nth(3)
            .map_or(fold.len(), |(i, _)| at + i);
        let ws = super::segment::words(&fold[from..to]);
        let person = |w: &super::segment::Word| matches!(w.tag, "nr" | "nrfg");
        ws.iter().enumerate().any(|(k, w)| {
            from + w.start == at
                && ((w.text.chars().count() >= 2 && (person(w) || w.tag == "nrt"))
                    || (w.text == "向"
                        && ws.get(k + 1).is_some_and(|x| {
                            person(x) && (1..=2).contains(&x.text.chars().count())
                        })
                        && {
                            let before = fold[..at].trim_end_matches(super::text::is_space);
                            before.is_empty()
                                || before.ends_with(|c: char| !c.is_alphanumeric() && c != '·')
                                || self.ends_with_title(before)
                        }))
        })
    }

    /// Whether the verb at `verb` (`表示`, `表达`) takes a stance for its object
    /// (`stance_objects`, after adverbs of `stance_adverbs`) with nothing after it but a
    /// boundary or a joiner (`表示关注，但…`, `表示强烈不满和坚决反对。`).
    fn states_stance(&self, fold: &str, verb: &std::ops::Range<usize>) -> bool {
        let v = &fold[verb.clone()];
        if !(v.ends_with("表示") || v.ends_with("表达")) {
            return false;
        }
        let rest = self.after_stance_adverbs(&fold[verb.end..]);
        self.stance_objects.iter().any(|o| {
            rest.strip_prefix(o.as_str())
                .is_some_and(|after| self.stance_ends(after, 0))
        })
    }

    /// `text` after the adverbs of degree it starts with (`stance_adverbs`: `强烈`, `深切的`).
    fn after_stance_adverbs<'t>(&self, mut text: &'t str) -> &'t str {
        while let Some(a) = self
            .stance_adverbs
            .iter()
            .find(|a| !a.is_empty() && text.starts_with(a.as_str()))
        {
            text = &text[a.len()..];
        }
        text
    }

    /// Whether the text after a stance ends the verb's object: nothing, a full stop, a comma
    /// before a contrast (`，但未透露细节`), or a joiner before another stance (`和坚决反对`,
    /// `、期待`). A comma before more (`表示遗憾，认为…`, `表示感谢，“…”`) keeps the verb a cue:
    /// what follows is what it reports.
    fn stance_ends(&self, after: &str, depth: usize) -> bool {
        let after = after.trim_start_matches(super::text::is_space);
        if after.is_empty() || after.starts_with(['。', '；', ';', '！', '!']) {
            return true;
        }
        if let Some(rest) = after.strip_prefix('，').or_else(|| after.strip_prefix(',')) {
            return ["但", "却", "不过", "然而", "可是", "只是"]
                .iter()
                .any(|c| {
                    rest.trim_start_matches(super::text::is_space)
                        .starts_with(c)
                });
        }
        if depth < 3
            && let Some(rest) = ["和", "与", "及", "、", "并"]
                .iter()
                .find_map(|j| after.strip_prefix(j))
        {
            let rest = self.after_stance_adverbs(rest);
            return self.stance_objects.iter().any(|o| {
                rest.strip_prefix(o.as_str())
                    .is_some_and(|a| self.stance_ends(a, depth + 1))
            });
        }
        false
    }

    /// Every speech cue of a (folded) text.
    ///
    /// The verbs are found in one Aho-Corasick pass (leftmost-longest), the `verb_patterns`
    /// fragments by their own regex; what follows a verb (`说`/`道`/`称`, spaces, then `，`, `：`
    /// or an opening quotation mark) is read by hand. Same matches as `any_cue`, much cheaper.
    pub fn cue_matches(&self, fold: &str) -> Vec<super::text::CueAt> {
        self.cue_matches_with(fold, &[])
    }

    /// [`SpeechRules::cue_matches`], where a verb right after one of the document's own names
    /// (`names`, folded: [`SpeechRules::scan_recurring_subjects`]) is a cue even when the
    /// segmenter joins it to the name's last character (`风雨兰称/v`).
    pub fn cue_matches_with(&self, fold: &str, names: &[String]) -> Vec<super::text::CueAt> {
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        if let Some(f) = &self.verb_fragments {
            found.extend(
                f.find_iter(fold)
                    .map(|m| m.range())
                    .filter(|r| !self.given_name_at(fold, r.start)),
            );
        }
        if let Some(ac) = &self.verb_ac {
            for m in ac.find_iter(fold) {
                if !found.iter().any(|r| r.start < m.end() && m.start() < r.end) {
                    found.push(m.range());
                }
            }
        }
        found.sort_by_key(|r| r.start);
        let mut last_end = 0;
        found
            .into_iter()
            .filter_map(|mut verb| {
                if verb.start < last_end {
                    // Inside the previous verb and its `说`/`道`/`称` (`回应称`).
                    return None;
                }
                // The end of a word that is no verb (`演说`, `号称`) — unless what ends before the
                // verb is a source or a title word (`发言人称`, `当事人称`: not `人称`).
                let speaker_before = || {
                    let before = &fold[..verb.start];
                    self.unnamed_words
                        .iter()
                        .chain(&self.title_suffixes)
                        .any(|x| before.ends_with(x.as_str()))
                };
                if self
                    .not_cue_words
                    .iter()
                    .any(|w| fold[..verb.end].ends_with(w.as_str()) && w.len() > verb.len())
                    && !speaker_before()
                {
                    return None;
                }
                if let Some(c) = fold[verb.end..].chars().next()
                    && matches!(c, '说' | '道' | '称')
                {
                    verb.end += c.len_utf8();
                }
                // An aspect particle between the verb and its words (`说过：“…”`,
                // `说了一句：“…”`, `曾说过，…`) belongs to the cue, as does `如下` (`回应如下：`).
                for aspect in ["过一句", "了一句", "了句", "过", "了", "如下"] {
                    if let Some(rest) = fold[verb.end..].strip_prefix(aspect)
                        && (rest.trim_start().starts_with(['：', ':', '“', '「', '『'])
                            || (matches!(aspect, "过" | "了") && rest.starts_with(['，', ','])))
                    {
                        // `了，` that only completes the action (`公司已经回应了，但…`, `讲了，一个多
                        // 小时`, `说了，也做了`): a connector or a number after it is no
                        // reported speech.
                        let next = rest.trim_start_matches(['，', ',']);
                        if aspect == "了"
                            && rest.starts_with(['，', ','])
                            && next.starts_with([
                                '但', '也', '却', '而', '又', '还', '就', '都', '并', '一', '二',
                                '两', '三', '几', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
                            ])
                        {
                            return None;
                        }
                        verb.end += aspect.len();
                        break;
                    }
                }
                // A passive verb (`被质疑“…”`, `被指…`) reports what is said of the subject,
                // not by it.
                if fold[..verb.start].ends_with('被') {
                    return None;
                }
                // After `的` the verb is a noun (`打分的解释，…`, `公司的回应`).
                if fold[..verb.start].ends_with('的') {
                    return None;
                }
                // A verb before `的` and a noun modifies it (`专家指出的三个问题`, `他说的话`);
                // before `的，` it closes a frame (`就像鲁迅说的，…`) and `的` is the cue's.
                // `指的是`, `说的是` say what is meant: the verb stays.
                if let Some(rest) = fold[verb.end..].strip_prefix('的')
                    && !rest.starts_with('是')
                {
                    if !rest.starts_with(['，', ',', '：', ':']) {
                        return None;
                    }
                    verb.end += '的'.len_utf8();
                }
                // `表示关注`, `表示强烈不满和坚决反对`: a stance, no words.
                if self.states_stance(fold, &verb) {
                    return None;
                }
                // `说什么也不肯`, `说啥都要`: "no matter what", no speech.
                if ["什么也", "什么都", "啥也", "啥都"]
                    .iter()
                    .any(|x| fold[verb.end..].starts_with(x))
                {
                    return None;
                }
                // A verb with `了` and a noun object (`指出了三处错误`) reports nothing; `说了：“…”`
                // is handled below as an aspect particle before the words.
                if let Some(rest) = fold[verb.end..].strip_prefix('了')
                    && !rest
                        .trim_start()
                        .starts_with(['：', ':', '“', '「', '『', '，', ','])
                    && !rest.starts_with(['一', '句'])
                {
                    return None;
                }
                // A verb that is also a common noun's end (Cantonese `話`: `一句古話，`) is a
                // cue only right after a person's name or a pronoun (`陳大文話，`, `佢話：`).
                if self.person_verbs.iter().any(|v| *v == fold[verb.clone()]) {
                    // An adverb between (`黃小姐則話`, `佢亦講`) is no noun's part.
                    let before = fold[..verb.start]
                        .trim_end_matches(|c| "则亦又也便就再都还却仍均续".contains(c));
                    if !self.pronouns.iter().any(|p| before.ends_with(p.as_str()))
                        && self.name_before(fold, before.len()).is_none()
                    {
                        return None;
                    }
                }
                // A verb that is part of a longer word (`称重`, `说明天`) is no cue.
                // Only a verb followed by a Chinese character can be (the segmenter is not run
                // for the others).
                let han_after = fold[verb.end..].chars().next().is_some_and(|c| {
                    unicode_script::UnicodeScript::script(&c) == unicode_script::Script::Han
                });
                // A question verb before its addressee, a colon and quotation marks is one
                // however the segmenter joins them (`记者问张/n 三：“…”`).
                let asks = fold[verb.clone()].ends_with('问')
                    && super::text::addressee_colon(fold, verb.end).is_some();
                let after_name = || {
                    let before = super::speakers::trim_adverbs(&fold[..verb.start]);
                    names.iter().any(|n| {
                        before.ends_with(n.as_str())
                            && before[..before.len() - n.len()]
                                .trim_end_matches(super::text::is_space)
                                .chars()
                                .next_back()
                                .is_none_or(|c| super::text::BOUNDARY.contains(&c))
                    })
                };
                if han_after
                    && !asks
                    && !super::segment::boundary_at(fold, verb.start, verb.end)
                    && !after_name()
                {
                    return None;
                }
                // A quoted verb that ends a longer word (`慰问`, `访问`, `质问`, `学问`) is no cue.
                if self.is_quoted_verb(&fold[verb.clone()]) {
                    let from = fold[..verb.start]
                        .char_indices()
                        .rev()
                        .nth(2)
                        .map_or(0, |(i, _)| i);
                    // The segmenter may read a name and the verb as one name (`王华问/nr`).
                    let name_then_verb = || {
                        // Only where a surname may start a name before the verb (cheap test
                        // first: `访问`, `提问` are words).
                        fold[from..verb.start]
                            .char_indices()
                            .any(|(i, _)| self.is_surname_start(&fold[from + i..verb.start]))
                            && super::segment::words(&fold[from..verb.end])
                                .last()
                                .is_some_and(|w| {
                                    from + w.end == verb.end
                                        && matches!(w.tag, "nr" | "nrfg")
                                        && w.text.chars().count() >= 3
                                })
                    };
                    if from < verb.start
                        && !super::segment::boundary_at(fold, from, verb.start)
                        && !name_then_verb()
                    {
                        return None;
                    }
                }
                last_end = verb.end;
                Some(verb)
            })
            .map(|verb| {
                let rest = &fold[verb.end..];
                let at = verb.end + (rest.len() - rest.trim_start().len());
                // A colon after the verb's addressee (`批評政府：「…」`, `質問局長：「…？」`)
                // introduces the words too.
                let punct = match fold[at..].chars().next() {
                    Some(c @ ('，' | ',' | '：' | ':' | '“' | '「' | '『' | '"')) => {
                        at..at + c.len_utf8()
                    }
                    _ => super::text::addressee_colon(fold, verb.end)
                        // A question verb's addressee may be followed by the words alone
                        // (`質問局長「…？」`, `追问王强，“…”`).
                        .or_else(|| {
                            fold[verb.clone()]
                                .ends_with('问')
                                .then(|| super::text::addressee_quote(fold, verb.end))
                                .flatten()
                        })
                        .unwrap_or(verb.end..verb.end),
                };
                super::text::CueAt { verb, punct }
            })
            // A verb followed by neither punctuation nor a quotation mark attributes words only
            // if it is one of the bare verbs (`X认为经济…`; not `X提出建议`).
            // A verb of the quoted kind needs quotation marks right after it or its colon.
            .filter(|c| {
                !self.is_quoted_verb(&fold[c.verb.clone()])
                    || fold[c.punct.start..]
                        .trim_start_matches(['：', ':', '，', ',', ' '])
                        .starts_with(['“', '「', '『', '"'])
            })
            // Nor one with `说`/`道` that ends its sentence: what it reports came before
            // (`…，王强补充说。`).
            .filter(|c| {
                !c.punct.is_empty() || self.is_bare_verb(&fold[c.verb.clone()]) || {
                    let v = &fold[c.verb.clone()];
                    v.chars().count() >= 3
                        && v.ends_with(['说', '道'])
                        && fold[c.verb.end..]
                            .trim_start_matches(super::text::is_space)
                            .chars()
                            .next()
                            .is_none_or(|x| {
                                matches!(x, '。' | '！' | '？' | '!' | '?' | '；' | ';')
                            })
                }
            })
            .collect()
    }

    /// Validate every rule (each bad one reported by key) and compile.
    pub fn compile(
        cfg: &SpeechConfig,
        report: &mut impl FnMut(String, String),
    ) -> Option<SpeechRules> {
        let mut c = RuleCompiler::new("", report);
        let press_conference = c.patterns(
            "press_conference_patterns",
            &cfg.press_conference_patterns,
            &[],
        );
        let interview = c.patterns("interview_patterns", &cfg.interview_patterns, &[]);
        let press_report = c.patterns("press_report_patterns", &cfg.press_report_patterns, &[]);
        let announcement = c.patterns("announcement_patterns", &cfg.announcement_patterns, &[]);
        let not_dialogue = c.patterns("not_dialogue_patterns", &cfg.not_dialogue_patterns, &[]);
        let explainer = c.patterns("explainer_patterns", &cfg.explainer_patterns, &[]);
        let principal = c.patterns("principal_patterns", &cfg.principal_patterns, &["speaker"]);
        let host = c.patterns("host_patterns", &cfg.host_patterns, &["host"]);
        let dateline = c.patterns("dateline_patterns", &cfg.dateline_patterns, &[]);
        let host_line = c.patterns("host_line_patterns", &cfg.host_line_patterns, &[]);
        let interviewer = c.patterns(
            "interviewer_patterns",
            &cfg.interviewer_patterns,
            &["outlet"],
        );
        let question = c.patterns("question_patterns", &cfg.question_patterns, &["text"]);
        let reported_question = c.patterns(
            "reported_question_patterns",
            &cfg.reported_question_patterns,
            &["q"],
        );
        let trailing = c.patterns(
            "speaker_trailing_patterns",
            &cfg.speaker_trailing_patterns,
            &[],
        );
        let leading = c.patterns(
            "speaker_leading_patterns",
            &cfg.speaker_leading_patterns,
            &[],
        );
        let not_speaker = c.patterns("not_speaker_patterns", &cfg.not_speaker_patterns, &[]);
        let end = c.patterns("end_patterns", &cfg.end_patterns, &[]);
        let author_line = c.patterns(
            "qa_answer.author_line_patterns",
            &cfg.qa_answer.author_line_patterns,
            &["author"],
        );
        let qa_title = c.patterns(
            "qa_answer.title_patterns",
            &cfg.qa_answer.title_patterns,
            &["question", "author"],
        );
        let bold_question = c.regex(
            "bold_question_pattern",
            &cfg.bold_question_pattern,
            &["text"],
        );
        let label = c.regex("label_pattern", &cfg.label_pattern, &["label", "text"]);
        let title_quote = c.patterns(
            "title_quote_patterns",
            &cfg.title_quote_patterns,
            &["speaker", "quote"],
        );
        let author_trim = c.regex(
            "qa_answer.author_trim_pattern",
            &cfg.qa_answer.author_trim_pattern,
            &[],
        );

        // The cue regexes are built from the verb list, longest first.
        // (The quoted verbs are found by `cue_matches` only: as labels `问：` starts a question.)
        let all_verbs: Vec<&String> = cfg.speech_verbs.iter().chain(&cfg.quoted_verbs).collect();
        let mut verbs: Vec<&str> = cfg.speech_verbs.iter().map(String::as_str).collect();
        verbs.sort_by_key(|v| std::cmp::Reverse(v.chars().count()));
        let mut verbs: Vec<String> = verbs.iter().map(|v| regex::escape(v)).collect();
        // Checked alone first, so that a bad fragment is reported by its key.
        let fragments = c.patterns("verb_patterns", &cfg.verb_patterns, &[]);
        if fragments.iter().count() == cfg.verb_patterns.len() {
            let mut all = cfg.verb_patterns.clone();
            all.append(&mut verbs);
            verbs = all;
        }
        let (any_cue, verb_at_start, any_cue_end) = if verbs.is_empty() {
            (None, None, None)
        } else {
            let v = verbs.join("|");
            let any = format!("(?P<verb>(?:{v})(?:说|道|称)?)\\s*(?P<punct>[，,：:]|[“「『\"]|)");
            let start = format!("^\\s*(?P<verb>(?:{v})(?:说|道|称)?)\\s*(?:[。，,！!：:]|$)");
            // After the words (`“怎么办？”王华问。`) the quoted verbs are cues too.
            let q: Vec<String> = cfg.quoted_verbs.iter().map(|v| regex::escape(v)).collect();
            let ve = if q.is_empty() {
                v.clone()
            } else {
                format!("{v}|{}", q.join("|"))
            };
            let end = format!("(?P<verb>(?:{ve})(?:说|道|称)?)\\s*(?:[。，,！!；;：:]|$)");
            (
                c.regex("speech_verbs", &any, &["verb"]),
                c.regex("speech_verbs", &start, &["verb"]),
                c.regex("speech_verbs", &end, &["verb"]),
            )
        };

        let verb_ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(all_verbs.iter().filter(|v| !v.is_empty()))
            .ok()
            .filter(|_| !all_verbs.is_empty());
        let verb_fragments = if cfg.verb_patterns.is_empty() {
            None
        } else {
            let alt: Vec<String> = cfg
                .verb_patterns
                .iter()
                .map(|p| format!("(?:{p})"))
                .collect();
            c.regex("verb_patterns", &alt.join("|"), &[])
        };
        let mut fields = Vec::new();
        for (i, f) in cfg.qa_answer.fields.iter().enumerate() {
            let key = format!("qa_answer.fields[{i}].selector");
            if let Some(selector) = c.selector(&key, &f.selector) {
                fields.push(FieldRule {
                    name: f.name.clone(),
                    selector,
                    attribute: f.attribute.clone(),
                });
            }
        }
        let title_ac = c.literals("title_suffixes", &cfg.title_suffixes);
        let mut title_suffixes = cfg.title_suffixes.clone();
        title_suffixes.sort_by_key(|t| std::cmp::Reverse(t.len()));
        c.ok().then(|| SpeechRules {
            press_conference,
            interview,
            press_report,
            announcement,
            not_dialogue,
            explainer,
            opening: cfg.opening_paragraphs.max(1),
            principal,
            host,
            dateline,
            host_line,
            answering_host_titles: folded(&cfg.answering_host_titles),
            interviewer,
            generic_media_words: cfg.generic_media_words.clone(),
            question,
            reported_question,
            question_triggers: cfg.question_triggers.clone(),
            principal_triggers: folded(&cfg.principal_triggers),
            surname_firsts: cfg
                .surnames
                .iter()
                .filter_map(|x| super::text::fold(x).chars().next())
                .collect(),
            surname_chars: cfg
                .surnames
                .iter()
                .filter(|x| x.chars().count() == 1)
                .filter_map(|x| x.chars().next())
                .collect(),
            post_verb_firsts: folded(&cfg.post_verbs)
                .iter()
                .filter_map(|x| x.chars().next())
                .collect(),
            reported_triggers: cfg.reported_triggers.clone(),
            bold_question,
            label,
            question_labels: cfg.question_labels.clone(),
            answer_labels: cfg.answer_labels.clone(),
            host_labels: cfg.host_labels.clone(),
            guest_labels: cfg.guest_labels.clone(),
            not_labels: cfg.not_labels.clone(),
            reporter_word: cfg.reporter_word.clone(),
            not_outlet_words: cfg.not_outlet_words.clone(),
            any_cue,
            verb_at_start,
            any_cue_end,
            verb_ac,
            verb_fragments,
            leading_words: cfg.leading_connectors.clone(),
            bare_verbs: cfg.bare_verbs.clone(),
            opinion_verbs: cfg.opinion_verbs.clone(),
            quoted_verbs: cfg.quoted_verbs.clone(),
            negators: cfg.negators.clone(),
            not_cue_words: folded(&cfg.not_cue_words),
            unnamed_markers: cfg.unnamed_markers.clone(),
            unnamed_words: cfg.unnamed_words.clone(),
            organisation_suffixes: cfg.organisation_suffixes.clone(),
            demonstratives: folded(&cfg.demonstratives),
            person_verbs: folded(&cfg.person_verbs),
            address_surnames: super::text::fold(&cfg.address_surnames).chars().collect(),
            clause_connectors: folded(&cfg.clause_connectors),
            contrast_connectors: folded(&cfg.contrast_connectors),
            concessive_connectors: folded(&cfg.concessive_connectors),
            topic_prepositions: folded(&cfg.topic_prepositions),
            topic_back_words: folded(&cfg.topic_back_words),
            challenge_verbs: folded(&cfg.challenge_verbs),
            reply_verbs: folded(&cfg.reply_verbs),
            connector_verb_starts: super::text::fold(&cfg.connector_verb_starts)
                .chars()
                .collect(),
            post_verbs: folded(&cfg.post_verbs),
            organisation_roles: folded(&cfg.organisation_roles),
            former_post_verbs: folded(&cfg.former_post_verbs),
            organisation_last_chars: super::text::fold(&cfg.organisation_last_chars)
                .chars()
                .collect(),
            joiners: cfg.joiners.clone(),
            surnames: {
                let mut v = cfg.surnames.clone();
                v.sort_by_key(|x| std::cmp::Reverse(x.len()));
                v
            },
            name_stop_chars: cfg.name_stop_chars.clone(),
            transliteration: cfg
                .transliteration_chars
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            title_ac,
            title_last_chars: cfg
                .title_suffixes
                .iter()
                .filter_map(|t| super::text::fold(t).chars().next_back())
                .collect(),
            trailing,
            leading,
            not_speaker,
            document_nouns: cfg.document_nouns.clone(),
            forms_of_address: cfg.forms_of_address.clone(),
            name_address_words: folded(&cfg.name_address_words),
            reporter_contact_verbs: folded(&cfg.reporter_contact_verbs),
            stance_objects: folded(&cfg.stance_objects),
            stance_adverbs: folded(&cfg.stance_adverbs),
            pronoun_excludes: cfg.pronoun_excludes.clone(),
            colon_speech_words: cfg.colon_speech_words.clone(),
            colon_not_speech_verbs: cfg.colon_not_speech_verbs.clone(),
            pronouns: cfg.pronouns.clone(),
            max_speaker_chars: cfg.max_speaker_chars.max(2),
            address_words_folded: folded(&title_suffixes)
                .into_iter()
                .chain(folded(&cfg.forms_of_address))
                .collect(),
            title_suffixes,
            end,
            title_quote,
            fields,
            author_line,
            qa_title,
            author_trim,
            question_words: cfg.qa_answer.question_words.clone(),
        })
    }
}

/// Each word of a configured list folded (`super::text::fold`), as the rules match them.
fn folded(list: &[String]) -> Vec<String> {
    list.iter().map(|w| super::text::fold(w)).collect()
}
