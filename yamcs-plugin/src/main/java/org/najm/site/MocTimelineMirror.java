package org.najm.site;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.context.TimelineItems;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.protobuf.ListBandsResponse;
import org.yamcs.protobuf.ListItemsResponse;
import org.yamcs.protobuf.ListViewsResponse;
import org.yamcs.timeline.Criteria;
import org.yamcs.timeline.TimelineBand;
import org.yamcs.timeline.TimelineEvent;
import org.yamcs.timeline.TimelineService;
import org.yamcs.timeline.TimelineView;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.utils.TimeInterval;

/**
 * On a partner site: keeps each instance's timeline a copy of the MOC's contact plan timeline (the items tagged
 * {@code contact}, with their outcome once done, and the "Contact plan" view and its bands), so the site's
 * Timeline page shows the plan, and still shows the last one it had when the MOC cannot be reached. Every
 * {@code intervalSeconds} it copies the MOC's items of the window [now - {@code pastHours}, now +
 * {@code futureHours}] under the MOC's ids, and deletes the contact items of that window the MOC no longer has
 * (re-planned away).
 */
public class MocTimelineMirror extends AbstractYamcsService {

    static final String CONTACT_TAG = "contact";
    private static final int PAGE = 500;

    private MocApi moc;
    private String linkName;
    private Duration interval;
    private Duration past;
    private Duration future;
    private ScheduledExecutorService timer;

    @Override
    public Spec getSpec() {
        Spec spec = MocAccount.spec();
        spec.addOption("link", OptionType.STRING).withDefault("MOC");
        spec.addOption("intervalSeconds", OptionType.INTEGER).withDefault(30);
        spec.addOption("pastHours", OptionType.INTEGER).withDefault(24);
        spec.addOption("futureHours", OptionType.INTEGER).withDefault(48);
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        moc = MocAccount.api(config);
        linkName = config.getString("link");
        interval = Duration.ofSeconds(config.getInt("intervalSeconds"));
        past = Duration.ofHours(config.getInt("pastHours"));
        future = Duration.ofHours(config.getInt("futureHours"));
        if (interval.isNegative() || interval.isZero()) {
            throw new InitException("intervalSeconds must be positive, not " + interval.toSeconds());
        }
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "najm-moc-timeline-mirror"));
        timer.scheduleWithFixedDelay(this::mirrorAll, 5, interval.toSeconds(), TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        notifyStopped();
    }

    private void mirrorAll() {
        for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
            String instance = sc.instance();
            TimelineService timeline = YamcsServer.getServer().getService(instance, TimelineService.class);
            if (timeline == null || !MocLinks.connected(instance, linkName)) {
                continue; // the last copy stays, as the site's plan while it is cut off
            }
            try {
                mirrorViews(instance, timeline);
                mirrorItems(instance, timeline);
            } catch (RuntimeException e) {
                log.warn("{}: cannot copy the MOC's contact plan timeline: {}", instance, e.getMessage());
            }
        }
    }

    private void mirrorViews(String instance, TimelineService timeline) {
        var bands = timeline.getTimelineBandDb();
        for (var b : moc.get("/api/timeline/" + instance + "/bands", ListBandsResponse.newBuilder()).getBandsList()) {
            TimelineBand band = new TimelineBand(UUID.fromString(b.getId()));
            band.setName(b.getName());
            band.setType(b.getType());
            band.setShared(b.getShared());
            band.setUsername(b.getUsername());
            band.setSource(b.hasSource() ? b.getSource() : "rdb"); // Yamcs' API leaves the default out
            band.setTags(b.getTagsList());
            band.setDescription(b.getDescription());
            band.setProperties(b.getPropertiesMap());
            if (b.hasFilter()) {
                band.setFilterQuery(b.getFilter());
            }
            if (bands.getBand(band.getId()) == null) {
                bands.addBand(band);
            } else {
                bands.updateBand(band);
            }
        }
        var views = timeline.getTimelineViewDb();
        for (var v : moc.get("/api/timeline/" + instance + "/views", ListViewsResponse.newBuilder()).getViewsList()) {
            TimelineView view = new TimelineView(UUID.fromString(v.getId()));
            view.setName(v.getName());
            view.setDescription(v.getDescription());
            view.setBands(v.getBandsList().stream().map(b -> UUID.fromString(b.getId())).toList());
            if (views.getView(view.getId()) == null) {
                views.addView(view);
            } else {
                views.updateView(view);
            }
        }
    }

    private void mirrorItems(String instance, TimelineService timeline) {
        long now = YamcsServer.getServer().getInstance(instance).getTimeService().getMissionTime();
        long start = now - past.toMillis();
        long stop = now + future.toMillis();
        var db = timeline.getTimelineItemDb();
        Set<String> atMoc = new HashSet<>();
        String next = null;
        do {
            String q = MocApi.page("/api/timeline/" + instance + "/items?source=rdb&limit=" + PAGE + "&start="
                    + TimeEncoding.toString(start) + "&stop=" + TimeEncoding.toString(stop), next);
            var page = moc.get(q, ListItemsResponse.newBuilder());
            for (var i : page.getItemsList()) {
                if (!i.getTagsList().contains(CONTACT_TAG)) {
                    continue;
                }
                atMoc.add(i.getId());
                TimelineEvent item = new TimelineEvent(i.getId());
                item.setName(i.getName());
                item.setStart(TimeEncoding.fromProtobufTimestamp(i.getStart()));
                item.setDuration(i.getDuration().getSeconds() * 1000 + i.getDuration().getNanos() / 1_000_000);
                item.setTags(i.getTagsList());
                item.setDescription(i.getDescription());
                item.setProperties(i.getPropertiesMap());
                if (db.getItem(i.getId()) == null) {
                    db.addItem(item);
                } else {
                    db.updateItem(item);
                }
            }
            next = page.hasContinuationToken() ? page.getContinuationToken() : null;
        } while (next != null);
        for (UUID gone : siteContactItems(timeline, start, stop)) {
            if (!atMoc.contains(gone.toString())) {
                db.deleteItem(gone);
            }
        }
    }

    /** The ids of this site's contact items in [start, stop). */
    private static List<UUID> siteContactItems(TimelineService timeline, long start, long stop) {
        var criteria = new Criteria(new TimeInterval(start, stop));
        criteria.addTags(List.of(CONTACT_TAG));
        return TimelineItems.read(timeline.getTimelineItemDb(), criteria).stream()
                .map(item -> UUID.fromString(item.getId())).toList();
    }
}
