//! Article bodies: paragraphs (joined by `\n`) of sentences of clauses, each clause a run of
//! news-frequency words and characters, with Chinese punctuation (`，、：。！？`), quotations in
//! `“”`, and numbers and Latin words as often as news has them.

use super::fragments::push_fragment;
use super::random::Rng;
use super::vocab::Vocab;

/// Writes a body of about `target_bytes` bytes into `out` (cleared first): it stops at the first
/// sentence end at or past the target, so it overshoots by less than one sentence.
pub(crate) fn write_body(vocab: &Vocab, rng: &mut Rng, target_bytes: usize, out: &mut String) {
    out.clear();
    out.reserve(target_bytes + 256);
    loop {
        // A paragraph of 40–300 characters (120–900 bytes), at least one sentence.
        let paragraph_end = out.len() + 3 * rng.between(40, 300) as usize;
        loop {
            write_sentence(vocab, rng, out);
            if out.len() >= target_bytes {
                return;
            }
            if out.len() >= paragraph_end {
                break;
            }
        }
        out.push('\n');
    }
}

/// One sentence: 1–4 clauses and an end mark.
fn write_sentence(vocab: &Vocab, rng: &mut Rng, out: &mut String) {
    let clauses = rng.between(1, 4);
    let quoted = rng.below(20) == 0;
    if quoted {
        out.push('“');
    }
    for i in 0..clauses {
        if i > 0 {
            out.push(match rng.below(20) {
                0 => '、',
                1 => '：',
                _ => '，',
            });
        }
        write_clause(vocab, rng, out);
    }
    let end = match rng.below(100) {
        0..=2 => "！",
        3..=5 => "？",
        6 => "……",
        _ => "。",
    };
    if quoted {
        out.push_str(end);
        out.push('”');
    } else {
        out.push_str(end);
    }
}

/// One clause: 3–16 characters' worth of tokens.
fn write_clause(vocab: &Vocab, rng: &mut Rng, out: &mut String) {
    let end = out.len() + 3 * rng.between(3, 16) as usize;
    while out.len() < end {
        // One draw per token: the low 16 bits decide "fragment" (1 in 40), the high 16 pick the
        // token.
        let bits = rng.bits();
        if bits & 0xFFFF < 65_536 / 40 {
            push_fragment(rng, out, 6);
        } else {
            out.push_str(vocab.body_token(bits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_reach_their_target_and_end_a_sentence() {
        let vocab = Vocab::new();
        let mut rng = Rng::new(12);
        let mut body = String::new();
        for target in [60, 500, 1500, 20_000] {
            write_body(&vocab, &mut rng, target, &mut body);
            assert!(
                body.len() >= target && body.len() < target + 400,
                "{}",
                body.len()
            );
            assert!(body.ends_with(['。', '！', '？', '…', '”']), "{body}");
            assert!(!body.starts_with('\n') && !body.contains("\n\n"));
            assert!(body.split('\n').all(|p| !p.is_empty()));
        }
        assert!(
            body.matches('\n').count() >= 20,
            "a 20 KB body has paragraphs"
        );
    }

    #[test]
    fn bodies_read_like_chinese_news() {
        let vocab = Vocab::new();
        let mut rng = Rng::new(13);
        let mut body = String::new();
        write_body(&vocab, &mut rng, 200_000, &mut body);
        let chars: Vec<char> = body.chars().collect();
        let share = |f: &dyn Fn(char) -> bool| {
            chars.iter().filter(|&&c| f(c)).count() as f64 / chars.len() as f64
        };
        let han = share(&|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let de = share(&|c| c == '的');
        let comma = share(&|c| c == '，');
        assert!(han > 0.8, "{han} Chinese");
        assert!((0.01..0.08).contains(&de), "{de} 的");
        assert!((0.02..0.12).contains(&comma), "{comma} ，");
    }
}
