package org.najm.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.context.TimelineItems;
import org.najm.planning.Contact;
import org.najm.planning.ContactPlan;
import org.yamcs.YamcsServer;
import org.yamcs.protobuf.TimelineBandType;
import org.yamcs.timeline.Criteria;
import org.yamcs.timeline.TimelineBand;
import org.yamcs.timeline.TimelineBandDb;
import org.yamcs.timeline.TimelineEvent;
import org.yamcs.timeline.TimelineItem;
import org.yamcs.timeline.TimelineItemDb;
import org.yamcs.timeline.TimelineService;
import org.yamcs.timeline.TimelineView;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.utils.TimeInterval;

/**
 * Shows the contact plan in Yamcs: each planned contact is a timeline item in its spacecraft's
 * instance, tagged {@code contact}, its station and its spacecraft, with station, elevation and
 * AOS/LOS as properties. Every instance gets a "Contact plan" view with one band per station and
 * one for the spacecraft.
 *
 * <p>Re-planning replaces the items of contacts that have not started; items of contacts under
 * way or past are left as they are. The contact automation's outcome of a contact is set on its item
 * afterwards, as the property {@code outcome} (with {@code outcomeReason}) and as a tag, so a band can
 * filter on it.
 */
final class ContactTimeline {

    static final String TAG = "contact";
    /** Past contacts in the bands, by outcome (green, amber, red, brown, grey). */
    private static final Map<String, String> OUTCOME_COLOURS = Map.of("COMPLETE", "#43a047", "PARTIAL", "#ffb300",
            "FAILED", "#e53935", "MISSED", "#8d6e63", "SKIPPED", "#9e9e9e");
    /** The owner of the shared bands NAJM makes. */
    private static final String BAND_OWNER = "najm";
    static final String OUTCOME = "outcome";

    private final Constellation constellation;
    /** Instances whose view and bands this run has written. */
    private final Set<String> viewsWritten = new HashSet<>();

    ContactTimeline(Constellation constellation) {
        this.constellation = constellation;
    }

    /**
     * Makes each timeline hold the plan's contacts, one item each: the items of contacts that did not change stay as
     * they are; of the contacts that start after {@code now}, those the plan no longer has are removed (also those an
     * earlier run wrote, re-planned away while the MOC was down) and new ones are added. Items of contacts already
     * started are only added when missing. The timeline itself is the record of what was written, so a restart needs
     * nothing else.
     *
     * @return what changed, summed over the instances
     */
    ContactPlanService.TimelineWrite publish(ContactPlan plan, Instant now) {
        int added = 0;
        int removed = 0;
        int kept = 0;
        for (Spacecraft sc : constellation.spacecraft()) {
            TimelineService timeline = timeline(sc.instance());
            if (timeline == null) {
                continue;
            }
            ensureView(timeline, sc);
            var db = timeline.getTimelineItemDb();
            Map<UUID, Contact> wanted = new LinkedHashMap<>();
            for (Contact c : plan.contactsOf(sc.name())) {
                UUID id = itemId(key(c));
                if (c.start().isAfter(now)) {
                    wanted.put(id, c);
                } else if (db.getItem(id) == null) { // under way, and not shown yet (the MOC just started)
                    db.addItem(item(id, c));
                    added++;
                }
            }
            for (TimelineItem item : contactItemsStartingAfter(db, sc.name(), now)) {
                UUID id = UUID.fromString(item.getId());
                if (wanted.remove(id) != null) {
                    kept++;
                } else if (db.deleteItem(id) != null) {
                    removed++;
                }
            }
            for (var e : wanted.entrySet()) {
                db.addItem(item(e.getKey(), e.getValue()));
                added++;
            }
        }
        return new ContactPlanService.TimelineWrite(now, added, removed, kept);
    }

    /**
     * The contact items NAJM wrote for {@code spacecraft} that start after {@code now}. Items
     * others tagged {@code contact} (without NAJM's properties) are not among them.
     */
    private static List<TimelineItem> contactItemsStartingAfter(TimelineItemDb db, String spacecraft, Instant now) {
        long nowMillis = TimeEncoding.fromJavaInstant(now);
        Criteria criteria = new Criteria(TimeInterval.openEnd(nowMillis));
        criteria.addTags(List.of(TAG));
        return TimelineItems.read(db, criteria).stream()
                .filter(item -> item.getStart() > nowMillis && spacecraft.equals(item.getProperties().get("spacecraft"))
                        && item.getProperties().containsKey("aos"))
                .toList();
    }

