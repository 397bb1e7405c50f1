//! Print the speech stage's segmentation of each argument: the text folded to simplified
//! characters, then jieba's words with their part-of-speech tags (`陈大文/nr 怒斥/v`) — the
//! tags the speaker and cue rules of `src/speech/` read. For writing and debugging rules:
//! `cargo run --release --example seg -- 陈大文于立法会上质疑`.
fn main() {
    for a in std::env::args().skip(1) {
        let f = newsetl::speech::text::fold(&a);
        let ws = newsetl::speech::segment::words(&f);
        println!(
            "{}",
            ws.iter()
                .map(|w| format!("{}/{}", w.text, w.tag))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
