#!/usr/bin/env bash
# Times autogenerate as whole processes on N-table models (about 10 columns, 2 indexes and a foreign key to
# the previous table each), whose database is at head but for one added column:
#   retort check, warm caches (nothing changed since the last run) and cold (compiled entities, cached DDL
#   and the model's dev database removed),
#   retort revision --autogenerate --sql (the same comparison, printing the migration's SQL),
# for a schema-file model and a JPA-entity model. Medians of 5 runs (hyperfine), one line per measurement.
# Usage: bench/autogenerate.sh [N ...]      (default: 100 1000 5000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
retort="$root/retort"
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}
sizes=${*:-100 1000 5000}
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
"$retort" --version >/dev/null   # builds Retort once

median() { # hyperfine JSON -> median seconds
    grep -o '"median": *[0-9.e-]*' "$1" | head -1 | sed 's/.*: *//'
}

printf '%-8s %6s  %-28s %10s\n' model N measurement median_s
for kind in schema jpa; do
    for n in $sizes; do
        dir="$work/autogenerate-$kind-$n"
        rm -rf "$dir" && mkdir -p "$dir/migrations/versions"
        java "$root/bench/GenerateSchema.java" "$n" "$dir"
        if [ "$kind" = schema ]; then
            printf '[models]\nschema_file = "schema.sql"\n' > "$dir/retort.toml"
        else
            printf '[models]\nsources = ["src/main/java"]\n' > "$dir/retort.toml"
        fi
        (cd "$dir" && "$retort" revision --autogenerate -m "initial" >/dev/null 2>&1 && "$retort" upgrade head >/dev/null 2>&1)
        java "$root/bench/GenerateSchema.java" "$n" "$dir" extra   # the one added column
        (cd "$dir" && "$retort" check >/dev/null 2>&1 || true)        # fill the caches
        hyperfine -N -i --runs 5 --warmup 1 --export-json "$dir/check-warm.json" \
            "$retort -c $dir/retort.toml check" >/dev/null 2>&1
        # Cold: no compiled entities, no cached model DDL, no dev database of the model.
        # DropDevDatabases connects without a password: the JDBC driver finds it in the file PGPASSFILE names.
        cold="rm -rf $dir/.retort/cache && PGPASSFILE=$dir/.retort/pgpass java -cp '$root/retort-cli/target/lib/*' $root/bench/DropDevDatabases.java $dir/.retort"
        hyperfine -i --runs 5 --prepare "$cold" --export-json "$dir/check-cold.json" \
            "$retort -c $dir/retort.toml check" >/dev/null 2>&1
        hyperfine -N -i --runs 5 --warmup 1 --export-json "$dir/autogenerate.json" \
            "$retort -c $dir/retort.toml revision --autogenerate -m added --sql" >/dev/null 2>&1
        printf '%-8s %6d  %-28s %10.3f\n' "$kind" "$n" "check (warm caches)" "$(median "$dir/check-warm.json")"
        printf '%-8s %6d  %-28s %10.3f\n' "$kind" "$n" "check (cold caches)" "$(median "$dir/check-cold.json")"
        printf '%-8s %6d  %-28s %10.3f\n' "$kind" "$n" "revision --autogenerate --sql" "$(median "$dir/autogenerate.json")"
    done
done
