#!/usr/bin/env python3
"""Runs tools/passes/skyfield_passes.py unchanged and reports its own compute time.

Usage: skyfield_timed.py <path to skyfield_passes.py>   (request JSON on stdin, passes JSON on stdout)

Prints one line on stderr:
  BENCH_TIMING import_s=<s> compute_s=<s>
import_s: interpreter-side import of the script (Skyfield, NumPy, sgp4); compute_s: its main() (reading
the request, Skyfield's builtin timescale, the prediction, writing the JSON). Python start-up is in neither:
the caller's wall time of the process minus both is that.
"""
import os
import sys
import time

t0 = time.perf_counter()
script = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(script))
module = __import__(os.path.splitext(os.path.basename(script))[0])
t1 = time.perf_counter()
module.main()
sys.stdout.flush()
t2 = time.perf_counter()
sys.stderr.write("BENCH_TIMING import_s=%.3f compute_s=%.3f\n" % (t1 - t0, t2 - t1))
