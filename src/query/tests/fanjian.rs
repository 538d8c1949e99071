//! 繁简 folding through the whole query: traditional and simplified titles and bodies found
//! by either form, exactly, fuzzily and through pinyin, with positions on the original chars.

use super::*;

/// A Hong Kong title and body in traditional chars, and their simplified twins.
fn pairs() -> Vec<Article> {
    vec![
        article(
            "香港立法會討論國旗法",
            "明報",
            "2020-06-01",
            "立法會昨日審議《國旗及國徽條例草案》。\n議員在會議裡發言。",
        ), // 0
        article(
            "香港立法会讨论国旗法",
            "新华社",
            "2020-06-02",
            "立法会昨日审议《国旗及国徽条例草案》。\n议员在会议里发言。",
        ), // 1
        article("臺灣選舉結果公佈", "中央社", "2020-01-11", ""), // 2
        article("台灣選舉結果公佈", "聯合報", "2020-01-11", ""), // 3
        article("台湾选举结果公布", "人民日报", "2020-01-12", ""), // 4
        article("市民在這裡排隊", "明報", "2020-02-01", ""),     // 5
        article("市民在這裏排隊", "文匯報", "2020-02-01", ""),   // 6
        article("市民在这里排队", "新京报", "2020-02-01", ""),   // 7
        article("著名作家訪港", "明報", "2020-03-01", "他寫了一本書。"), // 8
        article("市民着急等待消息", "新京报", "2020-03-02", ""), // 9
        article("市民著急等待消息", "明報", "2020-03-02", ""),   // 10
        article("經濟增長放緩", "明報", "2020-04-01", "身處這裡的人都著急。"), // 11
    ]
}

/// Whether `query` matches `article` alone, and where in its title.
fn title_positions(query: &str, article: &Article) -> Option<Vec<usize>> {
    let query = Query::parse(query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    query.matches(article).map(|(_, positions)| positions)
}

#[test]
fn both_forms_of_a_title_match_exactly_and_fuzzily_on_the_original_chars() {
    let shelf = pairs();
    for query in ["'國旗", "'国旗", "国旗", "國旗", "^香港立法會", "国旗法$"] {
        assert_eq!(found(&shelf, query), [0, 1], "{query:?}");
    }
    // 香0 港1 立2 法3 會4 討5 論6 國7 旗8 法9, in both titles.
    for article in &shelf[..2] {
        assert_eq!(title_positions("'國旗", article), Some(vec![7, 8]));
        assert_eq!(title_positions("'国旗", article), Some(vec![7, 8]));
        assert_eq!(title_positions("国旗", article), Some(vec![7, 8]));
        assert_eq!(title_positions("立法会", article), Some(vec![2, 3, 4]));
        assert_eq!(title_positions("'立法會", article), Some(vec![2, 3, 4]));
    }
    for query in ["臺灣", "台灣", "台湾", "'台湾选举", "'臺灣選舉"] {
        assert_eq!(found(&shelf, query), [2, 3, 4], "{query:?}");
    }
    for query in ["這裡", "這裏", "这里", "'在这里排"] {
        assert_eq!(found(&shelf, query), [5, 6, 7], "{query:?}");
    }
    assert_eq!(title_positions("'这里", &shelf[6]), Some(vec![3, 4]));
}

#[test]
fn both_forms_of_a_body_match() {
    let shelf = pairs();
    for query in ["body:国旗", "body:國旗", "body:'国徽条例", "body:立法会"] {
        assert_eq!(found(&shelf, query), [0, 1], "{query:?}");
    }
    // 裡, 里 and 裏 in bodies; 這裡 in the body of an article whose title lacks it.
    assert_eq!(found(&shelf, "body:会议里"), [0, 1]);
    assert_eq!(found(&shelf, "body:这里"), [11]);
    assert_eq!(found(&shelf, "body:書"), [8]);
    assert_eq!(found(&shelf, "body:书"), [8]);
}

#[test]
fn pinyin_reads_traditional_chars() {
    let shelf = pairs();
    assert_eq!(found(&shelf, "guoqi"), [0, 1]);
    assert_eq!(found(&shelf, "gq"), [0, 1]);
    assert_eq!(found(&shelf, "lifahui"), [0, 1]);
    assert_eq!(found(&shelf, "taiwan"), [2, 3, 4]);
    assert_eq!(found(&shelf, "zheli"), [5, 6, 7]);
    for article in &shelf[..2] {
        assert_eq!(title_positions("guoqi", article), Some(vec![7, 8]));
        assert_eq!(title_positions("lifahui", article), Some(vec![2, 3, 4]));
    }
}

#[test]
fn zhu_and_zhe_fold_alike_without_losing_matches() {
    let shelf = pairs();
    // 著 and 着 are one class: 著名 still finds 著名, and 着急 finds 著急 as well.
    assert_eq!(found(&shelf, "著名"), [8]);
    assert_eq!(found(&shelf, "'著名作家"), [8]);
    assert_eq!(title_positions("著名", &shelf[8]), Some(vec![0, 1]));
    for query in ["着急", "著急", "'市民着急", "'市民著急"] {
        assert_eq!(found(&shelf, query), [9, 10], "{query:?}");
    }
    assert_eq!(found(&shelf, "body:着急"), [11]);
    assert_eq!(found(&shelf, "著名 !着急"), [8]);
    assert_eq!(found(&shelf, "'zhaoji"), [9, 10]);
    assert_eq!(found(&shelf, "'zhuming"), [8]);
    // Fuzzy pinyin skips chars: 著 (zhao, through 着) … 家 (jia).
    assert_eq!(found(&shelf, "zhaoji"), [8, 9, 10]);
    // A single char matches only its own class.
    assert_eq!(found(&shelf, "'名"), [8]);
    assert_eq!(found(&shelf, "'急"), [9, 10]);
}
