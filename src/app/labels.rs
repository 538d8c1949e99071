//! The label picker: a small window over the panes for one article's labels (names the user
//! gives, such as `第三章`, any number per article). A line takes typed text; under it the
//! labels in use that contain it (the article's own first, ticked, then the others by how
//! many articles carry them), and when the text is no label yet, "new label" last (so Enter
//! completes what is typed to a label in use first; Down reaches the new one). Enter adds
//! the selected label to the article, or removes it when the article has it, and empties the
//! line, so several can be added in a row; Esc closes the picker.
//!
//! While it is open every key is picker text or edits it (`keymap` says which), as in the
//! reader's find prompt.

use std::collections::BTreeSet;

use super::{Action, App, Popup, QueryInput};
use crate::state::Change;

/// One line of the picker under the text line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LabelEntry {
    /// The typed text, which no article carries yet: Enter adds it.
    New(String),
    /// A label in use: `carried` when this article has it, `count` articles in all.
    Known {
        /// The label.
        name: String,
        /// Articles that carry it.
        count: usize,
        /// This article carries it.
        carried: bool,
    },
}

/// The label picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LabelPicker {
    /// The article's number.
    article: usize,
    /// Its id.
    id: String,
    /// Its title (the window's title).
    title: String,
    /// What is typed.
    input: QueryInput,
    /// The article's labels.
    carried: BTreeSet<String>,
    /// Every label in use and how many articles carry it.
    known: Vec<(String, usize)>,
    /// What the picker lists for the text typed.
    entries: Vec<LabelEntry>,
    /// The selected entry.
    selected: usize,
}

impl LabelPicker {
    /// The line being typed.
    pub(crate) fn input(&self) -> &QueryInput {
        &self.input
    }

    /// The article's title.
    pub(crate) fn title(&self) -> &str {
        &self.title
    }

    /// The entries listed, in order.
    pub(crate) fn entries(&self) -> &[LabelEntry] {
        &self.entries
    }

    /// The index of the selected entry.
    pub(crate) fn selected(&self) -> usize {
        self.selected
    }

    /// The labels the article carries.
    #[cfg(test)]
    pub(crate) fn carried(&self) -> &BTreeSet<String> {
        &self.carried
    }

