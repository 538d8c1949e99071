//! Key and mouse events to [`crate::app::Action`]s: the only place a key gets its meaning.
