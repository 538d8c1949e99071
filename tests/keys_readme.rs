//! The README's key table is the binding table: its rows are what
//! `Keymap::default().markdown_table()` writes, so a key added, moved or re-described in
//! `src/keymap/table.rs` fails here until the README says the same.

use juan::keymap::Keymap;

/// The README's key table: the lines from its header row to the first line that is no row.
fn readme_table(readme: &str) -> Option<String> {
    let header = "| where | keys | command | what it does |";
    let start = readme.find(&format!("\n{header}\n"))? + 1;
    let table: Vec<&str> = readme[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    Some(table.join("\n") + "\n")
}

#[test]
fn the_readme_key_table_is_the_binding_table() {
    let readme = include_str!("../README.md");
    let expected = Keymap::default().markdown_table();
    let Some(found) = readme_table(readme) else {
        panic!("README.md has no key table; put this in its Interface section:\n\n{expected}");
    };
    if found != expected {
        let missing: Vec<&str> = expected
            .lines()
            .filter(|l| !found.lines().any(|f| f == *l))
            .collect();
        let extra: Vec<&str> = found
            .lines()
            .filter(|l| !expected.lines().any(|e| e == *l))
            .collect();
        panic!(
            "README.md's key table differs from the binding table.\nrows the README lacks:\n{}\nrows the table does not have:\n{}\n\nthe whole table as it should read:\n\n{expected}",
            missing.join("\n"),
            extra.join("\n")
        );
    }
}

#[test]
fn the_table_is_found_between_other_text() {
    let readme = "text\n\n| where | keys | command | what it does |\n|---|\n| a | b |\nafter\n";
    assert_eq!(
        readme_table(readme).as_deref(),
        Some("| where | keys | command | what it does |\n|---|\n| a | b |\n")
    );
    assert_eq!(readme_table("no table"), None);
}
