//! The sandbox helper on its own (the `xtask` binary plays the same role for `cargo xtask`):
//! the grader's tests use it as `Course::helper`.
fn main() {
    match ndlab_grader::sandbox::helper_main() {
        Some(code) => std::process::exit(code),
        None => {
            eprintln!("ndlab-sandbox: started by the ndlab grader (`__sandbox POLICY -- CMD`), not by hand");
            std::process::exit(2)
        }
    }
}
