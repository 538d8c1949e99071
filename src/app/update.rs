//! [`App::update`]: how each [`Action`] changes the state.

use ratatui::layout::{Position, Rect};

use super::{Action, App, Focus, Geometry, Popup, SourcePicker};
use crate::query::Order;

impl App {
    /// Applies one action. Returns false when nothing visible changed (no redraw needed).
    pub fn update(&mut self, action: Action) -> bool {
        if let Popup::Sources(picker) = &mut self.popup {
            match action {
                Action::SelectNext => picker.move_by(1),
                Action::SelectPrev => picker.move_by(-1),
                Action::SelectPageDown => picker.move_by(10),
                Action::SelectPageUp => picker.move_by(-10),
                Action::SelectFirst => picker.move_by(isize::MIN),
                Action::SelectLast => picker.move_by(isize::MAX),
                Action::Open => {
                    self.source_filter = picker.chosen().map(str::to_string);
                    self.popup = Popup::None;
                    self.refilter();
                }
                Action::Back | Action::OpenSources => self.popup = Popup::None,
                Action::Quit => self.quit = true,
                Action::Resize(w, h) => self.resize(w, h),
                _ => return false,
            }
            return true;
        }
        if matches!(self.popup, Popup::Help | Popup::Problems) {
            match action {
                Action::Quit => self.quit = true,
                Action::Resize(w, h) => self.resize(w, h),
                Action::ToggleHelp if self.popup == Popup::Help => self.popup = Popup::None,
                Action::ToggleProblems if self.popup == Popup::Problems => self.popup = Popup::None,
                Action::Back | Action::Open => self.popup = Popup::None,
                _ => return false,
            }
            return true;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            Action::SelectNext => self.select_by(1),
            Action::SelectPrev => self.select_by(-1),
            Action::SelectFirst => self.select_by(isize::MIN),
            Action::SelectLast => self.select_by(isize::MAX),
            Action::SelectPageDown => self.select_by(self.list_page()),
            Action::SelectPageUp => self.select_by(-self.list_page()),
            Action::Scroll(n) => self.scroll(|d| d.scroll_by(n)),
            Action::ScrollPageDown => self.scroll(|d| d.scroll_by(page(d.height()))),
            Action::ScrollPageUp => self.scroll(|d| d.scroll_by(-page(d.height()))),
            Action::ScrollHalfDown => self.scroll(|d| d.scroll_by((d.height() / 2).max(1) as isize)),
            Action::ScrollHalfUp => self.scroll(|d| d.scroll_by(-((d.height() / 2).max(1) as isize))),
            Action::ScrollTop => self.scroll(|d| d.scroll_to_top()),
            Action::ScrollBottom => self.scroll(|d| d.scroll_to_bottom()),
            Action::Wheel { column, row, down } => return self.wheel(column, row, down),
            Action::Open => self.open(),
            Action::Back => return self.back(),
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List | Focus::Query if self.geometry.detail.area() > 0 => Focus::Detail,
                    _ => Focus::List,
                }
            }
            Action::NextArticle => self.select_by(1),
            Action::PrevArticle => self.select_by(-1),
            Action::ToggleOrder => {
                self.order = match self.order {
                    Order::NewestFirst => Order::OldestFirst,
                    Order::OldestFirst => Order::NewestFirst,
                };
                self.refilter();
            }
            Action::OpenSources => {
                self.popup = Popup::Sources(SourcePicker::new(&self.articles, self.source_filter.as_deref()))
            }
            Action::ToggleHelp => self.popup = Popup::Help,
            Action::ToggleProblems => self.popup = Popup::Problems,
            Action::FocusQuery => self.focus = Focus::Query,
            Action::QueryInsert(s) => self.edit_query(|q| q.insert(&s)),
            Action::QueryBackspace => self.edit_query(|q| q.backspace()),
            Action::QueryDelete => self.edit_query(|q| q.delete()),
            Action::QueryDeleteWord => self.edit_query(|q| q.delete_word()),
            Action::QueryClear => self.edit_query(|q| q.clear()),
            Action::QueryLeft => self.query.left(),
            Action::QueryRight => self.query.right(),
            Action::QueryHome => self.query.home(),
            Action::QueryEnd => self.query.end(),
        }
        true
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.geometry = Geometry::new(Rect::new(0, 0, width, height), self.reader);
        if self.geometry.detail.area() == 0 && self.focus == Focus::Detail {
            self.focus = Focus::List;
        }
        self.sync();
    }

    fn list_page(&self) -> isize {
        page(usize::from(Geometry::inner(self.geometry.list).height))
    }

    fn select_by(&mut self, delta: isize) {
        self.selected = self.selected.saturating_add_signed(delta).min(self.hits.len().saturating_sub(1));
        self.sync();
    }

    fn scroll(&mut self, f: impl FnOnce(&mut super::Detail)) {
        if let Some(d) = &mut self.detail {
            f(d);
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
        let at = Position::new(column, row);
        let step = if down { 3 } else { -3 };
        if self.geometry.detail.contains(at) {
            self.scroll(|d| d.scroll_by(step));
        } else if self.geometry.list.contains(at) {
            self.select_by(step);
        } else {
            return false;
        }
        true
    }

    fn open(&mut self) {
        if self.hits.is_empty() {
            return;
        }
        self.reader = true;
        self.focus = Focus::Detail;
        let (w, h) = (self.geometry.area.width, self.geometry.area.height);
        self.resize(w, h);
    }

    fn back(&mut self) -> bool {
        if self.reader {
            self.reader = false;
            self.focus = Focus::List;
            let (w, h) = (self.geometry.area.width, self.geometry.area.height);
            self.resize(w, h);
        } else if self.focus == Focus::Query && !self.query.text().is_empty() {
            self.focus = Focus::List;
        } else if self.focus == Focus::Query || self.focus == Focus::Detail {
            self.focus = Focus::List;
        } else if self.source_filter.is_some() {
            self.source_filter = None;
            self.refilter();
        } else if !self.query.text().is_empty() {
            self.edit_query(|q| q.clear());
        } else {
            return false;
        }
        true
    }

    fn edit_query(&mut self, f: impl FnOnce(&mut super::QueryInput)) {
        self.focus = Focus::Query;
        let before = self.query.text().to_string();
        f(&mut self.query);
        if self.query.text() != before {
            self.refilter();
        }
    }
}

/// A page of `rows` rows: all but one, at least one.
fn page(rows: usize) -> isize {
    rows.saturating_sub(1).max(1) as isize
}
