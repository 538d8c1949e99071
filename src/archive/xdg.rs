//! Where juan keeps its own files, by the XDG base directory rules: one function for the index
//! cache (`$XDG_CACHE_HOME`, else `~/.cache`) and the state store (`$XDG_STATE_HOME`, else
//! `~/.local/state`), so both read the variables the same way.

use std::path::PathBuf;

/// `$VAR/juan` when `var` holds an absolute path (the spec ignores a relative one), else
/// `$HOME/<fallback>/juan`; `None` when neither is set.
pub(super) fn juan_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let base = std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(fallback))
        })?;
    Some(base.join("juan"))
}
