//! The `juan` binary: parse the command line, read the config file, run a command or the
//! interface, print errors. Options on the command line win over the config file, the file
//! over juan's defaults; a bad config file stops juan (exit code 2) before anything runs.

use std::path::PathBuf;

use clap::Parser;
use juan::cli::{Cli, Command};
use juan::commands;
use juan::config::Config;

fn main() {
    let mut cli = Cli::parse();
    if let Some(Command::Config(a)) = &cli.command {
        finish(commands::config(a, cli.config.as_deref()));
    }
    let config = match juan::config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("juan: {e}");
            std::process::exit(2);
        }
    };
    let zone = match &cli.tz {
        Some(tz) => juan::zone::parse(tz).unwrap_or_else(|msg| {
            eprintln!("juan: --tz: {msg}");
            std::process::exit(2);
        }),
        None => config.tz.clone(),
    };
    juan::zone::set(zone);
    let width = cli.ambiguous_width.unwrap_or(config.ambiguous_width);
    give_default_archives(&mut cli, &config);
    juan::ui::theme::use_palette(config.colors);
    juan::keymap::install(config.keymap);
    let outcome = match &cli.command {
        Some(Command::List(a)) => commands::list(a),
        Some(Command::Count(a)) => commands::count(a),
        Some(Command::Index(a)) => commands::index(a),
        Some(Command::Show(a)) => commands::show(a, width),
        Some(Command::Import(a)) => commands::import(a),
        Some(Command::Check(a)) => commands::check(a),
        Some(Command::Gen(a)) => commands::generate(a),
        Some(Command::Config(a)) => commands::config(a, cli.config.as_deref()),
        Some(Command::Cite(a)) => commands::cite(a),
        Some(Command::Mark(a)) => commands::mark(a),
        Some(Command::State(a)) => commands::state(a),
        None => juan::tui::run(
            &commands::resolve_paths(&cli.paths),
            width,
            config.layout.list_percent,
            juan::tui::term::TermOptions::new(cli.no_alt_screen, &config.terminal),
            cli.fresh,
        ),
    };
    finish(outcome);
}

/// Gives a command that was given no archive the config file's `archives`, unless
/// `$JUAN_ARCHIVE` (which wins over the file) is set: `commands::resolve_paths` then falls
/// back on it or on the sample as before.
fn give_default_archives(cli: &mut Cli, config: &Config) {
    let Some(defaults) = config.default_archives() else {
        return;
    };
    let fill = |paths: &mut Vec<PathBuf>| {
        if paths.is_empty() {
            paths.extend_from_slice(defaults);
        }
    };
    match &mut cli.command {
        None => fill(&mut cli.paths),
        Some(Command::List(a)) => fill(&mut a.paths),
        Some(Command::Count(a)) => fill(&mut a.paths),
        Some(Command::Index(a)) => fill(&mut a.paths),
        Some(Command::Check(a)) => fill(&mut a.paths),
        Some(Command::Cite(a)) => fill(&mut a.archives),
        // `show [PATH]... ID`: the id alone means no archive was given.
        Some(Command::Show(a)) if a.args.len() == 1 => {
            let given: Vec<String> = defaults
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            a.args.splice(0..0, given);
        }
        Some(_) => {}
    }
}

/// Exits with a command's outcome: its code, or 1 after printing its error.
fn finish(outcome: commands::Outcome) -> ! {
    match outcome {
        Ok(code) => std::process::exit(code),
        Err(failure) => {
            eprintln!("juan: {failure}");
            std::process::exit(failure.exit_code());
        }
    }
}
