package org.najm.simulator.spacecraft;

import java.nio.ByteBuffer;
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

    private final SpacecraftSim sc;

    CommandExecutor(SpacecraftSim sc) {
        this.sc = sc;
    }

    void handle(byte[] p, double ob) {
        if (p.length < 6) {
            sc.countRejected();
            LOG.warning(sc.name() + ": TC packet of " + p.length + " octets ignored (no primary header)");
            return;
        }
        int apid = ((p[0] & 0x07) << 8) | (p[1] & 0xFF);
        int seq = ((p[2] & 0x3F) << 8) | (p[3] & 0xFF);
        int length = (((p[4] & 0xFF) << 8) | (p[5] & 0xFF)) + 7;
        int opcode = p.length >= 8 ? ((p[6] & 0xFF) << 8) | (p[7] & 0xFF) : 0;
        int result = accept(p, apid, length, opcode);
        if (result != TcAck.OK) {
            sc.countRejected();
            sc.ack(new TcAck(ob, apid, seq, opcode, TcAck.ACCEPTED, result));
            sc.executed(new ExecutedCommand(opcode, seq, result, ob));
            LOG.info(String.format("%s: TC %s seq %d rejected: result %d", sc.name(), Opcodes.name(opcode), seq, result));
            return;
        }
        sc.countAccepted(opcode);
        TcAck base = new TcAck(ob, apid, seq, opcode, TcAck.ACCEPTED, TcAck.OK);
        sc.ack(base);
        sc.ack(new TcAck(ob, apid, seq, opcode, TcAck.STARTED, TcAck.OK));
        ByteBuffer args = ByteBuffer.wrap(p, 8, length - 10);
        LOG.info(String.format("%s: TC %s seq %d executing", sc.name(), Opcodes.name(opcode), seq));
        Integer done = execute(opcode, args, base, ob);
        if (done != null) {
            completed(base, done, ob);
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
                if (m == Mode.SURVEY && !sc.payloadPowered()) {
                    return TcAck.NOT_ALLOWED_IN_MODE;
                }
            }
            case Opcodes.PAYLOAD_POWER -> {
                int on = a.get() & 0xFF;
                if (on > 1) {
                    return TcAck.BAD_ARGUMENT;
                }
                if (on == 1 && sc.modeNow() == Mode.SAFE) {
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
    private Integer execute(int opcode, ByteBuffer a, TcAck base, double ob) {
        switch (opcode) {
            case Opcodes.NOOP -> {
                return TcAck.OK;
            }
            case Opcodes.SET_MODE -> {
                sc.setMode(Mode.ofCode(a.get() & 0xFF), ob);
                return TcAck.OK;
            }
            case Opcodes.PAYLOAD_POWER -> {
                sc.setPayloadPower(a.get() == 1, ob);
                return TcAck.OK;
            }
            case Opcodes.SET_HEATER -> {
                sc.setHeaterSetpoint(a.getShort(), ob);
                return TcAck.OK;
            }
            case Opcodes.DUMP_STORE -> {
                int store = a.get() & 0xFF;
                long from = a.getInt() & 0xFFFFFFFFL;
                long to = a.getInt() & 0xFFFFFFFFL;
                if (!sc.startDump(store, from, to, base, ob)) {
                    LOG.info(sc.name() + ": DUMP_STORE failed: store " + store + " already playing back");
                    return TcAck.FAILED;
                }
                return null;
            }
            case Opcodes.DELETE_STORE -> {
                int store = a.get() & 0xFF;
                long upTo = a.getInt() & 0xFFFFFFFFL;
                PacketStore s = sc.store(store);
                int n = s.deleteUpTo(upTo);
                sc.event(ob, Events.INFO, Events.STORE_DELETED, s.name() + " DELETED " + n + " PACKETS UP TO " + upTo);
                return TcAck.OK;
            }
            case Opcodes.TIME_SYNC -> {
                double t = Cuc.get(a);
                sc.timeSync(t, ob);
                return TcAck.OK;
            }
            case Opcodes.PING -> {
                long token = a.getInt() & 0xFFFFFFFFL;
                sc.event(ob, Events.INFO, Events.PING, "PING " + token);
                return TcAck.OK;
            }
            case Opcodes.REBOOT_OBC -> {
                sc.startReboot(base);
                return null;
            }
            default -> {
                return TcAck.FAILED;
            }
        }
    }

    void completed(TcAck base, int result, double ob) {
        sc.ack(new TcAck(ob, base.tcApid(), base.tcSeq(), base.opcode(), TcAck.COMPLETED, result));
        sc.executed(new ExecutedCommand(base.opcode(), base.tcSeq(), result, ob));
        LOG.info(String.format("%s: TC %s seq %d completed: result %d", sc.name(), Opcodes.name(base.opcode()),
                base.tcSeq(), result));
    }
}
