package org.najm.simulator.spacecraft;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * The survey telescope: in SURVEY one exposure every {@value #CADENCE_S} s lasting {@value #EXPOSURE_S} s;
 * each field is visited for {@value #EXPOSURES_PER_FIELD} exposures, during which synthetic moving asteroids
 * are seen on 3 to 6 consecutive exposures. A tracklet's detections are released when its last exposure
 * ends, so det_count is always the number of detections actually recorded.
 */
public final class Telescope {

    public static final int CADENCE_S = 60;
    public static final int EXPOSURE_S = 30;
    public static final int EXPOSURES_PER_FIELD = 6;

    /** One exposure's mid-time and observer position. */
    public record Exposure(double midTime, double[] observerKm) {
    }

    /** A synthetic moving object, fixed at the first exposure it is seen on. */
    public record Asteroid(int detCount, int firstExposure, double ra0, double dec0, double rateDegPerDay,
            double positionAngleDeg, double mag, double rmsMag, double rmsArcsec, int band) {

        double snr() {
            return 5 * Math.pow(10, 0.4 * (21.5 - mag));
        }
    }

    /** One detection before packetisation (tracklet id assigned by the caller). */
    public record Detection(int detIndex, int detCount, double obsTime, double ra, double dec, float rmsRa,
            float rmsDec, float mag, float rmsMag, int band, float snr, double[] observerKm) {
    }

    private final Random rnd;
    private long exposures;
    private long detections;
    private long detectionsTotal;
    private int fieldIndex = -1;
    private double fieldRa;
    private double fieldDec;
    private boolean exposing;
    private double exposureStart;
    private double[] midObserver;
    private final List<Exposure> fieldExposures = new ArrayList<>();
    private final List<Asteroid> asteroids = new ArrayList<>();

    public Telescope(Random rnd) {
        this.rnd = rnd;
    }

    /**
     * One simulated second of SURVEY.
     *
     * @param second  simulated epoch second (drives the cadence)
     * @param obTime  onboard GPS seconds now
     * @param antiSun anti-Sun direction (fields are chosen around opposition)
     * @return the tracklets completed this second: each list is one tracklet's detections
     */
    public List<List<Detection>> surveySecond(long second, double obTime, double[] positionKm, Vector3D antiSun) {
        long phase = Math.floorMod(second, CADENCE_S);
        List<List<Detection>> done = new ArrayList<>();
        if (phase == 0 && !exposing) {
            if (fieldIndex < 0 || fieldExposures.size() >= EXPOSURES_PER_FIELD) {
                newField(antiSun);
            }
            exposing = true;
            exposureStart = obTime;
            midObserver = positionKm;
        } else if (exposing && phase == EXPOSURE_S / 2) {
            midObserver = positionKm;
        } else if (exposing && phase == EXPOSURE_S) {
            exposing = false;
            exposures++;
            int index = fieldExposures.size();
            fieldExposures.add(new Exposure(exposureStart + EXPOSURE_S / 2.0, midObserver));
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

    private void newField(Vector3D antiSun) {
        fieldIndex++;
        fieldExposures.clear();
        asteroids.clear();
        // a grid of fields around opposition: 10 steps of 3.5 deg in RA, 9 bands of 5 deg in Dec
        fieldRa = Math.floorMod((long) Math.round(AttitudeModel.ra(antiSun) * 1000)
                + (fieldIndex % 10 - 5) * 3500L, 360000L) / 1000.0;
        fieldDec = Math.max(-85, Math.min(85, AttitudeModel.dec(antiSun) + ((fieldIndex / 10) % 9 - 4) * 5.0));
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            asteroids.add(newAsteroid(fieldRa, fieldDec, 3 + rnd.nextInt(4), -1));
        }
    }

    /** A random asteroid near (ra, dec); firstExposure < 0 picks one that fits in the field visit. */
    Asteroid newAsteroid(double ra, double dec, int detCount, int firstExposure) {
        int first = firstExposure >= 0 ? firstExposure : rnd.nextInt(EXPOSURES_PER_FIELD - detCount + 1);
        double mag = 15 + 6.5 * rnd.nextDouble();
        double faint = (mag - 15) / 6.5;
        return new Asteroid(detCount, first, ra + (rnd.nextDouble() - 0.5) * 2 / Math.cos(Math.toRadians(dec)),
                dec + (rnd.nextDouble() - 0.5) * 2, 0.05 + 1.95 * rnd.nextDouble(), 360 * rnd.nextDouble(), mag,
                0.05 + 0.25 * faint, 0.05 + 0.45 * faint, rnd.nextInt(4));
    }

    /** The detections of one asteroid on the given exposures (the first is its reference epoch). */
    List<Detection> detect(Asteroid a, List<Exposure> seen) {
        List<Detection> out = new ArrayList<>();
        double t0 = seen.get(0).midTime();
        for (int i = 0; i < seen.size(); i++) {
            Exposure e = seen.get(i);
            double days = (e.midTime() - t0) / 86400.0;
            double pa = Math.toRadians(a.positionAngleDeg());
            double dec = a.dec0() + a.rateDegPerDay() * Math.cos(pa) * days;
            double ra = a.ra0() + a.rateDegPerDay() * Math.sin(pa) * days / Math.cos(Math.toRadians(a.dec0()));
            double sigma = a.rmsArcsec() / 3600.0;
            dec += rnd.nextGaussian() * sigma;
            ra += rnd.nextGaussian() * sigma / Math.cos(Math.toRadians(dec));
            ra = ((ra % 360) + 360) % 360;
            float mag = (float) (a.mag() + rnd.nextGaussian() * a.rmsMag());
            out.add(new Detection(i, seen.size(), e.midTime(), ra, dec, (float) a.rmsArcsec(),
                    (float) a.rmsArcsec(), mag, (float) a.rmsMag(), a.band(), (float) a.snr(), e.observerKm()));
        }
        detections += out.size();
        detectionsTotal += out.size();
        return out;
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
