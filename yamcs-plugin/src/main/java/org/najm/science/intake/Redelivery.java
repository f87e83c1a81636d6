package org.najm.science.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.najm.context.TableRows;
import org.najm.science.DetectionDecoder;
import org.najm.science.Tracklet;
import org.najm.science.TrackletAssembler;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.YarchDatabase;

/**
 * Re-delivery, for when the asteroid-tracking archive lost what it was sent: one spacecraft's SCI_DETECTION
 * packets over a time range, read back from the tm table of its Yamcs instance and assembled afresh.
 */
public final class Redelivery {

    private static final String SQL = "select packet from tm where pname = ? and gentime >= ? and gentime < ?";

    /** What the archive holds: the detections decoded, and the complete tracklets among them. */
    public record Found(int detections, List<Tracklet> tracklets) {
    }

    private Redelivery() {
    }

    /**
     * @param instance the spacecraft's Yamcs instance
     * @throws IllegalStateException if the archive cannot be read
     */
    public static Found find(String instance, String spacecraft, DetectionDecoder decoder, Instant start,
            Instant stop) {
        var ydb = YarchDatabase.getInstance(instance);
        Assembly assembly = new Assembly(spacecraft, decoder);
        List<byte[]> packets = TableRows.select(ydb, t -> (byte[]) t.getColumn("packet"), SQL,
                decoder.archivePartition(), TimeEncoding.fromJavaInstant(start), TimeEncoding.fromJavaInstant(stop));
        packets.forEach(assembly::add);
        return assembly.found();
    }

    /**
     * Packets to tracklets, with an assembler of its own: a tracklet already sent is what a re-delivery sends again.
     */
    static final class Assembly {
        private final String spacecraft;
        private final DetectionDecoder decoder;
        private final TrackletAssembler assembler = new TrackletAssembler(key -> false);
        private final List<Tracklet> tracklets = new ArrayList<>();
        private int detections;

        Assembly(String spacecraft, DetectionDecoder decoder) {
            this.spacecraft = spacecraft;
            this.decoder = decoder;
        }

        void add(byte[] packet) {
            try {
                var outcome = assembler.add(decoder.decode(spacecraft, packet), Instant.now());
                detections++;
                if (outcome.kind() == TrackletAssembler.Kind.COMPLETED) {
                    tracklets.add(outcome.tracklet());
                }
            } catch (IllegalArgumentException e) {
                // counted when it was first received
            }
        }

        Found found() {
            return new Found(detections, List.copyOf(tracklets));
        }
    }
}
