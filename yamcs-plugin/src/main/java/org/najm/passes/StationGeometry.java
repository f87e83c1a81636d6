package org.najm.passes;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.najm.constellation.Station;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.frames.TopocentricFrame;

/**
 * A station's topocentric frame on the WGS84 ellipsoid, plus its position and zenith in the Earth
 * frame precomputed once: the grid scan then needs one dot product per spacecraft and station
 * instead of a frame transform (TopocentricFrame's own math, hoisted out of the loop).
 */
final class StationGeometry {

    final Station station;
    final TopocentricFrame topo;
    /** Elevation mask, radians. */
    final double mask;
    /** sin(mask): the grid compares sin(elevation) with it (no asin per sample). */
    final double sinMask;
    final double px, py, pz;
    final double zx, zy, zz;
    /** East and north unit vectors in the Earth frame (azimuth = atan2(east, north)). */
    final double ex, ey, ez;
    final double nx, ny, nz;
    /** The unit vector from the Earth's centre to the station (central angles are measured from it). */
    final double ux, uy, uz;
    private final double radiusM;
    private final double deflectionRad;

    StationGeometry(Station station, OneAxisEllipsoid earth) {
        this.station = station;
        this.topo = new TopocentricFrame(earth, new GeodeticPoint(FastMath.toRadians(station.latitude()),
                FastMath.toRadians(station.longitude()), station.altitude()), station.name());
        this.mask = FastMath.toRadians(station.mask());
        Vector3D p = topo.getCartesianPoint();
        Vector3D z = topo.getZenith();
        px = p.getX(); py = p.getY(); pz = p.getZ();
        zx = z.getX(); zy = z.getY(); zz = z.getZ();
        Vector3D e = topo.getEast();
        Vector3D n = topo.getNorth();
        ex = e.getX(); ey = e.getY(); ez = e.getZ();
        nx = n.getX(); ny = n.getY(); nz = n.getZ();
        sinMask = FastMath.sin(mask);
        radiusM = p.getNorm();
        ux = px / radiusM; uy = py / radiusM; uz = pz / radiusM;
        deflectionRad = FastMath.acos(Math.min(1, ux * zx + uy * zy + uz * zz));
    }

    /** Distance from the Earth's centre, metres. */
    double geocentricRadiusM() {
        return radiusM;
    }

    /** Angle between the (geodetic) zenith and the geocentric direction of the station, radians. */
    double zenithDeflectionRad() {
        return deflectionRad;
    }

    /**
     * sin(elevation) - sin(mask) of a point in the Earth (ITRF) frame: same sign as the elevation above the
     * mask and monotonic in it, without an asin (the grid's fast path).
     */
    double sinElevationAboveMask(double x, double y, double z) {
        double dx = x - px, dy = y - py, dz = z - pz;
        return (dx * zx + dy * zy + dz * zz) / Math.sqrt(dx * dx + dy * dy + dz * dz) - sinMask;
    }

    /** Azimuth (degrees from north, clockwise, in [0, 360)) of a point in the Earth (ITRF) frame. */
    double azimuthDeg(double x, double y, double z) {
        double dx = x - px, dy = y - py, dz = z - pz;
        double az = FastMath.toDegrees(FastMath.atan2(dx * ex + dy * ey + dz * ez, dx * nx + dy * ny + dz * nz));
        return az < 0 ? az + 360 : az >= 360 ? az - 360 : az;
    }
}
