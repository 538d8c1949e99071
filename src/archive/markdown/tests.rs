//! Tests of the Markdown format on fixture files.
