//! `juan import`: any archive juan reads (folders of pages, Markdown, saved HTML, Sogou
//! files, JSON) to JSON Lines, one record per article with every field juan keeps.

use std::io::Write;

use super::{Outcome, article_json, load_reporting};
use crate::archive;
use crate::cli::ImportArgs;

/// Runs `juan import`.
pub fn import(args: &ImportArgs) -> Outcome {
    let loaded = load_reporting(&args.paths);
    let corpus = &loaded.corpus;
    let mut lines = Vec::with_capacity(corpus.len());
    for i in 0..corpus.len() {
        let a = corpus.article(i);
        let mut v = article_json(&a);
        // Keep an unparsed date as given, and a day without a time as `YYYY-MM-DD`, so a
        // reload sees the same thing.
        match (&a.date, v.as_object_mut()) {
            (crate::date::Date::Unparsed(t), Some(m)) => {
                m.remove("date_text");
                m.insert("date".into(), serde_json::Value::from(t.as_str()));
            }
            (crate::date::Date::Known(s), Some(m)) if !s.has_time => {
                m.insert("date".into(), serde_json::Value::from(s.display()));
            }
            _ => {}
        }
        lines.push(v.to_string());
    }
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        for l in &lines {
            writeln!(out, "{l}")?;
        }
        Ok(())
    };
    match &args.output {
        Some(path) => {
            let failed = |e| super::Failure::File(path.clone(), e);
            let mut f = archive::create_output(path, &args.paths).map_err(failed)?;
            write(&mut f).and_then(|_| f.flush()).map_err(failed)?;
        }
        None => {
            super::with_stdout(|out| write(out).map(|_| 0))?;
        }
    }
    let skipped = loaded.problems.iter().filter(|p| p.skipped).count();
    let bad = loaded.problems.len() - skipped;
    eprintln!(
        "juan: imported {} articles; {bad} could not be read, {skipped} files skipped",
        corpus.len(),
    );
    Ok(i32::from(bad > 0 || corpus.is_empty()))
}
