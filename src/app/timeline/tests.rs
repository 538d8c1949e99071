//! Tests of the timeline: periods chosen for a width, counts, the selected period, moves.
