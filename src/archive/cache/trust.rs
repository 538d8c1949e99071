//! Whether a cache file may be believed: the cache is juan's own memory of an archive, so a
//! file anyone else could have written (or planted as a link, a FIFO or a device) is ignored
//! and the archive parsed instead, as ssh's StrictModes ignores keys others could write.
//!
//! The folder must be a folder of the user's own that no one else may write to; the file a
//! regular file of the user's, opened without following a link and without blocking.

use std::fs::File;
use std::path::Path;

/// The cache folder `dir` when it is the user's own and only theirs to write.
#[cfg(unix)]
pub(super) fn dir_is_ours(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).is_ok_and(|m| m.is_dir() && m.uid() == me() && m.mode() & 0o022 == 0)
}

/// The cache file at `path`, opened, when it is a regular file of the user's that no one else
/// may write to, in a folder [`dir_is_ours`].
#[cfg(unix)]
pub(super) fn open(dir: &Path, path: &Path) -> Option<File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    if !dir_is_ours(dir) {
        return None;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    let m = file.metadata().ok()?;
    (m.is_file() && m.uid() == me() && m.mode() & 0o022 == 0).then_some(file)
}

/// The user juan runs as.
#[cfg(unix)]
fn me() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Elsewhere: the folder is taken as it is.
#[cfg(not(unix))]
pub(crate) fn dir_is_ours(_dir: &Path) -> bool {
    true
}

/// Elsewhere: the file is opened as it is.
#[cfg(not(unix))]
pub(crate) fn open(_dir: &Path, path: &Path) -> Option<File> {
    File::open(path).ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn only_our_own_files_in_our_own_folder() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
        let file = d.join("a.idx");
        std::fs::write(&file, b"x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(open(d, &file).is_some());
        // Others may write the file, or the folder: ignored.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert!(open(d, &file).is_none());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o777)).unwrap();
        assert!(open(d, &file).is_none());
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
        // A link planted at the cache's name is not followed; a FIFO does not block.
        let link = d.join("b.idx");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(open(d, &link).is_none());
        let fifo = d.join("c.idx");
        let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        assert!(open(d, &fifo).is_none());
    }
}
