package org.najm.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.passes.TleParser;

/**
 * A large synthetic constellation for scaling tests and benchmarks, deterministic: LEO spacecraft
 * (inclinations 50-98 deg, 14.2-15.5 rev/day, valid launch TLE lines) spread over four partners,
 * and stations from 70 S to 78 N (masks 5-10 deg; every fifth shared).
 */
public final class SyntheticNetwork {

    private SyntheticNetwork() {
    }

    /** {@code nSats} spacecraft and {@code nStations} stations, with {@code real}'s turnaround and transport. */
    public static Constellation of(int nSats, int nStations, Constellation real) {
        Random rnd = new Random(20261120L);
        List<Spacecraft> sats = new ArrayList<>();
        for (int i = 0; i < nSats; i++) {
            int norad = 90001 + i;
            double inc = 50 + 48 * rnd.nextDouble();
            double raan = 360 * rnd.nextDouble();
            double ecc = 0.0005 + 0.0015 * rnd.nextDouble();
            double argp = 360 * rnd.nextDouble();
            double ma = 360 * rnd.nextDouble();
            double mm = 14.2 + 1.3 * rnd.nextDouble();
            String name = String.format("SYN-%03d", i + 1);
            String l1 = withChecksum(String.format(
                    "1 %05dU 26900A   26324.00000000  .00000000  00000-0  00000+0 0  999", norad));
            String l2 = withChecksum(String.format("2 %05d %8.4f %8.4f %07d %8.4f %8.4f %11.8f%5d", norad, inc, raan,
                    Math.round(ecc * 1e7), argp, ma, mm, 1));
            sats.add(new Spacecraft(name, "syn-" + (i + 1), 0x200 + i, "partner" + (i % 4), "S" + (i + 1), norad,
                    List.of(name, l1, l2)));
        }
        List<Station> stations = new ArrayList<>();
        for (int j = 0; j < nStations; j++) {
            double lat = nStations == 1 ? 0 : -70 + 148.0 * j / (nStations - 1);
            double lon = ((j * 137.50776405) % 360.0) - 180.0;
            double mask = 5 + (j % 6);
            String owner = j % 5 == 0 ? Station.SHARED : "partner" + (j % 4);
            stations.add(new Station(j, String.format("GS-%02d", j + 1), lat, lon, 50 + 37 * (j % 20), mask, owner));
        }
        return new Constellation(real.partners(), sats, stations, real.turnaroundSeconds(), real.transport());
    }

    private static String withChecksum(String l) {
        if (l.length() != TleParser.LINE_LENGTH - 1) {
            throw new IllegalStateException("bad synthetic TLE line length " + l.length() + ": '" + l + "'");
        }
        return l + TleParser.checksum(l);
    }
}
