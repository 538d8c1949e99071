//! `juan state export [-o FILE]`, `juan state import FILE|-` and `juan state path`: the state
//! file's marks as JSON Lines, to carry them to another machine (`crate::archive::state`
//! says what a record holds and how an import merges), and where the file is.
//!
//! Export reads the state without creating or changing anything (no state file: no
//! records); import opens it for writing, creating it when missing. Reports go to stderr.

use std::io::{self, BufRead, Write};

use super::{Failure, Outcome, with_stdout};
use crate::archive::state::{StateError, Store};
use crate::cli::{StateAction, StateArgs};
use crate::sanitize::visible;

/// Runs `juan state`.
pub fn state(args: &StateArgs) -> Outcome {
    match &args.action {
        StateAction::Path => match Store::default_path() {
            Ok(path) => with_stdout(|out| {
                out.write_all(path.as_os_str().as_encoded_bytes())?;
                out.write_all(b"\n")?;
                Ok(0)
            }),
            Err(e) => fail(&e),
        },
        StateAction::Export { output } => {
            let store = match Store::open_existing_read_only() {
                Ok(store) => store,
                Err(e) => return fail(&e),
            };
            let export = |out: &mut dyn Write| match &store {
                Some(store) => store.export(out).map(|_| ()),
                None => Ok(()),
            };
            match output {
                Some(path) => {
                    let file =
                        std::fs::File::create(path).map_err(|e| Failure::File(path.clone(), e))?;
                    let mut file = io::BufWriter::with_capacity(1 << 20, file);
                    let written =
                        export(&mut file).and_then(|()| file.flush().map_err(StateError::Write));
                    match written {
                        Ok(()) => Ok(0),
                        Err(StateError::Write(e)) => Err(Failure::File(path.clone(), e)),
                        Err(e) => fail(&e),
                    }
                }
                None => with_stdout(|out| match export(out) {
                    Ok(()) => Ok(0),
                    Err(StateError::Write(e)) => Err(e),
                    Err(e) => {
                        eprintln!("juan: state: {e}");
                        Ok(1)
                    }
                }),
            }
        }
        StateAction::Import { input } => import(input),
    }
}

/// `juan state import FILE|-`: every good record merged, every bad line named; exit code 1
/// when a line was bad.
fn import(input: &std::path::Path) -> Outcome {
    let name = visible(&input.to_string_lossy()).into_owned();
    let mut reader: Box<dyn BufRead> = if input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let file = std::fs::File::open(input).map_err(|e| Failure::File(input.into(), e))?;
        Box::new(io::BufReader::new(file))
    };
    let opened = Store::open_default();
    if let Some(notice) = &opened.notice {
        eprintln!("juan: {notice}");
    }
    let Some(store) = opened.store else {
        if opened.notice.is_none() {
            eprintln!("juan: state: state off: JUAN_NO_STATE is set");
        }
        return Ok(1);
    };
    let imported = match store.import(&mut reader) {
        Ok(imported) => imported,
        Err(e) => return fail(&e),
    };
    for problem in &imported.problems {
        eprintln!("juan: {name}:{}: {}", problem.line, problem.reason);
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprintln!(
        "juan: state: {} imported, {} skipped",
        plural(imported.records, "record", "records"),
        plural(imported.problems.len(), "line", "lines")
    );
    Ok(i32::from(!imported.problems.is_empty()))
}

/// Reports a state error on stderr: exit code 1.
fn fail(e: &StateError) -> Outcome {
    eprintln!("juan: state: {e}");
    Ok(1)
}
