#!/usr/bin/env bash
# Times Retort against Flyway and Liquibase in the same run, on one embedded PostgreSQL, on the same N migrations
# (each a table of 5 columns and an index; bench/GenerateHistory.java --flyway --liquibase writes them again as
# Flyway versioned migrations and as Liquibase "formatted SQL" changesets with their --rollback statements), every
# tool in its default mode, which is a transaction per migration or changeset for all three:
#   (a) apply N from an empty database: flyway migrate, liquibase update, retort upgrade head;
#   (b) nothing to do: flyway info and flyway migrate at head, liquibase status and liquibase update at head,
#       retort current and retort upgrade head at head;
#   (c) revert all N: liquibase rollback-count --count=N vs retort downgrade base, each database brought to head
#       before each run; Flyway has no counterpart (undo is in its paid editions only).
#   Peak RSS (/usr/bin/time -f %M, median) of each tool's (a).
# Medians of $RUNS rounds in which every command of a workload runs once (see bench/README.md).
# Flyway and Liquibase come from Maven Central through Maven (a throwaway pom each in the work directory, its jars
# copied into lib/ there) and run with plain java and the JVM's default settings, as their own launch scripts
# start them, both with the PostgreSQL JDBC driver that Retort ships.
# Usage: bench/vs-flyway-liquibase.sh      environment: N (300), RUNS (5), BENCH_DIR (/tmp/retort-bench), RETORT,
#        PSQL, FLYWAY_VERSION (11.20.3), LIQUIBASE_VERSION (4.31.1; 5 and later are not open source).
work=${BENCH_DIR:-${TMPDIR:-/tmp}/retort-bench}/vs-jvm-tools
flyway_version=${FLYWAY_VERSION:-11.20.3}
liquibase_version=${LIQUIBASE_VERSION:-4.31.1}
command -v mvn >/dev/null || { echo "bench: needs mvn (apt-get install maven) to fetch Flyway and Liquibase" >&2; exit 1; }
source "$(dirname "$0")/lib.sh"

