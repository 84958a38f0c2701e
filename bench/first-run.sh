#!/usr/bin/env bash
# Times a verb's first run in an installation (no archive of the verb's own yet), as in a container or a CI job
# where every run is a first run: starting from the class-data archive made with the build (base.jsa), and from the
# jars as it did before there was one; and, for reference, a later run (the verb's own archive). Rounds and medians
# as in vs-psql.sh, on its embedded server:
#   current and upgrade head on a database at head, and upgrade head over N SQL migrations from an empty database.
# A first run also records the classes it loaded (the launcher then makes the verb's archive in the background);
# each run here waits for the dumps of the runs before it.
# Usage: bench/first-run.sh      environment: N (300), RUNS (5), BENCH_DIR (/tmp/retort-bench), RETORT, PSQL.
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/first-run
source "$(dirname "$0")/lib.sh"
cds="$(dirname "$retort")/retort-cli/target/cds"
if [ ! -f "$cds/base.jsa" ]; then
    echo "bench: no $cds/base.jsa: the launcher makes it when it builds Retort (touch a source file and run it)" >&2
    exit 1
fi
project "$work/sql" bench_first "$n"
r="$retort -c $work/sql/retort.toml"

# state.sh MODE VERB: the archives a run of VERB finds, once no dump is running. first: none of the verb's own;
# jars: none at all (base.jsa kept aside); later: as they are.
cat > "$work/state.sh" <<EOF
# A run's dump starts after the run has returned, and the marker of it goes before its archive is moved in.
while ls "$cds"/*.dumping >/dev/null 2>&1 || pgrep -f 'Xshare[:]dump' >/dev/null; do sleep 0.05; done
sleep 0.05
[ -f "$cds/base.jsa.kept" ] && mv -f "$cds/base.jsa.kept" "$cds/base.jsa"
case \$1 in
    first|jars)
        rm -f "$cds/\$2".*
        [ -f "$cds/recorded" ] && sed -i "/^\$2|/d" "$cds/recorded" ;;
esac
[ "\$1" = jars ] && mv -f "$cds/base.jsa" "$cds/base.jsa.kept"
exit 0
EOF
trap 'bash "$work/state.sh" later' EXIT
state="bash $work/state.sh"

check "$(fresh bench_first) && $r upgrade head"
bench current -N \
    -n current-first --prepare "$state first current" "$r current" \
    -n current-jars --prepare "$state jars current" "$r current" \
    -n current-later --prepare "$state later current" "$r current" \
    -n noop-first --prepare "$state first upgrade" "$r upgrade head" \
    -n noop-jars --prepare "$state jars upgrade" "$r upgrade head" \
    -n noop-later --prepare "$state later upgrade" "$r upgrade head"
bench upgrade \
    -n upgrade-first --prepare "$state first upgrade && $(fresh bench_first)" "$r upgrade head" \
    -n upgrade-jars --prepare "$state jars upgrade && $(fresh bench_first)" "$r upgrade head" \
    -n upgrade-later --prepare "$state later upgrade && $(fresh bench_first)" "$r upgrade head"

printf '\n%-44s %10s %10s %8s\n' "first runs (N=$n, medians of $runs rounds, s)" jars base ratio
row "current, first run" current current-jars current-first
row "upgrade head at head, first run" current noop-jars noop-first
row "upgrade head, N SQL migrations, first run" upgrade upgrade-jars upgrade-first
printf '%-44s %10s %10s %8s\n' "" jars later ratio
row "current, later run" current current-jars current-later
row "upgrade head at head, later run" current noop-jars noop-later
row "upgrade head, N SQL migrations, later run" upgrade upgrade-jars upgrade-later
echo "(the server keeps running for the next run: stop it with kill $(sed -n 's/^pid=//p' \
    "$work/server/.retort/postgres.properties"))"
