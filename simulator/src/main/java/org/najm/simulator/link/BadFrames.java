package org.najm.simulator.link;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntSupplier;

import org.najm.simulator.packet.Crc16;

/**
 * Bad input for a station's TM port (ICD §2-3), for fuzzing the MOC's gateway: a misbehaving or hostile
 * station. Deterministic for a seed. Each input says what the gateway must do with it ({@link Fate}), worked
 * out the way the gateway checks a datagram: length, then FECF, then SCID.
 *
 * <p>Two streams. {@link #foreign()} is for a station that is not in contact with anyone: nothing in it may
 * pass for a spacecraft of the constellation (an input that would, by a lucky FECF, is generated again), so
 * it disturbs no instance. {@link #ownVcs(int, IntSupplier)} is for the station that is in contact with
 * {@code scid}: frames with a good FECF and the real SCID, on virtual channels the spacecraft does not use
 * (3 to 6, garbage packets inside), idle frames (VC 7) carrying data, replays and reordered frames; their
 * CLCW is the spacecraft's own, so COP-1 sees nothing new.
 */
public final class BadFrames {

    /** Octets of a TM frame (ICD §3). */
    public static final int FRAME_LENGTH = 1115;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    private static final int DATA_START = 6;
    private static final int DATA_END = FRAME_LENGTH - 6; // OCF, then FECF
    /** First header pointers past the data field, below the idle and "no packet starts" values. */
    private static final int FHP_IDLE_GAP = TmFramer.FHP_IDLE - (DATA_END - DATA_START);

    /** What the gateway does with an input. */
    public enum Fate {
        BAD_LENGTH, BAD_FECF, UNKNOWN_SCID,
        /** Handed to the spacecraft's instance (Yamcs then rejects or ignores what it carries). */
        ROUTED,
        /** Handed over, then dropped by the instance's duplicate filter. */
        DUPLICATE
    }

    /** The ways of being bad. */
    public enum Kind {
        RANDOM_BYTES, SINGLE_BIT_FLIP, MULTI_BIT_FLIP, TRUNCATED, OVERSIZED, UNKNOWN_SCID, UNKNOWN_SCID_GARBAGE,
        /** Good FECF, real SCID, VC 3-6, the packet CRC wrong. */
        OWN_SCID_BAD_PACKET_CRC,
        /** Good FECF, real SCID, VC 3-6, a packet length running past anything sent. */
        OWN_SCID_BAD_PACKET_LENGTH,
        /** Good FECF, real SCID, VC 3-6, the first header pointer past the data field. */
        OWN_SCID_FHP_PAST_END,
        /** Good FECF, real SCID, VC 3-6, a packet header followed by random octets. */
        OWN_SCID_SPANNING_GARBAGE,
        /** Good FECF, real SCID, VC 7, FHP "idle" but random data. */
        IDLE_WITH_DATA,
        /** An earlier frame of this stream, again. */
        REPLAYED,
        /** A frame held back and sent after later ones (counters out of order). */
        REORDERED
    }

    /** One datagram. */
    public record Input(Kind kind, byte[] data, Fate fate) {
    }

    private static final Kind[] FOREIGN = { Kind.RANDOM_BYTES, Kind.SINGLE_BIT_FLIP, Kind.MULTI_BIT_FLIP,
        Kind.TRUNCATED, Kind.OVERSIZED, Kind.UNKNOWN_SCID, Kind.UNKNOWN_SCID_GARBAGE };
    private static final Kind[] OWN = { Kind.OWN_SCID_BAD_PACKET_CRC, Kind.OWN_SCID_BAD_PACKET_LENGTH,
        Kind.OWN_SCID_FHP_PAST_END, Kind.OWN_SCID_SPANNING_GARBAGE, Kind.IDLE_WITH_DATA, Kind.REPLAYED,
        Kind.REORDERED };

    private final Random random;
    private final Set<Integer> knownScids;

    /** @param knownScids the SCIDs of the constellation: never produced by {@link #foreign()} */
    public BadFrames(long seed, Set<Integer> knownScids) {
        this.random = new Random(seed);
        this.knownScids = Set.copyOf(knownScids);
    }

