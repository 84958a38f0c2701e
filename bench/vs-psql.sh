#!/usr/bin/env bash
# Times Retort against plain psql in the same run, on one embedded PostgreSQL (medians of $RUNS rounds, hyperfine):
#   (a) apply N migrations (each a table of 5 columns and an index): psql -1 -f up.sql (one transaction) and
#       psql -f up.sql (autocommit); retort upgrade head over N SQL migrations, and over N Java migrations with
#       a cold compile cache (.retort/cache/java removed) and a warm one, and over the SQL migrations with
#       transaction_per_migration = false (one transaction, like psql -1). Every run starts from a new database.
#   (b) nothing to do: retort current and retort upgrade head at head vs psql -c 'select ... from retort_version'.
#   (c) revert all N: retort downgrade base vs psql -1 -f down.sql; before each run the database is brought
#       to head by psql -1 -f up.sql (psql) and by retort upgrade head (Retort: it also needs its own tables).
#       Retort runs it with a transaction per migration and in one transaction.
#   (d) retort history on a graph of HISTORY_N revisions, mostly a chain with a branch every 100 revisions
#       merged back four revisions later (no psql counterpart); as every command after the first, with the
#       headers of unchanged files from the script cache in .retort, and once without it (a first run).
#   (e) retort upgrade head --sql (offline) vs cat up.sql.
#   Peak RSS (/usr/bin/time -f %M, median) of retort upgrade head over the N SQL and the N warm Java migrations.
#   Floors, to tell Retort's own cost from what its work costs anyway: psql sending the script of
#   `retort upgrade head --sql` (the same transactions and version-table and history rows, without a JVM) to the
#   server as one message, for (a), and that of `retort downgrade head:base --sql` for (c); for (b),
#   bench/ConnectAndQuery.java, a JVM program that only connects and runs one query, started with the launcher's
#   flags and a class-data archive of its own. Their sum (the server's share of the (a) or (c) floor, plus that
#   JVM) is the least any JVM client keeping Retort's transactions can take; it is printed against psql -1.
# The commands of a workload take turns: each round runs every one of them once (hyperfine --runs 1), and a
# command's figure is its median over the rounds, so a machine that slows down for a while slows all of them.
# Usage: bench/vs-psql.sh      environment: N (300), HISTORY_N (10000), RUNS (5), BENCH_DIR (/tmp/retort-bench),
#        RETORT (the ./retort launcher), PSQL (psql).
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/vs-psql
history_n=${HISTORY_N:-10000}
source "$(dirname "$0")/lib.sh"
project "$work/sql" bench_sql "$n" --psql
project "$work/java" bench_java "$n" --java
project "$work/history" bench_history "$history_n" --branch-every 100
up="$work/sql/up.sql"
down="$work/sql/down.sql"
r_sql="$retort -c $work/sql/retort.toml"
r_java="$retort -c $work/java/retort.toml"
# The same SQL migrations in one transaction (transaction_per_migration = false), as psql -1 runs them.
sed 's/bench_sql/bench_sql1/' "$work/sql/retort.toml" > "$work/sql/one-transaction.toml"
echo 'transaction_per_migration = false' >> "$work/sql/one-transaction.toml"
r_sql1="$retort -c $work/sql/one-transaction.toml"

# Retort's own scripts, for psql: what the server does for Retort's transactions, without Retort. They go to the
# server as one message (statements joined with psql's \;), so no round trip is counted either, and their
# commits do not wait for the disk, as a live run's do not.
one_message() { # the statements of a --sql script (blank-line separated) as one psql message
    awk 'BEGIN { RS = ""; ORS = "" } !/^--/ { if (n++) print " \\;\n"; sub(/;[[:space:]]*$/, ""); print } END { print ";\n" }' "$1"
}
check "$r_sql upgrade head --sql > $work/sql/retort-up.sql && $r_sql downgrade head:base --sql > $work/sql/retort-down.sql"
check "$r_sql1 downgrade head:base --sql > $work/sql/retort-down-1tx.sql"
one_message "$work/sql/retort-up.sql" > "$work/sql/retort-up.one.sql"
one_message "$work/sql/retort-down.sql" > "$work/sql/retort-down.one.sql"
one_message "$work/sql/retort-down-1tx.sql" > "$work/sql/retort-down-1tx.one.sql"
psql_async="env PGOPTIONS=-csynchronous_commit=off $psql"

