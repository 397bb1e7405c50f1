//! The speech stage against the hand-annotated gold set (tests/gold): the figures may not fall.

mod common;

use common::{newsetl, repo};
use newsetl::config::{self, ConfigSource};

#[test]
fn speech_gold_set_scores_stay_at_target() {
    let repo = repo();
    let rules =
        config::load(&ConfigSource::Path(repo.join("config/newsetl.yaml"))).expect("config");
    let report = newsetl::eval::evaluate(&repo.join("tests/gold"), &rules).expect("gold set");
    let printed = report.render(true);
    assert!(report.documents >= 40, "{printed}");
    for (name, score) in [
        ("turn boundaries", report.turn_boundaries),
        ("speaker attribution", report.speakers),
        ("Q→A linking", report.qa_links),
    ] {
        assert!(
            score.f1() >= 0.95,
            "{name} F1 {:.3} < 0.95\n{printed}",
            score.f1()
        );
        assert!(score.gold > 0, "{name} has no gold tuples");
    }
    assert_eq!(report.pairs_on_articles, 0, "{printed}");
    assert!(
        report.kind_correct * 100 >= report.documents * 95,
        "{printed}"
    );
}

#[test]
fn eval_command_prints_the_scores() {
    let out = newsetl(&["eval"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "turn boundaries",
        "speaker attribution",
        "Q→A linking",
        "Q&A pairs on plain articles: 0",
    ] {
        assert!(text.contains(line), "{text}");
    }
}
