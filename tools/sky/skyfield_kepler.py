#!/usr/bin/env python3
"""Independent astrometric positions of two-body heliocentric orbits with Skyfield, to cross-check the
simulator's synthetic sky (org.najm.simulator.sky.SkyObject.observe).

Reads JSON on stdin:
  {"gmKm3S2": 1.32712440041e11,
   "objects": [{"aAu": 2.5, "e": 0.1, "iDeg": 5, "nodeDeg": 10, "argPeriDeg": 20, "meanAnomalyDeg": 30,
                "epochTtJd": 2461000.5,
                "obs": [{"ttJd": 2461000.6, "observerAu": [x, y, z]}]}]}
  (elements heliocentric ecliptic J2000; observer heliocentric, ICRF axes, AU)
Prints JSON on stdout: {"objects": [{"obs": [{"raDeg", "decDeg", "distanceAu", "lightTimeS"}]}]}

Skyfield's own Kepler propagation (universal variables, skyfield.keplerlib) and its ECLIPJ2000 rotation;
the light-time iteration is here. Needs python3-skyfield (Debian); no download.
"""
import json
import math
import sys

import numpy as np
from skyfield.api import load
from skyfield.data.spice import inertial_frames
from skyfield.keplerlib import _KeplerOrbit

C_AU_PER_DAY = 299792.458 * 86400 / 149597870.700


def main():
    req = json.load(sys.stdin)
    ts = load.timescale(builtin=True)
    ecl_to_icrf = np.array(inertial_frames['ECLIPJ2000']).T
    out = []
    for o in req["objects"]:
        p = o["aAu"] * (1 - o["e"] ** 2)
        orbit = _KeplerOrbit._from_mean_anomaly(p, o["e"], o["iDeg"], o["nodeDeg"], o["argPeriDeg"],
                                                o["meanAnomalyDeg"], ts.tt_jd(o["epochTtJd"]), req["gmKm3S2"],
                                                10, None)
        res = []
        for ob in o["obs"]:
            observer = np.array(ob["observerAu"])
            tau = 0.0
            for _ in range(5):
                pos = ecl_to_icrf.dot(orbit._at(ts.tt_jd(ob["ttJd"] - tau))[0])
                tau = np.linalg.norm(pos - observer) / C_AU_PER_DAY
            line = pos - observer
            dist = float(np.linalg.norm(line))
            ra = math.degrees(math.atan2(line[1], line[0])) % 360
            dec = math.degrees(math.asin(line[2] / dist))
            res.append({"raDeg": ra, "decDeg": dec, "distanceAu": dist, "lightTimeS": tau * 86400})
        out.append({"obs": res})
    json.dump({"objects": out}, sys.stdout)


if __name__ == "__main__":
    main()
