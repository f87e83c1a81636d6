#!/usr/bin/env bash
# Builds NAJM and runs the MOC alone (Yamcs with the NAJM plugin, web UI and API on :8090), for
# operations with real stations and a real archive. The development system with its simulator
# is ./run.sh.
#
#   NAJM_PROFILE=production NAJM_USERS_FILE=/etc/najm/users.yaml ./moc.sh
#   ./moc.sh hash-password        prints the hash of a password for a users file
#
# The production profile refuses to start without a users file of its own (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q -ntp -Dstyle.color=never -DskipTests install >&2
moc_cp="yamcs-plugin/target/classes:$(cat yamcs-plugin/target/classpath.txt)"

if [[ "${1:-}" == hash-password ]]; then
    exec java -cp "$moc_cp" org.najm.security.HashPassword
fi
mkdir -p data
exec java -cp "$moc_cp" org.yamcs.YamcsServer --etc-dir etc --log-config etc/logging.properties
