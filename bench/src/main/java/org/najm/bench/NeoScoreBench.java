package org.najm.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.najm.science.ades.AdesValidator;
import org.najm.science.ades.AdesWriter;
import org.najm.science.neo.NeoAssessment;
import org.najm.science.neo.NeoValidation;
import org.najm.science.neo.PopulationPrior;
import org.najm.science.neo.SkyTracklets;
import org.najm.science.neo.StatisticalRanging;

/**
 * The NEO score against the truth of the simulator's synthetic sky (no Yamcs server): several thousand tracklets
 * of the four spacecraft's surveys ({@code SkySample}, the onboard telescope and population), each scored by
 * {@link StatisticalRanging} as the MOC does on completion. Reports the ROC area under the curve, the true- and
 * false-positive rates at the fast-lane threshold, the confusion between orbit classes and the time per tracklet
 * (p50, p99), against a baseline doing work the MOC already does per tracklet in the same run: writing it as ADES
 * and validating that against submit.xsd.
 *
 * <p>Properties: {@code neo.fields} (fields per spacecraft, default 800: some 6,400 tracklets), {@code neo.seed},
 * {@code neo.threshold} (65), {@code neo.samples} (the ranging's samples per tracklet).
 */
public final class NeoScoreBench implements BenchMain.Benchmark {

    public static void main(String[] args) {
        BenchMain.run("neo-score", Report.Echo.AS_WRITTEN, new NeoScoreBench());
    }

    @Override
    public void run(Report report) throws Exception {
        int fields = Integer.getInteger("neo.fields", 800);
        long seed = Long.getLong("neo.seed", 20261215L);
        double threshold = Double.parseDouble(System.getProperty("neo.threshold", "65"));
        int samples = Integer.getInteger("neo.samples", StatisticalRanging.DEFAULT_SAMPLES);
        Instant start = Instant.parse(System.getProperty("neo.start", "2026-12-15T00:00:00Z"));

        long t0 = System.nanoTime();
        List<SkyTracklets.Labelled> sky = SkyTracklets.sample(fields, seed, start);
        report.append(String.format(Locale.ROOT, "NeoScoreBench: %d tracklets of the synthetic sky (4 spacecraft x %d"
                + " fields, seed %d, from %s), generated in %.1f s%n", sky.size(), fields, seed, start,
                (System.nanoTime() - t0) / 1e9));
        report.append(String.format(Locale.ROOT, "statistical ranging: %d samples per tracklet; fast-lane threshold"
                + " %.0f%n", samples, threshold));
        StatisticalRanging ranging = new StatisticalRanging(PopulationPrior.standard(), samples);
        AdesWriter writer = new AdesWriter();
        AdesValidator validator = new AdesValidator();
        Map<String, String> codes = ScienceBench.CODES;

        // warm-up: the first 300 tracklets, both paths
        for (int k = 0; k < Math.min(300, sky.size()); k++) {
            ranging.assess(sky.get(k).tracklet());
            validator.errors(writer.write(List.of(sky.get(k).tracklet()), ScienceBench.CONTEXT, codes));
        }
        List<NeoValidation.Scored> scored = new ArrayList<>();
        List<NeoValidation.Scored> baseline = new ArrayList<>();
        for (SkyTracklets.Labelled l : sky) {
            long a = System.nanoTime();
            NeoAssessment as = ranging.assess(l.tracklet());
            long b = System.nanoTime();
            List<String> errors = validator.errors(writer.write(List.of(l.tracklet()), ScienceBench.CONTEXT, codes));
            long c = System.nanoTime();
            if (!errors.isEmpty()) {
                throw new IllegalStateException("invalid ADES for " + l.tracklet().key() + ": " + errors);
            }
            scored.add(new NeoValidation.Scored(l.truth(), as, b - a));
            baseline.add(new NeoValidation.Scored(l.truth(), as, c - b));
        }
        NeoValidation v = new NeoValidation(scored);
        NeoValidation base = new NeoValidation(baseline);
        report.append(String.format(Locale.ROOT, "%n%d tracklets, %d near-Earth objects (AMOR, APOLLO, ATEN) by the"
                + " truth%n", v.size(), v.neos()));
        report.append(String.format(Locale.ROOT, "ROC AUC (score vs truth NEO)      %.4f%n", v.auc()));
        report.append(String.format(Locale.ROOT, "at score >= %.0f: TPR %.3f  FPR %.4f%n", threshold,
                v.tpr(threshold), v.fpr(threshold)));
        for (double th : new double[] {20, 50, 80, 95}) {
            report.append(String.format(Locale.ROOT, "   at score >= %.0f: TPR %.3f  FPR %.4f%n", th, v.tpr(th),
                    v.fpr(th)));
        }
        report.append(String.format(Locale.ROOT, "%nconfusion: true class (rows) x most likely class (columns)%n%s",
                v.confusionTable()));
        report.append(String.format(Locale.ROOT, "%ntime per tracklet, ms         p50      p99%n"));
        report.append(String.format(Locale.ROOT, "NEO score (ranging)       %8.3f %8.3f%n", v.millisPercentile(0.5),
                v.millisPercentile(0.99)));
        report.append(String.format(Locale.ROOT, "baseline: ADES write+xsd  %8.3f %8.3f%n", base.millisPercentile(0.5),
                base.millisPercentile(0.99)));
        report.append(String.format(Locale.ROOT, "ratio score / baseline    %8.2f %8.2f%n",
                v.millisPercentile(0.5) / base.millisPercentile(0.5),
                v.millisPercentile(0.99) / base.millisPercentile(0.99)));
    }
}