# The floor under (b): a JVM that connects and runs one query, with the launcher's flags and its own archive.
floor="$work/floor"
rm -rf "$floor" && mkdir -p "$floor/classes"
driver=$(ls "$root"/retort-cli/target/lib/postgresql-*.jar)
javac -d "$floor/classes" "$root/bench/ConnectAndQuery.java"
jar cf "$floor/floor.jar" -C "$floor/classes" .
jvm="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -Xms16m -XX:+UseTransparentHugePages"
# ConnectAndQuery passes an empty password, which the URL's overrides (the JDBC driver does not read PGPASSWORD).
floor_cmd="-cp $driver:$floor/floor.jar ConnectAndQuery jdbc:postgresql://127.0.0.1:$port/bench_sql?password=$PGPASSWORD postgres"
floor_sql="select version_num from retort_version"

for db in bench_psql bench_sql bench_sql1 bench_java; do check "$(fresh $db)"; done
check "$psql -d bench_psql -1 -f $up && $psql -d bench_psql -1 -f $down"
check "$r_sql upgrade head && $r_sql downgrade base"
check "$r_sql1 upgrade head"
check "rm -rf $work/java/.retort/cache/java && $r_java upgrade head && $r_java downgrade base"
check "$retort -c $work/history/retort.toml history >/dev/null"

bench a \
    -n psql-1tx --prepare "$(fresh bench_psql)" "$psql -d bench_psql -1 -f $up" \
    -n psql-autocommit --prepare "$(fresh bench_psql)" "$psql -d bench_psql -f $up" \
    -n psql-retort-script --prepare "$(fresh bench_psql)" "$psql_async -d bench_psql -f $work/sql/retort-up.one.sql" \
    -n retort-sql --prepare "$(fresh bench_sql)" "$r_sql upgrade head" \
    -n retort-sql-1tx --prepare "$(fresh bench_sql1)" "$r_sql1 upgrade head" \
    -n retort-java-cold --prepare "$(fresh bench_java) && rm -rf $work/java/.retort/cache/java" "$r_java upgrade head" \
    -n retort-java-warm --prepare "$(fresh bench_java)" "$r_java upgrade head"
# (b) runs on a database at head, which no command below changes.
check "$(fresh bench_sql) && $r_sql upgrade head"
check "$jvm -XX:DumpLoadedClassList=$floor/classes.lst $floor_cmd '$floor_sql'"
check "$jvm -Xshare:dump -XX:SharedClassListFile=$floor/classes.lst -XX:SharedArchiveFile=$floor/floor.jsa $floor_cmd"
bench b -N --warmup 1 \
    -n psql-select "$psql -d bench_sql -c 'select version_num from retort_version'" \
    -n jvm-connect-query "$jvm -XX:SharedArchiveFile=$floor/floor.jsa $floor_cmd '$floor_sql'" \
    -n retort-current "$r_sql current" \
    -n retort-upgrade-noop "$r_sql upgrade head"
bench c \
    -n psql-down-1tx --prepare "$(fresh bench_psql) && $psql -d bench_psql -1 -f $up" "$psql -d bench_psql -1 -f $down" \
    -n psql-retort-down-script --prepare "$(fresh bench_sql) && $r_sql upgrade head" \
        "$psql_async -d bench_sql -f $work/sql/retort-down.one.sql" \
    -n retort-downgrade --prepare "$(fresh bench_sql) && $r_sql upgrade head" "$r_sql downgrade base" \
    -n psql-retort-down-1tx-script --prepare "$(fresh bench_sql1) && $r_sql1 upgrade head" \
        "$psql_async -d bench_sql1 -f $work/sql/retort-down-1tx.one.sql" \
    -n retort-downgrade-1tx --prepare "$(fresh bench_sql1) && $r_sql1 upgrade head" "$r_sql1 downgrade base"
