package org.najm.http;

import org.yamcs.http.Context;
import org.yamcs.http.ForbiddenException;
import org.yamcs.security.SecurityStore;
import org.yamcs.security.SystemPrivilege;

/** NAJM's own system privileges, granted by roles in etc/roles.yaml like Yamcs' own. */
public final class NajmPrivileges {

    /** Read the audit trail (/api/najm/audit). */
    public static final SystemPrivilege READ_AUDIT = new SystemPrivilege("ReadAudit");
    /** Upload TLEs, mark stations unavailable, re-plan contacts. */
    public static final SystemPrivilege CONTROL_CONTACT_PLAN = new SystemPrivilege("ControlContactPlan");
    /** Re-deliver science to the archive. */
    public static final SystemPrivilege CONTROL_SCIENCE = new SystemPrivilege("ControlScience");

    private NajmPrivileges() {
    }

    /** Makes them known to Yamcs, so that its web UI lists them with the others. */
    public static void register(SecurityStore security) {
        security.addSystemPrivilege(READ_AUDIT);
        security.addSystemPrivilege(CONTROL_CONTACT_PLAN);
        security.addSystemPrivilege(CONTROL_SCIENCE);
    }

    /** @throws ForbiddenException naming the privilege, when the caller lacks it */
    public static void require(Context ctx, SystemPrivilege privilege) {
        if (!ctx.user.hasSystemPrivilege(privilege)) {
            throw new ForbiddenException(ctx.user.getName() + " lacks the privilege " + privilege.getName());
        }
    }
}
