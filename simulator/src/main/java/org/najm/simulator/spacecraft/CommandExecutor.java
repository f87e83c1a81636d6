package org.najm.simulator.spacecraft;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.logging.Logger;

import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.Crc16;
import org.najm.simulator.packet.Cuc;
import org.najm.simulator.packet.TcAck;

/**
 * Onboard TC packet handling: acceptance checks (CRC, APID/opcode, arguments, mode), then execution with
 * TC_ACK stages 1 ACCEPTED, 2 STARTED, 3 COMPLETED (or a single failing stage 1).
 */
final class CommandExecutor {

    private static final Logger LOG = Logger.getLogger(CommandExecutor.class.getName());

    private final String name;
    private final CommandLedger ledger;
    private final ModeControl modes;
    private final Platform platform;
    private final Stores stores;
    private final Obc obc;
    private final Downlink downlink;

    CommandExecutor(String name, CommandLedger ledger, ModeControl modes, Platform platform, Stores stores, Obc obc,
            Downlink downlink) {
        this.name = name;
        this.ledger = ledger;
        this.modes = modes;
        this.platform = platform;
        this.stores = stores;
        this.obc = obc;
        this.downlink = downlink;
    }

    /** A TC packet out of FARM-1 at simulated time {@code now}. */
    void handle(byte[] p, Instant now) {
        if (obc.rebooting()) {
            LOG.warning(name + ": TC packet lost: OBC rebooting");
            return;
        }
        double ob = obc.onboardTime(now);
        if (p.length < 6) {
            ledger.unreadable();
            LOG.warning(name + ": TC packet of " + p.length + " octets ignored (no primary header)");
            return;
        }
        int apid = ((p[0] & 0x07) << 8) | (p[1] & 0xFF);
        int seq = ((p[2] & 0x3F) << 8) | (p[3] & 0xFF);
        int length = (((p[4] & 0xFF) << 8) | (p[5] & 0xFF)) + 7;
        int opcode = p.length >= 8 ? ((p[6] & 0xFF) << 8) | (p[7] & 0xFF) : 0;
        int result = accept(p, apid, length, opcode);
        if (result != TcAck.OK) {
            ledger.rejected(new TcAck(ob, apid, seq, opcode, TcAck.ACCEPTED, result));
            LOG.info(String.format("%s: TC %s seq %d rejected: result %d", name, Opcodes.name(opcode), seq, result));
            return;
        }
        TcAck base = new TcAck(ob, apid, seq, opcode, TcAck.ACCEPTED, TcAck.OK);
        ledger.started(base);
        ByteBuffer args = ByteBuffer.wrap(p, 8, length - 10);
        LOG.info(String.format("%s: TC %s seq %d executing", name, Opcodes.name(opcode), seq));
        Integer done = execute(opcode, args, base, now, ob);
        if (done != null) {
            ledger.completed(base, done, ob);
        }
    }

    /** Acceptance result of a TC packet. */
    private int accept(byte[] p, int apid, int length, int opcode) {
        if (length < 10 || length > p.length || !Crc16.check(p, 0, length)) {
            return TcAck.BAD_CRC;
        }
        int argLength = Opcodes.argumentLength(opcode);
        if (apid != Apid.TC || argLength < 0) {
            return TcAck.BAD_OPCODE;
        }
        if (length - 10 != argLength) {
            return TcAck.BAD_ARGUMENT;
        }
        ByteBuffer a = ByteBuffer.wrap(p, 8, argLength);
        switch (opcode) {
            case Opcodes.SET_MODE -> {
                Mode m = Mode.ofCode(a.get() & 0xFF);
                if (m == null) {
                    return TcAck.BAD_ARGUMENT;
                }
                if (m == Mode.SURVEY && !modes.payloadOn()) {
                    return TcAck.NOT_ALLOWED_IN_MODE;
                }
            }
            case Opcodes.PAYLOAD_POWER -> {
                int on = a.get() & 0xFF;
                if (on > 1) {
                    return TcAck.BAD_ARGUMENT;
                }
                if (on == 1 && modes.mode() == Mode.SAFE) {
                    return TcAck.NOT_ALLOWED_IN_MODE;
                }
            }
            case Opcodes.SET_HEATER -> {
                short sp = a.getShort();
                if (sp < -2000 || sp > 4000) {
                    return TcAck.BAD_ARGUMENT;
                }
            }
            case Opcodes.DUMP_STORE -> {
                int store = a.get() & 0xFF;
                long from = a.getInt() & 0xFFFFFFFFL;
                long to = a.getInt() & 0xFFFFFFFFL;
                if (store > 1 || from > to) {
                    return TcAck.BAD_ARGUMENT;
                }
            }
            case Opcodes.DELETE_STORE -> {
                if ((a.get() & 0xFF) > 1) {
                    return TcAck.BAD_ARGUMENT;
                }
            }
            default -> {
                // NOOP, PING, REBOOT_OBC: nothing more to check
            }
        }
        return TcAck.OK;
    }

    /** Executes; returns the stage-3 result, or null when completion comes later (dump, reboot). */
    private Integer execute(int opcode, ByteBuffer a, TcAck base, Instant now, double ob) {
        switch (opcode) {
            case Opcodes.NOOP -> {
                return TcAck.OK;
            }
            case Opcodes.SET_MODE -> {
                modes.setMode(Mode.ofCode(a.get() & 0xFF), ob);
                return TcAck.OK;
            }
            case Opcodes.PAYLOAD_POWER -> {
                modes.setPayloadPower(a.get() == 1, ob);
                return TcAck.OK;
            }
            case Opcodes.SET_HEATER -> {
                platform.setHeaterSetpoint(a.getShort(), ob);
                return TcAck.OK;
            }
            case Opcodes.DUMP_STORE -> {
                int store = a.get() & 0xFF;
                long from = a.getInt() & 0xFFFFFFFFL;
                long to = a.getInt() & 0xFFFFFFFFL;
                if (!stores.startDump(store, from, to, base, ob)) {
                    LOG.info(name + ": DUMP_STORE failed: store " + store + " already playing back");
                    return TcAck.FAILED;
                }
                return null;
            }
            case Opcodes.DELETE_STORE -> {
                int store = a.get() & 0xFF;
                stores.delete(store, a.getInt() & 0xFFFFFFFFL, ob);
                return TcAck.OK;
            }
            case Opcodes.TIME_SYNC -> {
                obc.syncClock(Cuc.get(a), ob);
                return TcAck.OK;
            }
            case Opcodes.PING -> {
                long token = a.getInt() & 0xFFFFFFFFL;
                downlink.event(ob, Events.INFO, Events.PING, "PING " + token);
                return TcAck.OK;
            }
            case Opcodes.REBOOT_OBC -> {
                obc.startReboot(now, base);
                return null;
            }
            default -> {
                return TcAck.FAILED;
            }
        }
    }
}