    /// Lists the labels that match what is typed (see the module docs for the order).
    fn refresh(&mut self) {
        let typed = label_text(self.input.text());
        let folded = typed.to_lowercase();
        let mut entries: Vec<LabelEntry> = self
            .known
            .iter()
            .filter(|(name, _)| name.to_lowercase().contains(&folded))
            .map(|(name, count)| LabelEntry::Known {
                name: name.clone(),
                count: *count,
                carried: self.carried.contains(name),
            })
            .collect();
        entries.sort_by(|a, b| match (a, b) {
            (
                LabelEntry::Known {
                    name: an,
                    count: ac,
                    carried: ak,
                },
                LabelEntry::Known {
                    name: bn,
                    count: bc,
                    carried: bk,
                },
            ) => bk.cmp(ak).then(bc.cmp(ac)).then(an.cmp(bn)),
            _ => std::cmp::Ordering::Equal,
        });
        if !typed.is_empty() && !self.known.iter().any(|(name, _)| *name == typed) {
            entries.push(LabelEntry::New(typed));
        }
        self.entries = entries;
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

/// A label as typed: cleaned of control characters, runs of white space made one space,
/// trimmed.
fn label_text(typed: &str) -> String {
    crate::sanitize::clean_line(typed)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl App {
    /// The label picker for the article a mark key is about (the one being read, else the
    /// selected one); false when there is none.
    pub(super) fn open_labels(&mut self) -> bool {
        let Some(article) = self.mark_target() else {
            return false;
        };
        let id = self.id_of(article);
        let carried = self
            .memory()
            .get(&id)
            .map(|m| m.labels.clone())
            .unwrap_or_default();
        let mut picker = LabelPicker {
            article,
            title: self.corpus.title(article).to_string(),
            id,
            input: QueryInput::default(),
            carried,
            known: Vec::new(),
            entries: Vec::new(),
            selected: 0,
        };
        picker.known = self.known_labels();
        picker.refresh();
        self.popup = Popup::Labels(picker);
        true
    }

    /// Every label in use with its count, by name.
    fn known_labels(&self) -> Vec<(String, usize)> {
        self.memory()
            .labels()
            .into_iter()
            .map(|(name, n)| (name.to_string(), n))
            .collect()
    }

    /// An action while the label picker is open; false when it changed nothing.
    pub(super) fn label_action(&mut self, action: Action) -> bool {
        let Popup::Labels(picker) = &mut self.popup else {
            return false;
        };
        let edit = |picker: &mut LabelPicker, f: &dyn Fn(&mut QueryInput)| {
            f(&mut picker.input);
            picker.selected = 0;
            picker.refresh();
        };
        match action {
            Action::LabelInsert(s) => edit(picker, &|q| q.insert(&s)),
            Action::LabelBackspace => edit(picker, &|q| q.backspace()),
            Action::LabelDeleteWord => edit(picker, &|q| q.delete_word()),
            Action::LabelClear => edit(picker, &|q| q.clear()),
            Action::SelectNext => picker.move_by(1),
            Action::SelectPrev => picker.move_by(-1),
            Action::SelectPageDown => picker.move_by(10),
            Action::SelectPageUp => picker.move_by(-10),
            Action::LabelToggle => return self.toggle_label(),
            Action::Back | Action::OpenLabels => self.popup = Popup::None,
            Action::Quit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            _ => return false,
        }
        true
    }

    /// Enter in the picker: the selected label added to the article or taken off it.
    fn toggle_label(&mut self) -> bool {
        let Popup::Labels(picker) = &self.popup else {
            return false;
        };
        let (label, on) = match picker.entries.get(picker.selected) {
            Some(LabelEntry::New(name)) => (name.clone(), true),
            Some(LabelEntry::Known { name, carried, .. }) => (name.clone(), !carried),
            None => return false,
        };
        let (article, id) = (picker.article, picker.id.clone());
        self.change(
            article,
            Change::Label {
                id: id.clone(),
                label,
                on,
            },
        );
        let known = self.known_labels();
        let carried = self
            .memory()
            .get(&id)
            .map(|m| m.labels.clone())
            .unwrap_or_default();
        if let Popup::Labels(picker) = &mut self.popup {
            picker.known = known;
            picker.carried = carried;
            picker.input.clear();
            picker.selected = 0;
            picker.refresh();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn app() -> App {
        let arts = ["a", "b", "c"]
            .iter()
            .map(|id| Article {
                id: id.to_string(),
                title: format!("标题{id}"),
                body: "正文。".into(),
                ..Default::default()
            })
            .collect();
        App::of_articles(arts, 80, 24)
    }

    fn picker(app: &App) -> &LabelPicker {
        match app.popup() {
            Popup::Labels(p) => p,
            other => panic!("no label picker: {other:?}"),
        }
    }

    fn typed(app: &mut App, text: &str) {
        app.update(Action::LabelInsert(text.into()));
    }

    #[test]
    fn the_picker_adds_new_labels_completes_known_ones_and_removes() {
        let mut app = app();
        app.update(Action::OpenLabels);
        assert!(picker(&app).entries().is_empty());
        typed(&mut app, "  第三 章 ");
        assert_eq!(picker(&app).entries(), [LabelEntry::New("第三 章".into())]);
        app.update(Action::LabelClear);
        typed(&mut app, "第三章");
        app.update(Action::LabelToggle);
        assert_eq!(picker(&app).input().text(), "", "the line empties");
        typed(&mut app, "待查");
        app.update(Action::LabelToggle);
        app.update(Action::Back);
        assert_eq!(app.popup(), &Popup::None);
        let id = app.id_of(app.hits()[0].article());
        let labels: Vec<&str> = app
            .memory()
            .get(&id)
            .unwrap()
            .labels
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(labels, ["待查", "第三章"]);
        assert_eq!(app.take_changes().len(), 2);
        // Another article: both complete, by what is typed, the article's own first.
        app.update(Action::SelectNext);
        app.update(Action::OpenLabels);
        typed(&mut app, "第三");
        assert_eq!(
            picker(&app).entries(),
            [
                LabelEntry::Known {
                    name: "第三章".into(),
                    count: 1,
                    carried: false
                },
                LabelEntry::New("第三".into())
            ]
        );
        app.update(Action::LabelToggle);
        app.update(Action::LabelClear);
        let entries = picker(&app).entries().to_vec();
        assert_eq!(
            entries,
            [
                LabelEntry::Known {
                    name: "第三章".into(),
                    count: 2,
                    carried: true
                },
                LabelEntry::Known {
                    name: "待查".into(),
                    count: 1,
                    carried: false
                },
            ]
        );
        // Enter on a label the article has takes it off.
        app.update(Action::LabelToggle);
        assert!(picker(&app).carried().is_empty());
        let changes = app.take_changes();
        assert_eq!(changes.len(), 2);
        assert!(matches!(&changes[1], Change::Label { on: false, label, .. } if label == "第三章"));
    }

    #[test]
    fn keys_in_the_picker_never_reach_the_list() {
        let mut app = app();
        app.update(Action::OpenLabels);
        assert!(!app.update(Action::ToggleOrder));
        assert!(app.update(Action::SelectNext));
        assert_eq!(app.selected(), 0, "the list's selection stays");
        assert!(matches!(app.popup(), Popup::Labels(_)));
    }
}