# The tools: the dependencies of a throwaway pom, copied by Maven into $work/NAME/lib (fetched again only when
# the pom changes). Flyway's class path is the one its command line declares, every database module and driver
# with it, with the versions Flyway manages (its parent pom, imported), as its own distribution is built.
driver=$(basename "$(ls "$root"/retort-cli/target/lib/postgresql-*.jar)" .jar)
driver=${driver#postgresql-}
dep() { # dep GROUP ARTIFACT [VERSION [TYPE SCOPE]]: one <dependency> of a pom
    printf '    <dependency><groupId>%s</groupId><artifactId>%s</artifactId>%s%s</dependency>\n' "$1" "$2" \
        "${3:+<version>$3</version>}" "${4:+<type>$4</type><scope>$5</scope>}"
}
fetch() { # fetch NAME MANAGED-DEPENDENCIES DEPENDENCIES: the jars of a pom of those into $work/NAME/lib
    local dir=$work/$1 pom
    pom=$(cat <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$1</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies>
$2
  </dependencies></dependencyManagement>
  <dependencies>
$3
  </dependencies>
</project>
EOF
)
    if [ ! -d "$dir/lib" ] || [ "$pom" != "$(cat "$dir/pom.xml" 2>/dev/null)" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        printf '%s\n' "$pom" > "$dir/pom.xml"
        check "cd $dir && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib"
    fi
}
fetch flyway "$(dep org.flywaydb flyway-parent "$flyway_version" pom import)" \
    "$(dep org.flywaydb flyway-commandline "$flyway_version")
$(dep org.flywaydb flyway-database-postgresql "$flyway_version")
$(dep org.postgresql postgresql "$driver")"
fetch liquibase "" "$(dep org.liquibase liquibase-core "$liquibase_version")
$(dep info.picocli picocli 4.7.6)
$(dep org.postgresql postgresql "$driver")"

project "$work/migrations" bench_retort "$n" --flyway --liquibase
r="$retort -c $work/migrations/retort.toml"
# Flyway: -skipCheckForUpdate, or every run asks Maven Central for a newer version; -q (only warnings and errors)
# on migrate, not on info, whose table is its answer (as retort current's line is).
# Both take the server's password from a variable of their own (the JDBC driver does not read PGPASSWORD).
export FLYWAY_PASSWORD=$PGPASSWORD LIQUIBASE_COMMAND_PASSWORD=$PGPASSWORD
fw="java -cp '$work/flyway/lib/*' org.flywaydb.commandline.Main -skipCheckForUpdate"
fw="$fw -url=jdbc:postgresql://127.0.0.1:$port/bench_flyway -user=postgres -locations=filesystem:$work/migrations/flyway"
# Liquibase (picocli is its command line's own dependency, optional in liquibase-core's pom): no banner, and no
# anonymous analytics, which would look up and call Liquibase's server on every run.
lb="java -cp '$work/liquibase/lib/*' liquibase.integration.commandline.LiquibaseCommandLine --show-banner=false"
lb="$lb --analytics-enabled=false --url=jdbc:postgresql://127.0.0.1:$port/bench_liquibase --username=postgres"
lb="$lb --search-path=$work/migrations/liquibase --changelog-file=changelog.xml"

tables() { # tables DATABASE: how many of the generated tables it has
    $psql -d "$1" -Atc "select count(*) from pg_tables where schemaname = 'public' and tablename ~ '^t_[0-9]+$'"
}
at() { # at DATABASE COUNT: fails unless the database has COUNT of the generated tables
    local got
    got=$(tables "$1")
    [ "$got" = "$2" ] || { echo "bench: $1 has $got tables, not $2" >&2; exit 1; }
}
for db in bench_flyway bench_liquibase bench_retort; do check "$(fresh $db)"; done
check "$fw -q migrate && $fw info"
check "$lb update && $lb status"
check "$r upgrade head && $r current"
for db in bench_flyway bench_liquibase bench_retort; do at $db "$n"; done
check "$lb rollback-count --count=$n"
check "$r downgrade base"
for db in bench_liquibase bench_retort; do at $db 0; done

bench a \
    -n flyway-migrate --prepare "$(fresh bench_flyway)" "$fw -q migrate" \
    -n liquibase-update --prepare "$(fresh bench_liquibase)" "$lb update" \
    -n retort-upgrade --prepare "$(fresh bench_retort)" "$r upgrade head"
# (b) on databases at head, which no command below changes until (c).
check "$(fresh bench_flyway) && $fw -q migrate && $(fresh bench_liquibase) && $lb update"
check "$(fresh bench_retort) && $r upgrade head"
bench b -N --warmup 1 \
    -n flyway-info "$fw info" \
    -n flyway-migrate-noop "$fw -q migrate" \
    -n liquibase-status "$lb status" \
    -n liquibase-update-noop "$lb update" \
    -n retort-current "$r current" \
    -n retort-upgrade-noop "$r upgrade head"
bench c \
    -n liquibase-rollback --prepare "$(fresh bench_liquibase) && $lb update" "$lb rollback-count --count=$n" \
    -n retort-downgrade --prepare "$(fresh bench_retort) && $r upgrade head" "$r downgrade base"
at bench_liquibase 0
at bench_retort 0

rss_flyway=$(rss bench_flyway "$fw -q migrate")
rss_liquibase=$(rss bench_liquibase "$lb update")
rss_retort=$(rss bench_retort "$r upgrade head")
rss_row() { # rss_row OTHER-MB RETORT-MB
    printf '%-44s %10s %10s %7.2fx\n' "peak RSS of (a), MB" "$1" "$2" "$(awk -v a="$2" -v b="$1" 'BEGIN { print a / b }')"
}

printf '\n%-44s %10s %10s %8s\n' "workload (N=$n, medians of $runs rounds, s)" flyway retort ratio
row "(a) apply N: migrate vs upgrade head" a flyway-migrate retort-upgrade
row "(b) info vs current, at head" b flyway-info retort-current
row "(b) migrate vs upgrade head, at head" b flyway-migrate-noop retort-upgrade-noop
row "(c) revert all N: Flyway's undo is paid-only" c - retort-downgrade
rss_row "$rss_flyway" "$rss_retort"
printf '\n%-44s %10s %10s %8s\n' "" liquibase retort ratio
row "(a) apply N: update vs upgrade head" a liquibase-update retort-upgrade
row "(b) status vs current, at head" b liquibase-status retort-current
row "(b) update vs upgrade head, at head" b liquibase-update-noop retort-upgrade-noop
row "(c) rollback-count vs downgrade base" c liquibase-rollback retort-downgrade
rss_row "$rss_liquibase" "$rss_retort"
flyway_v=$(bash -c "$fw -v" 2>/dev/null | sed -n 's/^Flyway \(.*\) by Redgate$/\1/p')
liquibase_v=$(bash -c "$lb --version" 2>/dev/null | sed -n 's/^Liquibase Version: //p')
java_v=$(java -version 2>&1 | sed -n '1s/.*"\(.*\)".*/\1/p')
echo "(Flyway $flyway_v, Liquibase $liquibase_v, both with PostgreSQL JDBC $driver, on Java $java_v;"
echo " each round's timings: $work/{a,b,c}.*.json)"
