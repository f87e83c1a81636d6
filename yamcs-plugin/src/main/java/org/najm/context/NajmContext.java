package org.najm.context;

import java.io.IOException;
import java.nio.file.Path;

import org.najm.constellation.Constellation;
import org.yamcs.ConfigurationException;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.YamcsService;
import org.yamcs.api.Observer;
import org.yamcs.http.Context;
import org.yamcs.http.ServiceUnavailableException;

import com.google.protobuf.Message;

/**
 * What the NAJM plugin hands to every NAJM service, link and API: the constellation description,
 * read once from the file that the plugin's section of yamcs.yaml names, and the running NAJM
 * global services. Both have one policy when they are not there: a clear exception, never null.
 *
 * <p>It lives below every other package of the plugin, so that all of them can ask it without
 * importing {@code NajmPlugin}, which imports them.
 */
public final class NajmContext {

    /** The plugin's section in yamcs.yaml (its name in plugin.properties). */
    public static final String CONFIG_SECTION = "najm";
    public static final String CONSTELLATION_OPTION = "constellation";

    private static Constellation constellation;
    /** The yamcs.yaml it was read for: a test that starts a new server reads it again. */
    private static YConfiguration readFor;

    private NajmContext() {
    }

    /**
     * The constellation description (etc/constellation.yaml by default).
     *
     * @throws ConfigurationException when Yamcs has not read yamcs.yaml yet, or the file is bad
     */
    public static synchronized Constellation constellation() {
        YConfiguration yamcsConfig = YamcsServer.getServer().getConfig();
        if (yamcsConfig == null) {
            throw new ConfigurationException("The NAJM constellation was asked for before Yamcs read yamcs.yaml");
        }
        if (constellation == null || readFor != yamcsConfig) {
            Path file = Path.of(yamcsConfig.getConfigOrEmpty(CONFIG_SECTION).getString(CONSTELLATION_OPTION,
                    Constellation.DEFAULT_PATH.toString()));
            try {
                constellation = Constellation.load(file);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException("Cannot read the constellation description " + file + ": "
                        + e.getMessage(), e);
            }
            readFor = yamcsConfig;
        }
        return constellation;
    }

    /**
     * The running global service of {@code type}: after a restart through Yamcs' services API, the
     * new one.
     *
     * @throws ServiceUnavailableException (HTTP 503) when it is not configured or not running
     */
    public static <T extends YamcsService> T running(Class<T> type) {
        T service = YamcsServer.getServer().getGlobalService(type);
        if (service == null) {
            throw new ServiceUnavailableException(
                    "NAJM's " + type.getSimpleName() + " is not configured in yamcs.yaml");
        }
        if (!service.isRunning()) {
            throw new ServiceUnavailableException("NAJM's " + type.getSimpleName() + " is not running");
        }
        return service;
    }

    /**
     * On a partner site ({@link MocReads} configured): answers a read API of the MOC's services with the MOC's
     * answer to the same request, and says so; elsewhere false, and the caller answers itself.
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> boolean answeredByMoc(Context ctx, Observer<M> observer, Message.Builder into) {
        MocReads moc = mocReads();
        if (moc == null) {
            return false;
        }
        observer.complete((M) moc.read(ctx, into).build());
        return true;
    }

    /**
     * A change to one of the MOC's services asked of a partner site: refused, with where to make it.
     *
     * @throws ServiceUnavailableException on a site
     */
    public static void refuseOnSite(String what) {
        MocReads moc = mocReads();
        if (moc != null) {
            throw new ServiceUnavailableException("This is a partner site: " + what + " is the MOC's, change it at"
                    + " the MOC (" + moc.mocUrl() + ")");
        }
    }

    private static MocReads mocReads() {
        MocReads moc = YamcsServer.getServer().getGlobalService(MocReads.class);
        return moc != null && moc.isRunning() ? moc : null;
    }
}
