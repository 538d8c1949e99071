//! The `[keys.FOCUS]` tables: `command = "ctrl-r"` or `command = ["ctrl-r", "f5"]`, one table
//! per focus (`[keys.list]`, `[keys.reader]`, …). Each key is kept with its place in the file,
//! so that a key or command the binding table rejects is still reported at its line and
//! column.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

/// One key as written, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyText {
    /// The key, e.g. `ctrl-r`.
    pub text: String,
    /// Line and column (from 1) of the key's string in the file.
    pub place: (usize, usize),
}

/// The keys bound to one command: a string or a list of strings in the file.
pub type KeyList = Vec<KeyText>;

/// The bindings the file adds: focus → command → keys (command names and focuses as written).
pub type Keys = BTreeMap<String, BTreeMap<String, KeyList>>;

/// The `[keys]` table as read, every name and key with its byte span.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub(crate) struct RawKeys(BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawKeyList>>);

/// A command's keys as read: one string or an array of strings, each with its span.
#[derive(Debug)]
pub(crate) struct RawKeyList(Spanned<Vec<Spanned<String>>>);

impl<'de> Deserialize<'de> for RawKeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Spanned::<OneOrMany>::deserialize(d)?;
        let span = value.span();
        let keys = match value.into_inner() {
            OneOrMany::One(key) => vec![Spanned::new(span.clone(), key)],
            OneOrMany::Many(keys) => keys,
        };
        Ok(RawKeyList(Spanned::new(span, keys)))
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

impl RawKeys {
    /// The bindings, each key placed in `text` (the file's contents).
    pub(crate) fn placed(&self, text: &str) -> Keys {
        let place = |span: std::ops::Range<usize>| super::error::position(text, span.start);
        self.0
            .iter()
            .map(|(focus, commands)| {
                let commands = commands
                    .iter()
                    .map(|(command, keys)| {
                        let keys = keys
                            .0
                            .get_ref()
                            .iter()
                            .map(|k| KeyText {
                                text: k.get_ref().clone(),
                                place: place(k.span()),
                            })
                            .collect();
                        (command.get_ref().clone(), keys)
                    })
                    .collect();
                (focus.get_ref().clone(), commands)
            })
            .collect()
    }
}
