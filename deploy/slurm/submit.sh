#!/usr/bin/env bash
# Submit a class's grading to Slurm: the job array (deploy/slurm/grade-class.sbatch, N tasks)
# and the merge job that runs when every task has succeeded. Run it from the course's folder.
#
#   deploy/slurm/submit.sh SUBMISSIONS RESULTS N [grade-class arguments...]
#
# Prints the two job ids. The merged results go to RESULTS-merged (NDLAB_MERGED to change it).
# Extra sbatch options for both jobs: SBATCH_* environment variables (e.g. SBATCH_PARTITION)
# or NDLAB_SBATCH_ARGS (words, e.g. "--exclusive --account=cs101").
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 SUBMISSIONS RESULTS N [grade-class arguments...]" >&2
    exit 2
fi
SUBMISSIONS=$1
RESULTS=${2%/}
N=$3
shift 3
case "$N" in '' | *[!0-9]* | 0)
    echo "N must be a positive number of shards" >&2
    exit 2
    ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
MERGED=${NDLAB_MERGED:-$RESULTS-merged}
COURSE=${NDLAB_COURSE:-$PWD}
# Absolute paths: the merge job runs in the course's folder.
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
SUBMISSIONS=$(abs "$SUBMISSIONS")
RESULTS=$(abs "$RESULTS")
MERGED=$(abs "$MERGED")
# shellcheck disable=SC2206 # a list of words
extra=(${NDLAB_SBATCH_ARGS:-})

array=$(sbatch --parsable "${extra[@]}" --array="0-$((N - 1))" "$here/grade-class.sbatch" "$SUBMISSIONS" "$RESULTS" "$@")
array=${array%%;*}
merge=$(sbatch --parsable "${extra[@]}" --job-name=ndlab-merge --dependency="afterok:$array" \
    --output="ndlab-merge-%j.out" --cpus-per-task=1 \
    --wrap "cd $(printf '%q' "$COURSE") && ${CARGO:-cargo} xtask merge-results $(printf '%q' "$RESULTS") --out $(printf '%q' "$MERGED") --roster $(printf '%q' "$SUBMISSIONS")")
merge=${merge%%;*}
echo "grading: job $array (array 0-$((N - 1))), output in ndlab-grade-${array}_<task>.out"
echo "merge:   job $merge (after every task succeeded), into $MERGED"
echo "watch:   squeue -j $array,$merge"
