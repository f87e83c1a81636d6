#!/usr/bin/env python3
# Usage: jfr print --json --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample X.jfr > X.json
#        python3 bench/jfr-stages.py X.json [thread-name-prefix,...]
"""Attributes JFR CPU samples (jdk.ExecutionSample + jdk.NativeMethodSample minus idle waits) to ingest stages.
Each sample goes to the stage of the stage anchor nearest to the top of its stack."""
import json, collections, sys
ANCHORS = [  # (stage, substrings of 'class.method'); checked frame by frame from the top of the stack
    ("alarms", ["ParameterAlarmChecker", "org.yamcs.alarms."]),
    ("delivery: parameter cache (ParameterRetrievalService)", ["ArrayParameterCache", "ParameterRetrievalService"]),
    ("delivery: processor subscribers (LastValueCache, PRM, NAJM accountability)",
     ["LastValueCache", "ParameterRequestManager", "ParameterProcessorManager", "AccountabilityService",
      "org.yamcs.parameter.", "StreamParameterSender"]),
    ("tm archive: XtceTmRecorder (tm table + histogram)", ["XtceTmRecorder"]),
    ("tm archive: CcsdsTmIndex (completeness index)", ["CcsdsTmIndex"]),
    ("parameter archive (back-fill monitor, back-filler)", ["org.yamcs.parameterarchive."]),
    ("event decoder (EventPacketDecoder)", ["EventPacketDecoder"]),
    ("XTCE extraction", ["org.yamcs.mdb.", "StreamTmPacketProvider"]),
    ("packet preprocessing", ["PacketPreprocessor", "IcdPacketPreprocessor"]),
    ("stream emit / tm link plumbing", ["org.yamcs.yarch.Stream.emitTuple", "LinkManager", "TmPacket"]),
    ("frame decode (Yamcs frame decoder, FECF)", ["org.yamcs.tctm.ccsds."]),
    ("NAJM gateway: hand-off, duplicate filter", ["org.najm.gateway.GatewayTmFrameLink",
                                                   "org.najm.gateway.DuplicateFrameFilter"]),
    ("NAJM gateway: Netty receive, checks, routing", ["org.najm.gateway.", "io.netty."]),
    ("stock link: socket receive", ["UdpTmFrameLink"]),
    ("sender (benchmark)", ["org.najm.bench.", "org.najm.simulator."]),
]
IDLE = ("EPoll.wait", "DatagramChannelImpl.receive0", "Unsafe.park", "Object.wait")

# The enclosing plumbing (a frame's decoding calls the stream's subscribers): only when no inner stage matched.
OUTER = {"stream emit / tm link plumbing", "frame decode (Yamcs frame decoder, FECF)",
         "NAJM gateway: hand-off, duplicate filter", "NAJM gateway: Netty receive, checks, routing",
         "stock link: socket receive", "sender (benchmark)"}


def stage(frames):
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    for tier in (False, True):
        for n in names:
            for st, subs in ANCHORS:
                if (st in OUTER) == tier and any(s in n for s in subs):
                    return st
    return "other (JVM, JDK, unattributed)"

d = json.load(open(sys.argv[1]))
threads = sys.argv[2].split(",") if len(sys.argv) > 2 else None
per = collections.Counter(); by_thread = collections.Counter(); total = 0
for e in d["recording"]["events"]:
    v = e["values"]
    if not v.get("sampledThread") or not v.get("stackTrace"):
        continue
    t = v["sampledThread"]["javaName"] or "?"
    fr = v["stackTrace"]["frames"]
    top = fr[0]["method"]["type"]["name"] + "." + fr[0]["method"]["name"]
    if e["type"] == "jdk.NativeMethodSample" and any(top.endswith(i) for i in IDLE):
        continue
    if threads and not any(t.startswith(x) for x in threads):
        continue
    total += 1
    per[stage(fr)] += 1
    by_thread[t] += 1
print("samples", total, dict(by_thread.most_common(8)))
for k, v in per.most_common():
    print("%6d %5.1f%%  %s" % (v, 100.0 * v / total, k))
