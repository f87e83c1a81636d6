package org.najm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The lights-out soak: all four spacecraft and their contacts executing themselves for a simulated day, with
 * faults on a schedule ({@link SoakRun}). First it finds the highest simulation rate that holds zero loss: a
 * probe of {@code soak.probeHours} (faults scaled to it) at each rate of {@code soak.rates}, fastest first; the
 * first that holds is the rate of the full run of {@code soak.hours}. {@code -Dsoak.rate=R} skips the search.
 *
 * <pre>
 * bench/run.sh LightsOutSoak                                  # search, then 24 simulated hours
 * bench/run.sh LightsOutSoak -Dsoak.rate=60 -Dsoak.hours=24   # the full run at one rate
 * </pre>
 */
final class LightsOutSoak implements BenchMain.Benchmark {

    private final Path work = BenchSupport.repoRoot().resolve("bench").resolve("results").resolve("soak-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));

    public static void main(String[] args) {
        BenchMain.run("lights-out-soak", Report.Echo.AS_WRITTEN, new LightsOutSoak());
    }

    @Override
    public void run(Report report) throws Exception {
        boolean faults = BenchSupport.boolProp("soak.faults", true);
        Duration drain = Duration.ofHours(BenchSupport.intProp("soak.drainHours", 6));
        report.line("# Lights-out soak: four spacecraft, contacts executing themselves, nobody commanding");
        report.line(BenchSupport.environment());
        double rate = BenchSupport.doubleProp("soak.rate", 0);
        if (rate <= 0) {
            double probeHours = BenchSupport.doubleProp("soak.probeHours", 3);
            report.format("## The highest rate with zero loss: probes of %.1f simulated hours, faults %s", probeHours,
                    faults ? "on" : "off");
            for (String r : BenchSupport.listProp("soak.rates", "120,90,60,40,30")) {
                SoakFigures probe = once(Double.parseDouble(r), Duration.ofMinutes((long) (probeHours * 60)), faults,
                        drain, "probe-" + r);
                probe.report(report);
                if (probe.zeroLoss()) {
                    rate = probe.rate;
                    break;
                }
            }
            if (rate <= 0) {
                throw new IllegalStateException("no rate of soak.rates held zero loss");
            }
        }
        Duration span = Duration.ofMinutes((long) (BenchSupport.doubleProp("soak.hours", 24) * 60));
        report.format("## The soak: %d simulated hours at rate %.0f", span.toHours(), rate);
        SoakFigures soak = once(rate, span, faults, drain, "soak-" + (long) rate);
        soak.report(report);
        report.line("RESULT at rate " + (long) rate + ": " + (soak.zeroLoss() ? "zero loss, everything in the archive"
                : soak.lost() == 0 && soak.duplicated == 0 && soak.overflowDropped == 0
                        ? "nothing lost or duplicated, but " + soak.stillOnboard + " detections still onboard at the"
                                + " end of the drain"
                        : "LOSS (" + soak.lost() + " lost, " + soak.duplicated + " duplicated, " + soak.overflowDropped
                                + " dropped by a full store)"));
        report.line("raw run (MOC log, archive stand-in's files): " + BenchSupport.repoRoot().relativize(work));
    }

    private SoakFigures once(double rate, Duration span, boolean faults, Duration drain, String name)
            throws Exception {
        try (SoakRun run = new SoakRun(new SoakRun.Options(rate, span, faults, drain), work.resolve(name))) {
            return run.run();
        }
    }
}
