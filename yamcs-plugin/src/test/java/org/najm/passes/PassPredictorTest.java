package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.orekit.OrekitData;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

/** The fast predictor against Orekit's detectors and a 1 s scan, on the real network. */
class PassPredictorTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(1));

    static DataContext ctx;
    static List<SpacecraftTle> sats;
    static List<Station> stations;
    static List<Pass> fast;
    static List<Pass> reference;

    @BeforeAll
    static void predict() throws IOException {
        ctx = OrekitData.context();
        Constellation c = Constellation.load(Constellation.DEFAULT_PATH);
        sats = TleSet.launch(c, TleParser.of(c, ctx.getTimeScales().getUTC())).all();
        stations = c.stations();
        fast = new PassPredictor().predict(sats, stations, START, END);
        reference = new DetectorPassPredictor().predict(sats, stations, START, END);
        System.out.println("1 day, " + sats.size() + " spacecraft x " + stations.size() + " stations: "
                + fast.size() + " passes (fast), " + reference.size() + " (detectors)");
    }

    @Test
    void sameAsDetectors() {
        assertTrue(fast.size() > 50, "expected a day of passes, got " + fast.size());
        double dAos = 0, dLos = 0, dTca = 0, dEl = 0, dAz = 0;
        List<Pass> unmatched = new ArrayList<>(fast);
        for (Pass r : reference) {
            Pass f = match(r, unmatched);
            if (f == null) {
                fail("the fast predictor misses " + r);
            }
            unmatched.remove(f);
            dAos = Math.max(dAos, seconds(f.aos(), r.aos()));
            dLos = Math.max(dLos, seconds(f.los(), r.los()));
            dTca = Math.max(dTca, seconds(f.tca(), r.tca()));
            dEl = Math.max(dEl, Math.abs(f.maxElevationDeg() - r.maxElevationDeg()));
            dAz = Math.max(dAz, Math.max(angle(f.aosAzimuthDeg(), r.aosAzimuthDeg()),
                    angle(f.losAzimuthDeg(), r.losAzimuthDeg())));
        }
        System.out.printf("fast vs detectors: max |dAOS| %.6f s, |dLOS| %.6f s, |dTCA| %.3f s, |dMaxEl| %.2e deg, "
                + "|dAz| %.2e deg; passes only the fast predictor finds: %s%n", dAos, dLos, dTca, dEl, dAz, unmatched);
        // a 60 s max check may miss passes shorter than 60 s; nothing else
        for (Pass p : unmatched) {
            assertTrue(p.duration().toMillis() < 60_000, "the detectors miss " + p);
        }
        assertTrue(dAos < 0.01 && dLos < 0.01, "AOS/LOS differ by " + dAos + " / " + dLos + " s");
        assertTrue(dEl < 0.01, "max elevation differs by " + dEl + " deg");
        assertTrue(dAz < 0.01, "azimuth differs by " + dAz + " deg");
        assertEquals(fast.stream().sorted(PassPredictor.ORDER).toList(), fast);
    }

    @Test
    void elevationAtAosAndLosIsTheMask() {
        Frame teme = ctx.getFrames().getTEME();
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, ctx.getFrames().getITRF(IERSConventions.IERS_2010, true));
        double worst = 0;
        int clipped = 0;
        for (Pass p : fast) {
            TLEPropagator prop = TLEPropagator.selectExtrapolator(sat(p.spacecraft()).tle(), teme);
            Station st = stations.stream().filter(s -> s.name().equals(p.station())).findFirst().orElseThrow();
            TopocentricFrame topo = new TopocentricFrame(earth, new GeodeticPoint(FastMath.toRadians(st.latitude()),
                    FastMath.toRadians(st.longitude()), st.altitude()), st.name());
            for (Instant t : List.of(p.aos(), p.los())) {
                double el = elevation(prop, topo, teme, t);
                if (t.equals(START) || t.equals(END)) {
                    clipped++;
                    assertTrue(el > st.mask(), "clipped pass not above the mask: " + p);
                } else {
                    worst = Math.max(worst, Math.abs(el - st.mask()));
                }
            }
            double atTca = elevation(prop, topo, teme, p.tca());
            // TCA is found to 0.1 ms and reported as an Instant: near the top the elevation changes by
            // ~1e-3 deg/s^2 * dt^2, so a few 1e-9 deg is rounding, 1e-7 deg (~1 mm) is still exact.
            assertEquals(p.maxElevationDeg(), atTca, 1e-7);
            for (double frac : new double[] {0.1, 0.3, 0.7, 0.9}) {
                Instant t = p.aos().plusNanos((long) (p.duration().toNanos() * frac));
                double el = elevation(prop, topo, teme, t);
                assertTrue(el > st.mask() && el <= p.maxElevationDeg() + 1e-9, p + " at " + t + ": " + el);
            }
        }
        System.out.printf("elevation at AOS/LOS: max |el - mask| %.2e deg (%d clipped ends at start/end)%n", worst,
                clipped);
        assertTrue(worst < 1e-3, "elevation at AOS/LOS differs from the mask by " + worst + " deg");
    }

    /** An independent brute-force scan, 1 s step, full Orekit chain: every pass of 60 s or more is found. */
    @Test
    void noPassOf60sMissedAgainstA1sScan() {
        Frame teme = ctx.getFrames().getTEME();
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, ctx.getFrames().getITRF(IERSConventions.IERS_2010, true));
        for (String[] pair : new String[][] {{"NAJM-1", "SVALBARD"}, {"NAJM-3", "KUALA-LUMPUR"}}) {
            SpacecraftTle sat = sat(pair[0]);
            Station st = stations.stream().filter(s -> s.name().equals(pair[1])).findFirst().orElseThrow();
            TLEPropagator prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
            TopocentricFrame topo = new TopocentricFrame(earth, new GeodeticPoint(FastMath.toRadians(st.latitude()),
                    FastMath.toRadians(st.longitude()), st.altitude()), st.name());
            List<Instant[]> runs = new ArrayList<>(); // first and last second above the mask
            Instant first = null;
            Instant last = null;
            for (int s = 0; s <= 86_400; s++) {
                Instant t = START.plusSeconds(s);
                if (elevation(prop, topo, teme, t) > st.mask()) {
                    first = first == null ? t : first;
                    last = t;
                } else if (first != null) {
                    runs.add(new Instant[] {first, last});
                    first = null;
                }
            }
            if (first != null) {
                runs.add(new Instant[] {first, last});
            }
            List<Pass> predicted = fast.stream()
                    .filter(p -> p.spacecraft().equals(pair[0]) && p.station().equals(pair[1])).toList();
            for (Instant[] run : runs) {
                long seconds = Duration.between(run[0], run[1]).getSeconds();
                boolean found = predicted.stream().anyMatch(p -> !p.aos().isAfter(run[0]) && !p.los().isBefore(run[1])
                        && seconds(p.aos(), run[0]) < 1 && seconds(p.los(), run[1]) < 1);
                if (seconds >= 58) { // a run of >= 58 whole seconds above the mask is a pass of >= 59 s
                    assertTrue(found, pair[0] + "/" + pair[1] + ": missed the pass " + run[0] + " - " + run[1]);
                }
            }
            // and nothing spurious: every predicted pass has at least one 1 s sample above the mask
            for (Pass p : predicted) {
                if (p.duration().getSeconds() >= 1) {
                    assertTrue(runs.stream().anyMatch(r -> !r[0].isBefore(p.aos()) && !r[1].isAfter(p.los())),
                            "not seen by the 1 s scan: " + p);
                }
            }
            System.out.printf("1 s scan %s/%s: %d passes, %d predicted%n", pair[0], pair[1], runs.size(),
                    predicted.size());
            assertEquals(runs.size(), predicted.size());
        }
    }

    /** The same predictor with a 1 s grid over the whole network: the 30 s grid loses nothing. */
    @Test
    void thirtySecondGridEqualsOneSecondGrid() {
        List<Pass> fine = new PassPredictor(ctx, 1.0, 2).predict(sats, stations, START, END);
        assertEquals(fine.size(), fast.size());
        for (int i = 0; i < fine.size(); i++) {
            Pass a = fine.get(i);
            Pass b = fast.get(i);
            assertEquals(a.spacecraft() + a.station(), b.spacecraft() + b.station());
            assertTrue(seconds(a.aos(), b.aos()) < 1e-3 && seconds(a.los(), b.los()) < 1e-3, a + " / " + b);
        }
        long shortest = fast.stream().mapToLong(p -> p.duration().toMillis()).min().orElseThrow();
        System.out.printf("30 s grid == 1 s grid: %d passes; shortest pass %.3f s%n", fast.size(), shortest / 1e3);
    }

    @Test
    void clippedAtStartAndEnd() {
        // start in the middle of a pass: it begins at start and its LOS is unchanged
        Pass p = fast.stream().filter(x -> x.duration().getSeconds() > 300).findFirst().orElseThrow();
        Instant mid = p.aos().plus(p.duration().dividedBy(2));
        List<Pass> from = new PassPredictor().predict(List.of(sat(p.spacecraft())), stations.stream()
                .filter(s -> s.name().equals(p.station())).toList(), mid, mid.plusSeconds(3600));
        assertEquals(mid, from.get(0).aos());
        assertTrue(seconds(p.los(), from.get(0).los()) < 1e-3);
        List<Pass> ref = new DetectorPassPredictor().predict(List.of(sat(p.spacecraft())), stations.stream()
                .filter(s -> s.name().equals(p.station())).toList(), mid, mid.plusSeconds(3600));
        assertEquals(mid, ref.get(0).aos());
        List<Pass> until = new PassPredictor().predict(List.of(sat(p.spacecraft())), stations.stream()
                .filter(s -> s.name().equals(p.station())).toList(), mid.minusSeconds(3600), mid);
        assertEquals(mid, until.get(until.size() - 1).los());
        assertFalse(from.isEmpty());
    }

    /** 4 spacecraft x 5 stations x 7 days: the timings quoted in the design notes. */
    @Test
    void weekTimings() {
        Instant end = START.plus(Duration.ofDays(7));
        PassPredictor p = new PassPredictor();
        p.predict(sats, stations, START, START.plusSeconds(6 * 3600)); // JIT warm-up
        long t0 = System.nanoTime();
        List<Pass> a = p.predict(sats, stations, START, end);
        long t1 = System.nanoTime();
        List<Pass> b = new DetectorPassPredictor().predict(sats, stations, START, end);
        long t2 = System.nanoTime();
        System.out.printf("4x5x7 days: PassPredictor %.3f s (%d passes, %d threads), DetectorPassPredictor %.3f s "
                + "(%d passes)%n", (t1 - t0) / 1e9, a.size(), Runtime.getRuntime().availableProcessors(),
                (t2 - t1) / 1e9, b.size());
        assertTrue(b.size() <= a.size());
    }

    static SpacecraftTle sat(String name) {
        return sats.stream().filter(s -> s.spacecraft().equals(name)).findFirst().orElseThrow();
    }

    static double elevation(TLEPropagator prop, TopocentricFrame topo, Frame teme, Instant t) {
        AbsoluteDate d = new AbsoluteDate(t, ctx.getTimeScales().getUTC());
        return FastMath.toDegrees(topo.getElevation(prop.getPVCoordinates(d).getPosition(), teme, d));
    }

    static Pass match(Pass r, List<Pass> candidates) {
        return candidates.stream().filter(f -> f.spacecraft().equals(r.spacecraft()) && f.station().equals(r.station())
                && f.overlaps(r.aos(), r.los())).findFirst().orElse(null);
    }

    static double seconds(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toNanos()) / 1e9;
    }

    static double angle(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }
}
