//! Draws one frame from `&App`; reads state, never changes it.
