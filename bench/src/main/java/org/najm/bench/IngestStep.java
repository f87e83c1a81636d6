package org.najm.bench;

/**
 * One configuration of the ingest benchmark at one rate: what was offered, what arrived and the verdict; one
 * row of the table.
 *
 * @param sentPackets BUS_HK packets in the frames sent
 * @param counted     what the pipeline's counters moved by during the step and its drain
 * @param delivered   frames/s whose packets reached the end of the pipeline while the sender was sending
 * @param cpuMsPerFrame the whole JVM's CPU time (sender included) from the start of sending to the end of the
 *                    drain, per frame sent, ms; the parameter archive's back-fill comes after and is not in it
 * @param cores       that CPU time over that wall time: cores kept busy
 */
record IngestStep(String config, int target, double offered, double delivered, long sentPackets,
        Counters counted, double drainSeconds, int maxBacklog, boolean pass, String note, double cpuMsPerFrame,
        double cores) {

    /** The pipeline's counters: read before and after a step, their difference is the step's. */
    record Counters(long recorded, long queueFull, long socketDrops, long hostRcvbufErrors, long paWarnings) {

        /** What moved since {@code before}; the host counter is -1 when either reading failed. */
        Counters since(Counters before) {
            return new Counters(recorded - before.recorded, queueFull - before.queueFull,
                    socketDrops - before.socketDrops,
                    before.hostRcvbufErrors < 0 || hostRcvbufErrors < 0 ? -1
                            : hostRcvbufErrors - before.hostRcvbufErrors,
                    paWarnings - before.paWarnings);
        }
    }

    /**
     * The pass rule: zero packet loss, no parameter-archive warning, delivered while sending at least
     * {@code keepUp} of the offered rate (queueing is not throughput), and the sender reached {@code keepUp} of
     * the target.
     *
     * @param recordedWhileSending packets counted from the start to the end of sending
     */
    static IngestStep judge(String config, int target, long sentPackets, PacedSender.Sent sent,
            long recordedWhileSending, Counters counted, double drainSeconds, int maxBacklog, double keepUp,
            long cpuNanos) {
        double offered = sent.frames() / sent.seconds();
        double packetsPerFrame = (double) sentPackets / sent.frames();
        double delivered = recordedWhileSending / packetsPerFrame / sent.seconds();
        boolean senderOk = offered >= keepUp * target;
        boolean pass = sentPackets - counted.recorded() == 0 && counted.paWarnings() == 0
                && delivered >= keepUp * offered && senderOk;
        return new IngestStep(config, target, offered, delivered, sentPackets, counted, drainSeconds, maxBacklog,
                pass, senderOk ? "" : "sender below target", cpuNanos / 1e6 / sent.frames(),
                cpuNanos / 1e9 / (sent.seconds() + drainSeconds));
    }

    long lost() {
        return sentPackets - counted.recorded();
    }

    static String header() {
        return String.format("%-9s %6s %7s %7s %9s %9s %8s %6s %7s %7s %8s %7s %6s %7s %5s  %s", "config",
                "target", "offered", "deliv", "sent_pkts", "recorded", "lost", "drain", "backlog", "q_full",
                "sockdrop", "hostRcv", "PAwarn", "cpu/fr", "cores", "result");
    }

    String line() {
        return String.format("%-9s %6d %7.0f %7.0f %9d %9d %8d %5.1fs %7d %7d %8d %7d %6d %5.2fms %5.2f  %s%s",
                config, target, offered, delivered, sentPackets, counted.recorded(), lost(), drainSeconds,
                maxBacklog, counted.queueFull(), counted.socketDrops(), counted.hostRcvbufErrors(),
                counted.paWarnings(), cpuMsPerFrame, cores, pass ? "PASS" : "FAIL",
                note.isEmpty() ? "" : " (" + note + ")");
    }
}
