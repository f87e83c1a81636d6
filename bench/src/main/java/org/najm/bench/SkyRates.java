package org.najm.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.sky.FieldSampler;
import org.najm.simulator.sky.OrbitClass;
import org.najm.simulator.sky.SkyFrames;
import org.najm.simulator.spacecraft.OrbitModel;
import org.najm.simulator.spacecraft.SkySample;
import org.najm.simulator.spacecraft.Telescope;
import org.orekit.time.AbsoluteDate;

/**
 * The synthetic sky's motion distribution (no server): {@code SkySample} for each spacecraft of
 * etc/constellation.yaml over {@code sky.fields} fields from {@code sky.start} (seed {@code sky.seed}); for
 * each tracklet the rate and direction measured from its detections (a least-squares line through the noisy
 * positions, as the ground sees them) and the truth. Histograms of the rate, of the direction of motion relative
 * to the ecliptic (0 = retrograde, toward decreasing ecliptic longitude), per class; the textbook opposition rate
 * of circular orbits for comparison; and the generator's cost relative to the SGP4 propagation of the same
 * exposures (the work the telescope's cadence needs anyway).
 *
 * <pre>bench/run.sh SkyRates [-Dsky.fields=1000 -Dsky.seed=1 -Dsky.start=2026-11-20T00:00:00Z]</pre>
 */
public final class SkyRates implements BenchMain.Benchmark {

    static final double[] RATE_EDGES = { 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.8, 1, 2, 5,
        1e9 };
    static final double RETROGRADE_CONE_DEG = 30;

    /** One tracklet: measured (from the detections) and true (noise-free first and last positions) motion. */
    record Measured(OrbitClass orbitClass, double rateDegPerDay, double directionDeg, double truthRate,
            double truthDirectionDeg, double vMag, double elongationDeg) {
    }

    public static void main(String[] args) {
        BenchMain.run("sky-rates", Report.Echo.AT_END, new SkyRates());
    }

    @Override
    public void run(Report report) throws Exception {
        int fields = BenchSupport.intProp("sky.fields", 1000);
        long seed = BenchSupport.intProp("sky.seed", 1);
        Instant start = Instant.parse(BenchSupport.stringProp("sky.start", "2026-11-20T00:00:00Z"));
        Constellation c = Constellation.load(BenchSupport.repoRoot().resolve(Path.of("etc", "constellation.yaml")));
        List<Measured> all = new ArrayList<>();
        long skyNanos = 0;
        long orbitNanos = 0;
        for (Spacecraft sc : c.spacecraft()) {
            AbsoluteDate t0 = GpsTime.date(start);
            SkySample.generate(sc, t0, 5, seed); // warm-up
            long a = System.nanoTime();
            List<SkySample.Sampled> s = SkySample.generate(sc, t0, fields, seed);
            long b = System.nanoTime();
            OrbitModel orbit = new OrbitModel(sc);
            double sink = 0;
            long minute = (start.getEpochSecond() + 59) / 60 * 60;
            for (long k = 0; k < (long) fields * Telescope.EXPOSURES_PER_FIELD; k++) {
                for (int phase : new int[] { 0, 15, 30 }) {
                    sink += orbit.positionGcrf(GpsTime.date(Instant.ofEpochSecond(minute + 60 * k + phase))).getX();
                }
            }
            long d = System.nanoTime();
            skyNanos += b - a;
            orbitNanos += d - b - (sink == 0.123 ? 1 : 0);
            System.err.printf("%s: %d tracklets%n", sc.name(), s.size());
            for (SkySample.Sampled t : s) {
                all.add(measure(t));
            }
        }
        write(report, all, fields, seed, start, c.spacecraft().size(), skyNanos, orbitNanos);
    }

    /** Rate and direction of a tracklet from a least-squares line through its detections, and the truth's. */
    static Measured measure(SkySample.Sampled t) {
        List<Telescope.Detection> d = t.detections();
        int n = d.size();
        double[] tt = new double[n];
        double[] ra = new double[n];
        double[] dec = new double[n];
        for (int k = 0; k < n; k++) {
            tt[k] = (d.get(k).obsTime() - d.get(0).obsTime()) / 86400;
            ra[k] = d.get(k).ra();
            dec[k] = d.get(k).dec();
        }
        double[] seen = motion(tt, ra, dec);
        var first = t.truth().first();
        var last = t.truth().last();
        double days = last.date().durationFrom(first.date()) / 86400;
        double[] truth = motion(new double[] { 0, days }, new double[] { first.raDeg(), last.raDeg() },
                new double[] { first.decDeg(), last.decDeg() });
        Vector3D ref = new Vector3D(Math.toRadians(ra[0]), Math.toRadians(dec[0]));
        Vector3D sun = SkyFrames.SUN.getPosition(first.date(), SkyFrames.GCRF);
        double elong = Math.toDegrees(Vector3D.angle(sun, ref));
        return new Measured(t.truth().orbitClass(), seen[0], seen[1], truth[0], truth[1], first.vMag(), elong);
    }

