# Shared by the benchmarks that time Retort against another tool in one run: settings, one embedded
# PostgreSQL, projects of generated migrations, and timing in rounds. Sourced with $work set to the
# benchmark's own directory.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
retort=${RETORT:-$root/retort}
case $retort in */*) retort="$(cd "$(dirname "$retort")" && pwd)/$(basename "$retort")" ;; esac
psql_bin=${PSQL:-psql}
n=${N:-300}
runs=${RUNS:-5}
for tool in hyperfine "$psql_bin" /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install hyperfine postgresql-client time)" >&2; exit 1; }
done
mkdir -p "$work"
check() { # runs a command once, showing its output only when it fails (hyperfine hides it)
    local log="$work/check.log"
    if ! bash -c "$1" >"$log" 2>&1; then
        echo "bench: '$1' failed:" >&2
        cat "$log" >&2
        exit 1
    fi
}
# One embedded server for every workload: the project in $work/server starts it and keeps it running. This is
# also Retort's first run, which builds it when the launcher finds it stale; and the first run after a build
# records the class-data archive, so it had better load the classes a migration run needs (`--version` would not).
mkdir -p "$work/server/migrations/versions" && touch "$work/server/retort.toml"
check "cd $work/server && $retort current"
port=$(sed -n 's/^port=//p' "$work/server/.retort/postgres.properties")
# The server takes the password Retort made for it, which psql, Alembic (libpq) and Retort find in PGPASSWORD.
PGPASSWORD=$(cat "$work/server/.retort/postgres.password")
export PGPASSWORD
psql="$psql_bin -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $port -U postgres"
fresh() { # the command that replaces database $1 with an empty one
    echo "$psql -d postgres -c 'DROP DATABASE IF EXISTS $1 WITH (FORCE)' -c 'CREATE DATABASE $1'"
}
project() { # project DIR DATABASE N GENERATOR-OPTIONS...: N migrations in DIR, retort.toml pointing at DATABASE
    local dir=$1 db=$2 count=$3
    shift 3
    rm -rf "$dir" && mkdir -p "$dir"
    java "$root/bench/GenerateHistory.java" "$count" "$dir" "$@"
    printf 'database_url = "postgresql://postgres@127.0.0.1:%s/%s"\n' "$port" "$db" > "$dir/retort.toml"
}
bench() { # bench NAME HYPERFINE-ARGS...: $runs rounds of hyperfine --runs 1, keeping each round's JSON as $work/NAME.R.json
    local name=$1 round
    shift
    echo "bench: $name" >&2
    rm -f "$work/$name".*.json
    for round in $(seq "$runs"); do
        hyperfine --style basic --runs 1 --export-json "$work/$name.$round.json" "$@" >"$work/$name.txt" 2>&1 \
            || { cat "$work/$name.txt" >&2; exit 1; }
    done
}
median() { # median WORKLOAD NAME: the median in seconds of command NAME over the rounds of WORKLOAD
    local file
    for file in "$work/$1".*.json; do
        sed -n 's/.*"command": *"\([^"]*\)".*/\1/p; s/.*"median": *\([0-9.e-]*\).*/\1/p' "$file" | paste - -
    done | awk -v name="$2" '$1 == name { print $2 }' | sort -g \
        | awk '{ t[NR] = $1 } END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
row() { # row LABEL WORKLOAD OTHER-NAME RETORT-NAME: both medians and their ratio ("-" for no other command)
    local p r
    r=$(median "$2" "$4")
    if [ "$3" = - ]; then
        printf '%-44s %10s %10.3f %8s\n' "$1" - "$r" -
    else
        p=$(median "$2" "$3")
        printf '%-44s %10.3f %10.3f %7.2fx\n' "$1" "$p" "$r" "$(awk -v a="$r" -v b="$p" 'BEGIN { print a / b }')"
    fi
}
rss() { # rss DB COMMAND: median peak RSS in MB of the command over $runs runs, each on a new database
    local db=$1 cmd=$2 kb=()
    for _ in $(seq "$runs"); do
        check "$(fresh "$db")"
        /usr/bin/time -f %M -o "$work/rss.txt" bash -c "exec $cmd" >/dev/null 2>&1
        kb+=("$(tail -n 1 "$work/rss.txt")")
    done
    printf '%s\n' "${kb[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{printf "%.0f", $1 / 1024}'
}
