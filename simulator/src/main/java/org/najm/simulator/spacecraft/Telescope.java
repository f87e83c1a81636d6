package org.najm.simulator.spacecraft;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.simulator.sky.Apparent;
import org.najm.simulator.sky.FieldSampler;
import org.najm.simulator.sky.SkyObject;
import org.najm.simulator.sky.TrackletTruth;
import org.orekit.time.AbsoluteDate;

/**
 * The survey telescope: in SURVEY one exposure every {@value #CADENCE_S} s lasting {@value #EXPOSURE_S} s;
 * each field is visited for {@value #EXPOSURES_PER_FIELD} exposures, during which synthetic moving asteroids
 * are seen on 3 to 6 consecutive exposures. A tracklet's detections are released when its last exposure
 * ends, so det_count is always the number of detections actually recorded.
 *
 * <p>The asteroids come from {@link FieldSampler} (heliocentric orbits of the classes of
 * {@link org.najm.simulator.sky.OrbitClass}, brighter than V {@value FieldSampler#LIMITING_V_MAG}), and each detection
 * is where the object is seen from the spacecraft at that exposure's mid-time ({@link SkyObject#observe}:
 * topocentric, light-time corrected), plus noise of the rms the packet carries.
 */
public final class Telescope {

    public static final int CADENCE_S = 60;
    public static final int EXPOSURE_S = 30;
    public static final int EXPOSURES_PER_FIELD = 6;

    /**
     * Magnitude offsets V - m of the bands 0 'V', 1 'G', 2 'R', 3 'w' for a solar-coloured asteroid: the MPC's
     * band-to-V corrections (G +0.28, R +0.4, w -0.13).
     */
    static final double[] V_MINUS_BAND = { 0, 0.28, 0.4, -0.13 };
    /** Half-width of a field, deg (objects are placed within +-1 deg of its centre). */
    static final double FIELD_HALF_WIDTH_DEG = 1;

    /**
     * One exposure's mid-time and observer position.
     *
     * @param midTime    onboard GPS seconds at mid-exposure (the packet's obs_time)
     * @param midDate    the true date at mid-exposure
     * @param observerKm spacecraft position, geocentric ICRF (GCRF), km
     */
    public record Exposure(double midTime, AbsoluteDate midDate, double[] observerKm) {
    }

    /** A synthetic asteroid of a field visit, fixed when the field is drawn. */
    public record Asteroid(int detCount, int firstExposure, SkyObject object, double rmsMag, double rmsArcsec,
            int band) {
    }

    /** One detection before packetisation (tracklet id assigned by the caller). */
    public record Detection(int detIndex, int detCount, double obsTime, double ra, double dec, float rmsRa,
            float rmsDec, float mag, float rmsMag, int band, float snr, double[] observerKm) {
    }

    /** One tracklet: its detections (in exposure order) and the truth of the object behind them. */
    public record Tracklet(List<Detection> detections, TrackletTruth truth) {
    }

    private final Random rnd;
    private final FieldSampler sampler;
    private long exposures;
    private long detections;
    private long detectionsTotal;
    private int fieldIndex = -1;
    private double fieldRa;
    private double fieldDec;
    private boolean exposing;
    private double exposureStart;
    private double[] midObserver;
    private AbsoluteDate midDate;
    private final List<Exposure> fieldExposures = new ArrayList<>();
    private final List<Asteroid> asteroids = new ArrayList<>();

    public Telescope(Random rnd) {
        this.rnd = rnd;
        this.sampler = new FieldSampler(rnd);
    }

    /**
     * One simulated second of SURVEY.
     *
     * @param date       the true date now
     * @param second     simulated epoch second (drives the cadence)
     * @param obTime     onboard GPS seconds now
     * @param positionKm spacecraft position now, geocentric ICRF, km
     * @param antiSun    anti-Sun direction (fields are chosen around opposition)
     * @return the tracklets completed this second
     */
    public List<Tracklet> surveySecond(AbsoluteDate date, long second, double obTime, double[] positionKm,
            Vector3D antiSun) {
        long phase = Math.floorMod(second, CADENCE_S);
        List<Tracklet> done = new ArrayList<>();
        if (phase == 0 && !exposing) {
            if (fieldIndex < 0 || fieldExposures.size() >= EXPOSURES_PER_FIELD) {
                newField(date, positionKm, antiSun);
            }
            exposing = true;
            exposureStart = obTime;
            midObserver = positionKm;
            midDate = date.shiftedBy(EXPOSURE_S / 2.0);
        } else if (exposing && phase == EXPOSURE_S / 2) {
            midObserver = positionKm;
            midDate = date;
        } else if (exposing && phase == EXPOSURE_S) {
            exposing = false;
            exposures++;
            int index = fieldExposures.size();
            fieldExposures.add(new Exposure(exposureStart + EXPOSURE_S / 2.0, midDate, midObserver));
            for (Asteroid a : asteroids) {
                if (a.firstExposure() + a.detCount() - 1 == index) {
                    done.add(detect(a, fieldExposures.subList(a.firstExposure(), index + 1)));
                }
            }
        }
        return done;
    }

