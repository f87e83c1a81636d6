#!/usr/bin/env python3
"""Independent pass prediction with Skyfield (its own SGP4 and frames), to cross-check Orekit.

Reads JSON on stdin:
  {"start": "2026-11-20T00:00:00Z", "end": "2026-11-21T00:00:00Z",
   "ut1EqualsUtc": false,     (optional: true to use UT1 = UTC, as Orekit does without EOP)
   "tles": [{"name": "NAJM-1", "line1": "1 ...", "line2": "2 ..."}],
   "stations": [{"name": "SVALBARD", "latitude": 78.2298, "longitude": 15.4078,
                 "altitude": 500, "mask": 5}]}
Prints JSON on stdout:
  {"passes": [{"spacecraft", "station", "aos", "los", "tca", "maxElevationDeg"}]}
with ISO-8601 UTC times (microseconds), sorted by AOS, spacecraft, station.

WGS84 stations, no refraction, passes clipped to [start, end] (AOS = start for a pass in progress
at start), like org.najm.passes.PassPredictor. find_events alone stops at ~0.5 s (and is off by
more than 1 s at times), so every crossing is re-bracketed and bisected on the elevation to 0.1 ms.
Needs the Debian package python3-skyfield (apt-get install python3-skyfield); no download: the
timescale is Skyfield's builtin one.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

from skyfield.api import EarthSatellite, load, wgs84

ROOT_ACCURACY_S = 1e-4
TCA_ACCURACY_S = 1e-3


def parse_time(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(timezone.utc)


def iso(start, x):
    t = start + timedelta(seconds=x)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def main():
    req = json.load(sys.stdin)
    start = parse_time(req["start"])
    end = parse_time(req["end"])
    span = (end - start).total_seconds()
    ts = load.timescale(builtin=True)
    if req.get("ut1EqualsUtc", False):
        # Orekit without EOP files uses UT1 = UTC: with the same UT1 the two agree to ~1 ms, which
        # separates implementation differences from Earth-orientation ones (~0.2 s here)
        t0 = ts.utc(start.year, start.month, start.day)
        tt_minus_utc = float(t0.delta_t + t0.dut1)
        ts.delta_t_function = lambda tt: tt * 0.0 + tt_minus_utc

    def at(x):
        # seconds from start; Skyfield normalises out-of-range seconds
        return ts.utc(start.year, start.month, start.day, start.hour, start.minute,
                      start.second + start.microsecond * 1e-6 + x)

    passes = []
    for tle in req["tles"]:
        sat = EarthSatellite(tle["line1"], tle["line2"], tle["name"], ts)
        for st in req["stations"]:
            site = wgs84.latlon(st["latitude"], st["longitude"], elevation_m=st["altitude"])
            mask = st["mask"]
            diff = sat - site

            def g(x):
                alt, _, _ = diff.at(at(x)).altaz()
                return alt.degrees - mask

            def refine(x):
                """Bisect the crossing found near x (find_events' estimate) to ROOT_ACCURACY_S."""
                for w in (5.0, 15.0, 60.0):
                    lo, hi = max(0.0, x - w), min(span, x + w)
                    glo, ghi = g(lo), g(hi)
                    if (glo > 0) != (ghi > 0):
                        break
                else:
                    raise RuntimeError("no sign change near %s" % iso(start, x))
                while hi - lo > ROOT_ACCURACY_S:
                    mid = 0.5 * (lo + hi)
                    gm = g(mid)
                    if (gm > 0) == (glo > 0):
                        lo, glo = mid, gm
                    else:
                        hi = mid
                return 0.5 * (lo + hi)

            def maximise(lo, hi):
                """Golden-section search of the elevation maximum in [lo, hi]."""
                r = 0.6180339887498949
                a, b = lo, hi
                c, d = b - r * (b - a), a + r * (b - a)
                gc, gd = g(c), g(d)
                while b - a > TCA_ACCURACY_S:
                    if gc > gd:
                        b, d, gd = d, c, gc
                        c = b - r * (b - a)
                        gc = g(c)
                    else:
                        a, c, gc = c, d, gd
                        d = a + r * (b - a)
                        gd = g(d)
                best = max([(g(lo), lo), (g(hi), hi), (g(0.5 * (a + b)), 0.5 * (a + b))])
                return best[1], best[0] + mask

            times, events = sat.find_events(site, at(0.0), at(span), altitude_degrees=mask)
            aos = 0.0 if g(0.0) > 0 else None
            intervals = []
            for t, e in zip(times, events):
                x = (t.utc_datetime() - start).total_seconds()
                if e == 0 and aos is None:
                    aos = refine(x)
                elif e == 2 and aos is not None:
                    intervals.append((aos, refine(x)))
                    aos = None
            if aos is not None:
                intervals.append((aos, span))
            for a, b in intervals:
                tca, max_el = maximise(a, b)
                passes.append({"spacecraft": tle["name"], "station": st["name"],
                               "aos": iso(start, a), "los": iso(start, b), "tca": iso(start, tca),
                               "maxElevationDeg": max_el})
    passes.sort(key=lambda p: (p["aos"], p["spacecraft"], p["station"]))
    json.dump({"passes": passes}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
