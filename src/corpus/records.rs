//! [`Records`]: where the rest of each article is — its URL, tags and body (the id is in the
//! chunk's index) — which only opening an article (or a `body:` term, or `--json`) needs. An
//! article whose body was left in a mapped JSON Lines file costs 8 bytes here: the place of
//! its line, read again when asked for ([`crate::parse::record_at`]). Any other article is
//! kept in memory.
//!
//! A line that no longer reads back as it was loaded (its file changed under juan) is noted
//! here ([`read_back_changed`]), for `archive::changed_on_disk` to report: the corpus knows
//! nothing of files, and the layer that loads them reads the note.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::article::{Article, Body, Header, SharedBytes};
use crate::column::Column;
use crate::column::codec::{Decoder, Encoder};
use crate::parse::record_at;
use crate::sanitize::has_terminal_controls;

/// Set in a place that indexes [`Records::kept`] instead of naming a line.
const KEPT: u64 = 1 << 63;
/// Bits of a line's byte offset; the bits above (below [`KEPT`]) name its bytes' slot.
const OFFSET_BITS: u32 = 48;

/// A scratch buffer grown past this by one huge body is given back after the read.
const SCRATCH_KEPT_BYTES: usize = 1 << 20;
/// How much of a long body literal a search reads first ([`Records::body_holds`]): a hit
/// shown there needs no more. Literals of up to twice this are read whole at once.
const PEEK_BYTES: usize = 4 << 10;

/// Set when an article's line read back did not match what loading recorded.
static READ_BACK_CHANGED: AtomicBool = AtomicBool::new(false);

/// True once an article's line, read again when the article was opened, did not read back
/// as it was loaded: its archive changed under juan (cut short, edited, records moved).
pub(crate) fn read_back_changed() -> bool {
    READ_BACK_CHANGED.load(Ordering::Relaxed)
}

/// Forgets that a line did not read back (a new load begins).
pub(crate) fn forget_read_back_changed() {
    READ_BACK_CHANGED.store(false, Ordering::Relaxed);
}

/// The fields of an article kept in memory, besides those its chunk's index holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rest {
    /// [`Article::url`].
    pub(crate) url: Option<String>,
    /// [`Article::body`].
    pub(crate) body: Body,
    /// [`Article::tags`].
    pub(crate) tags: Vec<String>,
    /// [`Article::header`].
    pub(crate) header: Header,
}

/// The rest of every article of a chunk, by local number.
#[derive(Clone, Default)]
pub(crate) struct Records {
    /// Per article: [`KEPT`] | an index into `kept`, or slot << [`OFFSET_BITS`] | the byte
    /// where its line starts in `shared[slot]`.
    places: Column<u64>,
    /// Per article: the [`line_check`] of its line as loaded (0 for a kept article), so a
    /// line read again is known to be the same.
    checks: Column<u32>,
    /// Per article: where its body's JSON literal lies in its line, `offset << 32 | length`
    /// (0 for a kept article), so a search verifies a body without parsing the record.
    literals: Column<u64>,
    /// The bytes lines lie in.
    shared: Vec<SharedBytes>,
    /// Articles whose rest is kept in memory.
    kept: Vec<Rest>,
}

impl std::fmt::Debug for Records {
    /// A summary: how many places, byte slots and kept articles.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("places", &self.places.len())
            .field("slots", &self.shared.len())
            .field("kept", &self.kept.len())
            .finish()
    }
}

impl Records {
    /// The records of `articles`, consumed (their titles, dates and sources are dropped:
    /// the chunk's index holds them).
    pub(crate) fn build(articles: Vec<Article>) -> Records {
        let mut out = Records::default();
        let mut places = Vec::with_capacity(articles.len());
        let mut checks = Vec::with_capacity(articles.len());
        let mut literals = Vec::with_capacity(articles.len());
        for a in articles {
            checks.push(a.body.lazy_record().map_or(0, |(_, _, check)| check));
            literals.push(a.body.literal_span().map_or(0, |(offset, len)| {
                match (u32::try_from(offset), u32::try_from(len)) {
                    (Ok(o), Ok(l)) => u64::from(o) << 32 | u64::from(l),
                    _ => 0,
                }
            }));
            let place = out.line_of(&a).unwrap_or_else(|| {
                out.kept.push(Rest {
                    url: a.url,
                    body: a.body,
                    tags: a.tags,
                    header: a.header,
                });
                KEPT | (out.kept.len() - 1) as u64
            });
            places.push(place);
        }
        out.places = places.into();
        out.checks = checks.into();
        out.literals = literals.into();
        out
    }