    /**
     * Marks a contact's item with how it went (e.g. COMPLETE): property and tag, replacing an earlier one.
     *
     * @return false when there is no such item (never published, or re-planned away)
     */
    boolean setOutcome(String spacecraft, String station, Instant start, Instant end, String outcome,
            String reason) {
        var sc = constellation.spacecraftByName(spacecraft);
        TimelineService timeline = sc.isEmpty() ? null : timeline(sc.get().instance());
        if (timeline == null) {
            return false;
        }
        var db = timeline.getTimelineItemDb();
        TimelineItem item = db.getItem(itemId(key(spacecraft, station, start, end)));
        if (item == null) {
            return false;
        }
        Map<String, String> props = new LinkedHashMap<>(item.getProperties());
        List<String> tags = new ArrayList<>(item.getTags());
        String previous = props.get(OUTCOME);
        if (previous != null) {
            tags.remove(previous);
        }
        tags.add(outcome);
        props.put(OUTCOME, outcome);
        props.put(OUTCOME + "Reason", reason);
        // Yamcs web colours an item by its backgroundColor property: the band shows the outcome.
        props.put("backgroundColor", OUTCOME_COLOURS.getOrDefault(outcome, "#9e9e9e"));
        item.setProperties(props);
        item.setTags(tags);
        db.updateItem(item);
        return true;
    }

    private static String key(Contact c) {
        return key(c.spacecraft(), c.station(), c.start(), c.end());
    }

    /**
     * A contact's identity on the timeline, to the millisecond the timeline stores. Successive predictions of the same
     * pass differ by nanoseconds (root polishing on a shifted grid); keyed to the nanosecond, each re-plan deleted and
     * re-added such items, and a delete costs Yamcs four compiled StreamSQL queries: 11.6 % of a core at rate 60
     * (docs/benchmarks.md, "The contact timeline's writes").
     */
    static String key(String spacecraft, String station, Instant start, Instant end) {
        return spacecraft + "|" + station + "|" + start.truncatedTo(ChronoUnit.MILLIS) + "|"
                + end.truncatedTo(ChronoUnit.MILLIS);
    }

    private static UUID itemId(String key) {
        return stableId("item:" + key);
    }

    /** The item of a contact; its id derives from the contact, so a restart does not duplicate it. */
    private static TimelineEvent item(UUID id, Contact c) {
        TimelineEvent ev = new TimelineEvent(id.toString());
        ev.setName(c.station() + " contact");
        ev.setStart(TimeEncoding.fromJavaInstant(c.start()));
        ev.setDuration(c.duration().toMillis());
        ev.setTags(List.of(TAG, c.station(), c.spacecraft()));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spacecraft", c.spacecraft());
        props.put("station", c.station());
        props.put("aos", c.start().toString());
        props.put("los", c.end().toString());
        props.put("maxElevation", String.format("%.1f", c.pass().maxElevationDeg()));
        if (c.handover()) {
            props.put("handover", "true");
        }
        ev.setProperties(props);
        ev.setDescription(String.format("%s through %s, max elevation %.1f deg", c.spacecraft(), c.station(),
                c.pass().maxElevationDeg()));
        return ev;
    }

    /**
     * A "Contact plan" view with one band per station and one for the spacecraft, written once per
     * run (over what an earlier run wrote: they are NAJM's, by their ids).
     */
    private void ensureView(TimelineService timeline, Spacecraft sc) {
        if (!viewsWritten.add(sc.instance())) {
            return;
        }
        var bands = timeline.getTimelineBandDb();
        List<UUID> ids = new ArrayList<>();
        ids.add(ensureBand(bands, sc.name() + " contacts", sc.name()));
        for (Station st : constellation.stations()) {
            ids.add(ensureBand(bands, st.name(), st.name()));
        }
        var views = timeline.getTimelineViewDb();
        UUID viewId = stableId("view:contact-plan");
        TimelineView view = new TimelineView(viewId);
        view.setName("Contact plan");
        view.setDescription("Planned contacts of " + sc.name() + ", by station");
        view.setBands(ids);
        if (views.getView(viewId) == null) {
            views.addView(view);
        } else {
            views.updateView(view);
        }
    }

    private static UUID ensureBand(TimelineBandDb bands, String name, String tag) {
        UUID id = stableId("band:" + name);
        TimelineBand band = new TimelineBand(id);
        band.setName(name);
        band.setType(TimelineBandType.ITEM_BAND);
        band.setShared(true);
        // Yamcs' timeline API cannot list a band without an owner (5.13.2: NullPointerException).
        band.setUsername(BAND_OWNER);
        band.setSource("rdb");
        band.setTags(List.of(tag));
        if (bands.getBand(id) == null) {
            bands.addBand(band);
        } else {
            bands.updateBand(band); // earlier runs wrote bands without an owner
        }
        return id;
    }

    private static UUID stableId(String name) {
        return UUID.nameUUIDFromBytes(("najm:" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static TimelineService timeline(String instance) {
        return YamcsServer.getServer().getService(instance, TimelineService.class);
    }
}
