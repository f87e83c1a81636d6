package org.najm.commanding;

import org.najm.api.HeldCommandInfo;
import org.najm.api.ListHeldCommandsResponse;
import org.yamcs.AbstractYamcsService;

/**
 * Where the held-commands API goes on a server without the command authority: a partner site, whose critical
 * commands are held at the MOC. Its lead's confirmation (and a cancel) is relayed to the MOC, which decides it for
 * the person named under the same rules as for its own users ({@link HeldCommandApi}).
 */
public abstract class HeldCommandRelay extends AbstractYamcsService {

    /** What the held commands are, at the MOC. */
    public abstract ListHeldCommandsResponse list();

    /**
     * Confirms or cancels ({@code action}: "confirm" or "cancel") the MOC's held command {@code id} on behalf of
     * {@code person}.
     *
     * @throws org.yamcs.http.HttpException with the MOC's status and reason when it refuses
     */
    public abstract HeldCommandInfo act(String action, String id, String person);
}
