//! [`Column`]: a read-only array of plain numbers that either owns its elements or borrows
//! them, without copying, from shared bytes — a memory-mapped cache file — so that a corpus
//! read from the cache costs no allocation and no decoding per article. [`codec`] writes
//! columns into a buffer and reads them back as views.

pub(crate) mod codec;

use std::fmt;
use std::ops::Deref;

use bytemuck::Pod;

use crate::article::SharedBytes;

/// A read-only array of `T`, owned or a view of shared bytes.
pub(crate) struct Column<T: Pod> {
    /// Where the elements start.
    ptr: *const T,
    /// How many there are.
    len: usize,
    /// What keeps them alive.
    owner: Owner<T>,
}

/// What a [`Column`]'s elements live in.
enum Owner<T> {
    Vec(Vec<T>),
    Shared(SharedBytes),
}

// SAFETY: a column is immutable; its pointer refers to memory owned by `owner` (a `Vec` or
// shared bytes that are `Send + Sync`), which lives and stays unchanged as long as it does.
unsafe impl<T: Pod + Send> Send for Column<T> {}
// SAFETY: as above; nothing is ever written through a shared column.
unsafe impl<T: Pod + Sync> Sync for Column<T> {}

impl<T: Pod> Column<T> {
    /// The elements of `range` of `bytes`, borrowed; `None` when the range is out of bounds,
    /// not a whole number of elements, or not aligned for `T`.
    pub(crate) fn view(bytes: &SharedBytes, range: std::ops::Range<usize>) -> Option<Column<T>> {
        let data: &[u8] = bytes.as_ref().as_ref();
        let slice: &[T] = bytemuck::try_cast_slice(data.get(range)?).ok()?;
        Some(Column {
            ptr: slice.as_ptr(),
            len: slice.len(),
            owner: Owner::Shared(bytes.clone()),
        })
    }

    /// The elements as bytes, as [`Column::view`] reads them back.
    #[cfg(test)]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        bytemuck::cast_slice(self)
    }

    /// Lets the pages of the shared bytes this column is a view of go, when they say so
    /// ([`crate::article::Stored::release_pages`]): all of them, not only this column's.
    pub(crate) fn release_backing_pages(&self) {
        if let Owner::Shared(bytes) = &self.owner {
            bytes.release_pages();
        }
    }

    /// True when the elements are borrowed from shared bytes.
    pub(crate) fn is_view(&self) -> bool {
        matches!(self.owner, Owner::Shared(_))
    }

    /// Bytes of the elements.
    pub(crate) fn byte_len(&self) -> usize {
        std::mem::size_of_val::<[T]>(self)
    }
}

impl<T: Pod> From<Vec<T>> for Column<T> {
    fn from(mut v: Vec<T>) -> Column<T> {
        v.shrink_to_fit();
        Column {
            ptr: v.as_ptr(),
            len: v.len(),
            owner: Owner::Vec(v),
        }
    }
}

impl<T: Pod> Default for Column<T> {
    fn default() -> Column<T> {
        Column::from(Vec::new())
    }
}

impl<T: Pod> Deref for Column<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        // SAFETY: `ptr` and `len` describe a live, aligned, immutable slice held by `owner`
        // (moving a `Vec` does not move its heap buffer).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl<T: Pod> Clone for Column<T> {
    fn clone(&self) -> Column<T> {
        match &self.owner {
            Owner::Vec(v) => Column::from(v.clone()),
            Owner::Shared(bytes) => Column {
                ptr: self.ptr,
                len: self.len,
                owner: Owner::Shared(bytes.clone()),
            },
        }
    }
}

impl<T: Pod + fmt::Debug> fmt::Debug for Column<T> {
    /// The length and, for short columns, the elements.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.len <= 16 {
            f.debug_list().entries(self.iter()).finish()
        } else {
            write!(f, "Column[{}; {}]", std::any::type_name::<T>(), self.len)
        }
    }
}

impl<T: Pod + PartialEq> PartialEq for Column<T> {
    fn eq(&self, other: &Column<T>) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn owned_and_viewed_columns_read_the_same() {
        let owned = Column::from(vec![1u32, 2, 3, 0xFFFF_FFFF]);
        let mut bytes = vec![0u8; 4];
        bytes.extend_from_slice(owned.as_bytes());
        let shared: SharedBytes = Arc::new(bytes);
        let view = Column::<u32>::view(&shared, 4..20).unwrap();
        assert!(view.is_view() && !owned.is_view());
        assert_eq!(view, owned);
        assert_eq!(view.byte_len(), 16);
        drop(shared);
        let copy = view.clone();
        drop(view);
        assert_eq!(&copy[..], [1, 2, 3, 0xFFFF_FFFF]);
    }

    #[test]
    fn bad_ranges_are_refused() {
        let shared: SharedBytes = Arc::new(vec![0u8; 32]);
        assert!(
            Column::<u32>::view(&shared, 0..34).is_none(),
            "out of bounds"
        );
        assert!(
            Column::<u32>::view(&shared, 0..6).is_none(),
            "not whole elements"
        );
        assert!(Column::<u8>::view(&shared, 3..9).is_some());
        assert!(Column::<u64>::view(&shared, 0..0).is_some());
    }
}