    /// The place of `a`'s line when its body is lazy, and so its line reads back as `a`
    /// (the lazy reader made it from that line). The body says where the line starts, so
    /// the archive's pages, dropped from memory once parsed, are not touched again.
    fn line_of(&mut self, a: &Article) -> Option<u64> {
        let (bytes, start, _) = a.body.lazy_record()?;
        if start as u64 >= 1 << OFFSET_BITS {
            return None;
        }
        // Articles come file by file: a new file's bytes get the next slot.
        let slot = match self.shared.last() {
            Some(last) if Arc::ptr_eq(last, bytes) => self.shared.len() - 1,
            _ if self.shared.len() < 1 << 15 => {
                self.shared.push(bytes.clone());
                self.shared.len() - 1
            }
            _ => return None,
        };
        Some((slot as u64) << OFFSET_BITS | start as u64)
    }

    /// Appends the records to `e`; `None` (and nothing sound written) when their lines lie
    /// in more than one file's bytes, which a cache of one file never holds.
    pub(crate) fn encode(&self, e: &mut Encoder) -> Option<()> {
        if self.shared.len() > 1 {
            return None;
        }
        e.column(&self.places);
        e.column(&self.checks);
        e.column(&self.literals);
        e.u64(self.kept.len() as u64);
        for rest in &self.kept {
            match &rest.url {
                Some(url) => {
                    e.u64(1);
                    e.str(url);
                }
                None => e.u64(0),
            }
            e.str(&rest.body.text());
            e.u64(rest.tags.len() as u64);
            for tag in &rest.tags {
                e.str(tag);
            }
            let h = &rest.header;
            for field in [&h.kicker, &h.subtitle, &h.author, &h.summary, &h.full_title] {
                e.str(field);
            }
        }
        Some(())
    }

    /// Reads records written by [`Records::encode`] for `n` articles whose lines lie in
    /// `file`; `None` when the bytes are not such records.
    pub(crate) fn decode(d: &mut Decoder, n: usize, file: &SharedBytes) -> Option<Records> {
        let places: Column<u64> = d.column()?;
        let checks: Column<u32> = d.column()?;
        let literals: Column<u64> = d.column()?;
        let mut kept = Vec::new();
        for _ in 0..d.count()? {
            let url = match d.u64()? {
                0 => None,
                1 => Some(d.str()?.to_string()),
                _ => return None,
            };
            let body = Body::text_of(d.str()?.to_string());
            let tags: Option<Vec<String>> =
                (0..d.count()?).map(|_| Some(d.str()?.into())).collect();
            let tags = tags?;
            let mut field = || Some(d.str()?.to_string());
            let header = Header {
                kicker: field()?,
                subtitle: field()?,
                author: field()?,
                summary: field()?,
                full_title: field()?,
            };
            kept.push(Rest {
                url,
                body,
                tags,
                header,
            });
        }
        // Whatever a cache file holds, no control character reaches the terminal from it.
        let printable = |r: &Rest| {
            let h = &r.header;
            let fields = [&h.kicker, &h.subtitle, &h.author, &h.summary, &h.full_title];
            !has_terminal_controls(r.body.text().as_bytes(), true)
                && r.url
                    .iter()
                    .chain(&r.tags)
                    .chain(fields)
                    .all(|s| !has_terminal_controls(s.as_bytes(), false))
        };
        if !kept.iter().all(printable) {
            return None;
        }
        let file_len = (file.as_ref().as_ref().len()) as u64;
        let sound = places.len() == n
            && checks.len() == n
            && literals.len() == n
            && places.iter().all(|&p| {
                if p & KEPT != 0 {
                    ((p & !KEPT) as usize) < kept.len()
                } else {
                    p >> OFFSET_BITS == 0 && p < file_len
                }
            });
        sound.then(|| Records {
            places,
            checks,
            literals,
            shared: vec![file.clone()],
            kept,
        })
    }

