//! The command line (clap): `juan [PATH]...` opens the interface; `list`, `count`, `show`,
//! `import` and `check` are the scriptable commands over the same engine; `gen` writes synthetic archives;
//! `config` prints or checks the config file. Options given here win over the config file
//! (`crate::config`), so those with a setting there have no clap default: `None` means "not
//! given".

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::text::AmbiguousWidth;

/// juan (卷) — browse archives of news articles in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "juan",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "\
With no PATH, juan opens $JUAN_ARCHIVE when it is set, else the config file's archives, else
the bundled sample-data/. Settings are read from ~/.config/juan/config.toml (see `juan config`).

Examples:
  juan                                   open the sample archive
  juan ~/archive                         open every archive under a folder
  juan list ~/archive -q '长春 人大' --json
  juan count ~/archive -q 改革开放 --by year
  juan show ~/archive 1f3a9c0d2b7e --width 60
  juan import pages/ -o pages.jsonl      raw pages and Sogou files to JSON Lines
  juan check ~/archive                   list every bad record; exit 1 if any
  juan gen 100000 -o bench.jsonl         a synthetic archive for benchmarks
  juan config --default > ~/.config/juan/config.toml"
)]
pub struct Cli {
    /// What to do; without one, the interface opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Archives to open: JSON Lines, JSON, raw pages, Sogou files, folders, `-` for stdin.
    pub paths: Vec<PathBuf>,
    /// How to treat East Asian Ambiguous characters (“ ” — … ·): `wide` when your terminal
    /// draws them two columns wide (many CJK setups do). Default: the config file's
    /// `ambiguous_width`, else narrow.
    #[arg(long, value_enum, global = true)]
    pub ambiguous_width: Option<AmbiguousWidth>,
    /// The time zone dates are shown and `date:` terms matched in: `local`, `UTC`, an offset
    /// (`+08:00`) or a name (`Asia/Hong_Kong`). Default: the config file's `tz`, else China
    /// Standard Time (UTC+8). A date the archive wrote with another offset is converted; the
    /// reader shows it as written too.
    #[arg(long, value_name = "ZONE|local", global = true)]
    pub tz: Option<String>,
    /// Read settings from this file instead of $JUAN_CONFIG or
    /// $XDG_CONFIG_HOME/juan/config.toml (~/.config/juan/config.toml).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,
    /// Draw the interface on the main screen, not the alternate one: the last screen stays in
    /// the scrollback after quitting, as `less -X` leaves it. Default: the config file's
    /// `[terminal] alt_screen`, else the alternate screen.
    #[arg(long)]
    pub no_alt_screen: bool,
    /// Start clean: do not restore the last session over these archives (the query, the
    /// selected article, the order, the source filter). Read marks, stars and labels stay.
    #[arg(long)]
    pub fresh: bool,
}

/// The scriptable commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles, one a line: ID, date, source, title (tab-separated), newest first.
    #[command(after_help = "\
Examples:
  juan list                              the sample archive, newest first
  juan list ~/archive -q 长春 --limit 20
  juan list a.jsonl b.jsonl --oldest-first
  juan list ~/archive -q ccrb --json | jq .title", after_long_help = crate::query::SYNTAX_HELP)]
    List(ListArgs),
    /// Count matching articles per year, month or day: each period and its count, zeros included.
    #[command(after_help = "\
Every period from the first match's to the last's is printed, in order, empty ones as 0.
Periods are those of the display zone, as dates are shown (China Standard Time unless --tz).
Undated matches are in no period: how many goes to stderr. No match prints nothing (exit 0).

Examples:
  juan count ~/archive -q 改革开放        matches per year
  juan count ~/archive -q 'src:人民日报' --by month
  juan count a.jsonl --by day --json     {\"period\":\"2019-03-07\",\"count\":4} a line", after_long_help = crate::query::SYNTAX_HELP)]
    Count(CountArgs),
    /// Build the body index of archives into the cache (the interface builds it in the
    /// background; this is for scripts and cron), and say what it cost.
    #[command(after_help = "Examples:
  juan index ~/archive.jsonl             build what is missing
  juan index --rebuild ~/archive.jsonl   build it anew

The index is kept for plain JSON Lines files of 8 MiB or more, beside the index cache
($XDG_CACHE_HOME/juan, else ~/.cache/juan); other archives are indexed in memory when opened.")]
    Index(IndexArgs),
    /// Print one article: title, date, source, URL, then the body.
    #[command(after_help = "\
Examples:
  juan show 1f3a9c0d2b7e                 an article of the sample archive
  juan show ~/archive 1f3a9c0d2b7e --width 60
  juan show page.txt 1f3a9c0d2b7e --json")]
    Show(ShowArgs),
    /// Convert raw pages and Sogou files to JSON Lines.
    #[command(after_help = "\
Examples:
  juan import pages/ > pages.jsonl
  juan import sogou.dat -o sogou.jsonl")]
    Import(ImportArgs),
    /// Check archives: counts, sources, date range, duplicate ids, every bad record.
    #[command(after_help = "\
