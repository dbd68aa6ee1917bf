#!/usr/bin/env bash
# Measures the student's loop: the time from saving a file to the verdict, as a newcomer runs
# it (`cargo xtask grade ...` in a checkout), in a copy of this checkout whose exercises are the
# reference solutions (a student who has solved everything; a stub's todo!() would skip the
# timed checks). The copy lives in target/loop-times/course and keeps its own target/ between
# runs, so only the first run pays for the dependencies.
#
#   scripts/loop-times.sh            # every scenario, once each, printed as a Markdown table
#   ROUNDS=3 scripts/loop-times.sh   # each scenario 3 times, the median is printed
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=$PWD
COPY=$HERE/target/loop-times/course
ROUNDS=${ROUNDS:-1}
mkdir -p "$COPY"
# The course as committed, plus local edits; never solutions' target or the copy's own target.
find "$COPY" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
tar -C "$HERE" --exclude=./target --exclude=./.git -cf - . | tar -C "$COPY" -xf -
for d in "$COPY"/solutions/*/; do
    m=$(basename "$d")
    if [ -d "$COPY/exercises/$m/src" ]; then
        rm -rf "$COPY/exercises/$m/src" && cp -a "$d/src" "$COPY/exercises/$m/src"
    fi
done
cd "$COPY"
x() { cargo xtask "$@" >/dev/null 2>&1 || true; }
edit() { printf '\n// edited by loop-times at %s\n' "$(date +%s%N)" >> "exercises/$1/src/lib.rs"; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "warming up (the first run in a new copy compiles the dependencies)..." >&2
x grade --no-timing
x grade arrays
x grade nn --no-timing

# scenario: "before" (what runs first, untimed) | "edit" (module to save, or -) | "command"
scenarios=(
    "grade arrays|-|grade arrays::grid"
    "grade|arrays|grade arrays::grid"
    "grade|arrays|grade arrays --no-timing"
    "grade nn|arrays|grade arrays --no-timing"
    "grade arrays|arrays|grade --no-timing"
    "grade --no-timing|nn|grade nn --no-timing"
    "grade --no-timing|kmeans|grade kmeans pca random --no-timing"
    "grade arrays|arrays|grade arrays"
    "grade --no-timing|-|grade --no-timing"
    "grade arrays --no-timing|-|grade arrays --no-timing"
)
echo "| before | saved | command | seconds |"
echo "|---|---|---|---|"
for s in "${scenarios[@]}"; do
    IFS='|' read -r before saved cmd <<<"$s"
    times=()
    for _ in $(seq "$ROUNDS"); do
        # shellcheck disable=SC2086
        x $before
        [ "$saved" != - ] && edit "$saved"
        t0=$(now)
        # shellcheck disable=SC2086
        x $cmd
        times+=("$(secs "$t0" "$(now)")")
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    echo "| \`$before\` | ${saved/-/nothing} | \`cargo xtask $cmd\` | $t |"
done
