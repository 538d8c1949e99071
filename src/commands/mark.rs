//! `juan mark ID... --read|--unread|--star|--unstar|--label NAME|--unlabel NAME`: the marks
//! the interface sets, for scripts. Marks are kept by article id in the state file
//! (`crate::archive::state`), so no archive is read: any id may be marked, and the mark shows
//! wherever an article with that id is opened.
//!
//! Every change to every id is stored in one transaction (all or none), beside whatever
//! another juan stores meanwhile. Nothing is printed on success; an error goes to stderr with
//! exit code 1.

use super::Outcome;
use crate::archive::state::Store;
use crate::cli::MarkArgs;
use crate::state::Change;

/// Runs `juan mark`.
pub fn mark(args: &MarkArgs) -> Outcome {
    if let Some(problem) = problem(args) {
        eprintln!("juan: mark: {problem}");
        return Ok(1);
    }
    let changes = changes(args);
    let opened = Store::open_default();
    let Some(store) = opened.store else {
        let why = opened
            .notice
            .unwrap_or_else(|| "state off: JUAN_NO_STATE is set".into());
        eprintln!("juan: mark: {why}");
        return Ok(1);
    };
    if let Some(notice) = opened.notice {
        eprintln!("juan: {notice}");
    }
    match store.apply_all(&changes) {
        Ok(()) => Ok(0),
        Err(e) => {
            eprintln!("juan: mark: {e}");
            Ok(1)
        }
    }
}

/// What is wrong with the arguments clap let through: an empty id or label.
fn problem(args: &MarkArgs) -> Option<&'static str> {
    if args.ids.iter().any(|id| id.is_empty()) {
        return Some("an id cannot be empty");
    }
    if args.label.iter().chain(&args.unlabel).any(|l| l.is_empty()) {
        return Some("a label cannot be empty");
    }
    None
}

/// The changes asked for, id by id: read, star, labels given, labels taken.
fn changes(args: &MarkArgs) -> Vec<Change> {
    let mut out = Vec::new();
    for id in &args.ids {
        let id = || id.clone();
        if args.read || args.unread {
            out.push(Change::Read {
                id: id(),
                read: args.read,
            });
        }
        if args.star || args.unstar {
            out.push(Change::Star {
                id: id(),
                starred: args.star,
            });
        }
        for (labels, on) in [(&args.label, true), (&args.unlabel, false)] {
            for label in labels {
                out.push(Change::Label {
                    id: id(),
                    label: label.clone(),
                    on,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<MarkArgs, clap::Error> {
        let cli = crate::cli::Cli::try_parse_from([&["juan", "mark"][..], args].concat())?;
        match cli.command {
            Some(crate::cli::Command::Mark(a)) => Ok(a),
            other => panic!("not mark: {other:?}"),
        }
    }

    #[test]
    fn each_flag_gives_its_change_for_each_id() {
        let args = parse(&[
            "a",
            "b",
            "--unread",
            "--star",
            "--label",
            "甲",
            "--unlabel",
            "乙",
        ])
        .unwrap();
        let got = changes(&args);
        assert_eq!(got.len(), 8);
        assert_eq!(
            got[..4],
            [
                Change::Read {
                    id: "a".into(),
                    read: false
                },
                Change::Star {
                    id: "a".into(),
                    starred: true
                },
                Change::Label {
                    id: "a".into(),
                    label: "甲".into(),
                    on: true
                },
                Change::Label {
                    id: "a".into(),
                    label: "乙".into(),
                    on: false
                },
            ]
        );
        assert_eq!(got[4].id(), "b");
    }

    #[test]
    fn a_flag_is_required_and_opposites_conflict() {
        assert!(parse(&["a"]).is_err());
        assert!(parse(&["--read"]).is_err());
        assert!(parse(&["a", "--read", "--unread"]).is_err());
        assert!(parse(&["a", "--star", "--unstar"]).is_err());
        let args = parse(&["a", "--label", ""]).unwrap();
        assert_eq!(problem(&args), Some("a label cannot be empty"));
        assert_eq!(
            problem(&parse(&["", "--read"]).unwrap()),
            Some("an id cannot be empty")
        );
    }
}
