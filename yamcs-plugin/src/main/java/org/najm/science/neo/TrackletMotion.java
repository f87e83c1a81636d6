package org.najm.science.neo;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.science.Detection;
import org.najm.science.Tracklet;

/**
 * A tracklet's motion on the sky as seen from its spacecraft: direction and angular rates at the mean epoch, fitted
 * to the detections by weighted least squares (straight line in the plane tangent to the sky at the mean direction,
 * each detection weighted by its astrometric uncertainty), and the observer's geocentric state at that epoch (a
 * straight-line fit to the observer positions the detections carry).
 *
 * @param epoch                       mean observation time, UTC
 * @param raDeg                       ICRF right ascension at the epoch, deg, [0, 360)
 * @param decDeg                      ICRF declination at the epoch, deg
 * @param raRateDegPerDay             rate in RA x cos(dec), deg/day
 * @param decRateDegPerDay            rate in Dec, deg/day
 * @param sigmaRaRateDegPerDay        1-sigma uncertainty of the RA x cos(dec) rate, deg/day
 * @param sigmaDecRateDegPerDay       1-sigma uncertainty of the Dec rate, deg/day
 * @param observerPositionKm          the spacecraft's geocentric ICRF position at the epoch, km
 * @param observerVelocityKmPerS      the spacecraft's geocentric ICRF velocity, km/s (zero if all detections carry
 *                                    the same position)
 * @param magnitude                   mean apparent magnitude
 * @param arcSeconds                  time from the first to the last detection, s
 */
public record TrackletMotion(Instant epoch, double raDeg, double decDeg, double raRateDegPerDay,
        double decRateDegPerDay, double sigmaRaRateDegPerDay, double sigmaDecRateDegPerDay,
        Vector3D observerPositionKm, Vector3D observerVelocityKmPerS, double magnitude, double arcSeconds) {

    /** Floor of a detection's astrometric uncertainty: a zero rms in a packet does not make it exact. */
    static final double MIN_RMS_ARCSEC = 0.05;
    private static final double ARCSEC = Math.toRadians(1 / 3600.0);
    private static final double DAY_S = 86400.0;

    public TrackletMotion {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(observerPositionKm, "observerPositionKm");
        Objects.requireNonNull(observerVelocityKmPerS, "observerVelocityKmPerS");
    }

    /** The line of sight at the epoch, ICRF unit vector. */
    public Vector3D direction() {
        return new Vector3D(Math.toRadians(raDeg), Math.toRadians(decDeg));
    }

    /** Total angular rate, deg/day. */
    public double rateDegPerDay() {
        return Math.hypot(raRateDegPerDay, decRateDegPerDay);
    }

    /**
     * Fits the motion of a tracklet of at least two detections at distinct times.
     *
     * @throws IllegalArgumentException if the detections do not span any time
     */
    public static TrackletMotion fit(Tracklet tracklet) {
        List<Detection> ds = tracklet.detections();
        Instant t0 = ds.get(0).obsTime();
        int n = ds.size();
        double[] t = new double[n];
        Vector3D mean = Vector3D.ZERO;
        double tMean = 0;
        double mag = 0;
        for (int k = 0; k < n; k++) {
            Detection d = ds.get(k);
            t[k] = Duration.between(t0, d.obsTime()).toNanos() / 1e9;
            tMean += t[k] / n;
            mag += d.mag() / n;
            mean = mean.add(new Vector3D(Math.toRadians(d.ra()), Math.toRadians(d.dec())));
        }
        double tMin = Double.MAX_VALUE;
        double tMax = -Double.MAX_VALUE;
        for (double tk : t) {
            tMin = Math.min(tMin, tk);
            tMax = Math.max(tMax, tk);
        }
        if (!(tMax > tMin)) {
            throw new IllegalArgumentException(tracklet.key() + ": detections all at one time, no motion to fit");
        }
        Vector3D u0 = mean.normalize();
        Vector3D east = Vector3D.PLUS_K.crossProduct(u0);
        if (east.getNorm() < 1e-9) { // at a pole: any east will do
            east = Vector3D.PLUS_J;
        }
        east = east.normalize();
        Vector3D north = u0.crossProduct(east);
        // gnomonic coordinates (rad) and weights per axis
        double[] xi = new double[n];
        double[] eta = new double[n];
        double[] wXi = new double[n];
        double[] wEta = new double[n];
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pz = new double[n];
        for (int k = 0; k < n; k++) {
            Detection d = ds.get(k);
            Vector3D u = new Vector3D(Math.toRadians(d.ra()), Math.toRadians(d.dec()));
            double c = u.dotProduct(u0);
            xi[k] = u.dotProduct(east) / c;
            eta[k] = u.dotProduct(north) / c;
            double sRa = Math.max(MIN_RMS_ARCSEC, d.rmsRa()) * ARCSEC;
            double sDec = Math.max(MIN_RMS_ARCSEC, d.rmsDec()) * ARCSEC;
            wXi[k] = 1 / (sRa * sRa);
            wEta[k] = 1 / (sDec * sDec);
            px[k] = d.x();
            py[k] = d.y();
            pz[k] = d.z();
        }
        Line lXi = Line.fit(t, xi, wXi, tMean);
        Line lEta = Line.fit(t, eta, wEta, tMean);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        Line lx = Line.fit(t, px, ones, tMean);
        Line ly = Line.fit(t, py, ones, tMean);
        Line lz = Line.fit(t, pz, ones, tMean);
        Vector3D dir = u0.add(lXi.value * 1, east).add(lEta.value, north).normalize();
        double ra = Math.toDegrees(dir.getAlpha());
        ra = ra < 0 ? ra + 360 : ra;
        double perDay = Math.toDegrees(1) * DAY_S;
        return new TrackletMotion(t0.plusNanos(Math.round(tMean * 1e9)), ra, Math.toDegrees(dir.getDelta()),
                lXi.slope * perDay, lEta.slope * perDay, lXi.sigmaSlope * perDay, lEta.sigmaSlope * perDay,
                new Vector3D(lx.value, ly.value, lz.value), new Vector3D(lx.slope, ly.slope, lz.slope), mag,
                tMax - tMin);
    }

    /** A weighted straight line y = value + slope (t - tRef), with the slope's 1-sigma from the weights. */
    private record Line(double value, double slope, double sigmaSlope) {
        static Line fit(double[] t, double[] y, double[] w, double tRef) {
            double sw = 0;
            double swt = 0;
            double swy = 0;
            for (int k = 0; k < t.length; k++) {
                sw += w[k];
                swt += w[k] * (t[k] - tRef);
                swy += w[k] * y[k];
            }
            double tw = swt / sw;
            double yw = swy / sw;
            double stt = 0;
            double sty = 0;
            for (int k = 0; k < t.length; k++) {
                double dt = t[k] - tRef - tw;
                stt += w[k] * dt * dt;
                sty += w[k] * dt * (y[k] - yw);
            }
            double slope = sty / stt;
            return new Line(yw - slope * tw, slope, Math.sqrt(1 / stt));
        }
    }
}
