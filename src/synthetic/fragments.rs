//! The non-Chinese bits of Chinese news text: Latin abbreviations (`NBA`, `iPhone`, `A股`),
//! years, counts with their units (`1200万元`, `15.6%`), sometimes in full-width forms
//! (`ＶＩＰ`, `２０２３年`) as many Chinese sites write them.

use std::fmt::Write as _;

use super::random::Rng;

/// Latin words and abbreviations seen in Chinese headlines.
const LATIN: [&str; 32] = [
    "VIP", "NBA", "CBA", "GDP", "CPI", "iPhone", "3D", "5G", "4G", "A股", "H股", "ST", "IPO",
    "App", "CEO", "F1", "PM2.5", "WTO", "NASA", "QQ", "MBA", "TV", "LED", "SUV", "CCTV", "IT",
    "iPad", "Android", "AI", "MV", "K线", "B超",
];

/// Units after a number.
const UNITS: [&str; 12] = [
    "万", "亿", "元", "万元", "亿元", "%", "名", "家", "个", "岁", "米", "公里",
];

/// Appends a Latin word, a year or a number with its unit; one time in `full_width_one_in` in
/// full-width forms.
pub(crate) fn push_fragment(rng: &mut Rng, out: &mut String, full_width_one_in: u32) {
    let start = out.len();
    match rng.below(10) {
        0..=3 => out.push_str(LATIN[rng.below(LATIN.len() as u32) as usize]),
        4..=5 => {
            let _ = write!(out, "{}年", rng.between(2010, 2024));
        }
        6 => {
            let _ = write!(out, "{}月{}日", rng.between(1, 12), rng.between(1, 28));
        }
        7 => {
            let _ = write!(
                out,
                "{}.{}{}",
                rng.between(1, 99),
                rng.below(10),
                UNITS[rng.below(UNITS.len() as u32) as usize]
            );
        }
        _ => {
            let _ = write!(
                out,
                "{}{}",
                rng.between(1, 9999),
                UNITS[rng.below(UNITS.len() as u32) as usize]
            );
        }
    }
    if rng.below(full_width_one_in) == 0 {
        let widened = to_full_width(&out[start..]);
        out.truncate(start);
        out.push_str(&widened);
    }
}

/// Printable ASCII (except the space) to its full-width form: `VIP2023` → `ＶＩＰ２０２３`.
pub(crate) fn to_full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms() {
        assert_eq!(to_full_width("VIP"), "ＶＩＰ");
        assert_eq!(to_full_width("2023年"), "２０２３年");
        assert_eq!(to_full_width("15.6%"), "１５．６％");
    }

    #[test]
    fn fragments_mix_latin_digits_and_full_width() {
        let mut rng = Rng::new(4);
        let (mut latin, mut digits, mut wide) = (0, 0, 0);
        for _ in 0..2000 {
            let mut s = String::new();
            push_fragment(&mut rng, &mut s, 3);
            assert!(!s.is_empty());
            latin += usize::from(s.chars().any(|c| c.is_ascii_alphabetic()));
            digits += usize::from(s.chars().any(|c| c.is_ascii_digit()));
            wide += usize::from(s.chars().any(|c| ('\u{ff01}'..='\u{ff5e}').contains(&c)));
        }
        assert!(
            latin > 300 && digits > 600 && wide > 400,
            "{latin} {digits} {wide}"
        );
    }
}
