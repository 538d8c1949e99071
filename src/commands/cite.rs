//! `juan cite ID...`: the citation of each article named, in GB/T 7714-2015 (one a line),
//! CSL-JSON (one array of all items, for Zotero) or biblatex (entries separated by a blank
//! line), in the order the ids were given. An id no archive holds is named on stderr and the
//! exit code is 1, but the others are still cited. The accessed date is today in the display
//! zone.

use std::collections::HashMap;

use super::{Failure, Outcome, load_reporting, with_stdout};
use crate::article::Article;
use crate::cite::{self, Format};
use crate::cli::CiteArgs;
use crate::corpus::Corpus;

/// Runs `juan cite`.
pub fn cite(args: &CiteArgs) -> Outcome {
    let corpus = load_reporting(&args.archives).corpus;
    let found = find(&corpus, &args.ids);
    let accessed = cite::today();
    let mut missing = false;
    let mut articles: Vec<&Article> = Vec::new();
    for id in &args.ids {
        match found.get(id.as_str()) {
            Some(article) => articles.push(article),
            None => {
                eprintln!("juan: {}", Failure::NoSuchArticle(id.clone()));
                missing = true;
            }
        }
    }
    let code = i32::from(missing);
    with_stdout(|out| {
        match args.format {
            Format::CslJson => {
                let items: Vec<serde_json::Value> = articles
                    .iter()
                    .map(|a| cite::csl_json(&cite::Work::of(a), accessed))
                    .collect();
                let text = serde_json::to_string_pretty(&items).map_err(std::io::Error::other)?;
                writeln!(out, "{text}")?;
            }
            Format::Bibtex => {
                for (n, a) in articles.iter().enumerate() {
                    if n > 0 {
                        writeln!(out)?;
                    }
                    write!(out, "{}", cite::cite(a, Format::Bibtex, accessed))?;
                }
            }
            Format::Gbt7714 => {
                for a in &articles {
                    writeln!(out, "{}", cite::cite(a, Format::Gbt7714, accessed))?;
                }
            }
        }
        Ok(code)
    })
}

/// The articles whose ids are among `ids`, read in one pass over the corpus (the first
/// article loaded with an id wins, as `juan show` finds it).
fn find(corpus: &Corpus, ids: &[String]) -> HashMap<String, Article> {
    let mut found: HashMap<String, Article> = HashMap::new();
    let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
    for chunk in corpus.chunks() {
        for i in 0..chunk.len() {
            let id = chunk.index.id(i);
            if wanted.contains(id.as_ref()) && !found.contains_key(id.as_ref()) {
                found.insert(id.to_string(), chunk.article(i));
            }
        }
        if found.len() == wanted.len() {
            break;
        }
    }
    found
}
