//! The ndlab judge. One module per concern:
//!
//! | concern | module |
//! |---|---|
//! | where things live (course layout, submission) | [`course`] |
//! | the scoring spec (TOML) and its validation | [`spec`] |
//! | expected values (generated from the solutions) | [`cases`], [`generate`] |
//! | taking a submission (copied, never followed) and building it in release mode, confined | [`build`], [`build::copy`] |
//! | confinement: Landlock, seccomp, subreaper, limits | [`sandbox`] |
//! | running one case in a confined child process | [`run`] |
//! | comparing results with expected values | [`compare`] |
//! | timing checks against machine primitives | [`timing`] |
//! | grading and scoring | [`grade`] |
//! | several graders on one machine: timed checks run alone | [`machine`] |
//! | a class: rosters, shards, resume, merge | [`class`] |
//! | what was graded, by which judge, when (source hash, grader version, time) | [`provenance`] |
//! | signing result files (HMAC-SHA256, the key never reaches a child) | the `ndlab-signing` crate, applied in [`report::write_json`] |
//! | the instructor self-check | [`check`] |
//! | the reference solutions against NumPy (`cargo xtask bench`) | [`bench`] |
//! | results (one model) | [`results`] |
//! | reports: the text table, JSON, Gradescope, GitHub Classroom, JUnit, GitHub Actions | [`report`] (one file per format) |
//!
//! What runs inside the student's process lives in the `ndlab-runtime` crate.

pub mod bench;
pub mod build;
pub mod cases;
pub mod check;
pub mod class;
pub mod compare;
pub mod course;
pub mod generate;
pub mod grade;
pub mod lessons;
pub mod machine;
pub mod provenance;
pub mod report;
pub mod results;
pub mod run;
pub mod sandbox;
pub mod spec;
pub mod timing;
