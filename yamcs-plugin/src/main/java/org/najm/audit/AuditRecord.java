package org.najm.audit;

import java.time.Instant;

/**
 * One entry of the audit trail: a command attempt and what became of it, a failed login, a change of a
 * spacecraft's contact automation (pause, resume), or an action on a partner's shared objects (COP-1
 * directives, alarms, stacks, TLEs, station unavailability, writes to protected archive tables).
 *
 * @param time        wall-clock time of the entry
 * @param kind        what was attempted
 * @param user        who attempted it (the user name given, for a failed login)
 * @param spacecraft  the spacecraft commanded, or "" for a login
 * @param command     the command and its arguments as issued, the change ("pause automation"), or ""
 * @param commandId   the Yamcs command id (command history), or ""
 * @param outcome     what happened
 * @param reason      why, in words an operator reads; names the confirming lead for CONFIRMED
 */
public record AuditRecord(Instant time, Kind kind, String user, String spacecraft, String command, String commandId,
        Outcome outcome, String reason) {

    public enum Kind {
        COMMAND, LOGIN, AUTOMATION,
        /** A COP-1 directive (initialize, resume, disable, configuration) to a spacecraft's TC link. */
        COP1,
        /** A write attempted through Yamcs' archive APIs (SQL, table rows) on a protected stream or table. */
        ARCHIVE,
        /** An alarm acknowledged, shelved, unshelved or cleared. */
        ALARM,
        /** A command stack written or deleted in a partner's stacks bucket. */
        STACK,
        /** A TLE upload. */
        TLE,
        /** A station unavailability window added or removed. */
        STATION,
        /** A change of an account's roles or superuser flag through Yamcs' IAM API. */
        ACCESS,
        /** An object written or deleted in a shared bucket other than the stacks (displays). */
        BUCKET
    }

    public enum Outcome {
        /** Passed the command authority and went on to the TC link. */
        RELEASED,
        /** Refused by the command authority; it reached no station. */
        REFUSED,
        /** A critical command waiting for a second operator's confirmation. */
        HELD,
        /** A held command confirmed by a lead of the same partner, and released. */
        CONFIRMED,
        /** A held command nobody confirmed in time; never released. */
        EXPIRED,
        /** A held command cancelled before confirmation; never released. */
        CANCELLED,
        /** A login (or HTTP basic authentication) that failed. */
        LOGIN_FAILED,
        /** A spacecraft's contact automation paused by an operator of its partner. */
        PAUSED,
        /** A spacecraft's contact automation resumed by an operator of its partner. */
        RESUMED,
        /** An action other than a command (COP-1 directive, alarm, stack, TLE, station) allowed and carried out. */
        ALLOWED
    }

    public AuditRecord {
        spacecraft = spacecraft == null ? "" : spacecraft;
        command = command == null ? "" : command;
        commandId = commandId == null ? "" : commandId;
        reason = reason == null ? "" : reason;
    }

    public static AuditRecord loginFailed(String user, String reason) {
        return new AuditRecord(Instant.now(), Kind.LOGIN, user, "", "", "", Outcome.LOGIN_FAILED, reason);
    }
}
