//! Tests of folding: case and width, the 繁简 classes against the vendored OpenCC tables, the
//! generated table's shape, and a timing (ignored by default).

use super::*;

#[test]
fn caseless_blocks_are_kept_as_they_are() {
    for c in [
        '\u{2E80}', '\u{3042}', '\u{4E00}', '长', '\u{9FFF}', '\u{AC00}', '\u{D7A3}',
    ] {
        assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c}");
        assert_eq!(fold_char(c), c);
    }
    // The blocks' edges hold no cased letter either, so skipping the case table is right.
    for code in (0x2E80..=0x9FFF)
        .chain(0xAC00..=0xD7A3)
        .chain(0xF900..=0xFAFF)
    {
        let c = char::from_u32(code).unwrap();
        assert!(!c.is_uppercase() && c.to_lowercase().eq([c]), "{code:X}");
    }
}

#[test]
fn folds_full_width_and_case_char_for_char() {
    let cases = [
        ("ＶＩＰ", "vip"),
        ("２０１２年", "2012年"),
        ("NBA季后赛", "nba季后赛"),
        ("Ｈｅｌｌｏ，世界！", "hello,世界!"),
        ("ÀÉ", "àé"),
        ("长春日报", "长春日报"),
    ];
    for (input, want) in cases {
        assert_eq!(fold(input), want, "input {input:?}");
        assert_eq!(fold(input).chars().count(), input.chars().count());
    }
}

#[test]
fn keeps_chars_whose_lower_case_is_longer() {
    // U+0130 lower-cases to two chars; keeping it keeps positions aligned.
    assert_eq!(fold_char('\u{130}'), '\u{130}');
    let mut s = String::from("x");
    fold_into("ＡＢ", &mut s);
    assert_eq!(s, "xab");
}

#[test]
fn traditional_and_simplified_fold_alike() {
    let cases = [
        ("國旗", "国旗"),
        ("立法會", "立法会"),
        ("臺灣", "台湾"),
        ("台灣", "台湾"),
        ("裡", "里"),
        ("裏", "里"),
        ("著名", "着名"),
        ("著急", "着急"),
        ("乾隆", "干隆"),
        ("什麼", "什么"),
        ("於是", "于是"),
        ("發展", "发展"),
        ("頭髮", "头发"),
        ("經濟", "经济"),
        // A compatibility ideograph (U+F900) and one of the unified block (U+8C48).
        ("\u{F900}", "岂"),
        ("豈", "岂"),
        ("ＨＫ立法會", "hk立法会"),
    ];
    for (input, want) in cases {
        assert_eq!(fold(input), want, "input {input:?}");
    }
    for simplified in [
        "国旗",
        "立法会",
        "台湾",
        "里",
        "着急",
        "发展",
        "中共长春市委人大工作会议召开",
    ] {
        assert_eq!(fold(simplified), simplified);
    }
}

/// Every line of a vendored OpenCC table: the key and its values.
fn table_lines(text: &str) -> impl Iterator<Item = Vec<char>> + '_ {
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.chars().filter(|c| !matches!(c, '\t' | ' ')).collect())
}

const JOINING: [(&str, &str); 4] = [
    ("TSCharacters", include_str!("data/TSCharacters.txt")),
    ("TWVariants", include_str!("data/TWVariants.txt")),
    ("HKVariants", include_str!("data/HKVariants.txt")),
    (
        "CJK_Compatibility_Ideographs",
        include_str!("data/CJK_Compatibility_Ideographs.txt"),
    ),
];

#[test]
fn every_line_of_the_tables_folds_to_one_char() {
    let mut lines = 0;
    for (name, text) in JOINING {
        for line in table_lines(text) {
            let rep = fold_char(line[0]);
            for &c in &line {
                assert_eq!(fold_char(c), rep, "{name}: {line:?}");
            }
            lines += 1;
        }
    }
    assert!(lines > 5_000, "{lines} lines");
}

