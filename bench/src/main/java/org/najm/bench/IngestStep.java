package org.najm.bench;

/**
 * One configuration of the ingest benchmark at one rate: what was offered, what arrived and the verdict; one
 * row of the table.
 *
 * @param sentPackets BUS_HK packets in the frames sent
 * @param counted     what the pipeline's counters moved by during the step and its drain
 * @param delivered   frames/s whose packets reached the end of the pipeline while the sender was sending
 */
record IngestStep(String config, int target, double offered, double delivered, long sentPackets,
        Counters counted, double drainSeconds, int maxBacklog, boolean pass, String note) {

    /** The pipeline's counters: read before and after a step, their difference is the step's. */
    record Counters(long recorded, long queueFull, long socketDrops, long hostRcvbufErrors, long paWarnings,
            long paParams) {

        /** What moved since {@code before}; the host counter is -1 when either reading failed. */
        Counters since(Counters before) {
            return new Counters(recorded - before.recorded, queueFull - before.queueFull,
                    socketDrops - before.socketDrops,
                    before.hostRcvbufErrors < 0 || hostRcvbufErrors < 0 ? -1
                            : hostRcvbufErrors - before.hostRcvbufErrors,
                    paWarnings - before.paWarnings, paParams - before.paParams);
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
            long recordedWhileSending, Counters counted, double drainSeconds, int maxBacklog, double keepUp) {
        double offered = sent.frames() / sent.seconds();
        double packetsPerFrame = (double) sentPackets / sent.frames();
        double delivered = recordedWhileSending / packetsPerFrame / sent.seconds();
        boolean senderOk = offered >= keepUp * target;
        boolean pass = sentPackets - counted.recorded() == 0 && counted.paWarnings() == 0
                && delivered >= keepUp * offered && senderOk;
        return new IngestStep(config, target, offered, delivered, sentPackets, counted, drainSeconds, maxBacklog,
                pass, senderOk ? "" : "sender below target");
    }

    long lost() {
        return sentPackets - counted.recorded();
    }

    /** Parameters the realtime filler received per recorded packet: constant (40) when nothing is dropped. */
    double paParamsPerPacket() {
        return counted.recorded() == 0 ? 0 : (double) counted.paParams() / counted.recorded();
    }

    static String header() {
        return String.format("%-9s %6s %7s %7s %9s %9s %8s %6s %7s %7s %8s %7s %6s %6s  %s", "config", "target",
                "offered", "deliv", "sent_pkts", "recorded", "lost", "drain", "backlog", "q_full", "sockdrop",
                "hostRcv", "PAwarn", "PA/pkt", "result");
    }

    String line() {
        return String.format("%-9s %6d %7.0f %7.0f %9d %9d %8d %5.1fs %7d %7d %8d %7d %6d %6.1f  %s%s", config,
                target, offered, delivered, sentPackets, counted.recorded(), lost(), drainSeconds, maxBacklog,
                counted.queueFull(), counted.socketDrops(), counted.hostRcvbufErrors(), counted.paWarnings(),
                paParamsPerPacket(), pass ? "PASS" : "FAIL", note.isEmpty() ? "" : " (" + note + ")");
    }
}
