//! Where ratatui draws a frame before the renderer sends it: a [`ratatui::Terminal`] over a
//! backend that writes nothing and only remembers the size and where the frame put the
//! cursor. ratatui keeps building frames (widgets, layout, `Frame`) as usual; the bytes are
//! the [`Screen`](super::Screen)'s business.

use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use ratatui::{Frame, Terminal};

/// A ratatui terminal that draws into memory.
pub(crate) struct Canvas {
    terminal: Terminal<Recorder>,
}

impl Canvas {
    /// A canvas of `width` × `height` cells.
    pub(crate) fn new(width: u16, height: u16) -> io::Result<Canvas> {
        let recorder = Recorder {
            size: Size::new(width, height),
            cursor: Position::ORIGIN,
            cursor_visible: false,
        };
        Ok(Canvas {
            terminal: Terminal::new(recorder)?,
        })
    }

    /// Changes the size; the next frame is drawn at it.
    pub(crate) fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().size = Size::new(width, height);
    }

    /// Draws a frame with `draw`; returns its cells and where its cursor is (None: hidden).
    pub(crate) fn draw(
        &mut self,
        draw: impl FnOnce(&mut Frame),
    ) -> io::Result<(Buffer, Option<Position>)> {
        let buffer = self.terminal.draw(draw)?.buffer.clone();
        let backend = self.terminal.backend();
        Ok((buffer, backend.cursor_visible.then_some(backend.cursor)))
    }
}

/// The backend that writes nothing.
struct Recorder {
    size: Size,
    cursor: Position,
    cursor_visible: bool,
}

impl Backend for Recorder {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, _content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.cursor_visible = false;
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.cursor_visible = true;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn clear_region(&mut self, _clear_type: ClearType) -> io::Result<()> {
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;

    #[test]
    fn a_frame_comes_back_whole_with_its_cursor() {
        let mut canvas = Canvas::new(8, 2).unwrap();
        let (buf, cursor) = canvas
            .draw(|f| {
                f.render_widget(Paragraph::new("卷 juan"), f.area());
                f.set_cursor_position(Position::new(3, 1));
            })
            .unwrap();
        assert_eq!(buf.area.width, 8);
        assert_eq!(buf[(0, 0)].symbol(), "卷");
        assert_eq!(buf[(3, 0)].symbol(), "j");
        assert_eq!(cursor, Some(Position::new(3, 1)));
        canvas.resize(10, 3);
        let (buf, cursor) = canvas.draw(|_| {}).unwrap();
        assert_eq!((buf.area.width, buf.area.height), (10, 3));
        assert_eq!(cursor, None);
        assert_eq!(buf[(0, 0)].symbol(), " ", "each frame starts blank");
    }
}
