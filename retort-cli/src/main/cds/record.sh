#!/bin/sh
# Writes classes.lst, next to this script: the class list of the archive that the `retort` launcher makes with the
# build, so that a fresh installation's first commands start from it. It lists what the commands of a deploy load:
# upgrade, downgrade, current, heads and history, over Java and SQL migrations (a copy of the equipment example's,
# and one SQL revision on top), on the embedded PostgreSQL, each run as in a fresh checkout of a project (no cache
# of the scripts' headers or of retort.toml's parse), but with the server up and the Java migrations compiled (the
# compiler's classes would make the archive twice the size for the few runs that compile). Run it again after a
# change that makes those commands load other classes: a class the list lacks is only read from its jar.
# Usage: retort-cli/src/main/cds/record.sh      (it builds Retort first when the sources changed)
set -e
here=$(cd "$(dirname "$0")" && pwd)
home=$(cd "$here/../../../.." && pwd)
work=$(mktemp -d)
trap 'stop; rm -rf "$work"' EXIT
stop() { # the project's embedded PostgreSQL, started by the first command, and its data directory
    record="$work/.retort/postgres.properties"
    [ -f "$record" ] || return 0
    data=$(sed -n 's/^data_directory=//p' "$record")
    (cd "$work" && "$home/retort" embedded stop >/dev/null 2>&1) || :
    # Kept outside the project where the server's user may not enter it (/var/tmp/retort-<hash>/data).
    case $data in "$work"/*) ;; */retort-*/data) rm -rf "${data%/data}" ;; esac
}

cp -R "$home/examples/equipment/migrations" "$work/migrations"
printf 'script_location = "migrations"\n' > "$work/retort.toml"
cd "$work"
retort() {
    "$home/retort" "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; echo "record.sh: retort $* failed" >&2; exit 1; }
}
head=$("$home/retort" heads | cut -d' ' -f1)
cat > migrations/versions/5ca1ab1e0001_add_audit_log.sql <<EOF
-- revision: 5ca1ab1e0001
-- down_revision: $head
-- message: add audit log
-- +upgrade
CREATE TABLE audit_log (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), entry text);
CREATE INDEX ix_audit_log_at ON audit_log (at);
-- +downgrade
DROP TABLE audit_log;
EOF
# Not recorded: what only a first run does (start the server, compile, parse retort.toml).
retort upgrade head
retort downgrade base
n=0
for command in "current" "heads" "history" "upgrade head" "current -v" "downgrade -1" "downgrade base" \
        "upgrade head"; do
    n=$((n + 1))
    rm -rf .retort/cache/scripts .retort/cache/config
    # shellcheck disable=SC2086 # a command's words
    RETORT_JAVA_OPTS="-XX:DumpLoadedClassList=$work/$n.lst" retort $command
done
{
    echo "# The classes of a deploy's commands, written by record.sh (see there): the build's archive holds them."
    cat "$work"/[0-9]*.lst | awk '!/^#/ && !seen[$0]++'
} > "$here/classes.lst"
echo "$(grep -vc '^#' "$here/classes.lst") classes in $here/classes.lst" >&2
