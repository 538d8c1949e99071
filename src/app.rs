//! Interface state, the [`Action`]s that change it, and `update`. No terminal code here.

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave juan.
    Quit,
}
