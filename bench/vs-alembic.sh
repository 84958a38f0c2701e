#!/usr/bin/env bash
# Times Retort against Alembic in the same run, on one embedded PostgreSQL, on the same N migrations (each a table
# of 5 columns and an index; Alembic's as revision scripts of op.execute calls with the same statements):
#   (a) upgrade head from an empty database: Alembic as `alembic init` sets it up (the whole run in one
#       transaction, Alembic's default on PostgreSQL) and with transaction_per_migration=True (Retort's default);
#       Retort by default and with transaction_per_migration = false;
#   (b) nothing to do: current, and upgrade head at head;
#   (c) downgrade base from head: in each tool's default mode, and Retort in one transaction too.
# Medians of $RUNS rounds in which every command of a workload runs once (see bench/README.md).
# Needs Alembic and its PostgreSQL driver: apt-get install alembic python3-psycopg2 (Debian's Alembic 1.8).
# Usage: bench/vs-alembic.sh      environment: N (300), RUNS (5), BENCH_DIR (/tmp/retort-bench), RETORT, PSQL.
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/vs-alembic
alembic=${ALEMBIC:-alembic}
command -v "$alembic" >/dev/null || { echo "bench: needs alembic (apt-get install alembic python3-psycopg2)" >&2; exit 1; }
source "$(dirname "$0")/lib.sh"

project "$work/migrations" bench_retort "$n" --alembic
r="$retort -c $work/migrations/retort.toml"
sed 's/bench_retort/bench_retort1/' "$work/migrations/retort.toml" > "$work/migrations/one-transaction.toml"
echo 'transaction_per_migration = false' >> "$work/migrations/one-transaction.toml"
r1="$retort -c $work/migrations/one-transaction.toml"

# Two Alembic environments as `alembic init` writes them, on the generated revision scripts: its default, and one
# whose env.py asks for a transaction per migration.
alembic_env() { # alembic_env NAME DATABASE: $work/NAME.ini and $work/NAME/ (env.py, script.py.mako, versions/)
    rm -rf "${work:?}/$1" "$work/$1.ini"
    (cd "$work" && "$alembic" init -t generic "$1" >/dev/null && mv alembic.ini "$1.ini")
    sed -i "s|^script_location = .*|script_location = $work/$1|; s|^sqlalchemy.url = .*|sqlalchemy.url = postgresql://postgres@127.0.0.1:$port/$2|" "$work/$1.ini"
    rmdir "$work/$1/versions"
    ln -s "$work/migrations/alembic/versions" "$work/$1/versions"
}
alembic_env alembic_default bench_alembic
alembic_env alembic_pm bench_alembic_pm
sed -i 's/target_metadata=target_metadata$/target_metadata=target_metadata, transaction_per_migration=True/' \
    "$work/alembic_pm/env.py"
grep -q 'transaction_per_migration=True' "$work/alembic_pm/env.py" \
    || { echo "bench: could not set transaction_per_migration in $work/alembic_pm/env.py" >&2; exit 1; }
a="$alembic -c $work/alembic_default.ini"
apm="$alembic -c $work/alembic_pm.ini"

for db in bench_retort bench_retort1 bench_alembic bench_alembic_pm; do check "$(fresh $db)"; done
check "$a upgrade head && $a downgrade base && $apm upgrade head"
check "$r upgrade head && $r downgrade base && $r1 upgrade head"

bench a \
    -n alembic --prepare "$(fresh bench_alembic)" "$a upgrade head" \
    -n alembic-per-migration --prepare "$(fresh bench_alembic_pm)" "$apm upgrade head" \
    -n retort --prepare "$(fresh bench_retort)" "$r upgrade head" \
    -n retort-one-transaction --prepare "$(fresh bench_retort1)" "$r1 upgrade head"
# (b) on databases at head, which no command below changes until (c).
check "$(fresh bench_alembic) && $a upgrade head && $(fresh bench_retort) && $r upgrade head"
bench b -N --warmup 1 \
    -n alembic-current "$a current" \
    -n retort-current "$r current" \
    -n alembic-upgrade-noop "$a upgrade head" \
    -n retort-upgrade-noop "$r upgrade head"
bench c \
    -n alembic-downgrade --prepare "$(fresh bench_alembic) && $a upgrade head" "$a downgrade base" \
    -n retort-downgrade --prepare "$(fresh bench_retort) && $r upgrade head" "$r downgrade base" \
    -n retort-downgrade-one-transaction --prepare "$(fresh bench_retort1) && $r1 upgrade head" "$r1 downgrade base"

printf '\n%-44s %10s %10s %8s\n' "workload (N=$n, medians of $runs rounds, s)" alembic retort ratio
row "(a) upgrade, each tool's default" a alembic retort
row "(a) upgrade, a transaction per migration" a alembic-per-migration retort
row "(a) upgrade, one transaction" a alembic retort-one-transaction
row "(b) current at head" b alembic-current retort-current
row "(b) upgrade head at head" b alembic-upgrade-noop retort-upgrade-noop
row "(c) downgrade base, each tool's default" c alembic-downgrade retort-downgrade
row "(c) downgrade base, one transaction" c alembic-downgrade retort-downgrade-one-transaction
echo "($("$alembic" --version 2>&1 | tail -n 1); each round's timings: $work/{a,b,c}.*.json)"
