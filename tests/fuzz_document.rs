//! Property-based fuzzing of the per-document path (`pipeline::process_bytes`: decode → front
//! matter → body → speech → normalize): whatever the bytes, it returns an article or a typed
//! error and never panics. The coverage-guided twin is `fuzz/fuzz_targets/document.rs`
//! (cargo-fuzz). `PROPTEST_CASES` raises the case count.

mod common;

use newsetl::config::{self, ConfigSource, Rules};
use newsetl::pipeline::{StageTimes, process_bytes};
use newsetl::read::SourceFile;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        config::load(&ConfigSource::Path(
            common::repo().join("config/newsetl.yaml"),
        ))
        .unwrap()
    })
}

fn check(bytes: &[u8]) {
    let file = SourceFile::new(Path::new("/in"), PathBuf::from("/in/fuzz.md"));
    match process_bytes(&file, bytes, rules(), &mut StageTimes::default()) {
        Ok(a) => {
            assert_eq!(a.doc_id, file.doc_id.to_string());
            assert_eq!(a.size_bytes, bytes.len() as u64);
            // Partition values come from data only through the month format.
            let m = a.partition(newsetl::store::schema::Partitioning::Month);
            assert!(newsetl::store::sink::is_safe_partition_value(&m), "{m:?}");
            for t in &a.speech.turns {
                if let (Some(f), Some(l)) = (t.first_seq, t.last_seq) {
                    assert!(f <= l && l < a.blocks.len());
                }
            }
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
}

/// Pieces real posts are made of, for documents that get past decoding and into every stage.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("title: \"王毅：中国愿与中亚国家&#123;合作&#125;\"\n".to_string()),
        Just("categories: [金融, 新浪财经, 新浪财经－国內]\n".to_string()),
        Just("date: Mon, 07 Mar 2022 08:10:42 GMT\n".to_string()),
        Just("date: 2021-04-11 00:30:33\n".to_string()),
        Just("a: &a [x, *a]\n".to_string()),
        Just("<p>哈萨克斯坦24KZ电视台记者提问：今年是建交30周年。</p>".to_string()),
        Just("<p>王毅表示，中方愿同各方一道努力。</p>".to_string()),
        Just(
            "<p><strong>问：</strong>成效如何？</p><p><strong>答：</strong>很好。</p>".to_string()
        ),
        Just("<p>主持人：请介绍一下。</p>".to_string()),
        Just("<p>责任编辑：蒋晓桐 SF183</p>".to_string()),
        Just("<figure><img src=\"a.jpg\"><figcaption>图</figcaption></figure>".to_string()),
        Just("<style>p{color:red}</style><script>x()</script>".to_string()),
        Just("<div><ul><li>一</li><li>二</li></ul><h2>标题</h2>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</div></p></strong>".to_string()),
        Just("<meta charset=\"gbk\">".to_string()),
        "[\\PC]{0,40}".prop_map(|s| s),
        "[<>/\"'=:：，。a-z问答记者表示\\n ]{0,60}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn post_shaped_documents_never_panic(parts in proptest::collection::vec(fragment(), 0..24)) {
        check(parts.concat().as_bytes());
    }

    #[test]
    fn post_shaped_documents_in_gbk_never_panic(parts in proptest::collection::vec(fragment(), 0..12)) {
        let text = parts.concat();
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        check(&gbk);
    }
}
