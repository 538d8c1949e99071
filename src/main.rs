//! The `juan` binary: parse the command line, run a command or the interface, print errors.

use clap::Parser;
use juan::cli::{Cli, Command};
use juan::commands;

fn main() {
    let cli = Cli::parse();
    if let Some(tz) = &cli.tz {
        match juan::date::zone::parse(tz) {
            Ok(zone) => {
                juan::date::zone::set(zone);
            }
            Err(msg) => {
                eprintln!("juan: --tz: {msg}");
                std::process::exit(2);
            }
        }
    }
    let outcome = match &cli.command {
        Some(Command::List(a)) => commands::list(a),
        Some(Command::Show(a)) => commands::show(a, cli.ambiguous_width),
        Some(Command::Import(a)) => commands::import(a),
        Some(Command::Check(a)) => commands::check(a),
        Some(Command::Gen(a)) => commands::generate(a),
        None => juan::tui::run(&commands::resolve_paths(&cli.paths), cli.ambiguous_width),
    };
    match outcome {
        Ok(code) => std::process::exit(code),
        Err(msg) => {
            eprintln!("juan: {msg}");
            std::process::exit(1);
        }
    }
}