    /// The articles kept in memory.
    #[cfg(test)]
    pub(crate) fn kept(&self) -> &[Rest] {
        &self.kept
    }

    /// How many articles.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.places.len()
    }

    /// Article `i`'s id, URL, body and tags; the article of a line that no longer reads
    /// back as it was loaded (its file changed under juan: cut short, edited, records moved)
    /// gets a body saying so, never another record's text, and [`read_back_changed`] turns
    /// true.
    pub(crate) fn rest(&self, i: usize) -> Cow<'_, Rest> {
        let place = self.places[i];
        if place & KEPT != 0 {
            return match self.kept.get((place & !KEPT) as usize) {
                Some(rest) => Cow::Borrowed(rest),
                None => Cow::Owned(Rest::default()),
            };
        }
        let slot = (place >> OFFSET_BITS) as usize;
        let start = (place & ((1 << OFFSET_BITS) - 1)) as usize;
        let check = self.checks.get(i).copied().unwrap_or(0);
        let article = self
            .shared
            .get(slot)
            .and_then(|bytes| record_at(bytes, start))
            .filter(|a| a.body.lazy_record().map(|(_, _, c)| c) == Some(check));
        if article.is_none() {
            READ_BACK_CHANGED.store(true, Ordering::Relaxed);
        }
        Cow::Owned(match article {
            Some(a) => Rest {
                url: a.url,
                body: a.body,
                tags: a.tags,
                header: a.header,
            },
            None => Rest {
                body: Body::text_of("[this article changed on disk since juan loaded it: press R to load the archive again]".into()),
                ..Rest::default()
            },
        })
    }

    /// Lets the pages of the archive bytes its lines lie in go from juan's resident memory
    /// (a mapped file reads them again when next touched): after the body index's build has
    /// read every body once, so that building ten million articles' index does not keep the
    /// whole archive mapped in. Lines kept in memory are left as they are.
    pub(crate) fn release_pages(&self) {
        let mut spans: Vec<Option<std::ops::Range<usize>>> = vec![None; self.shared.len()];
        for (&place, &literal) in self.places.iter().zip(self.literals.iter()) {
            if place & KEPT != 0 {
                continue;
            }
            let slot = (place >> OFFSET_BITS) as usize;
            let start = (place & ((1 << OFFSET_BITS) - 1)) as usize;
            // The line reaches at least past its body's literal.
            let end = start + (literal >> 32) as usize + (literal & 0xFFFF_FFFF) as usize + 1;
            if let Some(span) = spans.get_mut(slot) {
                let grown = span
                    .take()
                    .map_or(start..end, |s| s.start.min(start)..s.end.max(end));
                *span = Some(grown);
            }
        }
        for (bytes, span) in self.shared.iter().zip(spans) {
            if let Some(span) = span {
                bytes.release_range(span);
            }
        }
    }

    /// Article `i`'s body text: decoded straight from its literal when its line reads back
    /// as it was loaded (the body index's build reads every body, and the rest of the record
    /// was a fifth of its cost), else the body [`Records::rest`] gives.
    pub(crate) fn body(&self, i: usize) -> String {
        self.body_from_literal(i)
            .unwrap_or_else(|| self.rest(i).body.text().into_owned())
    }

    /// Article `i`'s body decoded from its literal, when its body is lazy and its line is
    /// unchanged: the line [`crate::parse::record_at`] would read, with the check loading
    /// recorded for it (a line with a lone `\r`, which that splits, is left to it).
    pub(super) fn body_from_literal(&self, i: usize) -> Option<String> {
        let span = *self.literals.get(i)?;
        let place = self.places[i];
        if span == 0 || place & KEPT != 0 {
            return None;
        }
        let data: &[u8] = self
            .shared
            .get((place >> OFFSET_BITS) as usize)?
            .as_ref()
            .as_ref();
        let rest = data.get((place & ((1 << OFFSET_BITS) - 1)) as usize..)?;
        let (start, len) = ((span >> 32) as usize, (span & 0xFFFF_FFFF) as usize);
        // Still quoted where it was, before the line's end is looked for: a file cut short
        // reads as zeros from the cut, and the end would be sought through all of them.
        let literal = rest.get(start..start + len)?;
        if literal.first() != Some(&b'"') || literal.last() != Some(&b'"') {
            return None;
        }
        let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let unchanged = line.len() >= start + len
            && memchr::memchr(b'\r', line).is_none()
            && Some(crate::article::line_check(line)) == self.checks.get(i).copied();
        unchanged.then(|| crate::article::decode_literal(literal))
    }

    /// Whether article `i`'s folded body holds the probe's term: seen in the archive's raw
    /// bytes when it can be ([`crate::fulltext::Probe::holds`]), else decoded and folded.
    pub(crate) fn body_holds(&self, i: usize, probe: &crate::fulltext::Probe) -> bool {
        thread_local! {
            /// Where a body read from its file lands ([`crate::article::Stored::read`]).
            static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        SCRATCH.with_borrow_mut(|scratch| {
            // A long body's first bytes first: most hits show there, and the rest is not read.
            let peeked = self.literal_len(i) > 2 * PEEK_BYTES
                && self
                    .literal_bytes(i, PEEK_BYTES, scratch)
                    .is_some_and(|prefix| probe.shown_in_prefix(prefix));
            if peeked {
                return true;
            }
            let holds = probe.holds(self.literal(i, scratch), || self.body(i));
            if scratch.capacity() > SCRATCH_KEPT_BYTES {
                *scratch = Vec::new();
            }
            holds
        })
    }

    /// Article `i`'s body literal as it lies in the archive, without its quotes, when its
    /// body is lazy and the bytes there still look like one (a search's quick look: opening
    /// the article checks its whole line); read into `scratch` or borrowed, as its bytes
    /// choose ([`crate::article::Stored::read`]).
    fn literal<'a>(&'a self, i: usize, scratch: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        let raw = self.literal_bytes(i, usize::MAX, scratch)?;
        raw.strip_suffix(b"\"")
    }

    /// Bytes of article `i`'s body literal as it lies in the archive, its opening quote
    /// stripped (the closing one kept when read): at most `most` of them.
    fn literal_bytes<'a>(
        &'a self,
        i: usize,
        most: usize,
        scratch: &'a mut Vec<u8>,
    ) -> Option<&'a [u8]> {
        let span = *self.literals.get(i)?;
        let place = self.places[i];
        if span == 0 || place & KEPT != 0 {
            return None;
        }
        let bytes = self.shared.get((place >> OFFSET_BITS) as usize)?;
        let start = (place & ((1 << OFFSET_BITS) - 1)) as usize + (span >> 32) as usize;
        let len = ((span & 0xFFFF_FFFF) as usize).min(most.saturating_add(1));
        bytes.read(start..start + len, scratch)?.strip_prefix(b"\"")
    }

    /// The length of article `i`'s body literal in the archive (0 when it has none there).
    fn literal_len(&self, i: usize) -> usize {
        let span = self.literals.get(i).copied().unwrap_or(0);
        (span & 0xFFFF_FFFF) as usize
    }

    /// Bytes of memory the places and kept articles take (roughly, for the latter).
    pub(crate) fn byte_len(&self) -> usize {
        self.places.byte_len()
            + self.checks.byte_len()
            + self.literals.byte_len()
            + self
                .kept
                .iter()
                .map(|r| {
                    std::mem::size_of::<Rest>()
                        + r.url.as_ref().map_or(0, String::len)
                        + r.body.resident_bytes()
                        + r.tags.iter().map(String::len).sum::<usize>()
                        + r.header.byte_len()
                })
                .sum::<usize>()
    }
}
