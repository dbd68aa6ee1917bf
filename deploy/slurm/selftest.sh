#!/usr/bin/env bash
# Runs deploy/slurm/ on a live Slurm cluster (deploy/slurm/ci-cluster.sh up): submit.sh submits
# a 3-task array of grade-class.sbatch and a merge job that depends on it; the test waits for
# both and checks what each task ran.
#
#   deploy/slurm/selftest.sh          cargo is a stand-in that records its arguments and the
#                                     SLURM_ARRAY_* variables (checks the scripts and Slurm)
#   deploy/slurm/selftest.sh --real   the real `cargo xtask grade-class` and `merge-results`
#                                     on two students (the reference solution of `arrays`, and
#                                     the stubs), --no-timing arrays; needs those commands
#
# Prints "N passed, N failed" and exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
COURSE=$PWD
MODE=${1:-fake}
TIMEOUT=${NDLAB_SLURM_TEST_TIMEOUT:-120}
command -v sbatch >/dev/null && sinfo -h >/dev/null 2>&1 || {
    echo "no Slurm cluster answers (run deploy/slurm/ci-cluster.sh up)" >&2
    exit 2
}

T=$(mktemp -d /tmp/ndlab-slurm-test.XXXXXX)
passed=0
failed=0
check() {
    local what=$1
    shift
    if "$@"; then
        echo "ok   $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what"
        failed=$((failed + 1))
    fi
}

wait_jobs() {
    local deadline=$((SECONDS + TIMEOUT))
    while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
        if [ $SECONDS -ge $deadline ]; then
            squeue -j "$1" >&2
            return 1
        fi
        sleep 1
    done
}

mkdir -p "$T/subs" "$T/work"
if [ "$MODE" = --real ]; then
    cargo xtask grade-class --help >/dev/null 2>&1 || {
        echo "cargo xtask grade-class is not available in this checkout" >&2
        exit 2
    }
    for s in alice bob; do
        mkdir -p "$T/subs/$s"
        cp -r exercises "$T/subs/$s/exercises"
    done
    rm -rf "$T/subs/alice/exercises/arrays/src"
    cp -r solutions/arrays/src "$T/subs/alice/exercises/arrays/src"
    N=2
    ARGS=(--no-timing arrays)
else
    mkdir -p "$T/bin"
    cat >"$T/bin/cargo" <<'EOF'
#!/usr/bin/env bash
# Stand-in for cargo: records what it was asked to do.
case "$2" in
grade-class)
    out=$5
    echo "args=$* pwd=$PWD id=$SLURM_ARRAY_TASK_ID count=${SLURM_ARRAY_TASK_COUNT:-} min=${SLURM_ARRAY_TASK_MIN:-} cpus=${SLURM_CPUS_PER_TASK:-}" >"$out/task-$SLURM_ARRAY_TASK_ID.txt" ;;
merge-results)
    mkdir -p "$5"
    echo "args=$* pwd=$PWD" >"$5/merged.txt"
    ls "$3" >>"$5/merged.txt" ;;
*) exit 3 ;;
esac
EOF
    chmod +x "$T/bin/cargo"
    export CARGO=$T/bin/cargo
    N=3
    ARGS=(--no-timing arrays)
fi

cd "$T/work"
out=$(NDLAB_COURSE=$COURSE "$COURSE/deploy/slurm/submit.sh" "$T/subs" results "$N" "${ARGS[@]}")
echo "$out"
array=$(sed -n 's/^grading: job \([0-9]*\).*/\1/p' <<<"$out")
merge=$(sed -n 's/^merge: *job \([0-9]*\).*/\1/p' <<<"$out")
check "submit.sh printed both job ids ($array, $merge)" test -n "$array" -a -n "$merge"
check "the array and the merge job finished within ${TIMEOUT}s" wait_jobs "$array,$merge"
for i in $(seq 0 $((N - 1))); do
    check "task $i wrote its log" test -s "ndlab-grade-${array}_$i.out"
done

if [ "$MODE" = --real ]; then
    check "alice.json and bob.json in results/" test -s results/alice.json -a -s results/bob.json
    check "merged summary.csv names both students" \
        bash -c 'grep -q alice results-merged/summary.csv && grep -q bob results-merged/summary.csv'
else
    for i in $(seq 0 $((N - 1))); do
        want="args=xtask grade-class $T/subs --out $T/work/results --no-timing arrays pwd=$COURSE id=$i count=$N min=0 cpus=2"
        check "task $i ran: cargo xtask grade-class SUBMISSIONS --out RESULTS ARGS (count=$N, 2 cpus)" \
            test "$(cat "results/task-$i.txt" 2>/dev/null)" = "$want"
    done
    check "the merge ran after the array, on all results" \
        bash -c "head -n 1 results-merged/merged.txt | grep -qxF 'args=xtask merge-results $T/work/results --out $T/work/results-merged --roster $T/subs pwd=$COURSE' && [ \$(tail -n +2 results-merged/merged.txt | wc -l) = $N ]"
fi
if [ $failed = 0 ]; then rm -rf "$T"; else echo "kept $T for a look" >&2; fi
echo "$passed passed, $failed failed"
[ $failed = 0 ]
