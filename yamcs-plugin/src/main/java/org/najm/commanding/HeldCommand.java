package org.najm.commanding;

import java.time.Instant;

import org.najm.constellation.Spacecraft;
import org.yamcs.commanding.PreparedCommand;

/**
 * A critical command waiting for confirmation.
 *
 * @param command     the command, as the TC stream delivered it
 * @param queue       the confirmation queue that holds it and will release it
 * @param spacecraft  where it goes
 * @param description command and arguments, as the audit trail shows them
 * @param issued      when it was held (wall clock)
 * @param deadline    when it expires unless confirmed (wall clock)
 */
public record HeldCommand(PreparedCommand command, ConfirmationQueue queue, Spacecraft spacecraft,
        String description, Instant issued, Instant deadline) {

    public String id() {
        return command.getId();
    }

    public String issuer() {
        return command.getUsername();
    }
}
