package org.najm.security;

import java.time.Instant;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.constellation.Constellation;
import org.najm.constellation.Partner;
import org.najm.constellation.Spacecraft;
import org.yamcs.http.ForbiddenException;
import org.yamcs.logging.Log;

/**
 * The partner rule for shared objects (alarms, stacks, TLEs, stations): who acts for which partner,
 * and the audit entry of each decision. An action that cannot be audited is not carried out.
 */
public final class PartnerScope {

    private static final Log log = new Log(PartnerScope.class);

    private final Constellation constellation;

    public PartnerScope(Constellation constellation) {
        this.constellation = constellation;
    }

    public Constellation constellation() {
        return constellation;
    }

    /** Why {@code user} may not act on {@code sc} as an operator or lead of its partner, if so. */
    public String whyNotOperator(String user, Spacecraft sc, String action) {
        Partner owner = owner(sc);
        if (owner.commands(user) && !owner.isAutomation(user)) {
            return null;
        }
        return constellation.partnerOf(user).map(p -> user + " operates for " + p.id() + "; ")
                .orElse(user + " is not an operator of any partner; ") + sc.name() + " belongs to " + owner.id()
                + ": only " + owner.id() + "'s operators and leads " + action;
    }

    /** The partner {@code user} is an operator or lead of, or null. */
    public Partner partnerOf(String user) {
        return constellation.partnerOf(user).filter(p -> !p.isAutomation(user)).orElse(null);
    }

    public Partner owner(Spacecraft sc) {
        return constellation.partner(sc.partner()).orElseThrow(
                () -> new IllegalStateException(sc.name() + ": partner '" + sc.partner() + "' is not configured"));
    }

    /**
     * Audits a refusal and returns the exception to throw.
     */
    public ForbiddenException refuse(Kind kind, String user, String spacecraft, String what, String why) {
        try {
            AuditTrail.global().record(new AuditRecord(Instant.now(), kind, user, spacecraft, what, "",
                    Outcome.REFUSED, why));
        } catch (RuntimeException e) {
            log.error("Could not audit the refusal of {} by {}: {}", what, user, e.getMessage());
        }
        return new ForbiddenException(why);
    }

    /**
     * Audits an allowed action, before it is carried out.
     *
     * @throws ForbiddenException if it cannot be audited: then it is not carried out
     */
    public void allow(Kind kind, String user, String spacecraft, String what, String reason) {
        try {
            AuditTrail.global().record(new AuditRecord(Instant.now(), kind, user, spacecraft, what, "",
                    Outcome.ALLOWED, reason));
        } catch (RuntimeException e) {
            throw new ForbiddenException("Refused: " + e.getMessage());
        }
    }
}
