package org.najm.simulator.sky;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.orekit.OrekitData;
import org.orekit.time.AbsoluteDate;

/**
 * The simulator's truth file (default {@code data/simulator/truth.csv}): one line per tracklet put into a
 * science store, appended and flushed when it is stored, so it survives a kill or a restart of the simulator
 * (a new run appends; its {@code run_start_utc} differs, and tracklet ids restart with the process as onboard).
 * The header is written when the file is new or empty. Thread-safe.
 */
public final class TruthFile implements AutoCloseable {

    /** The first line. The first seven columns are the interface with the ground; the others may grow. */
    public static final String HEADER = "spacecraft,tracklet_id,orbit_class,a_au,e,i_deg,h_mag,node_deg,"
            + "arg_perihelion_deg,mean_anomaly_deg,epoch_utc,first_obs_utc,r_au,delta_au,phase_deg,v_mag,"
            + "rate_deg_per_day,position_angle_deg,geo_rate_deg_per_day,geo_position_angle_deg,run_start_utc";
    private static final Logger LOG = Logger.getLogger(TruthFile.class.getName());

    private final Path path;
    private final BufferedWriter out;
    private final String runStart = Instant.now().toString();
    private long lines;
    private long failures;

    /**
     * Opens (creating the directories) for appending.
     *
     * @throws UncheckedIOException when the file cannot be opened or written
     */
    public TruthFile(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean fresh = !Files.exists(path) || Files.size(path) == 0;
            out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.US_ASCII));
            if (fresh) {
                out.write(HEADER);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("truth file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends one tracklet's line and flushes it. A write error is logged (SEVERE) and counted, not thrown. */
    public synchronized void append(String spacecraft, long trackletId, TrackletTruth truth) {
        try {
            out.write(spacecraft + "," + trackletId + "," + truth.csvColumns() + "," + runStart);
            out.newLine();
            out.flush();
            lines++;
        } catch (IOException e) {
            failures++;
            LOG.log(Level.SEVERE, "truth file " + path + ": tracklet " + spacecraft + "/" + trackletId
                    + " not written (" + failures + " so far)", e);
        }
    }

    public Path path() {
        return path;
    }

    public synchronized long lines() {
        return lines;
    }

    public synchronized long failures() {
        return failures;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "truth file " + path + ": close failed", e);
        }
    }

    /** ISO-8601 UTC with milliseconds. */
    static String iso(AbsoluteDate date) {
        return date.toInstant(OrekitData.context().getTimeScales()).toString();
    }
}