Exit code 0 when everything loaded cleanly, 1 otherwise.

Examples:
  juan check ~/archive
  juan check broken.jsonl")]
    Check(CheckArgs),
    /// Write a synthetic archive for benchmarks: N Chinese news articles as JSON Lines.
    #[command(after_help = "\
Each line holds id, title, date (YYYY-MM-DD HH:MM, 2010-2024), source (one of 500), url, body
(paragraphs joined by \\n; mean about 1.5 KB, log-normal with a Pareto tail past 1 MB) and tags.
Characters and words follow their frequencies in real news. The same seed writes the same bytes
on every run and machine. A summary (size, MB/s) goes to stderr.

Examples:
  juan gen 1000 | head -n 3              three articles, on stdout
  juan gen 1000000 -o /tmp/1m.jsonl      a million articles (about 1.5 GB)
  juan gen 100000 --seed 7 -o b.jsonl    another archive of the same shape
  juan gen 100000 --escaped -o py.jsonl  non-ASCII as \\uXXXX, as Python's json.dumps writes
  juan gen 100000 -o a.jsonl.gz          gzip (implied by .gz; or --gzip)")]
    Gen(GenArgs),
    /// Print the default config file, or check the config file juan reads.
    #[command(after_help = "\
Without an option, reads the config file juan would read, prints its path and exits 0 when it
is good; a bad setting is reported as FILE:LINE:COLUMN: message, with exit code 2.

Examples:
  juan config                            check the config file
  juan config --default > ~/.config/juan/config.toml
  juan config --path                     where juan looks for it")]
    Config(ConfigArgs),
    /// Mark articles read or unread, starred or not, or give and take labels, by id.
    #[command(after_help = "\
Marks are kept by article id in the state file (`juan state path`), so they show wherever an
article with that id is opened; no archive is read. Nothing is printed on success.

Examples:
  juan mark 1f3a9c0d2b7e --read --star
  juan mark 1f3a9c0d2b7e 9a8b7c6d5e4f --label 第三章
  juan list ~/archive -q 'src:新华社 2019' | cut -f1 | xargs juan mark --read
  juan mark 1f3a9c0d2b7e --unlabel 第三章 --unstar")]
    Mark(MarkArgs),
    /// Export or import what juan remembers (read marks, stars, labels, places), or say
    /// where it is kept.
    #[command(after_help = "\
The state is kept in $XDG_STATE_HOME/juan/state.db (else ~/.local/state/juan/state.db).
Export writes one JSON object a line per article with state:
  {\"id\":\"1f3a9c0d2b7e\",\"read\":true,\"starred\":false,\"labels\":[\"第三章\"],\"place\":{\"block\":3,\"byte\":120}}
Import merges: it sets each field a record gives (labels are added), leaves the rest alone, and
names each bad line (exit code 1) while importing the others.

Examples:
  juan state export -o marks.jsonl       on one machine
  juan state import marks.jsonl          on another
  ssh server juan state export | juan state import -
  juan state path                        where the state file is")]
    State(StateArgs),
    /// Cite articles: GB/T 7714-2015 (default), CSL-JSON for Zotero, or biblatex.
    #[command(after_help = "\
Parts an archive does not give (author, date, source, URL) are left out, never invented. An
article with a URL is cited as read online, accessed today (in the display zone). An unknown id
is named on stderr (exit code 1); the others are still cited.

Examples:
  juan cite 1813adf16dc74ae9             GB/T 7714, from the sample archive
  juan cite ID1 ID2 --archive ~/archive --format bibtex >> refs.bib
  juan cite ID1 ID2 --format csl-json > refs.json   import into Zotero")]
    Cite(CiteArgs),
}

/// Arguments of `juan cite`.
#[derive(Debug, Args)]
pub struct CiteArgs {
    /// The ids of the articles to cite (`juan list` prints them).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The citation form.
    #[arg(long, value_enum, default_value_t = crate::cite::Format::Gbt7714)]
    pub(crate) format: crate::cite::Format,
    /// An archive to read (repeat for several; default: $JUAN_ARCHIVE, else the config's
    /// archives, else the sample).
    #[arg(long = "archive", value_name = "PATH")]
    pub archives: Vec<PathBuf>,
}

/// Arguments of `juan config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print a config file holding every setting, commented out, at its default.
    #[arg(long, conflicts_with = "path")]
    pub(crate) default: bool,
    /// Print the path of the config file juan reads (whether or not it exists).
    #[arg(long)]
    pub(crate) path: bool,
}

