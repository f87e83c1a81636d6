package org.najm.commanding;

import java.time.Instant;

import org.najm.constellation.Spacecraft;
import org.najm.security.CommandAuthority.Issuer;
import org.yamcs.commanding.PreparedCommand;

/**
 * A critical command waiting for confirmation.
 *
 * @param command     the command, as the TC stream delivered it
 * @param from        the person it is from, and the partner site that relayed it if one did
 * @param queue       the confirmation queue that holds it and will release it
 * @param spacecraft  where it goes
 * @param description command and arguments, as the audit trail shows them
 * @param issued      when it was held (wall clock)
 * @param deadline    when it expires unless confirmed (wall clock)
 */
public record HeldCommand(PreparedCommand command, Issuer from, ConfirmationQueue queue, Spacecraft spacecraft,
        String description, Instant issued, Instant deadline) {

    public String id() {
        return command.getId();
    }

    /** The person who issued it (for a command relayed by a partner site, the person the site named). */
    public String issuer() {
        return from.person();
    }
}
