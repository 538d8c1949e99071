//! The timeline strip under the query line: the current matches per period across the
//! archive's span as a sparkline (`2015 ▁▃ █▅ 2024`), each period's bar scaled to the busiest
//! one, an empty period blank, the selected article's period in reverse video, and the first
//! and last period's labels when they fit. Block elements are East Asian Ambiguous (two
//! cells in a wide-ambiguous terminal) and missing from many non-UTF-8 terminals, so the
//! ASCII chrome draws `.:-=+*#` instead, as the borders turn to `+ - |`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::theme::Theme;
use crate::app::timeline::Timeline;
use crate::app::{App, Settings};
use crate::text::AmbiguousWidth;

/// Bars from lowest to highest, in Unicode.
const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
/// Bars from lowest to highest, in ASCII.
const ASCII_BARS: [&str; 7] = [".", ":", "-", "=", "+", "*", "#"];

/// Draws the strip in `area` (one row).
pub(crate) fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.area() == 0 {
        return;
    }
    let line = strip(
        app.timeline(),
        app.selected_period(),
        bars(&app.settings),
        theme,
    );
    Paragraph::new(line).render(area, frame.buffer_mut());
}

/// The bars the terminal can draw one cell wide.
pub(crate) fn bars(settings: &Settings) -> &'static [&'static str] {
    if settings.unicode && settings.ambiguous == AmbiguousWidth::Narrow {
        &BARS
    } else {
        &ASCII_BARS
    }
}

/// The strip's line: labels when the timeline has room for them, each period's bar
/// repeated over the cells it takes, the `selected` period reversed.
pub(crate) fn strip(
    timeline: &Timeline,
    selected: Option<usize>,
    bars: &[&'static str],
    theme: &Theme,
) -> Line<'static> {
    let Some(periods) = timeline.periods() else {
        return Line::default();
    };
    let counts = timeline.counts();
    let most = counts.iter().copied().max().unwrap_or(0);
    let cells = timeline.cells_per_period();
    let mut spans = Vec::with_capacity(counts.len() + 4);
    if timeline.labels() {
        spans.push(Span::styled(periods.label(0), theme.hint));
        spans.push(Span::raw(" "));
    }
    for (k, &n) in counts.iter().enumerate() {
        let bar = if n == 0 {
            " "
        } else {
            bars[level(n, most, bars.len())]
        };
        let style = if selected == Some(k) {
            theme.selected
        } else {
            theme.date
        };
        spans.push(Span::styled(bar.repeat(cells), style));
    }
    if timeline.labels() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(periods.label(periods.len() - 1), theme.hint));
    }
    Line::from(spans)
}

/// Which of `levels` bars `n` of at most `most` gets: the lowest for one, the highest for the
/// busiest.
fn level(n: u32, most: u32, levels: usize) -> usize {
    let levels = levels as u64;
    let up = (u64::from(n) * levels).div_ceil(u64::from(most.max(1)));
    (up.clamp(1, levels) - 1) as usize
}

#[cfg(test)]
mod tests;
