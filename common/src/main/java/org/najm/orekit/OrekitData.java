package org.najm.orekit;

import org.orekit.data.ClasspathCrawler;
import org.orekit.data.DataContext;
import org.orekit.data.LazyLoadedDataContext;

/**
 * Orekit's data, from the files this repository ships: no download at run time.
 *
 * <p>TLE propagation and GCRF/TEME/ITRF transforms need only the UTC-TAI leap-second table.
 * Without EOP files Orekit uses UT1 = UTC and no polar motion, which moves AOS/LOS by a
 * fraction of a second: acceptable for scheduling and simulation.
 */
public final class OrekitData {

    static final String UTC_TAI = "org/najm/orekit/UTC-TAI.history";

    private static volatile LazyLoadedDataContext context;

    private OrekitData() {
    }

    /** The shared data context, installed as Orekit's default on first use. */
    public static synchronized LazyLoadedDataContext context() {
        if (context == null) {
            LazyLoadedDataContext ctx = new LazyLoadedDataContext();
            ctx.getDataProvidersManager().clearProviders();
            ctx.getDataProvidersManager().addProvider(
                    new ClasspathCrawler(OrekitData.class.getClassLoader(), UTC_TAI));
            DataContext.setDefault(ctx);
            context = ctx;
        }
        return context;
    }
}
