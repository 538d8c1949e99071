//! From what the reader reads to [`Input`]s: an unbracketed paste is taken whole ([`burst`]),
//! everything else goes through the parser a byte at a time, keeping an incomplete sequence
//! (a bracketed paste, a CSI cut by the read) for the next read.

use std::time::Instant;

use crossterm::event::Event;

use super::Input;
use super::burst;
use super::parse::{Invalid, Parsed, normalise_newlines, parse_event};

const ESC: u8 = 0x1B;

/// The decoding state kept between reads.
#[derive(Debug, Default)]
pub(super) struct Decoder {
    /// The bytes of a sequence not complete yet.
    pending: Vec<u8>,
    /// When the last read taken for an unbracketed paste arrived.
    paste_at: Option<Instant>,
}

impl Decoder {
    /// Decodes what one wake-up read, arrived at `now`; `more` is true when the reader
    /// stopped before the terminal had nothing more to give (so a lone ESC at the end may
    /// begin a sequence).
    pub(super) fn feed(&mut self, bytes: &[u8], more: bool, now: Instant) -> Vec<Input> {
        let mut out = Vec::new();
        if bytes.is_empty() {
            return out;
        }
        if self.pending.is_empty()
            && let Some(text) = burst::as_text(bytes)
        {
            let continues = self
                .paste_at
                .is_some_and(|at| now.saturating_duration_since(at) <= burst::PASTE_GAP);
            if continues || burst::is_paste(text) {
                self.paste_at = Some(now);
                out.push(Input::Event(Event::Paste(normalise_newlines(text))));
                return out;
            }
        }
        self.paste_at = None;
        for (index, &byte) in bytes.iter().enumerate() {
            self.pending.push(byte);
            self.step(index + 1 < bytes.len() || more, &mut out);
        }
        out
    }

    /// Parses the pending bytes after one more was added.
    fn step(&mut self, input_available: bool, out: &mut Vec<Input>) {
        match parse_event(&self.pending, input_available) {
            Ok(None) => {}
            Ok(Some(parsed)) => {
                self.pending.clear();
                match parsed {
                    Parsed::Event(event) => out.push(Input::Event(event)),
                    Parsed::StatusReport => out.push(Input::Ack),
                    Parsed::CursorPosition(..) | Parsed::Ignored => {}
                }
            }
            Err(Invalid) => {
                // Dropped; but an ESC that broke a sequence begins the next one.
                let restart = self.pending.len() > 1 && self.pending.last() == Some(&ESC);
                self.pending.clear();
                if restart {
                    self.pending.push(ESC);
                    self.step(input_available, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
