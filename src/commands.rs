//! The scriptable commands (`list`, `count`, `index`, `show`, `cite`, `mark`, `state`, `import`,
//! `check`, `gen`, `config`): load with
//! [`crate::archive`], query with [`crate::Query`], lay out with [`crate::text`], print. Results
//! go to stdout, reports to stderr; a closed pipe (`| head`) ends quietly.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::archive::{self, Problem};
use crate::article::Article;
use crate::corpus::Corpus;
use crate::query::Query;

mod check;
mod cite;
mod config;
mod count;
mod failure;
mod generate;
mod import;
mod index;
mod list;
mod mark;
mod show;
mod state;

pub use check::check;
pub use cite::cite;
pub use config::config;
pub use count::count;
pub use failure::Failure;
pub use generate::generate;
pub use import::import;
pub use index::index;
pub use list::list;
pub use mark::mark;
pub use show::show;
pub use state::state;

/// What a command ends with: the process exit code, or why it failed.
pub type Outcome = Result<i32, Failure>;

/// `query` with its `is:` and `label:` terms reading the marks juan keeps, resolved to
/// `corpus` (the state file read only: a command never creates or changes it); a query
/// without such terms as it is.
pub(crate) fn bind_marks(query: Query, corpus: &Corpus) -> Result<Query, Failure> {
    if !query.reads_marks() {
        return Ok(query);
    }
    let memory = archive::state::Store::read_memory().map_err(|e| Failure::State(e.to_string()))?;
    let flags = crate::state::Flags::resolve(&memory, corpus);
    Ok(query.with_marks(std::sync::Arc::new(flags)))
}

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

/// A loaded archive: its articles as a corpus, and what could not be loaded.
pub(crate) struct Loaded {
    /// The articles, in chunks.
    pub(crate) corpus: Corpus,
    /// Bad records, unreadable files and files left out, in the order met.
    pub(crate) problems: Vec<Problem>,
    /// How the load ended: counts of articles, bytes, folded copies and id clashes.
    pub(crate) progress: archive::Progress,
}

/// Loads the archive and reports each problem on stderr as `FILE:LINE: reason`.
pub(crate) fn load_reporting(paths: &[PathBuf]) -> Loaded {
    load_reporting_with(paths, archive::TitleCheck::AtLoad)
}

/// When a command's load checks a cached file's titles whole ([`archive::TitleCheck`]): at
/// once when `query` reads titles (its search will read them all) or when every row may be
/// printed; else each title is checked as it is read, for the `rows` printed (none for
/// `juan count`), and a `body:` query or a filter lists its first rows without reading the
/// rest.
pub(crate) fn title_check(query: &Query, rows: Option<usize>) -> archive::TitleCheck {
    match rows {
        Some(_) if !query.reads_titles() => archive::TitleCheck::OnUse,
        _ => archive::TitleCheck::AtLoad,
    }
}

/// [`load_reporting`], a cached file's titles checked whole as `titles` says: at their first
/// whole use for a command that prints a few rows of a query reading no title.
pub(crate) fn load_reporting_with(paths: &[PathBuf], titles: archive::TitleCheck) -> Loaded {
    let options = archive::LoadOptions {
        titles,
        ..archive::LoadOptions::from_env()
    };
    let loaded = load_corpus_with(&resolve_paths(paths), &options);
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in &loaded.problems {
        let _ = writeln!(err, "juan: {p}");
    }
    loaded
}

/// Loads `paths` chunk by chunk into a corpus (the columns stay views of the index cache
/// when it has them). With `JUAN_TRACE_LOAD` set, writes to stderr when the first batch of
/// articles arrived, how fast the whole load went and the memory resident after it (what
/// `benches/load.sh` reports).
pub(crate) fn load_corpus(paths: &[PathBuf]) -> Loaded {
    load_corpus_with(paths, &archive::LoadOptions::from_env())
}

