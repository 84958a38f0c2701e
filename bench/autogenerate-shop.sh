#!/usr/bin/env bash
# Times autogenerate on a medium JPA model as whole processes: a shop of 28 entities (bench/GenerateShop.java)
# in a project of its own, with no database configured (the target and the dev databases are in the project's
# embedded PostgreSQL, as for a user who has set none), brought to head first. Three workloads:
#   (i)   retort check with nothing changed (the compiled entities and the model's dev database are reused),
#   (ii)  retort revision --autogenerate after Customer gained a column: before each run the revision it wrote is
#         removed and the column gets a new name, so that every run meets an edit it has not seen (a new cache key
#         for the entities, a new dev database for the DDL), as a user's edit is,
#   (iii) the same with the entity cache (.retort/cache/entities) removed first (cold),
#   (iv)  retort check after a service class that no entity uses was edited (its body changes before each run),
#         as on a checkout that changed only the application's code.
# With BEFORE set to another build's launcher, each workload runs both builds in turn, on the same project and
# server: each round runs every command once (hyperfine --runs 1) and a figure is the median over the rounds.
# Usage: bench/autogenerate-shop.sh   environment: RUNS (7), BENCH_DIR (/tmp/retort-bench), RETORT (./retort),
#        BEFORE (none: only RETORT is timed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/autogenerate-shop
retort=${RETORT:-$root/retort}
before=${BEFORE:-}
runs=${RUNS:-7}
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
dir="$work/shop"
entity="$dir/src/main/java/bench/shop/Customer.java"
check() { # runs a command once, showing its output only when it fails
    if ! bash -c "$1" >"$work/check.log" 2>&1; then
        echo "bench: '$1' failed:" >&2
        cat "$work/check.log" >&2
        exit 1
    fi
}

# The server of an earlier run stops before its project is removed.
if [ -f "$dir/.retort/postgres.properties" ]; then
    kill "$(sed -n 's/^pid=//p' "$dir/.retort/postgres.properties")" 2>/dev/null || :
    sleep 2
fi
rm -rf "$work" && mkdir -p "$dir/migrations/versions"
printf '[models]\nsources = ["src/main/java"]\n' > "$dir/retort.toml"
java "$root/bench/GenerateShop.java" "$dir"
check "cd $dir && $retort revision --autogenerate -m shop && $retort upgrade head"
cp "$entity" "$work/Customer.java.orig"
service="$dir/src/main/java/bench/shop/OrderService.java"
cat > "$work/edit-service.sh" <<EOF
printf 'package bench.shop;\n\npublic class OrderService {\n    long run() { return %sL; }\n}\n' "\$(date +%s%N)" > $service
EOF
bash "$work/edit-service.sh"
# Customer's source with a column named COLUMN, which the edit of (ii) and (iii) names anew before each run.
java "$root/bench/GenerateShop.java" "$work/edited" COLUMN
printf '%s\n' "rm -f $dir/migrations/versions/*_added.java" \
    "sed \"s/COLUMN/c\$(date +%s%N)/\" $work/edited/src/main/java/bench/shop/Customer.java > $entity" > "$work/edit.sh"
printf '%s\n' "bash $work/edit.sh" "rm -rf $dir/.retort/cache/entities" > "$work/edit-cold.sh"
restore="rm -f $dir/migrations/versions/*_added.java && cp $work/Customer.java.orig $entity"

builds=("$retort")
[ -z "$before" ] || builds=("$before" "$retort")
# Each build's first runs of a verb record its class-data archive (in the background): run them before timing.
for r in "${builds[@]}"; do
    check "bash $work/edit.sh && cd $dir && $r revision --autogenerate -m added && $r check; true"
done
check "$restore"
sleep 5
for r in "${builds[@]}"; do check "cd $dir && $r check"; done

name() { [ "$1" = "$retort" ] && echo after || echo before; }
round() { # round WORKLOAD PREPARE COMMAND-ARGS: every build once, as one hyperfine run each
    local workload=$1 prepare=$2 r
    shift 2
    for r in "${builds[@]}"; do
        hyperfine -N --runs 1 ${prepare:+--prepare "bash $prepare"} \
            --export-json "$work/$workload.$(name "$r").$i.json" "$r -c $dir/retort.toml $*" >"$work/hyperfine.log" 2>&1 \
            || { cat "$work/hyperfine.log" >&2; exit 1; }
    done
}
# (i) on the model the database is at, then (iv); then (ii) and (iii), which leave it edited until the end.
for i in $(seq "$runs"); do
    echo "bench: (i) round $i of $runs" >&2
    round check "" check
done
# After (i): an edit for one build is a source the other's cache has not seen, which (i) must not meet.
for i in $(seq "$runs"); do
    echo "bench: (iv) round $i of $runs" >&2
    round service "$work/edit-service.sh" check
done
for i in $(seq "$runs"); do
    echo "bench: (ii) and (iii) round $i of $runs" >&2
    round autogenerate "$work/edit.sh" revision --autogenerate -m added
    round cold "$work/edit-cold.sh" revision --autogenerate -m added
done
check "$restore"

median() { # median WORKLOAD BUILD: seconds
    cat "$work/$1.$2".*.json | sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' | sort -g \
        | awk '{ t[NR] = $1 } END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
printf '\n%-52s %8s %8s %7s\n' "workload (28 entities, medians of $runs rounds, s)" before after ratio
for w in "check:(i) check, nothing changed" "autogenerate:(ii) revision --autogenerate, one column added" \
        "cold:(iii) the same, entity cache removed" "service:(iv) check, a class no entity uses edited"; do
    a=$(median "${w%%:*}" after)
    if [ -n "$before" ]; then
        b=$(median "${w%%:*}" before)
        printf '%-52s %8.3f %8.3f %6.2fx\n' "${w#*:}" "$b" "$a" "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
    else
        printf '%-52s %8s %8.3f %7s\n' "${w#*:}" - "$a" -
    fi
done
echo "(each round's timings: $work/*.json; the project's server keeps running: stop it with"
echo " kill $(sed -n 's/^pid=//p' "$dir/.retort/postgres.properties"))"