    /** The fate of {@code data} at the gateway, in the order it checks. */
    public Fate classify(byte[] data) {
        if (data.length != FRAME_LENGTH) {
            return Fate.BAD_LENGTH;
        }
        if (!Crc16.check(data, 0, data.length)) {
            return Fate.BAD_FECF;
        }
        return knownScids.contains(scid(data)) ? Fate.ROUTED : Fate.UNKNOWN_SCID;
    }

    /** The SCID of a frame's primary header. */
    public static int scid(byte[] frame) {
        return ((frame[0] & 0x3F) << 4) | ((frame[1] & 0xF0) >>> 4);
    }

    /** The virtual channel of a frame's primary header. */
    public static int vc(byte[] frame) {
        return (frame[1] & 0x0E) >>> 1;
    }

    /** A stream of inputs that no spacecraft of the constellation can be made of. */
    public Stream foreign() {
        return new Stream() {
            @Override
            public Input next() {
                while (true) {
                    Kind kind = FOREIGN[random.nextInt(FOREIGN.length)];
                    byte[] data = foreignInput(kind);
                    Fate fate = classify(data);
                    if (fate != Fate.ROUTED) {
                        count(kind, fate);
                        return new Input(kind, data, fate);
                    }
                }
            }
        };
    }

    /**
     * A stream of frames of {@code scid} with a good FECF that its instance must reject or ignore.
     * @param clcw the spacecraft's current CLCW (its FARM's V(R)), written into every frame's OCF
     */
    public Stream ownVcs(int scid, IntSupplier clcw) {
        return new Stream() {
            private byte[] last;
            private byte[] held;
            private final int[] vcCount = new int[8];

            @Override
            public Input next() {
                Kind kind = OWN[random.nextInt(OWN.length)];
                byte[] data;
                Fate fate = Fate.ROUTED;
                if (kind == Kind.REPLAYED && last != null) {
                    data = last.clone();
                    fate = Fate.DUPLICATE;
                } else if (kind == Kind.REORDERED && held != null) {
                    data = held;
                    held = null;
                } else {
                    if (kind == Kind.REPLAYED || kind == Kind.REORDERED) {
                        kind = Kind.OWN_SCID_BAD_PACKET_CRC;
                    }
                    data = ownFrame(kind, scid, clcw.getAsInt());
                    if (held == null && random.nextInt(4) == 0) {
                        // sent later as REORDERED; this slot gets another frame
                        held = data;
                        data = ownFrame(kind, scid, clcw.getAsInt());
                    }
                }
                last = data;
                count(kind, fate);
                return new Input(kind, data, fate);
            }

            private byte[] ownFrame(Kind kind, int scid, int clcwWord) {
                int vc = kind == Kind.IDLE_WITH_DATA ? TmFramer.IDLE_VC : 3 + random.nextInt(4);
                byte[] f = new byte[FRAME_LENGTH];
                int fhp = switch (kind) {
                case IDLE_WITH_DATA -> TmFramer.FHP_IDLE;
                case OWN_SCID_FHP_PAST_END -> DATA_END - DATA_START + random.nextInt(FHP_IDLE_GAP);
                default -> 0;
                };
                random.nextBytes(f);
                header(f, scid, vc, vcCount[vc]++ & 0xFF, fhp);
                switch (kind) {
                case OWN_SCID_BAD_PACKET_CRC -> packets(f, false);
                case OWN_SCID_BAD_PACKET_LENGTH -> packetHeader(f, DATA_START, 0xFFFF);
                case OWN_SCID_SPANNING_GARBAGE -> packetHeader(f, DATA_START, 2 * FRAME_LENGTH);
                default -> {
                }
                }
                ByteBuffer.wrap(f, DATA_END, 4).putInt(clcwWord);
                Crc16.appendAt(f, FRAME_LENGTH - 2);
                return f;
            }
        };
    }

    /** Inputs generated, per kind and fate. */
    private final Map<Kind, Map<Fate, Long>> counts = new EnumMap<>(Kind.class);

    private synchronized void count(Kind kind, Fate fate) {
        counts.computeIfAbsent(kind, k -> new EnumMap<>(Fate.class)).merge(fate, 1L, Long::sum);
    }

    /** Inputs generated so far, per kind and fate. */
    public synchronized Map<Kind, Map<Fate, Long>> counts() {
        Map<Kind, Map<Fate, Long>> copy = new EnumMap<>(Kind.class);
        counts.forEach((k, v) -> copy.put(k, new EnumMap<>(v)));
        return copy;
    }