/// Arguments of `juan list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Archives to read (default: $JUAN_ARCHIVE, else the config's archives, else the sample).
    pub paths: Vec<PathBuf>,
    /// Keep only articles matching this query (see the query syntax below). The value may
    /// start with `-` (`-q -1`, `-q -2017`): it is the query, not an option.
    #[arg(short, long, allow_hyphen_values = true)]
    pub(crate) query: Option<String>,
    /// One JSON object a line: id, title, date (RFC 3339 or null), source, url.
    #[arg(long)]
    pub(crate) json: bool,
    /// Print at most N articles.
    #[arg(long, value_name = "N")]
    pub(crate) limit: Option<usize>,
    /// Oldest first instead of newest first.
    #[arg(long)]
    pub(crate) oldest_first: bool,
}

/// Arguments of `juan index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Archives to index (default: $JUAN_ARCHIVE, else the config's archives, else the sample).
    pub paths: Vec<PathBuf>,
    /// Build the index anew even where the cache keeps a sound one.
    #[arg(long)]
    pub(crate) rebuild: bool,
}

/// Arguments of `juan count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// Archives to read (default: $JUAN_ARCHIVE, else the config's archives, else the sample).
    pub paths: Vec<PathBuf>,
    /// Count only articles matching this query (the syntax of `juan list -q`).
    #[arg(short, long, allow_hyphen_values = true)]
    pub(crate) query: Option<String>,
    /// How long a period is.
    #[arg(long, value_enum, default_value_t = CountBy::Year)]
    pub(crate) by: CountBy,
    /// One JSON object a line: {"period": "2019", "count": 12}.
    #[arg(long)]
    pub(crate) json: bool,
}

/// The periods `juan count` counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CountBy {
    /// Calendar years: `2019`.
    Year,
    /// Calendar months: `2019-03`.
    Month,
    /// Calendar days: `2019-03-07`.
    Day,
}

/// Arguments of `juan show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Archives to read, then the article's ID last.
    #[arg(required = true, value_name = "PATH]... [ID")]
    pub args: Vec<String>,
    /// Print the article as a JSON object.
    #[arg(long)]
    pub(crate) json: bool,
    /// Wrap to W columns exactly as the reader pane does (default: the terminal's width when
    /// printing to a terminal, else unwrapped).
    #[arg(long, value_name = "W")]
    pub(crate) width: Option<usize>,
}

/// Arguments of `juan import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Raw pages, Sogou files, or folders of them.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Write JSON Lines here instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: Option<PathBuf>,
}

/// Arguments of `juan gen`.
#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many articles to write.
    #[arg(value_name = "N")]
    pub(crate) count: u64,
    /// The seed: the same seed writes the same archive.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub(crate) seed: u64,
    /// Write to this file instead of stdout (gzip when it ends in `.gz`).
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: Option<std::path::PathBuf>,
    /// Write every non-ASCII character as `\uXXXX` (surrogate pairs past U+FFFF) with `", "` and
    /// `": "` separators: exactly what Python's `json.dumps` writes by default.
    #[arg(long)]
    pub(crate) escaped: bool,
    /// Compress with gzip.
    #[arg(long)]
    pub(crate) gzip: bool,
    /// Build the articles from the sentences of this archive (any format juan reads; repeat
    /// for more) instead of the word tables: titles and bodies are its clauses recombined, cut
    /// at 。！？；，、： and line breaks and left as they are; dates 2005-2024; its sources when
    /// it names several. A path that cannot be read or has no usable sentences is an error.
    #[arg(long, value_name = "PATH")]
    pub(crate) from: Vec<std::path::PathBuf>,
}

/// Arguments of `juan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Archives to check (default: $JUAN_ARCHIVE, else the config's archives, else the sample).
    pub paths: Vec<PathBuf>,
}

/// Arguments of `juan mark`: the ids, and at least one change.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)
    .args(["read", "unread", "star", "unstar", "label", "unlabel"])))]
pub struct MarkArgs {
    /// The ids of the articles to mark (`juan list` prints them).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Mark them read.
    #[arg(long, conflicts_with = "unread")]
    pub(crate) read: bool,
    /// Mark them unread.
    #[arg(long)]
    pub(crate) unread: bool,
    /// Star them.
    #[arg(long, conflicts_with = "unstar")]
    pub(crate) star: bool,
    /// Take their star away.
    #[arg(long)]
    pub(crate) unstar: bool,
    /// Give them the label NAME (repeat for several).
    #[arg(long, value_name = "NAME")]
    pub(crate) label: Vec<String>,
    /// Take the label NAME from them (repeat for several).
    #[arg(long, value_name = "NAME")]
    pub(crate) unlabel: Vec<String>,
}

/// Arguments of `juan state`.
#[derive(Debug, Args)]
pub struct StateArgs {
    /// What to do with the state.
    #[command(subcommand)]
    pub(crate) action: StateAction,
}

/// What `juan state` does.
#[derive(Debug, Subcommand)]
pub enum StateAction {
    /// Write every article with state as JSON Lines, sorted by id.
    Export {
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge JSON Lines records (as `juan state export` writes them) into the state.
    Import {
        /// The records: a file, or `-` for stdin.
        #[arg(value_name = "FILE|-")]
        input: PathBuf,
    },
    /// Print the path of the state file (whether or not it exists).
    Path,
}
