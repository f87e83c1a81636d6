#!/usr/bin/env bash
# Builds NAJM and runs the whole system on localhost: the Yamcs MOC (web UI and API on
# http://localhost:8090) and the simulator (4 spacecraft, 5 ground stations, and the asteroid
# archive stand-in on http://localhost:8091, storing what it accepts in data/archive/; its control
# API for injecting station faults and reading the truth onboard on http://localhost:8092).
# Ctrl-C stops everything.
#
# Environment: NAJM_SIM_START (ISO-8601 UTC instant the simulation starts at, default now),
# NAJM_SIM_RATE (simulation clock rate, default 1), NAJM_SIM_COLD (1: the spacecraft start cold, in
# STANDBY with the payload off, as SimulatorMain --cold; default 0: routine operations, payload on and
# SURVEY, the telescope exposing from the first whole minute), NAJM_SITES (comma-separated partner ids,
# e.g. alpha,bravo: also starts those partners' site servers, docs/sites.md: alpha on http://localhost:8101,
# bravo 8102, charlie 8103, delta 8104, each with its data in data/site-<id>/; default none).
#
# Authentication is on: log in with a demo user of README (password najm-demo). The simulated
# stations fetch the contact plan as the read-only 'observer'. The production profile
# (NAJM_PROFILE=production, docs/security.md) is not started by this script.
set -euo pipefail
cd "$(dirname "$0")"

sim_opts=()
case "${NAJM_SIM_COLD:-0}" in
    0) ;;
    1) sim_opts+=(--cold) ;;
    *) echo "NAJM_SIM_COLD must be 0 or 1, not '${NAJM_SIM_COLD}'" >&2; exit 2 ;;
esac

# Partner sites: id -> HTTP port, validated before anything is built or started.
declare -A site_ports=([alpha]=8101 [bravo]=8102 [charlie]=8103 [delta]=8104)
sites=()
if [[ -n "${NAJM_SITES:-}" ]]; then
    IFS=',' read -ra requested <<< "${NAJM_SITES}"
    for id in "${requested[@]}"; do
        id="${id// /}"
        [[ -z "$id" ]] && continue
        if [[ -z "${site_ports[$id]:-}" ]]; then
            echo "NAJM_SITES: unknown partner '$id' (partners: alpha, bravo, charlie, delta)" >&2
            exit 2
        fi
        [[ " ${sites[*]} " == *" $id "* ]] || sites+=("$id")
    done
fi

echo "== Building (mvn install, tests skipped)"
mvn -B -q -ntp -DskipTests install

# One anchor for both processes: simulated time = start + rate * (wall time - anchor).
export NAJM_SIM_ANCHOR="${NAJM_SIM_ANCHOR:-$(date +%s%3N)}"
export NAJM_SIM_START="${NAJM_SIM_START:-$(date -u -d "@$((NAJM_SIM_ANCHOR / 1000))" +%Y-%m-%dT%H:%M:%SZ)}"
export NAJM_SIM_RATE="${NAJM_SIM_RATE:-1}"
echo "== Simulation clock: start ${NAJM_SIM_START}, rate ${NAJM_SIM_RATE}"

mkdir -p data
sim_cp="simulator/target/classes:$(cat simulator/target/classpath.txt)"
moc_cp="yamcs-plugin/target/classes:$(cat yamcs-plugin/target/classpath.txt)"

pids=()
stop_all() {
    trap - INT TERM EXIT
    echo "== Stopping NAJM"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stop_all INT TERM EXIT

if [[ "${NAJM_PROFILE:-development}" != development ]]; then
    echo "run.sh runs the development profile with its simulator; see docs/security.md for production" >&2
    exit 2
fi
java -cp "$moc_cp" org.yamcs.YamcsServer --etc-dir etc --log-config etc/logging.properties &
pids+=($!)
# The stations point their antennas as the MOC's contact plan says.
NAJM_PLAN_USER=observer NAJM_PLAN_PASSWORD=najm-demo \
java -cp "$sim_cp" org.najm.simulator.SimulatorMain --constellation etc/constellation.yaml \
    --plan-url http://localhost:8090/api/najm/contacts \
    --archive-port 8091 --archive-dir data/archive "${sim_opts[@]}" \
    > >(sed -u 's/^/[simulator] /') 2>&1 &
pids+=($!)

# Each partner site: its own server, accounts (etc/site/users-<id>.yaml) and data, cascaded from the MOC as
# the partner's site account (docs/sites.md). It waits for the MOC by itself (the link retries).
for id in "${sites[@]}"; do
    mkdir -p "data/site-$id"
    java -cp "$moc_cp" -Dnajm.site="$id" -Dnajm.httpPort="${site_ports[$id]}" -Dnajm.dataDir="data/site-$id" \
        -Dnajm.serverId="najm-site-$id" -Dnajm.siteUser="site-$id" -Dnajm.mocUrl=http://localhost:8090 \
        org.yamcs.YamcsServer --etc-dir etc/site --log-config etc/logging.properties \
        > >(sed -u "s/^/[site-$id] /") 2>&1 &
    pids+=($!)
    echo "== Site $id: http://localhost:${site_ports[$id]}  (log in as $id-op / najm-demo)"
done

echo "== Yamcs web UI: http://localhost:8090  (Ctrl-C stops everything)"
# Whichever stops first (or Ctrl-C) stops the other.
wait -n "${pids[@]}" || true