/// [`load_corpus`] with `options`.
fn load_corpus_with(paths: &[PathBuf], options: &archive::LoadOptions) -> Loaded {
    let trace = std::env::var_os("JUAN_TRACE_LOAD").is_some_and(|v| !v.is_empty() && v != "0");
    let mut loaded = Loaded {
        corpus: Corpus::default(),
        problems: Vec::new(),
        progress: archive::Progress::default(),
    };
    let mut last = archive::Progress::default();
    archive::load_streaming_with(paths, options, |mut batch: archive::Batch| {
        if trace && loaded.corpus.is_empty() && !batch.chunk.is_empty() {
            eprintln!(
                "load: first batch of {} articles at {:.3} s",
                batch.chunk.len(),
                batch.progress.elapsed.as_secs_f64()
            );
        }
        last = batch.progress;
        loaded.corpus.push_chunk(batch.chunk);
        loaded.problems.append(&mut batch.problems);
    });
    loaded.progress = last;
    // As the interface does: the parsed articles are gone, let their memory go.
    crate::heap::trim();
    if trace {
        let chunks = loaded.corpus.chunks();
        let mapped = chunks.iter().filter(|c| c.is_mapped()).count();
        eprintln!(
            "load: {} articles, {:.1} MB in {:.3} s ({:.0} MB/s); columns {:.1} MB, \
             {mapped} of {} chunks mapped from the index cache",
            last.articles,
            last.bytes_done as f64 / 1e6,
            last.elapsed.as_secs_f64(),
            last.mb_per_sec(),
            loaded.corpus.byte_len() as f64 / 1e6,
            chunks.len(),
        );
        let mut sizes: Vec<(&str, usize)> = Vec::new();
        for chunk in loaded.corpus.chunks() {
            for (k, (name, n)) in chunk.index.column_sizes().into_iter().enumerate() {
                match sizes.get_mut(k) {
                    Some(s) => s.1 += n,
                    None => sizes.push((name, n)),
                }
            }
        }
        let places: usize = loaded
            .corpus
            .chunks()
            .iter()
            .map(|c| c.records.byte_len())
            .sum();
        sizes.push(("records", places));
        let sizes: Vec<String> = sizes
            .iter()
            .map(|(name, n)| format!("{name} {:.1}", *n as f64 / 1e6))
            .collect();
        eprintln!("load: columns (MB): {}", sizes.join(", "));
        if let Some((anon, file)) = archive::resident_kb() {
            eprintln!(
                "load: resident {:.0} MB anonymous, {:.0} MB file-backed",
                anon as f64 / 1024.0,
                file as f64 / 1024.0
            );
        }
    }
    loaded
}

/// The JSON object of an article's list fields: id, title, date (RFC 3339 or null), source, url.
pub(crate) fn summary_json(a: &Article) -> serde_json::Map<String, serde_json::Value> {
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

/// The full JSON object of an article: the summary plus body (paragraphs joined by `\n`),
/// tags, and those of kicker, subtitle, author, summary and full title that it has.
pub(crate) fn article_json(a: &Article) -> serde_json::Value {
    let mut m = summary_json(a);
    let h = &a.header;
    for (key, value) in [
        ("kicker", &h.kicker),
        ("subtitle", &h.subtitle),
        ("author", &h.author),
        ("summary", &h.summary),
        ("full_title", &h.full_title),
    ] {
        if !value.is_empty() {
            m.insert(key.into(), serde_json::Value::from(value.as_str()));
        }
    }
    m.insert(
        "body".into(),
        serde_json::Value::from(a.body.text().as_ref()),
    );
    m.insert("tags".into(), serde_json::Value::from(a.tags.clone()));
    serde_json::Value::Object(m)
}

/// Runs `f` with a buffered stdout; a broken pipe counts as success.
pub(crate) fn with_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<i32>) -> Outcome {
    let stdout = io::stdout();
    // Large writes: stdout is line-buffered, and small ones would each be scanned and copied.
    let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let result = f(&mut out).and_then(|code| out.flush().map(|_| code));
    match result {
        Ok(code) => Ok(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Failure::Output(e)),
    }
}
