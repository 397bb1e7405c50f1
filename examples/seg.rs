//! Print the speech stage's segmentation of each argument: the text folded to simplified
//! characters, then jieba's words with their part-of-speech tags (`陈大文/nr 怒斥/v`) — the
//! tags the speaker and cue rules of `src/speech/` read — and how the embedded rules analyse
//! the argument as a speaker phrase. For writing and debugging rules:
//! `cargo run --release --example seg -- 陈大文于立法会上质疑`.
use newsetl::config::{self, ConfigSource};

fn main() {
    let rules = config::load(&ConfigSource::Embedded { chosen: true }).expect("embedded config");
    for a in std::env::args().skip(1) {
        let f = newsetl::speech::text::fold(&a);
        let ws = newsetl::speech::segment::words(&f);
        let tags: Vec<String> = ws.iter().map(|w| format!("{}/{}", w.text, w.tag)).collect();
        println!("{}", tags.join(" "));
        println!("  as a speaker: {:?}", rules.speech.analyse(&a, &f));
    }
}