    /** Leaving SURVEY: the exposure in progress and the unfinished tracklets are lost. */
    public void stop() {
        exposing = false;
        fieldIndex = -1;
        fieldExposures.clear();
        asteroids.clear();
    }

    /** Reboot: counters are "since boot". */
    public void resetCounters() {
        exposures = 0;
        detections = 0;
    }

    private void newField(AbsoluteDate date, double[] positionKm, Vector3D antiSun) {
        fieldIndex++;
        fieldExposures.clear();
        asteroids.clear();
        // a grid of fields around opposition: 10 steps of 3.5 deg in RA, 9 bands of 5 deg in Dec
        fieldRa = Math.floorMod((long) Math.round(AttitudeModel.ra(antiSun) * 1000)
                + (fieldIndex % 10 - 5) * 3500L, 360000L) / 1000.0;
        fieldDec = Math.max(-85, Math.min(85, AttitudeModel.dec(antiSun) + ((fieldIndex / 10) % 9 - 4) * 5.0));
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            asteroids.add(newAsteroid(date, positionKm, fieldRa, fieldDec, 3 + rnd.nextInt(4), -1));
        }
    }

    /**
     * A detectable asteroid seen at {@code date} within {@value #FIELD_HALF_WIDTH_DEG} deg of (ra, dec);
     * firstExposure &lt; 0 picks one that fits in the field visit.
     */
    Asteroid newAsteroid(AbsoluteDate date, double[] observerKm, double ra, double dec, int detCount,
            int firstExposure) {
        int first = firstExposure >= 0 ? firstExposure : rnd.nextInt(EXPOSURES_PER_FIELD - detCount + 1);
        double w = FIELD_HALF_WIDTH_DEG;
        double decDeg = Math.max(-89.9, Math.min(89.9, dec + (rnd.nextDouble() - 0.5) * 2 * w));
        double raDeg = ra + (rnd.nextDouble() - 0.5) * 2 * w / Math.cos(Math.toRadians(decDeg));
        Vector3D observer = metres(observerKm);
        SkyObject o = sampler.draw(date, observer, AttitudeModel.direction(raDeg, decDeg));
        double faint = Math.max(0, Math.min(1, (o.observe(date, observer).vMag() - 15) / 6.5));
        return new Asteroid(detCount, first, o, 0.05 + 0.25 * faint, 0.05 + 0.45 * faint, rnd.nextInt(4));
    }

    /** The detections of one asteroid on the given exposures, with its truth. */
    Tracklet detect(Asteroid a, List<Exposure> seen) {
        List<Detection> out = new ArrayList<>();
        Apparent firstSeen = null;
        Apparent lastSeen = null;
        for (int i = 0; i < seen.size(); i++) {
            Exposure e = seen.get(i);
            Apparent p = a.object().observe(e.midDate(), metres(e.observerKm()));
            firstSeen = firstSeen == null ? p : firstSeen;
            lastSeen = p;
            double sigma = a.rmsArcsec() / 3600.0;
            double dec = p.decDeg() + rnd.nextGaussian() * sigma;
            double ra = p.raDeg() + rnd.nextGaussian() * sigma / Math.cos(Math.toRadians(dec));
            ra = ((ra % 360) + 360) % 360;
            float mag = (float) (p.vMag() - V_MINUS_BAND[a.band()] + rnd.nextGaussian() * a.rmsMag());
            float snr = (float) (5 * Math.pow(10, 0.4 * (FieldSampler.LIMITING_V_MAG - p.vMag())));
            out.add(new Detection(i, seen.size(), e.midTime(), ra, dec, (float) a.rmsArcsec(),
                    (float) a.rmsArcsec(), mag, (float) a.rmsMag(), a.band(), snr, e.observerKm()));
        }
        detections += out.size();
        detectionsTotal += out.size();
        return new Tracklet(out, TrackletTruth.of(a.object(), firstSeen, lastSeen));
    }

    private static Vector3D metres(double[] km) {
        return new Vector3D(km[0] * 1000, km[1] * 1000, km[2] * 1000);
    }

    /** The sampler of this telescope's sky (its cost counters). */
    public FieldSampler sampler() {
        return sampler;
    }

    public boolean exposing() {
        return exposing;
    }

    public long exposures() {
        return exposures;
    }

    /** Detections since boot. */
    public long detections() {
        return detections;
    }

    /** Detections since the simulator started, across reboots. */
    public long detectionsTotal() {
        return detectionsTotal;
    }

    public double fieldRa() {
        return fieldRa;
    }

    public double fieldDec() {
        return fieldDec;
    }

    public boolean hasField() {
        return fieldIndex >= 0;
    }
}
