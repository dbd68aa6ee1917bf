#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image, from the extracted
# zip in /autograder/source (made by `cargo xtask gradescope --out autograder.zip`).
#
# It installs a C linker and the Rust toolchain (rustup, stable, minimal profile), then grades
# the course's own stubs once with `cargo xtask grade --no-timing`: that compiles the command
# line and every dependency in release mode into /autograder/source/target, so grading a
# submission later only compiles the student's crates. Grading the stubs gives 0 points and
# exits 0. Finally `cargo xtask doctor` prints whether the sandbox is in force on Gradescope's
# machines (read it in the image build log).
#
# Environment: AUTOGRADER_ROOT (default /autograder), NDLAB_RUST_TOOLCHAIN (default stable;
# the course needs 1.88 or newer).
set -euo pipefail

ROOT=${AUTOGRADER_ROOT:-/autograder}
COURSE=$ROOT/source
TOOLCHAIN=${NDLAB_RUST_TOOLCHAIN:-stable}

if command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # gcc links the Rust programs; git is not needed to grade, only handy when debugging over SSH.
    apt-get install -y -qq --no-install-recommends ca-certificates curl gcc libc6-dev git >/dev/null
fi

export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
if ! command -v "$CARGO_HOME/bin/cargo" >/dev/null && ! command -v cargo >/dev/null; then
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
        sh -s -- -y --no-modify-path --profile minimal --default-toolchain "$TOOLCHAIN"
fi
export PATH=$CARGO_HOME/bin:$PATH
cargo --version

cd "$COURSE"
cargo fetch --locked
# Builds everything a submission's grading needs; the stubs score 0 and the exit code is 0.
cargo xtask grade --no-timing
cargo xtask doctor || true
