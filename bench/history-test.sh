#!/usr/bin/env bash
# Times `retort test` (every migration up, down and up again on a scratch database) on a linear history of
# N SQL migrations (default 100), each a table of 5 columns with an index. Median of 3 runs (hyperfine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/history-test-$n"
rm -rf "$dir" && mkdir -p "$dir" && touch "$dir/retort.toml"
java "$root/bench/GenerateHistory.java" "$n" "$dir"
"$root/retort" -c "$dir/retort.toml" test >/dev/null   # builds Retort and starts the embedded server once
hyperfine -N --runs 3 "$root/retort -c $dir/retort.toml test"
