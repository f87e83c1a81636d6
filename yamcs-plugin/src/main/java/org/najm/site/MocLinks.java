package org.najm.site;

import java.util.Optional;

import org.yamcs.YamcsServer;
import org.yamcs.cascading.YamcsLink;
import org.yamcs.tctm.Link;

/** An instance's cascading link to the MOC, and its sub-links, by name. */
final class MocLinks {

    private MocLinks() {
    }

    /** The running cascading link {@code name} of {@code instance}, if there is one. */
    static Optional<YamcsLink> moc(String instance, String name) {
        return link(instance, name).filter(l -> l instanceof YamcsLink).map(l -> (YamcsLink) l)
                .filter(YamcsLink::isRunning);
    }

    static boolean connected(String instance, String name) {
        return moc(instance, name).map(YamcsLink::isConnected).orElse(false);
    }

    /** How many items a link (or sub-link, e.g. {@code MOC.tmArchive}) has brought in since it started. */
    static long dataIn(String instance, String name) {
        return link(instance, name).map(Link::getDataInCount).orElse(0L);
    }

    private static Optional<Link> link(String instance, String name) {
        var yamcs = YamcsServer.getServer().getInstance(instance);
        if (yamcs == null || yamcs.getLinkManager() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(yamcs.getLinkManager().getLink(name));
    }
}
