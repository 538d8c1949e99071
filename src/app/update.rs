//! [`App::update`]: how each [`Action`] changes the state.

use ratatui::layout::{Position, Rect};

use super::{Action, App, Focus, Geometry, Popup, SourcePicker};
use crate::query::Order;

/// What the status line says after mouse capture is turned off.
pub(crate) const MOUSE_OFF_NOTICE: &str = "mouse off: select text with the mouse";
/// What the status line says after mouse capture is turned on.
pub(crate) const MOUSE_ON_NOTICE: &str = "mouse on: Shift-drag selects text";

impl App {
    /// Applies one action. Returns false when nothing visible changed (no redraw needed).
    /// A notice on the status line lasts until the next thing the user does.
    pub fn update(&mut self, action: Action) -> bool {
        let key = !matches!(action, Action::Resize(..));
        let cleared = key && (self.notice.take().is_some() | self.copied.take().is_some());
        let changed = self.apply(action) | cleared;
        self.after_update(key) | changed
    }

    fn apply(&mut self, action: Action) -> bool {
        if let Popup::Copy(_) = &self.popup {
            return self.copy_action(action);
        }
        if let Popup::Labels(_) = &self.popup {
            return self.label_action(action);
        }
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
        if let Popup::Help(scroll) | Popup::Problems(scroll) = &mut self.popup {
            let page = usize::from(self.geometry.area.height.saturating_sub(3)).max(1);
            match action {
                Action::Quit => self.quit = true,
                Action::Resize(w, h) => self.resize(w, h),
                Action::SelectNext | Action::Scroll(1) => *scroll += 1,
                Action::SelectPrev | Action::Scroll(-1) => *scroll = scroll.saturating_sub(1),
                Action::SelectPageDown | Action::ScrollPageDown => *scroll += page,
                Action::SelectPageUp | Action::ScrollPageUp => {
                    *scroll = scroll.saturating_sub(page)
                }
                Action::SelectFirst | Action::ScrollTop => *scroll = 0,
                Action::ToggleHelp if matches!(self.popup, Popup::Help(_)) => {
                    self.popup = Popup::None
                }
                Action::ToggleHelp => self.popup = Popup::Help(0),
                Action::ToggleProblems if matches!(self.popup, Popup::Problems(_)) => {
                    self.popup = Popup::None
                }
                Action::ToggleProblems => self.popup = Popup::Problems(0),
                Action::Back | Action::Open => self.popup = Popup::None,
                _ => return false,
            }
            return true;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            Action::SelectNext => return self.select_by(1),
            Action::SelectPrev => return self.select_by(-1),
            Action::SelectFirst => return self.select_by(isize::MIN),
            Action::SelectLast => return self.select_by(isize::MAX),
            Action::SelectPageDown => return self.select_by(self.list_page()),
            Action::SelectPageUp => return self.select_by(-self.list_page()),
            Action::Scroll(n) => return self.scroll(|d| d.scroll_by(n)),
            Action::ScrollPageDown => return self.scroll(|d| d.scroll_by(page(d.height()))),
            Action::ScrollPageUp => return self.scroll(|d| d.scroll_by(-page(d.height()))),
            Action::ScrollHalfDown => {
                return self.scroll(|d| d.scroll_by((d.height() / 2).max(1) as isize));
            }
            Action::ScrollHalfUp => {
                return self.scroll(|d| d.scroll_by(-((d.height() / 2).max(1) as isize)));
            }
            Action::ScrollTop => return self.scroll(|d| d.scroll_to_top()),
            Action::ScrollBottom => return self.scroll(|d| d.scroll_to_bottom()),
            Action::Wheel { column, row, down } => return self.wheel(column, row, down),
            Action::Open => self.open(),
            Action::Back => return self.back(),
            Action::ClearOrQuit => self.clear_or_quit(),
            Action::ToggleFocus if self.reader => return false,
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List if self.geometry.detail.area() > 0 => Focus::Detail,
                    _ => Focus::List,
                }
            }
            Action::NextArticle => return self.select_by(1),
            Action::PrevArticle => return self.select_by(-1),
            Action::ToggleOrder => {
                self.order = match self.order {
                    Order::NewestFirst => Order::OldestFirst,
                    Order::OldestFirst => Order::NewestFirst,
                };
                self.refilter();
            }
            Action::OpenSources => {
                let mut picker =
                    SourcePicker::new(self.corpus.sources(), self.source_filter.as_deref());
                if let Some(unread) = self.unread_by_source() {
                    picker.set_unread(&unread);
                }
                self.popup = Popup::Sources(picker)
            }
            Action::ToggleHelp => self.popup = Popup::Help(0),
            Action::ToggleProblems => self.popup = Popup::Problems(0),
            Action::Reload => self.reload = true,
            Action::ToggleMouse => {
                // In the settings, so that a reload (a new App with the same settings) keeps it.
                self.settings.mouse = !self.settings.mouse;
                self.notice = Some(if self.settings.mouse {
                    MOUSE_ON_NOTICE
                } else {
                    MOUSE_OFF_NOTICE
                });
            }
            Action::FocusQuery => {
                if self.reader {
                    self.back();
                }
                self.focus = Focus::List;
            }
            Action::QueryInsert(s) => self.type_query(|q| q.insert(&s)),
            Action::QueryBackspace => self.type_query(|q| q.backspace()),
            Action::QueryDelete => self.type_query(|q| q.delete()),
            Action::QueryDeleteWord => self.type_query(|q| q.delete_word()),
            Action::QueryClear => self.type_query(|q| q.clear()),
            Action::QueryLeft => self.query.left(),
            Action::QueryRight => self.query.right(),
            Action::QueryHome => self.query.home(),
            Action::QueryEnd => self.query.end(),
            Action::FindStart => return self.find_start(),
            Action::FindInsert(s) => return self.find_edit(|q| q.insert(&s)),
            Action::FindBackspace => return self.find_edit(|q| q.backspace()),
            Action::FindDeleteWord => return self.find_edit(|q| q.delete_word()),
            Action::FindClear => return self.find_edit(|q| q.clear()),
            Action::FindRun => return self.find_run(),
            Action::FindCancel => return self.find_cancel(),
            Action::NextMatch => return self.step_match(true),
            Action::PrevMatch => return self.step_match(false),
            Action::PrevPeriod => return self.select_period(-1),
            Action::NextPeriod => return self.select_period(1),
            Action::OpenCopy => return self.open_copy(),
            Action::Copy(_) | Action::CopyChosen => return false,
            Action::ToggleRead => return self.toggle_read(),
            Action::ToggleStar => return self.toggle_star(),
            Action::OpenLabels => return self.open_labels(),
            Action::LabelInsert(_)
            | Action::LabelBackspace
            | Action::LabelDeleteWord
            | Action::LabelClear
            | Action::LabelToggle => return false,
        }
        true
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        self.geometry = Geometry::split(area, self.reader, self.list_percent);
        self.fit_timeline();
        if self.geometry.detail.area() == 0 && self.focus == Focus::Detail {
            self.focus = Focus::List;
        }
        self.sync();
    }

    fn list_page(&self) -> isize {
        page(usize::from(Geometry::inner(self.geometry.list).height))
    }

    /// Moves the selection; false when it could not move (nothing to redraw).
    fn select_by(&mut self, delta: isize) -> bool {
        let before = self.selected;
        let hold = self.preview_rest && !self.reader;
        if hold && !self.preview_held {
            self.held_position = self.selected;
        }
        self.preview_held |= hold;
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.hits.len().saturating_sub(1));
        self.preview_moved |= hold && self.selected != before;
        self.sync();
        self.selected != before
    }

    /// Selects the first listed match of the previous (`direction` < 0) or next period with
    /// matches on the timeline; false when there is none.
    fn select_period(&mut self, direction: isize) -> bool {
        match self.period_target(direction) {
            Some(to) => self.select_by(to as isize - self.selected as isize),
            None => false,
        }
    }

    /// Scrolls the article; false when it could not move (nothing to redraw).
    fn scroll(&mut self, f: impl FnOnce(&mut super::Detail)) -> bool {
        match &mut self.detail {
            Some(d) => {
                let before = d.top();
                f(d);
                d.top() != before
            }
            None => false,
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) -> bool {
        let at = Position::new(column, row);
        let step = if down { 3 } else { -3 };
        if self.geometry.detail.contains(at) {
            self.scroll(|d| d.scroll_by(step))
        } else if self.geometry.list.contains(at) {
            self.select_by(step)
        } else {
            false
        }
    }

    pub(super) fn open(&mut self) {
        if self.hits.is_empty() {
            return;
        }
        self.reader = true;
        self.preview_held = false;
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
        } else if self.focus == Focus::Detail {
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

    /// Esc in the list: clears the query, else the source filter, else quits.
    fn clear_or_quit(&mut self) {
        if !self.query.text().is_empty() {
            self.edit_query(|q| q.clear());
        } else if self.source_filter.is_some() {
            self.source_filter = None;
            self.refilter();
        } else {
            self.quit = true;
        }
    }

    /// An edit typed into the query line: the line takes focus.
    fn type_query(&mut self, f: impl FnOnce(&mut super::QueryInput)) {
        self.focus = Focus::List;
        self.edit_query(f);
    }

    fn edit_query(&mut self, f: impl FnOnce(&mut super::QueryInput)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::geometry::Arrangement;
    use crate::article::Article;
    use crate::date::Date;

    fn art(id: &str, title: &str, date: &str, source: &str) -> Article {
        let body = (0..30)
            .map(|i| format!("{title}第{i}段正文。"))
            .collect::<Vec<_>>()
            .join("\n");
        Article {
            id: id.into(),
            title: title.into(),
            date: Date::from_text(date),
            source: source.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    fn app(w: u16, h: u16) -> App {
        let arts = vec![
            art("a", "长春下雪了", "2020-01-01", "甲报"),
            art("b", "北京地铁新线开通", "2021-01-01", "乙报"),
            art("c", "长春人大开会", "2019-01-01", "甲报"),
            art("d", "上海天气晴", "2022-01-01", "丙报"),
        ];
        App::of_articles(arts, w, h)
    }

    #[test]
    fn the_article_pane_waits_for_the_selection_to_rest_when_asked() {
        let article = |app: &App| app.detail().map(|d| d.article());
        let mut a = app(140, 40);
        assert_eq!(article(&a), Some(a.hits()[0].article()));
        a.update(Action::SelectNext);
        assert_eq!(
            article(&a),
            Some(a.hits()[1].article()),
            "at once by default"
        );
        a.set_preview_rest(true);
        a.update(Action::SelectNext);
        a.update(Action::SelectNext);
        assert!(a.preview_held());
        assert_eq!(
            article(&a),
            Some(a.hits()[1].article()),
            "the pane keeps its article"
        );
        assert_eq!(a.detail_position(), 1, "and its place in the list");
        assert!(a.release_preview());
        assert_eq!(article(&a), Some(a.hits()[3].article()));
        assert_eq!(a.detail_position(), 3);
        assert!(!a.release_preview(), "nothing left to show");
        a.update(Action::SelectPrev);
        a.update(Action::Open);
        assert!(!a.preview_held());
        assert_eq!(
            article(&a),
            Some(a.hits()[2].article()),
            "the reader opens the selected one"
        );
        a.update(Action::NextArticle);
        assert_eq!(
            article(&a),
            Some(a.hits()[3].article()),
            "in the reader, at once"
        );
    }

    fn ids(app: &App) -> Vec<String> {
        app.hits().iter().map(|h| app.article(h).id).collect()
    }

    fn selected_id(app: &App) -> String {
        app.article(&app.hits()[app.selected()]).id
    }

    #[test]
    fn newest_first_then_oldest_first() {
        let mut app = app(80, 24);
        assert_eq!(ids(&app), ["d", "b", "a", "c"]);
        app.update(Action::ToggleOrder);
        assert_eq!(ids(&app), ["c", "a", "b", "d"]);
    }

    #[test]
    fn the_selection_follows_its_article_through_filters() {
        let mut app = app(80, 24);
        app.update(Action::SelectNext);
        app.update(Action::SelectNext);
        assert_eq!(selected_id(&app), "a");
        app.update(Action::QueryInsert("长".into()));
        assert_eq!(ids(&app).len(), 2);
        assert_eq!(selected_id(&app), "a");
        app.update(Action::QueryInsert("春人".into()));
        assert_eq!(ids(&app), ["c"]);
        assert_eq!(selected_id(&app), "c");
        app.update(Action::QueryClear);
        assert_eq!(ids(&app).len(), 4);
        assert_eq!(selected_id(&app), "c");
    }

    #[test]
    fn escape_clears_the_query_typed_in_the_list() {
        let mut app = app(80, 24);
        app.update(Action::QueryInsert("北京".into()));
        assert_eq!(app.focus(), Focus::List);
        assert!(app.update(Action::Back));
        assert_eq!(app.query().text(), "");
        assert_eq!(ids(&app).len(), 4);
        assert!(!app.update(Action::Back), "nothing left to undo");
    }

    #[test]
    fn source_picker_filters_and_escape_clears() {
        let mut app = app(80, 24);
        app.update(Action::OpenSources);
        app.update(Action::Open);
        assert_eq!(app.source_filter(), Some("甲报"));
        assert_eq!(ids(&app), ["a", "c"]);
        app.update(Action::Back);
        assert_eq!(ids(&app).len(), 4);
    }

    #[test]
    fn reader_opens_full_screen_and_next_article_moves_on() {
        let mut app = app(80, 24);
        app.update(Action::Open);
        assert_eq!(app.geometry().arrangement, Arrangement::ReaderOnly);
        assert_eq!(app.detail().unwrap().article(), 3);
        app.update(Action::ScrollPageDown);
        assert!(app.detail().unwrap().top() > 0);
        app.update(Action::NextArticle);
        assert_eq!(app.detail().unwrap().article(), 1);
        assert_eq!(
            app.detail().unwrap().top(),
            0,
            "a new article opens at its start"
        );
        app.update(Action::Back);
        assert_eq!(app.geometry().arrangement, Arrangement::Stacked);
        assert_eq!(app.focus(), Focus::List);
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = app(130, 40);
        let g = *app.geometry();
        assert!(app.update(Action::Wheel {
            column: g.detail.x + 2,
            row: g.detail.y + 2,
            down: true
        }));
        assert_eq!(app.detail().unwrap().top(), 3);
        assert_eq!(app.selected(), 0);
        assert!(app.update(Action::Wheel {
            column: g.list.x + 2,
            row: g.list.y + 2,
            down: true
        }));
        assert_eq!(app.selected(), 3);
        assert!(
            !app.update(Action::Wheel {
                column: 0,
                row: 0,
                down: true
            }),
            "the query line does not scroll"
        );
    }

    #[test]
    fn the_mouse_key_toggles_capture_and_says_so_until_the_next_key() {
        let mut app = app(80, 24);
        assert!(app.mouse_capture());
        assert_eq!(app.notice(), None);
        assert!(app.update(Action::ToggleMouse));
        assert!(!app.mouse_capture());
        assert_eq!(app.notice(), Some("mouse off: select text with the mouse"));
        // A resize is no key: the notice stays.
        app.update(Action::Resize(100, 30));
        assert_eq!(app.notice(), Some(MOUSE_OFF_NOTICE));
        assert!(app.update(Action::ToggleMouse));
        assert!(app.mouse_capture());
        assert_eq!(app.notice(), Some("mouse on: Shift-drag selects text"));
        // The next key clears it, and the screen is redrawn without it even when the key
        // itself changes nothing.
        assert!(app.update(Action::SelectPrev));
        assert_eq!(app.notice(), None);
        assert!(!app.update(Action::SelectPrev));
        assert!(app.mouse_capture());
    }

    #[test]
    fn tiny_terminals_do_not_panic() {
        let mut app = app(80, 24);
        app.update(Action::Open);
        for (w, h) in [(1, 1), (0, 0), (2, 1), (20, 5), (1, 40), (300, 2)] {
            app.update(Action::Resize(w, h));
            app.update(Action::ScrollBottom);
            app.update(Action::SelectNext);
        }
    }
}
