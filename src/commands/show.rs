//! `juan show`: one article, laid out exactly as the reader pane lays it out.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{Outcome, article_json, load_reporting, with_stdout};
use crate::cli::ShowArgs;
use crate::text::AmbiguousWidth;
use crate::text::layout::Layout;

/// Runs `juan show`.
pub fn show(args: &ShowArgs, mode: AmbiguousWidth) -> Outcome {
    let (id, paths) = args
        .args
        .split_last()
        .expect("clap requires at least one argument");
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let corpus = load_reporting(&paths).corpus;
    let found = corpus.chunks().iter().find_map(|chunk| {
        (0..chunk.len())
            .find(|&i| chunk.index.id(i) == id.as_str())
            .map(|i| chunk.article(i))
    });
    let Some(article) = &found else {
        return Err(super::Failure::NoSuchArticle(id.to_string()));
    };
    let width = args.width.or_else(|| {
        std::io::stdout()
            .is_terminal()
            .then(|| crossterm::terminal::size().ok().map(|(w, _)| w as usize))
            .flatten()
    });
    with_stdout(|out| {
        if args.json {
            writeln!(out, "{}", article_json(article))?;
            return Ok(0);
        }
        let mut layout = Layout::for_article(article, mode);
        layout.set_width(width.unwrap_or(usize::MAX).max(1));
        let total = layout.total_rows();
        for row in layout.rows(0, total) {
            writeln!(out, "{}", row.text)?;
        }
        Ok(0)
    })
}