    /**
     * Rate (deg/day) and direction (deg: 0 = retrograde along the ecliptic, i.e. toward decreasing ecliptic
     * longitude, +90 toward ecliptic north, +-180 prograde) of a least-squares line through positions (deg).
     */
    static double[] motion(double[] days, double[] raDeg, double[] decDeg) {
        Vector3D ref = new Vector3D(Math.toRadians(raDeg[0]), Math.toRadians(decDeg[0]));
        Vector3D pole = SkyFrames.ICRF_TO_ECLIPTIC.applyInverseTo(Vector3D.PLUS_K);
        Vector3D east = Vector3D.crossProduct(pole, ref).normalize();
        Vector3D north = Vector3D.crossProduct(ref, east);
        double[] x = new double[days.length];
        double[] y = new double[days.length];
        for (int k = 0; k < days.length; k++) {
            Vector3D v = new Vector3D(Math.toRadians(raDeg[k]), Math.toRadians(decDeg[k]));
            x[k] = Math.toDegrees(v.dotProduct(east));
            y[k] = Math.toDegrees(v.dotProduct(north));
        }
        double vx = slope(days, x);
        double vy = slope(days, y);
        return new double[] { Math.hypot(vx, vy), Math.toDegrees(Math.atan2(vy, -vx)) };
    }

