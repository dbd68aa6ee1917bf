//! Taking a submission's sources: copied, never followed.
//!
//! Only `exercises/<m>/src` is taken, and only if every part of it is what a student's editor
//! makes: real folders (not symlinks) from the submission's root down, regular files with one
//! link, at most [`MAX_FILE`] bytes each, plain names, a bounded tree. Anything else rejects the
//! module alone, with a message naming the offending path; the other modules are graded as
//! usual. Files are opened without following links and without blocking (a FIFO fails), and
//! checked on the opened descriptor, so a path swapped between check and read is caught too.
//!
//! A submission may not contain `unsafe` (nor inline assembly): the judge's guarantees about
//! what a student's function can reach inside its own process (the timing channel, the
//! runtime's memory) hold for safe Rust. The check reads tokens with `proc-macro2`, so comments
//! and strings do not count.

use std::path::{Path, PathBuf};

/// The largest source file accepted.
pub const MAX_FILE: u64 = 1 << 20;
/// The most files (of any kind) and the deepest folder nesting accepted under `src/`.
pub const MAX_ENTRIES: usize = 500;
pub const MAX_DEPTH: usize = 8;

/// The `.rs` files of a module's `src/`, as (relative path, bytes), or why the module is refused.
pub type Sources = Vec<(PathBuf, Vec<u8>)>;

fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('-')
        && name != "."
        && name != ".."
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Reads `root/<parts…>` (e.g. `exercises/<m>/src`). `Ok(None)` when it or its `lib.rs` does
/// not exist.
pub fn take_sources(root: &Path, parts: [&str; 3]) -> Result<Option<Sources>, String> {
    // Every folder from the submission's root down must be a real folder.
    let mut dir = root.to_path_buf();
    for part in parts {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", shown(root, &dir))),
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(format!("{} is a symbolic link; the grader takes only real folders and files", shown(root, &dir)));
            }
            Ok(meta) if !meta.is_dir() => return Err(format!("{} is not a folder", shown(root, &dir))),
            Ok(_) => {}
        }
    }
    let mut out = Vec::new();
    let mut entries = 0;
    walk(root, &dir, Path::new(""), 0, &mut entries, &mut out)?;
    if !out.iter().any(|(p, _)| p == Path::new("lib.rs")) {
        return Ok(None);
    }
    Ok(Some(out))
}

fn shown(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

fn walk(root: &Path, dir: &Path, rel: &Path, depth: usize, entries: &mut usize, out: &mut Sources) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("{} is nested more than {MAX_DEPTH} folders deep", shown(root, dir)));
    }
    let mut list: Vec<_> =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", shown(root, dir)))?.collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    list.sort_by_key(|e| e.file_name());
    for e in list {
        *entries += 1;
        if *entries > MAX_ENTRIES {
            return Err(format!("more than {MAX_ENTRIES} entries under {}", shown(root, dir)));
        }
        let path = e.path();
        let name = e.file_name();
        let Some(name) = name.to_str().filter(|n| plain_name(n)) else {
            return Err(format!("{:?} in {} has an unusual name (use letters, digits, '_', '-' and '.')", e.file_name(), shown(root, dir)));
        };
        let meta = std::fs::symlink_metadata(&path).map_err(|e| format!("cannot read {}: {e}", shown(root, &path)))?;
        let ty = meta.file_type();
        if ty.is_symlink() {
            return Err(format!("{} is a symbolic link; the grader takes only real folders and files", shown(root, &path)));
        } else if ty.is_dir() {
            walk(root, &path, &rel.join(name), depth + 1, entries, out)?;
        } else if ty.is_file() {
            let bytes = read_plain(&path).map_err(|e| format!("{}: {e}", shown(root, &path)))?;
            if name.ends_with(".rs") {
                if let Some(why) = forbidden_token(&bytes) {
                    return Err(format!("{}:{why}", shown(root, &path)));
                }
                out.push((rel.join(name), bytes));
            }
        } else {
            return Err(format!("{} is not a regular file (a FIFO, socket or device)", shown(root, &path)));
        }
    }
    Ok(())
}

/// Opens without following a link or blocking, then checks the descriptor itself.
fn read_plain(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    #[cfg(unix)]
    let f = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path).map_err(|e| e.to_string())?
    };
    #[cfg(not(unix))]
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = f.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!("has {} hard links; the grader takes only files with one", meta.nlink()));
        }
    }
    if meta.len() > MAX_FILE {
        return Err(format!("is {} bytes; source files may be at most {} MB", meta.len(), MAX_FILE >> 20));
    }
    let mut buf = Vec::new();
    f.take(MAX_FILE + 1).read_to_end(&mut buf).map_err(|e| e.to_string())?;
    if buf.len() as u64 > MAX_FILE {
        return Err(format!("source files may be at most {} MB", MAX_FILE >> 20));
    }
    Ok(buf)
}

/// Words a submission may not use: `unsafe`, the lint that the judge sets to deny it (so that
/// `unsafe` code pulled in with `include!` from a readable crate cannot be allowed again), and
/// the inline-assembly macros.
const FORBIDDEN: &[&str] = &["unsafe", "unsafe_code", "asm", "global_asm", "naked_asm"];

/// `Some("LINE: why")` when the source uses a forbidden word as a token. Source that does not
/// even lex is left for rustc to report.
fn forbidden_token(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let tokens: proc_macro2::TokenStream = text.parse().ok()?;
    fn find(ts: proc_macro2::TokenStream) -> Option<(usize, String)> {
        for t in ts {
            match t {
                proc_macro2::TokenTree::Ident(i) if FORBIDDEN.contains(&i.to_string().as_str()) => return Some((i.span().start().line, i.to_string())),
                proc_macro2::TokenTree::Group(g) => {
                    if let Some(found) = find(g.stream()) {
                        return Some(found);
                    }
                }
                _ => {}
            }
        }
        None
    }
    find(tokens).map(|(line, word)| {
        format!("{line}: `{word}` is not allowed in a submission (the grader's guarantees hold for safe Rust; every exercise can be solved without it)")
    })
}
