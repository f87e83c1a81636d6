package org.najm.constellation;

import java.util.List;

/**
 * A partner agency: it owns the spacecraft whose {@code partner} is its id, and only its people
 * command them.
 *
 * @param id        e.g. "alpha", as spacecraft and stations name it
 * @param name      e.g. "Alpha Space Agency"
 * @param operators user names that may command the partner's spacecraft
 * @param leads     operators who may also confirm the partner's critical commands
 * @param automation the identity under which the MOC's contact automation commands the partner's
 *                  spacecraft (no interactive login, never a critical command)
 * @param site      the account under which the partner's site server (docs/sites.md) logs in to the MOC: it
 *                  speaks for this partner's operators and leads, never for anyone else's
 */
public record Partner(String id, String name, List<String> operators, List<String> leads, String automation,
        String site) {

    public Partner {
        operators = List.copyOf(operators);
        leads = List.copyOf(leads);
    }

    /** The automation identity a partner has when the description names none: {@code <id>-automation}. */
    public static String defaultAutomation(String id) {
        return id + "-automation";
    }

    /** The site account a partner has when the description names none: {@code site-<id>}. */
    public static String defaultSite(String id) {
        return "site-" + id;
    }

    /** Whether {@code account} is this partner's site account. */
    public boolean isSite(String account) {
        return site.equals(account);
    }

    /** Whether {@code user} may command this partner's spacecraft (operators, leads and its automation may). */
    public boolean commands(String user) {
        return operators.contains(user) || leads.contains(user) || automation.equals(user);
    }

    /** Whether {@code user} is this partner's automation identity. */
    public boolean isAutomation(String user) {
        return automation.equals(user);
    }

    /** Whether {@code user} may confirm this partner's critical commands. */
    public boolean confirms(String user) {
        return leads.contains(user);
    }
}
