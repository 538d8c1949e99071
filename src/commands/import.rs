//! `juan import`: raw pages and Sogou files to JSON Lines.

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
            let mut f = archive::create_output(path, &args.paths)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            write(&mut f)
                .and_then(|_| f.flush())
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        None => {
            super::with_stdout(|out| write(out).map(|_| 0))?;
        }
    }
    eprintln!(
        "juan: imported {} articles; {} could not be read",
        corpus.len(),
        loaded.problems.len()
    );
    Ok(if loaded.problems.is_empty() { 0 } else { 1 })
}
