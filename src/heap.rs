//! Giving the memory a load freed back to the system: a load parses millions of articles
//! into small strings and frees them once their chunk is built. glibc's malloc keeps such
//! chunks on free lists, which the next large allocations then sort through — up to 40 ms
//! per keystroke until they are drained (`cargo bench --bench typing`) — and keeps the
//! pages resident. [`trim`] asks it to merge and release them at once.

/// Merges the free lists of every malloc arena and returns whole free pages to the
/// system (glibc's `malloc_trim`); does nothing with other C libraries.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: `malloc_trim` is glibc's, takes no pointers and may be called at any time
        // from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}