bench d -N --warmup 1 \
    -n retort-history --prepare true "$retort -c $work/history/retort.toml history" \
    -n retort-history-cold --prepare "rm -f $work/history/.retort/cache/scripts" \
        "$retort -c $work/history/retort.toml history"
bench e -N --warmup 1 -n cat "cat $up" -n retort-upgrade-sql "$r_sql upgrade head --sql"

rss_sql=$(rss bench_sql "$r_sql upgrade head")
rss_java=$(rss bench_java "$r_java upgrade head")

least() { # least LABEL WORKLOAD PSQL-NAME FLOOR-NAME: a JVM that connects and queries, plus the server's share
    # of the floor (the floor less psql's own start, connection and one query): no JVM client can take less.
    local p l
    p=$(median "$2" "$3")
    l=$(awk -v j="$(median b jvm-connect-query)" -v f="$(median "$2" "$4")" -v s="$(median b psql-select)" \
        'BEGIN { print j + f - s }')
    printf '%-44s %10.3f %10.3f %7.2fx\n' "$1" "$p" "$l" "$(awk -v a="$l" -v b="$p" 'BEGIN { print a / b }')"
}

printf '\n%-44s %10s %10s %8s\n' "workload (N=$n, medians of $runs rounds, s)" psql retort ratio
row "(a) upgrade, SQL vs psql -1" a psql-1tx retort-sql
row "(a) upgrade, SQL vs psql autocommit" a psql-autocommit retort-sql
row "(a) floor: Retort's --sql in one message" a psql-1tx psql-retort-script
row "(a) upgrade, SQL vs that floor" a psql-retort-script retort-sql
least "(a) least a JVM client can take vs psql -1" a psql-1tx psql-retort-script
row "(a) upgrade, SQL, one transaction vs psql -1" a psql-1tx retort-sql-1tx
row "(a) upgrade, Java cold cache vs psql -1" a psql-1tx retort-java-cold
row "(a) upgrade, Java warm cache vs psql -1" a psql-1tx retort-java-warm
row "(b) current at head vs psql select" b psql-select retort-current
row "(b) upgrade head at head vs psql select" b psql-select retort-upgrade-noop
row "(b) floor: JVM connect + query" b - jvm-connect-query
row "(b) current vs JVM connect + query" b jvm-connect-query retort-current
row "(c) downgrade base vs psql -1 down.sql" c psql-down-1tx retort-downgrade
row "(c) floor: Retort's --sql in one message" c psql-down-1tx psql-retort-down-script
row "(c) downgrade base vs that floor" c psql-retort-down-script retort-downgrade
least "(c) least a JVM client can take vs psql -1" c psql-down-1tx psql-retort-down-script
row "(c) downgrade, one transaction vs psql -1" c psql-down-1tx retort-downgrade-1tx
row "(c) one transaction's floor vs psql -1" c psql-down-1tx psql-retort-down-1tx-script
least "(c) one transaction: least a JVM client" c psql-down-1tx psql-retort-down-1tx-script
row "(d) history, $history_n revisions" d - retort-history
row "(d) history, no script cache (first run)" d - retort-history-cold
row "(e) upgrade head --sql vs cat" e cat retort-upgrade-sql
printf '%-44s %10s %10s\n' "peak RSS, upgrade head, SQL (MB)" - "$rss_sql"
printf '%-44s %10s %10s\n' "peak RSS, upgrade head, Java warm (MB)" - "$rss_java"
echo "(each round's timings: $work/{a,b,c,d,e}.*.json; the server keeps running for the next run: stop it with"
echo " kill $(sed -n 's/^pid=//p' "$work/server/.retort/postgres.properties"))"
