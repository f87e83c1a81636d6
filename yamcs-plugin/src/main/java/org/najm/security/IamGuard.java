package org.najm.security;

import org.najm.audit.AuditRecord.Kind;
import org.najm.http.GuardedApi;
import org.najm.http.GuardedApi.Call;
import org.yamcs.http.HttpServer;
import org.yamcs.protobuf.DeleteRoleAssignmentRequest;
import org.yamcs.protobuf.UpdateUserRequest;
import org.yamcs.security.SystemPrivilege;

/**
 * Who may hold which privileges is decided in the users file and etc/roles.yaml, not at runtime: through
 * Yamcs' IAM API no one (the administrator's ControlAccess, a superuser) makes an account a superuser, and
 * no one changes their own roles. An administrator still assigns and removes other accounts' roles, each
 * audited (kind {@code ACCESS}). A superuser would pass every Yamcs privilege check; NAJM's guards and
 * the command authority hold for superusers too, but nothing else would.
 */
public final class IamGuard {

    private final PartnerScope scope;

    IamGuard(PartnerScope scope) {
        this.scope = scope;
    }

    public static void install(HttpServer http, PartnerScope scope) {
        var guard = new IamGuard(scope);
        GuardedApi.install(http, "yamcs.protobuf.iam.IamApi")
                .guard("UpdateUser", guard::updateUser)
                .guard("DeleteRoleAssignment", guard::deleteRoleAssignment);
    }

    private void updateUser(Call call) {
        var r = (UpdateUserRequest) call.request();
        String user = call.ctx().user.getName();
        if (r.hasSuperuser() && r.getSuperuser()) {
            throw scope.refuse(Kind.ACCESS, user, "", "make " + r.getName() + " a superuser", "no account becomes a"
                    + " superuser at runtime: privileges come from the users file and etc/roles.yaml");
        }
        if (r.hasRoleAssignment()) {
            String what = "roles of " + r.getName() + " set to " + r.getRoleAssignment().getRolesList();
            refuseOwnOrUnprivileged(call, r.getName(), what);
            scope.allow(Kind.ACCESS, user, "", what, user + " manages accounts (ControlAccess)");
        }
        call.proceed();
    }

    private void refuseOwnOrUnprivileged(Call call, String account, String what) {
        var caller = call.ctx().user;
        if (account.equals(caller.getName())) {
            throw scope.refuse(Kind.ACCESS, caller.getName(), "", what, "no one changes their own roles");
        }
        if (!caller.hasSystemPrivilege(SystemPrivilege.ControlAccess)) {
            throw scope.refuse(Kind.ACCESS, caller.getName(), "", what, caller.getName()
                    + " lacks the privilege ControlAccess");
        }
    }

    private void deleteRoleAssignment(Call call) {
        var r = (DeleteRoleAssignmentRequest) call.request();
        String user = call.ctx().user.getName();
        String what = "role " + r.getRole() + " of " + r.getName() + " removed";
        refuseOwnOrUnprivileged(call, r.getName(), what);
        scope.allow(Kind.ACCESS, user, "", what, user + " manages accounts (ControlAccess)");
        call.proceed();
    }
}
