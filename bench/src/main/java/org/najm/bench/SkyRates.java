package org.najm.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
            double truthDirectionDeg, double geoRate, double geoDirectionDeg, double vMag, double elongationDeg,
            double eclipticLatitudeDeg) {
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
        samplerCost(report, GpsTime.date(start), seed);
    }

    /** Orbits tried per object accepted, by the field's declination offset from the anti-Sun direction. */
    static void samplerCost(Report r, AbsoluteDate date, long seed) {
        r.line("");
        r.line("Sampler: orbits tried per object placed, 300 objects per field declination (from the spacecraft"
                + " at the geocentre):");
        Vector3D anti = SkyFrames.SUN.getPosition(date, SkyFrames.GCRF).negate();
        FieldSampler s = new FieldSampler(new Random(seed));
        for (int off = -20; off <= 20; off += 10) {
            long t0 = s.trials();
            long c0 = s.clipped();
            long f0 = s.fallbacks();
            Vector3D dir = new Vector3D(anti.getAlpha(), anti.getDelta() + Math.toRadians(off));
            for (int k = 0; k < 300; k++) {
                s.draw(date, Vector3D.ZERO, dir);
            }
            r.format("  Dec %+3d deg from anti-Sun: %6.0f trials/object, clipped volume weights %d of %d trials,"
                    + " fallbacks %d", off, (s.trials() - t0) / 300.0, s.clipped() - c0, s.trials() - t0,
                    s.fallbacks() - f0);
        }
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
        var g0 = t.truth().firstGeocentric();
        var g1 = t.truth().lastGeocentric();
        double[] geo = motion(new double[] { 0, days }, new double[] { g0.raDeg(), g1.raDeg() },
                new double[] { g0.decDeg(), g1.decDeg() });
        Vector3D ref = new Vector3D(Math.toRadians(ra[0]), Math.toRadians(dec[0]));
        Vector3D sun = SkyFrames.SUN.getPosition(first.date(), SkyFrames.GCRF);
        double elong = Math.toDegrees(Vector3D.angle(sun, ref));
        double lat = Math.toDegrees(SkyFrames.ICRF_TO_ECLIPTIC.applyTo(ref).getDelta());
        return new Measured(t.truth().orbitClass(), seen[0], seen[1], truth[0], truth[1], geo[0], geo[1],
                first.vMag(), elong, lat);
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

    /** Which motion of a tracklet: from the Earth's centre, from the spacecraft (true), or measured. */
    enum Kind {
        GEOCENTRIC, TOPOCENTRIC, MEASURED;

        double rate(Measured m) {
            return this == GEOCENTRIC ? m.geoRate() : this == TOPOCENTRIC ? m.truthRate() : m.rateDegPerDay();
        }

        double direction(Measured m) {
            return this == GEOCENTRIC ? m.geoDirectionDeg()
                    : this == TOPOCENTRIC ? m.truthDirectionDeg() : m.directionDeg();
        }
    }

    static void write(Report r, List<Measured> all, int fields, long seed, Instant start, int spacecraft,
            long skyNanos, long orbitNanos) {
        int n = all.size();
        r.format("Synthetic sky: %d tracklets, %d spacecraft x %d fields of 6 exposures from %s, seed %d", n,
                spacecraft, fields, start, seed);
        r.format("Limiting V %.1f, saturation V %.1f. Motion between the first and last detection (2-5 min):"
                + " geo = true, from the Earth's centre (what a survey on the ground sees); topo = true, from the"
                + " spacecraft (its 7.5 km/s orbital motion included); meas = least-squares line through the noisy"
                + " detections. retro = within %.0f deg of retrograde along the ecliptic.",
                FieldSampler.LIMITING_V_MAG, FieldSampler.SATURATION_V_MAG, RETROGRADE_CONE_DEG);
        double[] el = all.stream().mapToDouble(Measured::elongationDeg).sorted().toArray();
        r.format("Solar elongation of the fields: median %.1f deg, 5%%-95%% %.1f-%.1f deg", pct(el, 50), pct(el, 5),
                pct(el, 95));
        r.line("");
        r.line("class       count   share | geo rate p10   p50   p90  retro | topo p50 retro | meas p50 retro | V p50");
        Map<OrbitClass, List<Measured>> by = new EnumMap<>(OrbitClass.class);
        for (Measured m : all) {
            by.computeIfAbsent(m.orbitClass(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<OrbitClass, List<Measured>> e : by.entrySet()) {
            List<Measured> l = e.getValue();
            double[] geo = sortedRates(l, Kind.GEOCENTRIC);
            double[] v = l.stream().mapToDouble(Measured::vMag).sorted().toArray();
            r.format("%-10s %6d  %5.1f%% |       %5.3f %5.3f %5.3f %5.1f%% |   %5.3f %5.1f%% |   %5.3f %5.1f%% | %5.2f",
                    e.getKey(), l.size(), 100.0 * l.size() / n, pct(geo, 10), pct(geo, 50), pct(geo, 90),
                    retro(l, Kind.GEOCENTRIC), pct(sortedRates(l, Kind.TOPOCENTRIC), 50), retro(l, Kind.TOPOCENTRIC),
                    pct(sortedRates(l, Kind.MEASURED), 50), retro(l, Kind.MEASURED), pct(v, 50));
        }
        int neo = 0;
        for (OrbitClass k : OrbitClass.values()) {
            neo += k.nearEarth() ? by.getOrDefault(k, List.of()).size() : 0;
        }
        r.format("all        %6d         |                   %5.1f%% |         %5.1f%% |         %5.1f%% |", n,
                retro(all, Kind.GEOCENTRIC), retro(all, Kind.TOPOCENTRIC), retro(all, Kind.MEASURED));
        r.format("Near-Earth (AMOR+APOLLO+ATEN): %d, %.1f%%. Faster than 1 deg/day (geo): %.1f%%", neo,
                100.0 * neo / n, 100.0 * all.stream().filter(m -> m.geoRate() > 1).count() / n);
        r.line("");
        r.line("By the ecliptic latitude of the tracklet:");
        r.line("  |latitude|   count  MBA share  MBA geo rate p50  retro geo (all)  retro geo (MBA)  retro topo (all)");
        double[] latEdges = { 0, 5, 10, 15, 20, 90 };
        for (int k = 0; k + 1 < latEdges.length; k++) {
            double lo = latEdges[k];
            double hi = latEdges[k + 1];
            List<Measured> l = all.stream().filter(m -> Math.abs(m.eclipticLatitudeDeg()) >= lo
                    && Math.abs(m.eclipticLatitudeDeg()) < hi).toList();
            List<Measured> mba = l.stream().filter(m -> m.orbitClass() == OrbitClass.MBA).toList();
            r.format("  %4.0f-%-4.0f  %7d     %5.1f%%             %5.3f           %5.1f%%           %5.1f%%"
                    + "            %5.1f%%", lo, hi, l.size(), 100.0 * mba.size() / Math.max(1, l.size()),
                    pct(sortedRates(mba, Kind.GEOCENTRIC), 50), retro(l, Kind.GEOCENTRIC),
                    retro(mba, Kind.GEOCENTRIC), retro(l, Kind.TOPOCENTRIC));
        }
        r.line("");
        r.line("Rate (deg/day), all classes, geocentric:");
        histogram(r, all, null, Kind.GEOCENTRIC);
        r.line("");
        r.line("Rate (deg/day), near-Earth classes only, geocentric:");
        histogram(r, all, Boolean.TRUE, Kind.GEOCENTRIC);
        r.line("");
        r.line("Rate (deg/day), all classes, topocentric (from the spacecraft):");
        histogram(r, all, null, Kind.TOPOCENTRIC);
        r.line("");
        r.line("Rate (deg/day), all classes, measured from the detections:");
        histogram(r, all, null, Kind.MEASURED);
        r.line("");
        r.line("Direction of motion, deg from retrograde along the ecliptic (+ toward ecliptic north):");
        r.line("                 geocentric                        topocentric");
        int[] geo = directionBins(all, Kind.GEOCENTRIC);
        int[] topo = directionBins(all, Kind.TOPOCENTRIC);
        for (int k = 0; k < 12; k++) {
            r.format("  %+5d..%+5d  %5.1f%% %-26s %5.1f%% %s", -180 + 30 * k, -150 + 30 * k, 100.0 * geo[k] / n,
                    bar(geo[k], n, 50), 100.0 * topo[k] / n, bar(topo[k], n, 50));
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
        double[] par = all.stream().mapToDouble(m -> m.truthRate() - m.geoRate()).map(Math::abs).sorted()
                .toArray();
        r.format("|topo - geo| rate: median %.4f, p90 %.4f deg/day (the spacecraft's orbital motion over the arc)",
                pct(par, 50), pct(par, 90));
        r.format("|measured - topo| rate: median %.4f, p90 %.4f deg/day (astrometric noise over the arc)",
                pct(err, 50), pct(err, 90));
        r.line("");
        r.format("Generator cost: SkySample %.2f s for %d tracklets; SGP4 positions of the same exposures alone"
                + " %.2f s: ratio %.1f", skyNanos / 1e9, n, orbitNanos / 1e9, (double) skyNanos / orbitNanos);
    }

    static double[] sortedRates(List<Measured> l, Kind kind) {
        return l.stream().mapToDouble(kind::rate).sorted().toArray();
    }

    static double retro(List<Measured> l, Kind kind) {
        return 100.0 * l.stream().filter(m -> Math.abs(kind.direction(m)) <= RETROGRADE_CONE_DEG).count()
                / Math.max(1, l.size());
    }

    static int[] directionBins(List<Measured> all, Kind kind) {
        int[] bins = new int[12];
        for (Measured m : all) {
            bins[Math.max(0, Math.min(11, (int) Math.floor((kind.direction(m) + 180) / 30)))]++;
        }
        return bins;
    }

    static void histogram(Report r, List<Measured> all, Boolean neoOnly, Kind kind) {
        List<Measured> l = all.stream().filter(m -> neoOnly == null || m.orbitClass().nearEarth() == neoOnly)
                .toList();
        int[] bins = new int[RATE_EDGES.length - 1];
        for (Measured m : l) {
            double rate = kind.rate(m);
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
                    l.size()), bar(bins[k], Math.max(1, l.size()), 100));
        }
    }

    /** A bar of {@code full} characters for 100 %. */
    static String bar(int count, int total, int full) {
        return "#".repeat((int) Math.round((double) full * count / total));
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(p / 100 * (sorted.length - 1))));
        return sorted[i];
    }
}