#[test]
fn every_char_of_the_table_folds_to_a_representative_that_folds_to_itself() {
    let pairs: Vec<(char, char)> = table::DENSE.iter().chain(&table::SPARSE).copied().collect();
    assert_eq!(pairs.len(), 3_038 + 2_173);
    for (c, rep) in pairs {
        assert_ne!(c, rep);
        assert_eq!(fold_char(c), rep, "{c}");
        assert_eq!(fold_char(rep), rep, "{c} → {rep}");
        assert!(class_of(c).any(|m| m == c), "{c}");
        assert_eq!(class_of(c).next(), Some(rep));
    }
}

#[test]
fn the_generated_table_is_sorted_and_split_where_fold_char_looks() {
    let dense_keys: Vec<char> = table::DENSE.iter().map(|p| p.0).collect();
    let sparse_keys: Vec<char> = table::SPARSE.iter().map(|p| p.0).collect();
    for keys in [&dense_keys, &sparse_keys] {
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }
    assert!(
        dense_keys
            .iter()
            .all(|&c| ('\u{3400}'..='\u{9FFF}').contains(&c))
    );
    // fold_char searches only these ranges.
    for c in sparse_keys {
        assert!(
            matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}'),
            "{:X}",
            c as u32
        );
    }
    // No representative is a compatibility ideograph.
    for &(_, rep) in table::DENSE.iter().chain(&table::SPARSE) {
        assert!(
            !('\u{F900}'..='\u{FAFF}').contains(&rep),
            "{:X}",
            rep as u32
        );
    }
}

#[test]
fn classes_list_their_members_representative_first() {
    assert_eq!(class_of('乾').collect::<String>(), "干乾幹榦");
    assert_eq!(class_of('干').collect::<String>(), "干乾幹榦");
    assert_eq!(class_of('國').collect::<String>(), "国國");
    assert_eq!(class_of('臺').collect::<String>(), "台枱檯臺颱");
    assert_eq!(class_of('里').next(), Some('里'));
    assert!(class_of('里').any(|c| c == '裡') && class_of('里').any(|c| c == '裏'));
    assert_eq!(class_of('春').collect::<String>(), "春");
    assert_eq!(class_of('A').collect::<String>(), "a");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn folding_keeps_the_char_count_and_is_idempotent(
            text in "[國国旗立法會会臺台灣湾裡裏里著着名急乾干ＡＢａｂAB长春，\u{F900}\u{2F800}]{0,30}|\\PC{0,40}"
        ) {
            let once = fold(&text);
            prop_assert_eq!(once.chars().count(), text.chars().count());
            prop_assert_eq!(fold(&once), once.clone());
            let by_char: String = text.chars().map(fold_char).collect();
            prop_assert_eq!(once, by_char);
        }
    }
}

/// Fold speed over 10 MB of mixed simplified and traditional text: run with
/// `cargo test --release --lib query::fold -- --ignored --nocapture`.
#[test]
#[ignore = "a timing, not a check"]
fn fold_speed() {
    let pool: Vec<char> = "中共长春市委人大工作会议召开國旗立法會臺灣台湾裡裏里著着名急的了是在不有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高当 ，。「」、：ABCdef123经濟發展報導記者".chars().collect();
    let mut text = String::new();
    let mut x: u64 = 1;
    while text.len() < 10 << 20 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push(pool[(x >> 33) as usize % pool.len()]);
    }
    let mut out = String::new();
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        out.clear();
        let start = std::time::Instant::now();
        fold_into(&text, &mut out);
        best = best.min(start.elapsed());
    }
    let by_char = std::time::Instant::now();
    let count = text.chars().map(fold_char).filter(|&c| c != ' ').count();
    let by_char = by_char.elapsed();
    eprintln!(
        "fold_into {} MB: {:?} ({:.0} MB/s); fold_char per char: {:?} ({count} chars)",
        text.len() >> 20,
        best,
        text.len() as f64 / best.as_secs_f64() / 1e6,
        by_char
    );
}
