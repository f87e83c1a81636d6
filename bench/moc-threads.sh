#!/usr/bin/env bash
# The MOC's CPU by thread as ./run.sh runs it: starts the whole system from a checkout (its own data/ directory,
# the default ports, so nothing else may be running on them), lets it settle, then reads every MOC thread's CPU
# (/proc/<pid>/task/*/stat, utime + stime) at the start and end of a window and prints each thread group's share
# of one core over it. Stops what it started by process group.
#   bench/moc-threads.sh <checkout> [rate=60] [settle_s=90] [window_s=300]
# Run it on two checkouts one after the other (A B A ...) for a before and after; results go to stdout.
set -euo pipefail
checkout="$(cd "${1:?usage: bench/moc-threads.sh <checkout> [rate] [settle_s] [window_s]}" && pwd)"
rate="${2:-60}"
settle="${3:-90}"
window="${4:-300}"
log="$(mktemp)"
cd "$checkout"
rm -rf data
NAJM_SIM_RATE="$rate" setsid ./run.sh > "$log" 2>&1 &
group=$!
trap 'kill -TERM -- -"$group" 2>/dev/null || true; wait "$group" 2>/dev/null || true; rm -f "$log"' EXIT
moc=""
for _ in $(seq 1 600); do # the build comes first: up to 10 min
    moc="$(ps -o pid=,args= -g "$group" | awk '/org.yamcs.YamcsServer/ && !/najm.site/ {print $1; exit}')"
    [[ -n "$moc" ]] && break
    sleep 1
done
[[ -n "$moc" ]] || { echo "the MOC did not start; run.sh said:" >&2; tail -20 "$log" >&2; exit 1; }
sleep "$settle"
threads() { # thread group (digits as #) -> CPU ticks
    for t in /proc/"$moc"/task/*; do
        printf '%s\t%s\n' "$(tr '0-9' '#' < "$t/comm")" "$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)"
    done | awk -F'\t' '{a[$1] += $2} END {for (k in a) print k "\t" a[k]}' | sort
}
before="$(threads)"
sleep "$window"
after="$(threads)"
hz="$(getconf CLK_TCK)"
echo "# MOC threads, $(git -C "$checkout" log -1 --format='%h %s' | cut -c1-100)"
echo "# rate $rate, settle $settle s, window $window s, $(date -u +%FT%TZ), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
cpu="$(join -t$'\t' <(echo "$before") <(echo "$after") | awk -F'\t' -v hz="$hz" '{print $1 "\t" ($3 - $2) / hz}')"
echo "$cpu" | sort -t$'\t' -k2,2 -gr | awk -F'\t' -v w="$window" '$2 >= 0.1 {printf "%-18s %8.1f s %6.1f %%\n", $1, $2, 100 * $2 / w}'
echo "$cpu" | awk -F'\t' -v w="$window" '{t += $2} END {printf "%-18s %8.1f s %6.1f %%\n", "MOC, all threads", t, 100 * t / w}'
