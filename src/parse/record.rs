//! One JSON record to an [`Article`]: every field name real tools write (see [`keys`]), the
//! value shapes they write them in ([`values`], [`dates`]), the source and URL told apart and a
//! site-name suffix dropped from the listed title ([`site`]), hygiene on every text field, and
//! a stable id when the record has none.
//!
//! | tool | its record |
//! |---|---|
//! | Scrapy items, GeneralNewsExtractor | `title`, `publish_time`, `author`, `content`, `url` |
//! | NewsAPI | `source: {id, name}`, `author`, `title`, `description`, `url`, `publishedAt`, `content` |
//! | news-please | `title`, `date_publish`, `date_modify`, `source_domain`, `authors`, `description`, `maintext` |
//! | trafilatura | `title`, `date`, `source` (the URL), `hostname`, `source-hostname` (site name), `excerpt`, `text`, `raw_text`, `tags` |
//! | IPTC ninjs 1.x | `uri`, `headline`, `byline`, `firstcreated`, `versioncreated`, `body_text`/`body_html`, `description_text`, `subject`, `located` |
//! | IPTC ninjs 2.x, 3.x | `uri`, `headlines[]`, `bodies[]`, `descriptions[]`, `by`, `subjects[]`, `altids`, camelCase keys in 3.x |
//!
//! A record's summary goes to [`Header::summary`]: an article without a body keeps an empty
//! body, and the reader shows the summary in its place.

mod dates;
mod keys;
mod site;
mod values;

use serde_json::Value;

use crate::article::{Article, Body, Header};
use crate::sanitize::{clean_line, needs_no_cleaning};

pub(super) use keys::{ALIASES, BODY_NAMES, Field, Picked, Role, alias_of, body_rank};

/// Builds an article from one parsed JSON record, or says in a few words why it cannot.
pub(super) fn from_value(value: Value) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err("record is not a JSON object".into());
    };
    from_fields(&Picked::of(&record), |body| values::prose_of(body).into())
}

/// Why a record without a title is not loaded.
pub(super) const NO_TITLE: &str = "record has no title";

/// Builds an article from a record's fields filed by name ([`Picked`]); `body` makes the body
/// from the record's body field (`None` when it has none) once the record is known to be
/// good. The JSON Lines fast path ([`super::lazy`]) files the fields itself and leaves the
/// body in the archive's bytes.
pub(super) fn from_fields(
    picked: &Picked<'_>,
    body: impl FnOnce(Option<Field<'_>>) -> Body,
) -> Result<Article, String> {
    let given_title = picked
        .all(Role::Title)
        .map(|f| clean_field(&values::line_text(&f)))
        .find(|t| !t.is_empty())
        .ok_or(NO_TITLE)?;
    let site = site::site_of(picked);
    let date = dates::pick(picked, site.url.as_deref());
    let line = |role| {
        picked
            .all(role)
            .map(|f| clean_field(&values::line_text(&f)))
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    };
    let (title, full_title) = match site::shorten(&given_title, picked, &site) {
        Some(short) => (short, given_title),
        None => (given_title, String::new()),
    };
    let header = Header {
        kicker: line(Role::Kicker),
        subtitle: line(Role::Subtitle),
        author: picked
            .all(Role::Author)
            .map(|f| values::names_of(f.value))
            .find(|n| !n.is_empty())
            .unwrap_or_default(),
        summary: picked
            .all(Role::Summary)
            .map(|f| values::prose_of(Some(f)))
            .find(|s| !s.is_empty())
            .unwrap_or_default(),
        full_title,
    };
    let mut tags = Vec::new();
    for role in [Role::Tags, Role::Category, Role::Located] {
        for field in picked.all(role) {
            values::tags_of(field.value, &mut tags);
        }
    }
    // Kept for the archive's lifetime: no spare capacity (a million articles × a few tags).
    tags.shrink_to_fit();
    let id = picked
        .all(Role::Id)
        .chain(picked.all(Role::AltId))
        .map(|f| values::id_of(f.value))
        .find(|id| !id.is_empty())
        .unwrap_or_default();
    let body = body(picked.first(Role::Body));
    let mut article = Article {
        id,
        title,
        date,
        source: site.source,
        url: site.url,
        body,
        tags,
        header,
    };
    article.settle_id();
    Ok(article)
}

/// [`clean_line`], skipping its work when `text` holds nothing it would change.
fn clean_field(text: &str) -> String {
    if needs_no_cleaning(text) {
        text.trim().to_string()
    } else {
        clean_line(text)
    }
}

#[cfg(test)]
mod tests;
