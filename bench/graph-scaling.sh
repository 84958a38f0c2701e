#!/usr/bin/env bash
# How graph commands grow with the history: times retort history, heads and upgrade head --sql (offline, which
# plans the whole path from base) on generated histories of SIZES revisions (a branch every 100 revisions,
# merged back four later), with hyperfine medians. A linear graph makes the time per 1,000 revisions (after
# the cost of a command on an empty history) stay flat as the history doubles.
# Usage: bench/graph-scaling.sh      environment: SIZES ("10000 20000 40000"), RUNS (5), BENCH_DIR, RETORT.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
retort=${RETORT:-$root/retort}
sizes=${SIZES:-10000 20000 40000}
runs=${RUNS:-5}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/graph-scaling
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
mkdir -p "$work"

median() { # median JSON: the median in seconds of the only command in a hyperfine JSON file
    sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$1" | head -n 1
}
time_verb() { # time_verb DIR NAME ARGS...: median seconds of retort ARGS in project DIR
    local dir=$1 name=$2
    shift 2
    (cd "$dir" && "$retort" "$@" >/dev/null 2>&1) # the first run of a verb may record the class-data archive
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$work/$name.json" \
        "$retort -c $dir/retort.toml $*" >/dev/null 2>&1 || { echo "bench: retort $* failed in $dir" >&2; exit 1; }
    median "$work/$name.json"
}

# A command on an empty history: what every size pays whatever the graph.
empty="$work/empty"
rm -rf "$empty" && mkdir -p "$empty/migrations/versions" && touch "$empty/retort.toml"
base_history=$(time_verb "$empty" empty-history history)
base_heads=$(time_verb "$empty" empty-heads heads)
base_sql=$(time_verb "$empty" empty-sql upgrade head --sql)

printf '%-10s %-22s %10s %16s\n' revisions command "median s" "ms per 1000 rev"
for n in $sizes; do
    dir="$work/h$n"
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        java "$root/bench/GenerateHistory.java" "$n" "$dir" --branch-every 100
        touch "$dir/retort.toml" "$dir/.complete"
    fi
    for spec in "history:$base_history:history" "heads:$base_heads:heads" "sql:$base_sql:upgrade head --sql"; do
        name=${spec%%:*}
        rest=${spec#*:}
        base=${rest%%:*}
        args=${rest#*:}
        # shellcheck disable=SC2086 # the arguments are words
        t=$(time_verb "$dir" "$name-$n" $args)
        printf '%-10s %-22s %10.3f %16.1f\n' "$n" "$args" "$t" \
            "$(awk -v t="$t" -v b="$base" -v n="$n" 'BEGIN { print (t - b) * 1000 / (n / 1000) }')"
    done
done
