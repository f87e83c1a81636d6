package org.najm.simulator.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.crosscheck.SkyfieldPython;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.spacecraft.OrbitModel;
import org.orekit.time.AbsoluteDate;

/**
 * Topocentric astrometric RA/Dec of the synthetic objects, seen from NAJM-1's SGP4 position over a field visit,
 * against Skyfield (tools/sky/skyfield_kepler.py): its own two-body propagation (universal variables), its
 * ECLIPJ2000 rotation, its own light-time loop. Same elements, epoch (TT), Sun GM and observer (heliocentric
 * ICRF, from Orekit's Sun plus the spacecraft). Fails (not skips) without Skyfield, like the pass cross-check.
 */
class SkyfieldCrossCheckTest {

    static final String SCRIPT = "../tools/sky/skyfield_kepler.py";

    @Test
    void orekitAndSkyfieldAgreeOnTopocentricPositions() throws Exception {
        AbsoluteDate start = GpsTime.date(Instant.parse("2026-11-20T03:00:00Z"));
        OrbitModel orbit = new OrbitModel(Constellation.load(Path.of("..", "etc", "constellation.yaml"))
                .spacecraft().get(0));
        Vector3D antiSun = SkyFrames.SUN.getPosition(start, SkyFrames.GCRF).negate();
        FieldSampler sampler = new FieldSampler(new Random(11));
        List<SkyObject> objects = new ArrayList<>();
        List<List<Apparent>> seen = new ArrayList<>();
        JsonArray req = new JsonArray();
        for (int k = 0; k < 40; k++) {
            Vector3D sc0 = orbit.positionGcrf(start.shiftedBy(k * 360.0));
            Vector3D dir = new Vector3D(antiSun.getAlpha() + Math.toRadians(k % 5 - 2) * 5,
                    antiSun.getDelta() + Math.toRadians(k % 3 - 1) * 8);
            SkyObject o = sampler.draw(start.shiftedBy(k * 360.0), sc0, dir);
            objects.add(o);
            JsonObject jo = new JsonObject();
            jo.addProperty("aAu", o.aAu());
            jo.addProperty("e", o.e());
            jo.addProperty("iDeg", o.iDeg());
            jo.addProperty("nodeDeg", Math.toDegrees(o.orbit().getRightAscensionOfAscendingNode()));
            jo.addProperty("argPeriDeg", Math.toDegrees(o.orbit().getPerigeeArgument()));
            jo.addProperty("meanAnomalyDeg", Math.toDegrees(o.orbit().getMeanAnomaly()));
            jo.addProperty("epochTtJd", ttJd(o.orbit().getDate()));
            JsonArray obs = new JsonArray();
            List<Apparent> mine = new ArrayList<>();
            for (int x = 0; x < 6; x++) {
                AbsoluteDate t = start.shiftedBy(k * 360.0 + 60 * x + 15);
                Vector3D sc = orbit.positionGcrf(t);
                mine.add(o.observe(t, sc));
                Vector3D observer = SkyFrames.earthHeliocentric(t).add(sc).scalarMultiply(1 / SkyFrames.AU_M);
                JsonObject ob = new JsonObject();
                ob.addProperty("ttJd", ttJd(t));
                JsonArray v = new JsonArray();
                v.add(observer.getX());
                v.add(observer.getY());
                v.add(observer.getZ());
                ob.add("observerAu", v);
                obs.add(ob);
            }
            jo.add("obs", obs);
            req.add(jo);
            seen.add(mine);
        }
        JsonObject all = new JsonObject();
        all.addProperty("gmKm3S2", SkyFrames.SUN_GM / 1e9);
        all.add("objects", req);
        JsonArray answer = skyfield(all.toString());
        double worstMas = 0;
        for (int k = 0; k < objects.size(); k++) {
            JsonArray obs = answer.get(k).getAsJsonObject().getAsJsonArray("obs");
            for (int x = 0; x < obs.size(); x++) {
                JsonObject s = obs.get(x).getAsJsonObject();
                Apparent a = seen.get(k).get(x);
                double sep = Vector3D.angle(
                        new Vector3D(Math.toRadians(a.raDeg()), Math.toRadians(a.decDeg())),
                        new Vector3D(Math.toRadians(s.get("raDeg").getAsDouble()),
                                Math.toRadians(s.get("decDeg").getAsDouble())));
                worstMas = Math.max(worstMas, Math.toDegrees(sep) * 3.6e6);
                assertEquals(s.get("distanceAu").getAsDouble(), a.distanceAu(), 1e-9);
                assertEquals(s.get("lightTimeS").getAsDouble(), a.lightTimeS(), 1e-4);
            }
        }
        System.out.printf("Skyfield cross-check: worst separation %.4f mas over %d positions%n", worstMas,
                objects.size() * 6);
        // 1 mas is 1/50 of the best astrometric rms reported (0.05 arcsec)
        assertEquals(0, worstMas, 1, "worst separation, mas, of " + objects.size() * 6 + " positions");
    }

    static double ttJd(AbsoluteDate date) {
        return 2451545.0 + date.durationFrom(AbsoluteDate.J2000_EPOCH) / 86400;
    }

    static JsonArray skyfield(String request) throws Exception {
        Process p = new ProcessBuilder(python(), SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(SCRIPT + " failed (exit " + p.exitValue() + "): " + out);
        }
        return JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("objects");
    }

    /** The interpreter with Skyfield: -Dnajm.python or NAJM_PYTHON, then python3, /usr/bin/python3. */
    static String python() throws InterruptedException {
        return SkyfieldPython.find(System.getProperty("najm.python", System.getenv("NAJM_PYTHON")));
    }
}
