//! The `[keys.SCOPE]` tables: `command = "ctrl-r"` or `command = ["ctrl-r", "f5"]`, one table
//! per scope of the binding table (`[keys.list]`, `[keys.reader]`, `[keys.popup]`,
//! `[keys.sources]`, `[keys.everywhere]`). A command's keys in the file replace its keys in that
//! scope (`reload = []` leaves it none); `none = ["q"]` takes keys from whatever they ran. The
//! result is a [`Keymap`]: juan's own keys with the file's put over them.
//!
//! Every scope, command and key is kept with its byte span while the file is read, so anything
//! the binding table refuses (no such scope or command, a command that means nothing in that
//! scope, not a key, one key given to two commands) is an error at its line and column.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::ConfigError;
use crate::keymap::{Command, KeyChord, Keymap, Scope};

/// The `[keys]` table as read, in the file's order, every name and key with its byte span.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct RawKeys(Ordered<Ordered<RawKeyList>>);

/// A TOML table's entries in the file's order (the `toml` crate's `preserve_order`), each
/// name with its span.
#[derive(Debug)]
pub(crate) struct Ordered<V>(Vec<(Spanned<String>, V)>);

impl<V> Default for Ordered<V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        d.deserialize_map(OrderedVisitor(std::marker::PhantomData))
    }
}

/// A command's keys as read: one string or an array of strings, each with its span.
#[derive(Debug)]
pub(crate) struct RawKeyList(Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for RawKeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Spanned::<OneOrMany>::deserialize(d)?;
        let span = value.span();
        Ok(RawKeyList(match value.into_inner() {
            OneOrMany::One(key) => vec![Spanned::new(span, key)],
            OneOrMany::Many(keys) => keys,
        }))
    }
}

/// A lone key or an array of keys, each of those with its own span.
enum OneOrMany {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key such as \"ctrl-r\" or a list of keys")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    keys.push(key);
                }
                Ok(OneOrMany::Many(keys))
            }
        }
        d.deserialize_any(OneOrManyVisitor)
    }
}

/// The command name that takes keys away from whatever they ran.
const UNBIND: &str = "none";

impl RawKeys {
    /// juan's keys with the file's bindings put over them, in the file's order; the first
    /// binding refused is an error at its place in `text`, the contents of `file`.
    pub(crate) fn keymap(&self, file: &Path, text: &str) -> Result<Keymap, ConfigError> {
        let error = |span: Range<usize>, why: String| ConfigError::at(file, text, span.start, why);
        let mut keymap = Keymap::default();
        // Who has each key in the file, to catch one key given to two commands.
        let mut claimed: HashMap<(&str, KeyChord), &str> = HashMap::new();
        for (scope_name, commands) in &self.0.0 {
            let scope = Scope::from_name(scope_name.get_ref())
                .ok_or_else(|| error(scope_name.span(), unknown_scope(scope_name.get_ref())))?;
            for (name, keys) in &commands.0 {
                let command = name.get_ref().as_str();
                if command != UNBIND {
                    check_command(scope, command).map_err(|why| error(name.span(), why))?;
                    keymap
                        .unbind_command(scope, command)
                        .map_err(|why| error(name.span(), why))?;
                }
                for key in &keys.0 {
                    let chord =
                        KeyChord::parse(key.get_ref()).map_err(|why| error(key.span(), why))?;
                    if let Some(other) = claimed.insert((scope.name(), chord), command) {
                        let why = format!(
                            "{chord} is given to both `{other}` and `{command}` in [keys.{scope}]"
                        );
                        return Err(error(key.span(), why));
                    }
                    keymap
                        .bind(scope, chord, command)
                        .map_err(|why| error(key.span(), why))?;
                }
            }
        }
        Ok(keymap)
    }
}

/// The error for a `[keys.NAME]` that is no scope.
fn unknown_scope(name: &str) -> String {
    let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
    format!("`{name}` is not a key scope (use {})", names.join(", "))
}

/// That `command` is a command that means something in `scope`.
fn check_command(scope: Scope, command: &str) -> Result<(), String> {
    let cmd = Command::from_name(command).ok_or_else(|| {
        format!("`{command}` is not a command (`juan config --default` lists them by scope)")
    })?;
    if cmd.scopes().contains(&scope) {
        return Ok(());
    }
    let scopes: Vec<&str> = cmd.scopes().iter().map(|s| s.name()).collect();
    Err(format!(
        "`{command}` means nothing in [keys.{scope}] (it works in: {})",
        scopes.join(", ")
    ))
}
