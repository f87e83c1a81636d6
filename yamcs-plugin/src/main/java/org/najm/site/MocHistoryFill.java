package org.najm.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.context.TableRows;
import org.najm.site.HistoryTuples.RowKey;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.protobuf.Commanding.CommandHistoryEntry;
import org.yamcs.protobuf.Event;
import org.yamcs.protobuf.ListCommandsResponse;
import org.yamcs.protobuf.ListEventsResponse;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.YarchDatabaseInstance;

/**
 * On a partner site: fills this site's event and command history archives back from the MOC's, as Yamcs' gap
 * filling ({@code MOC.tmArchive}) does for packets. Every {@code intervalSeconds}, for each instance whose link to
 * the MOC is up, it asks the MOC's archive for the events and commands since the last pass (with some overlap) and
 * stores those this site lacks, under the MOC's keys:
 * <ul>
 * <li>events: every event of the MOC's instance (onboard events, contact reports, automation, the MOC's own
 * services), so an outage of the site or of its link leaves no hole once it is over;
 * <li>commands: those not sent from this site (sent at the MOC, by the contact automation, from other sites) with
 * their whole history, copied again while they may still change ({@code commandSettleHours} of mission time). This
 * site's own commands have their history from the cascading link.
 * </ul>
 * How far it has got is kept in the data directory, so a site that was down a week resumes from there (at most
 * {@code lookbackHours} back). Progress is in {@link #progress()} ({@code GET /api/najm/site}) and an event
 * {@code MOC_HISTORY_FILLED} says what a pass after an outage brought back.
 */
public class MocHistoryFill extends AbstractYamcsService {

    private static final int PAGE = 500;
    /** Rows written by the MOC in the last seconds may not all be in its archive yet. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final String STATE_FILE = "najm-site-history-fill.properties";

    private MocApi moc;
    private String partner;
    private String linkName;
    private Duration interval;
    private Duration lookback;
    private Duration overlap;
    private Duration commandSettle;
    private String ownOrigin;
    private Path stateFile;
    private ScheduledExecutorService timer;
    private final Map<String, FillProgress> progress = new ConcurrentHashMap<>();
    private final Map<String, EventProducer> events = new ConcurrentHashMap<>();

    @Override
    public Spec getSpec() {
        Spec spec = MocAccount.spec();
        spec.addOption("partner", OptionType.STRING).withRequired(true).withDescription("Whose site this is");
        spec.addOption("link", OptionType.STRING).withDefault("MOC")
                .withDescription("The cascading link to the MOC in every instance: a pass runs while it is up");
        spec.addOption("intervalSeconds", OptionType.INTEGER).withDefault(60);
        spec.addOption("lookbackHours", OptionType.INTEGER).withDefault(168)
                .withDescription("How far back (mission time) a site with no fill yet, or down longer, fills");
        spec.addOption("overlapSeconds", OptionType.INTEGER).withDefault(120)
                .withDescription("Mission time each pass looks back before the last one's end");
        spec.addOption("commandSettleHours", OptionType.INTEGER).withDefault(6)
                .withDescription("How long (mission time) after it was sent a command's history is copied again");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        moc = MocAccount.api(config);
        partner = config.getString("partner");
        linkName = config.getString("link");
        interval = Duration.ofSeconds(config.getInt("intervalSeconds"));
        lookback = Duration.ofHours(config.getInt("lookbackHours"));
        overlap = Duration.ofSeconds(config.getInt("overlapSeconds"));
        commandSettle = Duration.ofHours(config.getInt("commandSettleHours"));
        if (interval.isNegative() || interval.isZero()) {
            throw new InitException("intervalSeconds must be positive, not " + interval.toSeconds());
        }
        // The cascading link's commands arrive at the MOC with the origin <serverId>-<instance>-<link>.
        ownOrigin = YamcsServer.getServer().getServerId() + "-";
        stateFile = YamcsServer.getServer().getDataDirectory().resolve(STATE_FILE);
        try {
            readState();
        } catch (IOException | RuntimeException e) {
            throw new InitException("Cannot read " + stateFile + ": " + e.getMessage());
        }
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "najm-moc-history-fill"));
        timer.scheduleWithFixedDelay(this::passAll, 5, interval.toSeconds(), TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        notifyStopped();
    }

    String partner() {
        return partner;
    }

    String mocUrl() {
        return moc.url();
    }

    String linkName() {
        return linkName;
    }

    /** Instance -> how far its history is filled back, for the API and tests. */
    public Map<String, FillProgress> progress() {
        return Map.copyOf(progress);
    }

