//! End-to-end: run the binary on the seed and on fixtures modeled on real posts, read the
//! Parquet back, assert values.

mod common;
use common::*;
use serde_json::{Value, json};

fn texts(rows: &[&serde_json::Map<String, Value>]) -> Vec<String> {
    rows.iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seed_document_end_to_end() {
    let out = tempfile::tempdir().unwrap();
    let seed = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join(SEED),
        seed.path().join("000_9d22631a164ff952.txt"),
    )
    .unwrap();
    let o = run(seed.path(), out.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let articles = read_table(out.path(), "articles");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(
        a["title"],
        "王毅：打造更加紧密的中国—中亚命运共同体，开创双方关系下一个更加精彩的30年"
    );
    assert_eq!(
        a["categories"],
        json!(["金融", "新浪财经", "新浪财经－国內"])
    );
    assert_eq!(a["section"], "finance");
    assert_eq!(a["site"], "sina_finance");
    assert_eq!(a["feed"], "新浪财经－国內");
    assert_eq!(a["published_at"], micros("2022-03-07T08:10:42Z"));
    assert_eq!(a["date_status"], "ok");
    assert_eq!(a["month"], "2022-03");
    assert_eq!(a["editor"], "蒋晓桐");
    assert_eq!(
        a["original_title"],
        "王毅：打造更加紧密的中国—中亚命运共同体，开创双方关系下一个更加精彩的30年"
    );
    assert_eq!(a["front_matter_status"], "ok");
    assert_eq!(a["encoding"], "utf-8");
    assert_eq!(a["n_paragraphs"], 5);
    assert_eq!(a["n_images"], 1);

    let paragraphs = read_table(out.path(), "paragraphs");
    let p = texts(&children(&paragraphs, &a["doc_id"]));
    assert_eq!(p.len(), 5);
    assert!(
        p[0].starts_with("3月7日下午，十三届全国人大五次会议"),
        "{}",
        p[0]
    );
    assert!(p[1].starts_with("哈萨克斯坦24KZ电视台记者提问：今年是中国和中亚国家建交30周年"));
    assert!(p[2].starts_with("王毅表示，"));
    assert!(p[4].ends_with("开创双方关系下一个更加精彩的30年。"));
    let body = a["body_text"].as_str().unwrap();
    assert_eq!(body, p.join("\n"));
    for text in p.iter().map(String::as_str).chain([body]) {
        for banned in [
            "海量资讯",
            "新浪财经APP",
            "appendQr",
            "责任编辑",
            "原标题",
            "&#123;",
            "\u{3000}",
        ] {
            assert!(!text.contains(banned), "{banned:?} leaked into {text:?}");
        }
    }

    let images = read_table(out.path(), "images");
    assert_eq!(images.len(), 1, "the QR-code image is boilerplate");
    assert_eq!(
        images[0]["src"],
        "https://n.sinaimg.cn/sinakd20220307s/600/w1920h1080/20220307/bd44-b324748401de439fb4c016a2ca210292.png"
    );
    assert_eq!(images[0]["doc_id"], a["doc_id"]);
    assert_eq!(
        images[0]["caption"],
        Value::Null,
        "the empty .img_descr is not a caption"
    );
    // Speech: one press-conference Q&A pair and a title quote by 王毅.
    assert_eq!(a["kind"], "press_conference");
    assert_eq!(
        (
            a["n_turns"].clone(),
            a["n_qa_pairs"].clone(),
            a["n_quotes"].clone()
        ),
        (json!(2), json!(1), json!(1))
    );
    let pairs = read_table(out.path(), "qa_pairs");
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!(pair["doc_id"], a["doc_id"]);
    assert_eq!(pair["questioner_org"], "哈萨克斯坦24KZ电视台");
    assert_eq!(pair["questioner"], Value::Null);
    assert!(
        pair["question"]
            .as_str()
            .unwrap()
            .starts_with("今年是中国和中亚国家建交30周年")
    );
    assert_eq!(pair["answerer"], "王毅");
    assert_eq!(pair["answerer_title"], "国务委员兼外交部长");
    assert_eq!(
        pair["answer"],
        json!(p[2..5].join("\n")),
        "the three paragraphs from 王毅表示"
    );
    let turns = read_table(out.path(), "turns");
    let spans: Vec<(Value, Value, Value)> = turns
        .iter()
        .map(|t| {
            (
                t["role"].clone(),
                t["first_seq"].clone(),
                t["last_seq"].clone(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            (json!("question"), json!(1), json!(1)),
            (json!("answer"), json!(2), json!(4))
        ]
    );
    let quotes = read_table(out.path(), "quotes");
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        (
            quotes[0]["source"].clone(),
            quotes[0]["speaker"].clone(),
            quotes[0]["speaker_title"].clone()
        ),
        (json!("title"), json!("王毅"), json!("国务委员兼外交部长"))
    );
    assert!(
        quotes[0]["quote"]
            .as_str()
            .unwrap()
            .starts_with("打造更加紧密的中国—中亚命运共同体")
    );

    assert!(read_table(out.path(), "errors").is_empty());
}

#[test]
fn fixtures_every_file_is_an_article_or_an_error() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&fixtures(), out.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "failed documents make exit code 1"
    );
    let articles = read_table(out.path(), "articles");
    let errors = read_table(out.path(), "errors");
    let inputs = walkdir::WalkDir::new(fixtures())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    assert_eq!(articles.len() + errors.len(), inputs);

    let e = row(&errors, "source_path", "broken/binary.md");
    assert_eq!(
        (e["stage"].as_str(), e["kind"].as_str()),
        (Some("read"), Some("binary"))
    );
    let e = row(&errors, "source_path", "broken/empty.md");
    assert_eq!(e["kind"], "empty");
    assert!(e["message"].as_str().unwrap().contains("empty"));

    // ids are unique and join
    let mut ids: Vec<_> = articles
        .iter()
        .map(|a| a["doc_id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), articles.len());
    for table in ["paragraphs", "images"] {
        for r in read_table(out.path(), table) {
            let parent = row(&articles, "doc_id", r["doc_id"].as_str().unwrap());
            assert_eq!(
                parent["month"], r["month"],
                "{table} rows sit in their article's partition"
            );
        }
    }
}

#[test]
fn fixtures_extracted_values() {
    let out = tempfile::tempdir().unwrap();
    run(&fixtures(), out.path());
    let articles = read_table(out.path(), "articles");
    let paragraphs = read_table(out.path(), "paragraphs");
    let images = read_table(out.path(), "images");
    let para = |a: &serde_json::Map<String, Value>| children(&paragraphs, &a["doc_id"]);

    // Sina with <font> runs, 原标题：, a caption, the QR footer and an editor code.
    let a = row(
        &articles,
        "source_path",
        "金融/新浪财经/新浪财经－国內/外交部发言人答记者问.md",
    );
    assert_eq!(a["editor"], "张恒星");
    assert_eq!(
        a["original_title"],
        "“共同富裕”如何影响投资？张某某：长期看好"
    );
    let p = para(a);
    assert_eq!(texts(&p)[1], "张军表示，“我们长期看好消费。”");
    assert!(
        p.iter()
            .any(|r| r["kind"] == "caption" && r["text"] == "图为2021年公募基金规模走势")
    );
    assert!(!a["body_text"].as_str().unwrap().contains("新浪财经APP"));
    let imgs = children(&images, &a["doc_id"]);
    assert_eq!(imgs.len(), 1);
    assert_eq!(imgs[0]["alt"], "基金规模走势");
    assert_eq!(imgs[0]["caption"], "图为2021年公募基金规模走势");

    // Zhihu Daily: lists, figure caption, blockquote; the hidden link and "view more" are gone.
    let a = row(
        &articles,
        "source_path",
        "社交媒体/知乎/知乎日报/为什么猫喜欢纸箱？.md",
    );
    let kinds: Vec<_> = para(a)
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "paragraph",
            "list_item",
            "list_item",
            "caption",
            "blockquote"
        ],
        "the question title and the author line are fields, not paragraphs"
    );
    assert_eq!(texts(&para(a))[0], "谢邀。先说结论：纸箱让猫感到安全。");
    assert_eq!(a["kind"], "qa_answer");
    assert_eq!(
        a["origin_url"],
        "https://www.zhihu.com/question/123456/answer/654321"
    );
    let qa = read_table(out.path(), "qa_pairs");
    let pair = children(&qa, &a["doc_id"]);
    assert_eq!(pair.len(), 1);
    assert_eq!(pair[0]["question"], "为什么猫喜欢纸箱？");
    assert_eq!(pair[0]["answerer"], "猫科研究员");
    assert_eq!(pair[0]["answerer_title"], "动物行为学博士");
    assert!(pair[0]["answer"].as_str().unwrap().starts_with("谢邀。"));
    assert!(!a["body_text"].as_str().unwrap().contains("查看知乎"));
    assert_eq!(a["published_at"], micros("2022-06-10T16:44:58Z"));
    assert_eq!(a["date_status"], "assumed_zone");
    assert_eq!(a["date_zone"], "Asia/Shanghai");
    let imgs = children(&images, &a["doc_id"]);
    assert_eq!(imgs.len(), 1, "the author's avatar is not an article image");
    assert_eq!(imgs[0]["caption"], "一只在纸箱里的猫");

    // 财联社 telegraph: no <p> at all.
    let a = row(
        &articles,
        "source_path",
        "金融/财联社/电报/4月全国法拍房交易额突破730亿元.md",
    );
    assert_eq!(
        texts(&para(a)),
        [
            "【4月全国法拍房交易额突破730亿元】财联社5月2日讯，今日，据瀚海数据研究院发布的数据，全国共成交法拍房38774套。"
        ]
    );

    // A body that is just `null`.
    let a = row(
        &articles,
        "source_path",
        "金融/世界经济论坛/报告/A Leapfrog Moment in ESG Reporting.md",
    );
    assert_eq!(a["n_paragraphs"], 0);
    assert_eq!(a["body_text"], "");
    // ... and a WEF report link with the scraper's `null` glued to it.
    let a = row(
        &articles,
        "source_path",
        "金融/世界经济论坛/报告/Artificial Intelligence for Children.md",
    );
    assert_eq!(
        a["body_text"],
        "This toolkit helps companies design trustworthy AI for children."
    );

    // Broken YAML: both quote kinds in the title, 4-space categories, `- — Essays`.
    let a = row(
        &articles,
        "source_path",
        "博客/Paul Graham 博客/Essays/It's the \"Real\" Thing.md",
    );
    assert_eq!(a["front_matter_status"], "lenient");
    assert!(a["front_matter_error"].is_string());
    assert_eq!(a["title"], "It's the \"Real\" Thing: a note");
    assert_eq!(
        a["categories"],
        json!(["博客", "Paul Graham 博客", "Essays"])
    );
    assert_eq!(a["site"], "paul_graham");
    assert_eq!(a["published_at"], micros("2021-04-10T16:30:33Z"));
    assert_eq!(
        texts(&para(a)),
        [
            "The real thing is rarely what it seems.",
            "Second paragraph & more."
        ]
    );

    // Invalid Date and year 2189: null with a status, raw kept, `undated` partition.
    let a = row(
        &articles,
        "source_path",
        "金融/每经网/重磅原创/10月16日道指收涨.md",
    );
    assert_eq!(
        (
            a["published_at"].clone(),
            a["date_status"].clone(),
            a["date_raw"].clone()
        ),
        (Value::Null, json!("unparsed"), json!("Invalid Date"))
    );
    assert_eq!(a["month"], "undated");
    let a = row(
        &articles,
        "source_path",
        "学习/知識分子/创新/示踪剂临床试验获受理.md",
    );
    assert_eq!(
        (a["published_at"].clone(), a["date_status"].clone()),
        (Value::Null, json!("implausible"))
    );
    assert_eq!(a["editor"], "常春藤");
    assert_eq!(a["feed"], "创新");

    // A plain HTML page: metadata from <head>, no script or ad text.
    let a = row(&articles, "source_path", "pages/plain-article.html");
    assert_eq!(a["front_matter_status"], "missing");
    assert_eq!(a["title"], "国常会部署稳就业举措");
    assert_eq!(a["author"], "李明");
    assert_eq!(a["site"], "某新闻网");
    assert_eq!(a["published_at"], micros("2022-03-07T08:10:42Z"));
    assert_eq!(a["editor"], "潇湘");
    assert_eq!(a["body_format"], "page");
    assert_eq!(
        a["body_text"],
        "国常会部署稳就业举措\n国务院常务会议7日召开，部署稳就业举措。"
    );
    assert_eq!(a["published_date"], "2022-03-07");
    assert_eq!(a["date_source"], "article_meta");

    // A GBK page declared as gb2312.
    let a = row(&articles, "source_path", "pages/gbk-page.htm");
    assert_eq!(a["encoding"], "gbk");
    assert_eq!(a["title"], "证券时报网快讯");
    assert_eq!(a["body_text"], "证券时报网讯，沪指今日收涨0.5%。");
    assert_eq!(a["editor"], "王翔");
    assert_eq!(a["published_at"], micros("2021-04-10T16:30:00Z"));

    // A blank-titled post saved as ` .md`.
    let a = row(
        &articles,
        "source_path",
        "社交媒体/Mastodon/实例公共时间线（本站）/ .md",
    );
    assert_eq!(a["title"], Value::Null);
    assert_eq!(a["body_text"], "眠すぎて字が糞 #exp1h");

    // Front matter with no closing line.
    let a = row(&articles, "source_path", "broken/unclosed-front-matter.md");
    assert_eq!(a["front_matter_status"], "lenient");
    assert_eq!(a["title"], "Cut off: the scraper died mid-write");
    assert_eq!(a["body_text"], "正文仍然在这里。");
}