    static double slope(double[] t, double[] v) {
        double mt = Arrays.stream(t).average().orElse(0);
        double mv = Arrays.stream(v).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int k = 0; k < t.length; k++) {
            num += (t[k] - mt) * (v[k] - mv);
            den += (t[k] - mt) * (t[k] - mt);
        }
        return num / den;
    }

    static void write(Report r, List<Measured> all, int fields, long seed, Instant start, int spacecraft,
            long skyNanos, long orbitNanos) {
        int n = all.size();
        r.format("Synthetic sky: %d tracklets, %d spacecraft x %d fields of 6 exposures from %s, seed %d", n,
                spacecraft, fields, start, seed);
        r.format("Limiting V %.1f, saturation V %.1f; rates measured from the detections (least squares, noise"
                + " included), direction relative to the ecliptic", FieldSampler.LIMITING_V_MAG,
                FieldSampler.SATURATION_V_MAG);
        double[] el = all.stream().mapToDouble(Measured::elongationDeg).sorted().toArray();
        r.format("Solar elongation of the fields: median %.1f deg, 5%%-95%% %.1f-%.1f deg", pct(el, 50), pct(el, 5),
                pct(el, 95));
        r.line("");
        r.line("Classes (detected tracklets):");
        r.line("            count   share | measured: rate p10  p50   p90  retro | true: rate p10  p50   p90  retro"
                + " | V p50");
        Map<OrbitClass, List<Measured>> by = new EnumMap<>(OrbitClass.class);
        for (Measured m : all) {
            by.computeIfAbsent(m.orbitClass(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<OrbitClass, List<Measured>> e : by.entrySet()) {
            List<Measured> l = e.getValue();
            double[] rates = l.stream().mapToDouble(Measured::rateDegPerDay).sorted().toArray();
            double[] truth = l.stream().mapToDouble(Measured::truthRate).sorted().toArray();
            double[] v = l.stream().mapToDouble(Measured::vMag).sorted().toArray();
            r.format("%-10s %6d  %5.1f%% |           %5.3f %5.3f %5.3f %5.1f%% |       %5.3f %5.3f %5.3f %5.1f%% |"
                    + " %5.2f", e.getKey(), l.size(), 100.0 * l.size() / n, pct(rates, 10), pct(rates, 50),
                    pct(rates, 90), 100.0 * retrograde(l, false) / l.size(), pct(truth, 10), pct(truth, 50),
                    pct(truth, 90), 100.0 * retrograde(l, true) / l.size(), pct(v, 50));
        }
        int neo = 0;
        for (OrbitClass k : OrbitClass.values()) {
            neo += k.nearEarth() ? by.getOrDefault(k, List.of()).size() : 0;
        }
        r.format("retro: moving within %.0f deg of retrograde along the ecliptic. Near-Earth (AMOR+APOLLO+ATEN):"
                + " %d, %.1f%%. All: %.1f%% retrograde (true), %.1f%% (measured)", RETROGRADE_CONE_DEG, neo,
                100.0 * neo / n, 100.0 * retrograde(all, true) / n, 100.0 * retrograde(all, false) / n);
        r.line("");
        r.line("Rate (deg/day), all classes, true:");
        histogram(r, all, null, true);
        r.line("");
        r.line("Rate (deg/day), all classes, measured from the detections:");
        histogram(r, all, null, false);
        r.line("");
        r.line("Rate (deg/day), near-Earth classes only, true:");
        histogram(r, all, Boolean.TRUE, true);
        r.line("");
        r.line("Direction of motion (true), deg from retrograde along the ecliptic (+ toward ecliptic north):");
        int[] dirBins = new int[12];
        for (Measured m : all) {
            dirBins[Math.min(11, (int) Math.floor((m.truthDirectionDeg() + 180) / 30))]++;
        }
        for (int k = 0; k < 12; k++) {
            r.format("  %+5d..%+5d  %6d  %5.1f%%  %s", -180 + 30 * k, -150 + 30 * k, dirBins[k],
                    100.0 * dirBins[k] / n, bar(dirBins[k], n));
        }
        r.line("");
        r.line("Textbook opposition rate of circular ecliptic orbits, (v_earth - v) / (r - 1 AU):");
        double vEarth = Math.sqrt(SkyFrames.SUN_GM / SkyFrames.AU_M);
        for (double a : new double[] { 1.9, 2.2, 2.5, 2.8, 3.2, 4.0, 5.2 }) {
            double v = Math.sqrt(SkyFrames.SUN_GM / (a * SkyFrames.AU_M));
            r.format("  r = %.1f AU: %.3f deg/day", a, Math.toDegrees((vEarth - v) / ((a - 1) * SkyFrames.AU_M))
                    * 86400);
        }
        double[] err = all.stream().mapToDouble(m -> m.rateDegPerDay() - m.truthRate()).map(Math::abs).sorted()
                .toArray();
        r.format("Measured - true rate: median |error| %.4f deg/day, p90 %.4f (astrometric noise over 2-5 min arcs)",
                pct(err, 50), pct(err, 90));
        r.line("");
        r.format("Generator cost: SkySample %.2f s for %d tracklets; SGP4 positions of the same exposures alone"
                + " %.2f s: ratio %.1f", skyNanos / 1e9, n, orbitNanos / 1e9, (double) skyNanos / orbitNanos);
    }

    static long retrograde(List<Measured> l, boolean truth) {
        return l.stream().filter(m -> Math.abs(truth ? m.truthDirectionDeg() : m.directionDeg())
                <= RETROGRADE_CONE_DEG).count();
    }

    static void histogram(Report r, List<Measured> all, Boolean neoOnly, boolean truth) {
        List<Measured> l = all.stream().filter(m -> neoOnly == null || m.orbitClass().nearEarth() == neoOnly)
                .toList();
        int[] bins = new int[RATE_EDGES.length - 1];
        for (Measured m : l) {
            double rate = truth ? m.truthRate() : m.rateDegPerDay();
            for (int k = 0; k < bins.length; k++) {
                if (rate < RATE_EDGES[k + 1]) {
                    bins[k]++;
                    break;
                }
            }
        }
        for (int k = 0; k < bins.length; k++) {
            String hi = RATE_EDGES[k + 1] > 1e8 ? "   inf" : String.format("%6.2f", RATE_EDGES[k + 1]);
            r.format("  %5.2f-%s  %6d  %5.1f%%  %s", RATE_EDGES[k], hi, bins[k], 100.0 * bins[k] / Math.max(1,
                    l.size()), bar(bins[k], Math.max(1, l.size())));
        }
    }

    static String bar(int count, int total) {
        return "#".repeat((int) Math.round(100.0 * count / total));
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(p / 100 * (sorted.length - 1))));
        return sorted[i];
    }
}
