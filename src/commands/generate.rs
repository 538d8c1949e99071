//! `juan gen`: write a synthetic archive (see [`crate::synthetic`]) to stdout or a file; with
//! `--from`, one recombined from the clauses of real archives ([`crate::synthetic::text`]),
//! which are loaded here through [`crate::archive`], one path at a time so that a path with
//! nothing usable is named.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use super::{Failure, Outcome};
use crate::archive;
use crate::cli::GenArgs;
use crate::synthetic::text::Pool;
use crate::synthetic::{self, Options, Summary};

/// Runs `juan gen`; reports the size and speed on stderr.
pub fn generate(args: &GenArgs) -> Outcome {
    let gzip = args.gzip
        || args
            .output
            .as_ref()
            .is_some_and(|p| p.extension().is_some_and(|e| e == "gz"));
    let options = Options {
        count: args.count,
        seed: args.seed,
        escaped: args.escaped,
        gzip,
    };
    let pool = if args.from.is_empty() {
        None
    } else {
        Some(gather(&args.from)?)
    };
    let started = Instant::now();
    // `write_archive` buffers; it gets the file or stdout as it is.
    let summary = match &args.output {
        Some(path) => {
            let describe = |e: std::io::Error| Failure::File(path.clone(), e);
            let file = archive::create_output(path, &args.from).map_err(describe)?;
            Some(write(file, &options, pool.as_ref()).map_err(describe)?)
        }
        None => {
            let mut summary = None;
            super::with_stdout(|out| {
                summary = Some(write(out, &options, pool.as_ref())?);
                Ok(0)
            })?;
            summary
        }
    };
    // No summary: stdout was closed early (`| head`), which ends quietly.
    let Some(summary) = summary else {
        return Ok(0);
    };
    eprintln!(
        "juan: {}",
        report(&summary, started.elapsed().as_secs_f64())
    );
    Ok(0)
}

/// Writes the archive: from the pool when there is one, else from the word tables.
fn write<W: Write>(out: W, options: &Options, pool: Option<&Pool>) -> std::io::Result<Summary> {
    match pool {
        Some(pool) => synthetic::text::write_archive(out, options, pool),
        None => synthetic::write_archive(out, options),
    }
}

/// Loads every `--from` path in turn into one pool, reporting the problems met on stderr; a
/// path that cannot be read or gives no usable clause is a failure naming it.
fn gather(paths: &[PathBuf]) -> Result<Pool, Failure> {
    let started = Instant::now();
    let mut pool = Pool::new();
    for path in paths {
        let (mut articles, mut clauses) = (0, 0);
        archive::load_streaming(std::slice::from_ref(path), |batch| {
            let chunk = &batch.chunk;
            for i in 0..chunk.len() {
                clauses += pool.add_article(&chunk.article(i));
            }
            articles += chunk.len();
            for p in batch.problems {
                eprintln!("juan: {p}");
            }
        });
        if clauses == 0 {
            let reason = if articles == 0 {
                "no articles to take sentences from".to_owned()
            } else {
                format!(
                    "no usable sentences in {articles} articles (need clauses of 4-40 \
                     characters with a Chinese character)"
                )
            };
            return Err(Failure::File(path.clone(), std::io::Error::other(reason)));
        }
    }
    eprintln!(
        "juan: {} clauses from {} articles in {:.2} s",
        pool.len(),
        pool.articles(),
        started.elapsed().as_secs_f64()
    );
    Ok(pool)
}

/// `wrote N articles: X MB of JSON Lines (Y MB gzip) in S s, R MB/s; longest body Z MB`.
fn report(s: &Summary, seconds: f64) -> String {
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let mut text = format!(
        "wrote {} articles: {:.1} MB of JSON Lines",
        s.articles,
        mb(s.json_bytes)
    );
    if s.output_bytes != s.json_bytes {
        text += &format!(" ({:.1} MB written)", mb(s.output_bytes));
    }
    text += &format!(
        " in {seconds:.2} s, {:.0} MB/s; longest body {:.2} MB",
        mb(s.json_bytes) / seconds.max(1e-9),
        s.longest_body as f64 / 1e6
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_gives_size_and_speed() {
        let s = Summary {
            articles: 10,
            json_bytes: 2_000_000,
            output_bytes: 500_000,
            longest_body: 1_500_000,
        };
        assert_eq!(
            report(&s, 0.5),
            "wrote 10 articles: 2.0 MB of JSON Lines (0.5 MB written) in 0.50 s, 4 MB/s; \
             longest body 1.50 MB"
        );
    }
}
