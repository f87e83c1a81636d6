package org.najm.automation;

import java.time.Instant;
import java.util.Optional;

import org.najm.automation.AutomationState.Pause;
import org.najm.constellation.Constellation;
import org.najm.constellation.Partner;
import org.najm.constellation.Spacecraft;

/**
 * Who may pause a spacecraft's automation, and when the automation stands back: operators stay in charge.
 */
final class AutomationRules {

    /** A command by someone other than the automation, that the partner authority lets through. */
    record OperatorCommand(String user, String command, Instant at) {
    }

    static final String SAFE = "SAFE";

    private AutomationRules() {
    }

    /**
     * Why {@code user} may not pause or resume the automation of {@code sc}, if so: only the operators and
     * leads of its partner may, not its automation identity, nobody else.
     */
    static Optional<String> whyNotChange(Constellation constellation, String user, Spacecraft sc) {
        Partner owner = constellation.partner(sc.partner()).orElseThrow(
                () -> new IllegalStateException(sc.name() + ": partner '" + sc.partner() + "' is not configured"));
        String only = "only " + owner.id() + "'s operators and leads pause or resume the automation of " + sc.name();
        if (owner.isAutomation(user)) {
            return Optional.of(user + " is " + owner.id() + "'s automation identity: " + only);
        }
        if (owner.commands(user)) {
            return Optional.empty();
        }
        return Optional.of(constellation.partnerOf(user)
                .map(p -> user + " operates for " + p.id() + "; " + sc.name() + " belongs to " + owner.id() + ": "
                        + only)
                .orElse(user + " is not an operator of any partner: " + only));
    }

    /**
     * Why the automation must not (or no longer) command the spacecraft in this contact, if so.
     *
     * @param mode     the latest /NAJM/mode (null: not known yet)
     * @param operator the first command of an operator since AOS, if any
     */
    static Optional<String> standBack(String spacecraft, Pause pause, String mode, Optional<OperatorCommand> operator) {
        if (pause != null) {
            return Optional.of("paused by " + pause.by() + " since " + pause.since());
        }
        if (SAFE.equals(mode)) {
            return Optional.of(spacecraft + " is in SAFE mode");
        }
        return operator.map(o -> o.user() + " is commanding " + spacecraft + " in this contact (" + o.command()
                + " at " + o.at() + ")");
    }
}
