//! The runners' global allocator: the system allocator, plus NumPy's large-array policy.
//!
//! NumPy's data allocator asks the kernel for transparent huge pages on every array of 4 MiB or
//! more (`madvise(MADV_HUGEPAGE)` in `numpy/_core/src/multiarray/alloc.c`). With the kernel's
//! common setting (`/sys/kernel/mm/transparent_hugepage/enabled` = `madvise`), a fresh 80 MB
//! output is then mapped 2 MB at a time instead of 4 KB at a time: 40 page faults instead of
//! 20 000, and far fewer TLB misses while it is read. Rust's system allocator does not ask, so
//! without this a reference that writes a large fresh array paid for page faults that its NumPy
//! twin does not (`cargo xtask bench`, `one_hot` and `standardize_columns`).
//!
//! Every runner binary installs it (the grader generates the `#[global_allocator]` line), so the
//! reference, the naive variants, the submission and the timing primitives all run under the
//! same allocator in the same process, and a timing ratio compares code, not allocators. Off
//! Linux it is the system allocator unchanged.

use std::alloc::{GlobalAlloc, Layout, System};

/// Arrays at least this large are advised, as in NumPy.
pub const HUGE_PAGE_ADVICE_FROM: usize = 4 << 20;

/// [`System`], with `madvise(MADV_HUGEPAGE)` on allocations of [`HUGE_PAGE_ADVICE_FROM`] bytes or
/// more (Linux; elsewhere nothing is added).
pub struct LargeArraysOnHugePages;

#[cfg(target_os = "linux")]
fn advise(p: *mut u8, size: usize) {
    if p.is_null() || size < HUGE_PAGE_ADVICE_FROM {
        return;
    }
    const PAGE: usize = 4096;
    let start = (p as usize).next_multiple_of(PAGE);
    let end = (p as usize + size) / PAGE * PAGE;
    if end > start {
        // Advice only: a kernel without transparent huge pages says EINVAL and nothing changes.
        // SAFETY: the range lies inside the allocation just made.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *mut u8, _: usize) {}

// SAFETY: every call is forwarded to `System` unchanged; `advise` only gives the kernel advice
// about pages inside the block `System` returned.
unsafe impl GlobalAlloc for LargeArraysOnHugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        advise(p, new_size);
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_every_size_are_usable_and_zeroed_when_asked() {
        let a = LargeArraysOnHugePages;
        for size in [1, 4096, HUGE_PAGE_ADVICE_FROM - 1, HUGE_PAGE_ADVICE_FROM, 3 * HUGE_PAGE_ADVICE_FROM + 123] {
            let layout = Layout::from_size_align(size, 64).unwrap();
            unsafe {
                let p = a.alloc_zeroed(layout);
                assert!(!p.is_null());
                let s = std::slice::from_raw_parts_mut(p, size);
                assert!(s.iter().all(|&b| b == 0), "alloc_zeroed of {size} bytes");
                s.fill(7);
                let q = a.realloc(p, layout, size * 2);
                assert!(!q.is_null());
                let t = std::slice::from_raw_parts(q, size);
                assert!(t.iter().all(|&b| b == 7), "realloc of {size} bytes kept the contents");
                a.dealloc(q, Layout::from_size_align(size * 2, 64).unwrap());
            }
        }
    }

    /// The advice reaches the kernel: the mapping that holds a large block carries the `hg`
    /// ("huge page advised") flag in `/proc/self/smaps`, and a small block's mapping need not.
    #[cfg(target_os = "linux")]
    #[test]
    fn large_blocks_are_advised_huge_pages() {
        fn flags_of(addr: usize) -> String {
            let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
            let mut inside = false;
            for line in smaps.lines() {
                if let Some((range, _)) = line.split_once(' ')
                    && let Some((lo, hi)) = range.split_once('-')
                    && let (Ok(lo), Ok(hi)) = (usize::from_str_radix(lo, 16), usize::from_str_radix(hi, 16))
                {
                    inside = lo <= addr && addr < hi;
                } else if inside && let Some(flags) = line.strip_prefix("VmFlags:") {
                    return flags.trim().to_string();
                }
            }
            panic!("no mapping holds {addr:#x}")
        }
        let a = LargeArraysOnHugePages;
        let layout = Layout::from_size_align(16 << 20, 8).unwrap();
        unsafe {
            let p = a.alloc(layout);
            let flags = flags_of(p as usize + (8 << 20));
            a.dealloc(p, layout);
            assert!(flags.split(' ').any(|f| f == "hg"), "VmFlags of a 16 MB block: {flags}");
        }
    }
}