    private void passAll() {
        for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
            String instance = sc.instance();
            if (YamcsServer.getServer().getInstance(instance) == null || !MocLinks.connected(instance, linkName)) {
                continue; // nothing to ask while the link is down; the next pass after it covers the outage
            }
            FillProgress before = progress.getOrDefault(instance, FillProgress.NONE);
            try {
                pass(instance, before);
            } catch (RuntimeException e) {
                log.warn("{}: cannot fill the history back from the MOC: {}", instance, e.getMessage());
                progress.put(instance, before.failed(e.getMessage(), Instant.now()));
            }
        }
    }

    private void pass(String instance, FillProgress before) {
        long now = YamcsServer.getServer().getInstance(instance).getTimeService().getMissionTime();
        long to = now - SETTLE.toMillis();
        long earliest = now - lookback.toMillis();
        long from = before.filledUntil() == null ? earliest
                : Math.max(earliest, TimeEncoding.fromJavaInstant(before.filledUntil()) - overlap.toMillis());
        if (to <= from) {
            return;
        }
        long[] copied = new long[2];
        copied[0] = fillEvents(instance, from, to, n -> progress.put(instance, before.underWay(copied[0] + n, 0)));
        copied[1] = fillCommands(instance, Math.min(from, to - commandSettle.toMillis()), to,
                n -> progress.put(instance, before.underWay(copied[0], n)));
        Instant until = TimeEncoding.toJavaInstant(to);
        progress.put(instance, before.passed(until, copied[0], copied[1], Instant.now()));
        writeState();
        if (copied[0] > 0 && before.filledUntil() != null) { // events go missing only in an outage
            event(instance).sendInfo("MOC_HISTORY_FILLED", String.format("Filled back from the MOC, %s to %s: %d"
                    + " events and %d commands this site did not have", TimeEncoding.toString(from),
                    TimeEncoding.toString(to), copied[0], copied[1]));
        }
    }

    /** The MOC's events of [from, to) that this site lacks, stored; how many. */
    private long fillEvents(String instance, long from, long to, Consumer<Long> onPage) {
        YarchDatabaseInstance ydb = YarchDatabase.getInstance(instance);
        Set<RowKey> have = keysHere(ydb, "events", "source", from, to);
        Stream dump = stream(ydb, "events_dump");
        long copied = 0;
        String next = null;
        do {
            var page = moc.get(query("events", instance, from, to, next), ListEventsResponse.newBuilder());
            for (Event ev : page.getEventsList()) {
                if (have.add(RowKey.of(ev))) {
                    dump.emitTuple(HistoryTuples.event(dump.getDefinition(), ev));
                    copied++;
                }
            }
            next = page.hasContinuationToken() ? page.getContinuationToken() : null;
            onPage.accept(copied);
        } while (next != null);
        return copied;
    }

    /** The MOC's commands of [from, to) not sent from this site, stored with their history; how many were new. */
    private long fillCommands(String instance, long from, long to, Consumer<Long> onPage) {
        YarchDatabaseInstance ydb = YarchDatabase.getInstance(instance);
        Set<RowKey> have = keysHere(ydb, "cmdhist", "origin", from, to);
        Stream dump = stream(ydb, "cmdhist_dump");
        long copied = 0;
        String next = null;
        do {
            var page = moc.get(query("commands", instance, from, to, next), ListCommandsResponse.newBuilder());
            for (CommandHistoryEntry e : page.getCommandsList()) {
                if (e.getOrigin().startsWith(ownOrigin)) {
                    continue;
                }
                if (have.add(RowKey.of(e))) {
                    copied++;
                }
                dump.emitTuple(HistoryTuples.command(e)); // again while it settles: later stages are merged in
            }
            next = page.hasContinuationToken() ? page.getContinuationToken() : null;
            onPage.accept(copied);
        } while (next != null);
        return copied;
    }

    /** The keys of this site's rows of {@code table} generated in [from, to). */
    private static Set<RowKey> keysHere(YarchDatabaseInstance ydb, String table, String nameColumn, long from,
            long to) {
        return new HashSet<>(TableRows.select(ydb, t -> new RowKey((Long) t.getColumn("gentime"),
                (String) t.getColumn(nameColumn), (Integer) t.getColumn("seqNum")), "select gentime, " + nameColumn
                        + ", seqNum from " + table + " where gentime >= ? and gentime < ?", from, to));
    }

    private static String query(String what, String instance, long from, long to, String next) {
        String q = "/api/archive/" + instance + "/" + what + "?order=asc&limit=" + PAGE + "&start="
                + TimeEncoding.toString(from) + "&stop=" + TimeEncoding.toString(to);
        return MocApi.page(q, next);
    }

    private static Stream stream(YarchDatabaseInstance ydb, String name) {
        Stream s = ydb.getStream(name);
        if (s == null) {
            throw new IllegalStateException("no stream " + name + " in " + ydb.getName() + " (streamConfig)");
        }
        return s;
    }

    private EventProducer event(String instance) {
        return events.computeIfAbsent(instance,
                i -> EventProducerFactory.getEventProducer(i, MocLinkWatch.EVENT_SOURCE, 10000));
    }

    private void readState() throws IOException {
        if (!Files.exists(stateFile)) {
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(stateFile)) {
            p.load(in);
        }
        for (String instance : p.stringPropertyNames()) {
            progress.put(instance, new FillProgress(Instant.parse(p.getProperty(instance)), 0, 0, null, null, false));
        }
    }

    private void writeState() {
        Properties p = new Properties();
        progress.forEach((instance, f) -> {
            if (f.filledUntil() != null) {
                p.setProperty(instance, f.filledUntil().toString());
            }
        });
        Path tmp = stateFile.resolveSibling(STATE_FILE + ".tmp");
        try {
            try (var out = Files.newBufferedWriter(tmp)) {
                p.store(out, "NAJM site: mission time up to which each instance's events and commands are filled");
            }
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot record how far the history is filled ({}): {}", stateFile, e.getMessage());
        }
    }
}
