//! The config file's single values that need more than a type check: the ambiguous width,
//! the time zone and the list/article split. Each is checked while the file is read, so a bad
//! value is an error at its own line and column.

use std::fmt;

use clap::ValueEnum;
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::text::AmbiguousWidth;

/// The smallest and largest share of the width (in percent) the list pane may be given.
pub(crate) const SPLIT_RANGE: std::ops::RangeInclusive<u16> = 10..=90;

/// `ambiguous_width = "narrow" | "wide"`: the names `--ambiguous-width` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Width(pub(crate) AmbiguousWidth);

impl<'de> Deserialize<'de> for Width {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor("\"narrow\" or \"wide\"", |v: &str| {
            AmbiguousWidth::from_str(v, false).map(Width).map_err(|_| {
                format!("`{v}` is not an ambiguous width (use \"narrow\" or \"wide\")")
            })
        }))
    }
}

/// `tz = "local" | "UTC" | "+08:00" | "Asia/Shanghai"`: what `--tz` takes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Zone(pub(crate) TimeZone);

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(
            "a time zone such as \"Asia/Shanghai\"",
            |v: &str| crate::date::zone::parse(v).map(Zone),
        ))
    }
}

/// `split = 40`: the list pane's share of the width side by side, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split(pub(crate) u16);

impl<'de> Deserialize<'de> for Split {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SplitVisitor;
        impl Visitor<'_> for SplitVisitor {
            type Value = Split;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(
                    f,
                    "a percentage from {} to {}",
                    SPLIT_RANGE.start(),
                    SPLIT_RANGE.end()
                )
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Split, E> {
                match u16::try_from(v) {
                    Ok(p) if SPLIT_RANGE.contains(&p) => Ok(Split(p)),
                    _ => Err(E::custom(format!(
                        "split {v} is out of range: the list pane takes {} to {} percent of \
                         the width",
                        SPLIT_RANGE.start(),
                        SPLIT_RANGE.end()
                    ))),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Split, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_i64(SplitVisitor)
    }
}

/// A visitor of one string, read by a function whose error becomes the value's error.
struct StrVisitor<T>(&'static str, fn(&str) -> Result<T, String>);

impl<T> Visitor<'_> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.1)(v).map_err(E::custom)
    }
}