#[test]
fn two_runs_produce_identical_data_and_a_rerun_replaces() {
    let out1 = tempfile::tempdir().unwrap();
    let out2 = tempfile::tempdir().unwrap();
    run(&fixtures(), out1.path());
    run(&fixtures(), out2.path());
    run(&fixtures(), out2.path()); // again into the same output: replaced, not appended
    for table in ["articles", "paragraphs", "images", "errors"] {
        let a = read_table(out1.path(), table);
        let b = read_table(out2.path(), table);
        assert!(!a.is_empty(), "{table}");
        assert_eq!(a, b, "{table} differs between runs");
    }
    let leftovers: Vec<_> = std::fs::read_dir(out2.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| {
            let n = n.to_string_lossy();
            n.starts_with(".staging") || n.starts_with(".replaced")
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging directories left behind: {leftovers:?}"
    );
    let reports = std::fs::read_dir(out2.path().join("_runs"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert_eq!(reports, 2, "one run report per run");
}

#[test]
fn run_report_counts_outcomes() {
    let out = tempfile::tempdir().unwrap();
    run(&fixtures(), out.path());
    let r = run_report(out.path());
    assert_eq!(r["files"], 14);
    assert_eq!(r["articles"], 12);
    assert_eq!(
        r["errors_by_kind"],
        json!({"read/binary": 1, "read/empty": 1})
    );
    assert_eq!(
        r["front_matter_status"],
        json!({"lenient": 2, "missing": 2, "ok": 8})
    );
    assert_eq!(r["date_status"]["unparsed"], 1);
    assert_eq!(r["date_status"]["implausible"], 1);
    assert_eq!(r["written"]["rows"]["errors"], 2);
}

#[test]
fn max_error_rate_lets_a_run_with_few_failures_succeed() {
    let out = tempfile::tempdir().unwrap();
    let f = fixtures();
    let o = newsetl(&[
        "run",
        "--quiet",
        "--input",
        f.to_str().unwrap(),
        "--output",
        out.path().to_str().unwrap(),
        "--max-error-rate",
        "0.2",
    ]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn missing_input_is_fatal() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&repo().join("no-such-dir"), out.path());
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-dir"));
}

#[test]
fn sites_whose_naive_dates_disagree_with_their_leads_are_named_in_the_report() {
    // Two feeds whose dates have no zone. `早报` writes UTC (each post is published hours
    // before the afternoon or evening its lead reports, read as Beijing time); `晚报` writes
    // Beijing time. Values are kept as written either way.
    let input = tempfile::tempdir().unwrap();
    let post = |site: &str, n: usize, date: &str, lead: &str| {
        let dir = input.path().join(site);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("{n}.md")),
            format!(
                "---\ntitle: 第{n}篇\ndate: {date}\ncategories: [新闻, {site}, 要闻]\n---\n<p>{lead}</p><p>正文内容。</p>\n"
            ),
        )
        .unwrap();
    };
    for (n, (date, lead)) in [
        (
            "2022-03-07 09:30:00",
            "新华社北京3月7日电 7日下午，会议在京召开。",
        ),
        ("2022-03-08 11:00:00", "8日晚间，多地出现降雪。"),
        ("2022-03-09 02:15:00", "3月9日上午，发布会举行。"),
        ("2022-03-10 15:00:00", "10日下午，展会开幕。"),
    ]
    .into_iter()
    .enumerate()
    {
        post("早报", n, date, lead);
    }
    for (n, (date, lead)) in [
        ("2022-03-07 17:30:00", "7日下午，会议在京召开。"),
        ("2022-03-08 21:00:00", "8日晚间，多地出现降雪。"),
        ("2022-03-09 08:00:00", "9日上午，发布会举行。"),
    ]
    .into_iter()
    .enumerate()
    {
        post("晚报", n, date, lead);
    }
    let out = tempfile::tempdir().unwrap();
    let o = newsetl(&[
        "run",
        "--input",
        input.path().to_str().unwrap(),
        "--output",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r = run_report(out.path());
    let checks = &r["date_zone_checks"];
    let all: Vec<&Value> = checks.as_object().unwrap().values().collect();
    assert_eq!(all.len(), 2, "{checks}");
    let suspect: Vec<&Value> = all
        .iter()
        .copied()
        .filter(|c| c["suspect"] == true)
        .collect();
    assert_eq!(suspect.len(), 1, "{checks}");
    assert_eq!(suspect[0]["checked"], 4);
    assert_eq!(suspect[0]["disagree"], 3);
    let fine = all.iter().find(|c| c["suspect"] == false).unwrap();
    assert_eq!(
        (fine["checked"].clone(), fine["disagree"].clone()),
        (json!(3), json!(0))
    );
    // The text summary names the site; the values are as written.
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        format!("{stdout}{stderr}").contains("3 of 4 assumed-zone dates"),
        "{stdout}{stderr}"
    );
    let articles = read_table(out.path(), "articles");
    assert!(
        articles
            .iter()
            .any(|a| a["date_raw"] == json!("2022-03-07 09:30:00")
                && a["published_at"] == micros("2022-03-07T01:30:00Z"))
    );
}
