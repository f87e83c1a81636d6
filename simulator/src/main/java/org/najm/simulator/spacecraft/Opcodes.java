package org.najm.simulator.spacecraft;

/** TC opcodes (ICD section 5) and their argument lengths. */
public final class Opcodes {
    public static final int NOOP = 0x0001;
    public static final int SET_MODE = 0x0010;
    public static final int PAYLOAD_POWER = 0x0011;
    public static final int SET_HEATER = 0x0012;
    public static final int DUMP_STORE = 0x0020;
    public static final int DELETE_STORE = 0x0021;
    public static final int TIME_SYNC = 0x0030;
    public static final int PING = 0x0031;
    public static final int REBOOT_OBC = 0x0040;

    private Opcodes() {
    }

    /** Argument octets of an opcode, or -1 for an unknown opcode. */
    public static int argumentLength(int opcode) {
        return switch (opcode) {
            case NOOP, REBOOT_OBC -> 0;
            case SET_MODE, PAYLOAD_POWER -> 1;
            case SET_HEATER -> 2;
            case DUMP_STORE -> 9;
            case DELETE_STORE -> 5;
            case TIME_SYNC -> 6;
            case PING -> 4;
            default -> -1;
        };
    }

    public static String name(int opcode) {
        return switch (opcode) {
            case NOOP -> "NOOP";
            case SET_MODE -> "SET_MODE";
            case PAYLOAD_POWER -> "PAYLOAD_POWER";
            case SET_HEATER -> "SET_HEATER";
            case DUMP_STORE -> "DUMP_STORE";
            case DELETE_STORE -> "DELETE_STORE";
            case TIME_SYNC -> "TIME_SYNC";
            case PING -> "PING";
            case REBOOT_OBC -> "REBOOT_OBC";
            default -> String.format("0x%04X", opcode);
        };
    }
}
