//! Empty on purpose: it makes `[build-dependencies]` in Cargo.toml count, so that `cargo xtask`
//! compiles `syn` (the proc-macros' parser) with the features `cargo test` needs (the workspace
//! hack, explained there).
fn main() {}