    /** Inputs generated so far with {@code fate}. */
    public synchronized long count(Fate fate) {
        return counts.values().stream().mapToLong(m -> m.getOrDefault(fate, 0L)).sum();
    }

    /** An endless source of inputs. */
    public interface Stream {
        Input next();
    }

    private byte[] foreignInput(Kind kind) {
        return switch (kind) {
        case RANDOM_BYTES -> randomBytes(random.nextInt(2 * FRAME_LENGTH + 1));
        case SINGLE_BIT_FLIP -> flip(unknownScidFrame(false), 1);
        case MULTI_BIT_FLIP -> flip(unknownScidFrame(false), 2 + random.nextInt(15));
        case TRUNCATED -> {
            byte[] f = unknownScidFrame(false);
            byte[] t = new byte[random.nextInt(FRAME_LENGTH)];
            System.arraycopy(f, 0, t, 0, t.length);
            yield t;
        }
        case OVERSIZED -> {
            byte[] f = unknownScidFrame(false);
            // mostly a little too long; one in a hundred up to the largest datagram
            int extra = random.nextInt(100) == 0 ? random.nextInt(MAX_DATAGRAM - FRAME_LENGTH) + 1
                    : random.nextInt(64) + 1;
            byte[] o = randomBytes(FRAME_LENGTH + extra);
            System.arraycopy(f, 0, o, 0, FRAME_LENGTH);
            yield o;
        }
        case UNKNOWN_SCID -> unknownScidFrame(false);
        case UNKNOWN_SCID_GARBAGE -> unknownScidFrame(true);
        default -> throw new IllegalArgumentException(kind + " is not a foreign input");
        };
    }

    /** A frame with a good FECF and a SCID no spacecraft has: well-formed packets, or garbage. */
    private byte[] unknownScidFrame(boolean garbage) {
        int scid;
        do {
            scid = random.nextInt(1024);
        } while (knownScids.contains(scid));
        byte[] f = garbage ? randomBytes(FRAME_LENGTH) : new byte[FRAME_LENGTH];
        header(f, scid, random.nextInt(8), random.nextInt(256), garbage ? random.nextInt(0x800) : 0);
        if (!garbage) {
            packets(f, true);
            ByteBuffer.wrap(f, DATA_END, 4).putInt(0x01000000);
        }
        Crc16.appendAt(f, FRAME_LENGTH - 2);
        return f;
    }

    private static void header(byte[] f, int scid, int vc, int vcCount, int fhp) {
        ByteBuffer bb = ByteBuffer.wrap(f, 0, DATA_START);
        bb.putShort((short) ((scid << 4) | (vc << 1) | 1)); // version 0, SCID, VC, OCF present
        bb.put((byte) vcCount).put((byte) vcCount); // master and VC frame counts
        bb.putShort((short) (0x1800 | (fhp & 0x7FF))); // no secondary header, segment length id 11, FHP
    }

    /** A BUS_HK-sized packet at the start of the data field, its CRC good or not, then an idle packet. */
    private void packets(byte[] f, boolean goodCrc) {
        int len = 114;
        packetHeader(f, DATA_START, len - 7);
        int crc = Crc16.compute(f, DATA_START, len - 2);
        if (!goodCrc) {
            crc ^= 1 + random.nextInt(0xFFFF);
        }
        f[DATA_START + len - 2] = (byte) (crc >>> 8);
        f[DATA_START + len - 1] = (byte) crc;
        int idle = DATA_END - DATA_START - len;
        ByteBuffer.wrap(f, DATA_START + len, 6).putShort((short) 0x07FF).putShort((short) 0xC000)
                .putShort((short) (idle - 7));
    }

    /** A TM packet primary header (APID 100, secondary header) with the given length field. */
    private static void packetHeader(byte[] f, int at, int lengthField) {
        ByteBuffer.wrap(f, at, 6).putShort((short) 0x0864).putShort((short) 0xC000).putShort((short) lengthField);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] flip(byte[] f, int bits) {
        for (int i = 0; i < bits; i++) {
            int bit = random.nextInt(f.length * 8);
            f[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
        }
        return f;
    }
}
