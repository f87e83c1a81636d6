package org.najm.security;

import org.najm.audit.AuditRecord.Kind;
import org.najm.constellation.Spacecraft;
import org.najm.http.GuardedApi;
import org.najm.http.GuardedApi.Call;
import org.yamcs.http.HttpServer;

import com.google.protobuf.Message;

/**
 * A spacecraft's alarms are acknowledged, shelved, unshelved, cleared or edited by its partner's
 * operators and leads only, each audited (kind {@code ALARM}). Alarms of an instance that is no
 * spacecraft's ({@code _global}: the ground system's, shared by every partner) are acted on by any
 * partner's operators and leads, audited too; not by the observer or the administrator. Yamcs' own
 * check (ControlAlarms) then applies as before.
 */
public final class AlarmGuard {

    private final PartnerScope scope;

    AlarmGuard(PartnerScope scope) {
        this.scope = scope;
    }

    public static void install(HttpServer http, PartnerScope scope) {
        var guard = new AlarmGuard(scope);
        var api = GuardedApi.install(http, "yamcs.protobuf.alarms.AlarmsApi");
        for (String method : new String[] { "AcknowledgeAlarm", "ShelveAlarm", "UnshelveAlarm", "ClearAlarm",
                "EditAlarm" }) {
            String action = method.replace("Alarm", "").toLowerCase();
            api.guard(method, call -> guard.check(call, action));
        }
    }

    private void check(Call call, String action) {
        Message r = call.request();
        String instance = field(r, "instance");
        Spacecraft sc = scope.constellation().spacecraftByInstance(instance).orElse(null);
        String alarm = field(r, "alarm");
        if (alarm.isEmpty()) {
            alarm = field(r, "name");
        }
        String what = "alarm " + action + " " + alarm + " #" + field(r, "seqnum");
        String user = call.ctx().user.getName();
        if (sc == null) {
            var partner = scope.partnerOf(user);
            if (partner == null) {
                throw scope.refuse(Kind.ALARM, user, "", what + " of " + instance, user + " is not an operator of any"
                        + " partner: the alarms of " + instance + " are acted on by the partners' operators and leads");
            }
            scope.allow(Kind.ALARM, user, "", what + " of " + instance, user + " operates for " + partner.id());
            call.proceed();
            return;
        }
        String why = scope.whyNotOperator(user, sc, action + " its alarms");
        if (why != null) {
            throw scope.refuse(Kind.ALARM, user, sc.name(), what, why);
        }
        scope.allow(Kind.ALARM, user, sc.name(), what, user + " operates for " + sc.partner());
        call.proceed();
    }

    private static String field(Message m, String name) {
        var f = m.getDescriptorForType().findFieldByName(name);
        return f == null || !m.hasField(f) ? "" : String.valueOf(m.getField(f));
    }
}
