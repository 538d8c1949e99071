//! Draws one frame from `&App`: reads state, never changes it. Each part of the screen has its
//! own module; [`draw`] puts them where [`crate::app::Geometry`] says: the query line, the
//! timeline strip under it, the list and article panes, the status line, a popup over all.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use crate::app::{App, Popup};

mod copy;
mod detail;
mod labels;
mod list;
mod popup;
mod query_line;
mod status;
pub mod theme;
mod timeline;

use theme::Theme;

/// Draws the whole interface.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme::new(&app.settings);
    let g = app.geometry();
    query_line::draw(frame, g.query, app, &theme);
    if g.timeline.area() > 0 {
        timeline::draw(frame, g.timeline, app, &theme);
    }
    if g.list.area() > 0 {
        list::draw(frame, g.list, app, &theme);
    }
    if g.detail.area() > 0 {
        detail::draw(frame, g.detail, app, &theme);
    }
    if let Some(err) = app.query_error() {
        // Under the query line, over the top border of the pane below.
        let row = Rect::new(g.area.x, g.query.bottom(), g.area.width, 1).intersection(g.area);
        query_line::draw_error(frame, row, err, &theme);
    }
    status::draw(frame, g.status, app, &theme);
    match app.popup() {
        Popup::None => {}
        Popup::Help(scroll) => popup::help(frame, g.area, *scroll, &theme),
        Popup::Problems(scroll) => popup::problems(frame, g.area, app, *scroll, &theme),
        Popup::Sources(picker) => popup::sources(frame, g.area, picker, &theme),
        Popup::Copy(menu) => copy::draw(frame, g.area, menu, &theme),
        Popup::Labels(picker) => labels::draw(frame, g.area, picker, &theme),
    }
}

/// Where the frame [`draw`] draws for `app` shows URLs: each as (its cells, the whole URL),
/// for the renderer to wrap in an OSC 8 hyperlink. Pure: the same state gives the same links.
pub(crate) fn links(app: &App) -> Vec<(Rect, String)> {
    detail::links(app, &Theme::new(&app.settings))
}

/// A bordered block in the theme's symbols, highlighted when focused.
fn pane<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.chrome.border)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
}
