//! `juan config`: print the default config file (`--default`), where juan looks for one
//! (`--path`), or check the one it would read, so a mistake is found before the interface
//! is started.

use std::path::Path;

use super::{Outcome, with_stdout};
use crate::cli::ConfigArgs;
use crate::config;
use crate::sanitize::visible;

/// Runs `juan config`; `flag` is `--config`, if given. Exit code 2 for a bad config file.
pub fn config(args: &ConfigArgs, flag: Option<&Path>) -> Outcome {
    if args.default {
        return with_stdout(|out| {
            out.write_all(config::default_file().as_bytes())?;
            Ok(0)
        });
    }
    let location = config::locate(flag);
    if args.path {
        let Some(location) = location else {
            return Err(super::Failure::NoConfigFile);
        };
        return with_stdout(|out| {
            writeln!(out, "{}", visible(&location.path.to_string_lossy()))?;
            Ok(0)
        });
    }
    match config::load(flag) {
        Ok(loaded) => with_stdout(|out| {
            match (&loaded.file, &location) {
                (Some(file), _) => writeln!(out, "{}: good", visible(&file.to_string_lossy()))?,
                (None, Some(l)) => writeln!(
                    out,
                    "{}: no such file; juan uses its defaults",
                    visible(&l.path.to_string_lossy())
                )?,
                (None, None) => writeln!(out, "no config file ($HOME is not set): the defaults")?,
            }
            Ok(0)
        }),
        Err(e) => {
            eprintln!("juan: {e}");
            Ok(2)
        }
    }
}
