package org.najm.security;

/**
 * What the command authority does with one command attempt.
 *
 * @param verdict what happens to the command
 * @param reason  why, as the operator reads it in command history and the audit trail
 */
public record Decision(Verdict verdict, String reason) {

    public enum Verdict {
        /** Goes on to the TC link now. */
        RELEASE,
        /** Never leaves the MOC. */
        REFUSE,
        /** Waits for a second operator of the same partner to confirm it. */
        HOLD
    }

    public static Decision release(String reason) {
        return new Decision(Verdict.RELEASE, reason);
    }

    public static Decision refuse(String reason) {
        return new Decision(Verdict.REFUSE, reason);
    }

    public static Decision hold(String reason) {
        return new Decision(Verdict.HOLD, reason);
    }
}
