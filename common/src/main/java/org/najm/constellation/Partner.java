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
 */
public record Partner(String id, String name, List<String> operators, List<String> leads) {

    public Partner {
        operators = List.copyOf(operators);
        leads = List.copyOf(leads);
    }

    /** Whether {@code user} may command this partner's spacecraft (operators and leads may). */
    public boolean commands(String user) {
        return operators.contains(user) || leads.contains(user);
    }

    /** Whether {@code user} may confirm this partner's critical commands. */
    public boolean confirms(String user) {
        return leads.contains(user);
    }
}
