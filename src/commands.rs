//! The scriptable commands (`list`, `show`, `import`, `check`, `gen`): load with
//! [`crate::archive`], query with [`crate::query`], lay out with [`crate::text`], print. Results
//! go to stdout, reports to stderr; a closed pipe (`| head`) ends quietly.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::archive::{self, Archive};
use crate::article::Article;

mod check;
mod generate;
mod import;
mod list;
mod show;

pub use check::check;
pub use generate::generate;
pub use import::import;
pub use list::list;
pub use show::show;

/// What a command ends with: the process exit code, or an error message for stderr.
pub type Outcome = Result<i32, String>;

/// The paths to load: those given, else `$JUAN_ARCHIVE`, else the bundled `sample-data/`.
pub fn resolve_paths(given: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    if let Some(env) = std::env::var_os("JUAN_ARCHIVE").filter(|v| !v.is_empty()) {
        return std::env::split_paths(&env).collect();
    }
    vec![archive::sample_data_dir()]
}

/// Loads the archive and reports each problem on stderr as `FILE:LINE: reason`.
pub fn load_reporting(paths: &[PathBuf]) -> Archive {
    let archive = archive::load(&resolve_paths(paths));
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in &archive.problems {
        let _ = writeln!(err, "juan: {p}");
    }
    archive
}

/// The JSON object of an article's list fields: id, title, date (RFC 3339 or null), source, url.
pub fn summary_json(a: &Article) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut m = serde_json::Map::new();
    m.insert("id".into(), Value::from(a.id.as_str()));
    m.insert("title".into(), Value::from(a.title.as_str()));
    m.insert(
        "date".into(),
        a.date
            .stamp()
            .map_or(Value::Null, |s| Value::from(s.rfc3339())),
    );
    if let crate::date::Date::Unparsed(t) = &a.date {
        m.insert("date_text".into(), Value::from(t.as_str()));
    }
    m.insert("source".into(), Value::from(a.source.as_str()));
    m.insert(
        "url".into(),
        a.url.as_deref().map_or(Value::Null, Value::from),
    );
    m
}

/// The full JSON object of an article: the summary plus body (paragraphs joined by `\n`) and tags.
pub fn article_json(a: &Article) -> serde_json::Value {
    let mut m = summary_json(a);
    m.insert(
        "body".into(),
        serde_json::Value::from(a.body.text().as_ref()),
    );
    m.insert("tags".into(), serde_json::Value::from(a.tags.clone()));
    serde_json::Value::Object(m)
}

/// Runs `f` with a buffered stdout; a broken pipe counts as success.
pub fn with_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<i32>) -> Outcome {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = f(&mut out).and_then(|code| out.flush().map(|_| code));
    match result {
        Ok(code) => Ok(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}
