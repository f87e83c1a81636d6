package org.najm.planning;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.passes.Pass;

/**
 * The result of planning: the contacts (locked and new) sorted by start then station, one rejection for
 * every input pass that got no contact, and the contact time each spacecraft and station gets.
 *
 * @param contactTimeBySpacecraft planned contact time per spacecraft, in constellation order, zero included
 * @param contactTimeByStation    planned contact time per station, in constellation order, zero included
 */
public record ContactPlan(List<Contact> contacts, List<Rejection> rejections,
        Map<String, Duration> contactTimeBySpacecraft, Map<String, Duration> contactTimeByStation) {

    static final Comparator<Contact> CONTACT_ORDER = Comparator.comparing(Contact::start)
            .thenComparing(Contact::station).thenComparing(Contact::spacecraft).thenComparing(Contact::end);

    public ContactPlan {
        contacts = List.copyOf(contacts);
        rejections = List.copyOf(rejections);
        // unmodifiable but keeping the constellation order (Map.copyOf would not)
        contactTimeBySpacecraft = Collections.unmodifiableMap(new LinkedHashMap<>(contactTimeBySpacecraft));
        contactTimeByStation = Collections.unmodifiableMap(new LinkedHashMap<>(contactTimeByStation));
    }

    /** Sorts the contacts and rejections and adds up the contact time. */
    public static ContactPlan of(List<Contact> contacts, List<Rejection> rejections, Constellation constellation) {
        List<Contact> sorted = contacts.stream().sorted(CONTACT_ORDER).toList();
        List<Rejection> rejected = rejections.stream()
                .sorted(Comparator.comparing(Rejection::pass, PassOrder.CANONICAL)).toList();
        Map<String, Duration> bySc = new LinkedHashMap<>();
        for (Spacecraft s : constellation.spacecraft()) {
            bySc.put(s.name(), Duration.ZERO);
        }
        Map<String, Duration> bySt = new LinkedHashMap<>();
        for (Station s : constellation.stations()) {
            bySt.put(s.name(), Duration.ZERO);
        }
        for (Contact c : sorted) {
            bySc.merge(c.spacecraft(), c.duration(), Duration::plus);
            bySt.merge(c.station(), c.duration(), Duration::plus);
        }
        return new ContactPlan(sorted, rejected, bySc, bySt);
    }

    public Duration totalContactTime() {
        return contactTimeBySpacecraft.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    public Duration contactTime(String spacecraftOrStation) {
        return contactTimeBySpacecraft.getOrDefault(spacecraftOrStation,
                contactTimeByStation.getOrDefault(spacecraftOrStation, Duration.ZERO));
    }

    /** The contact made from this pass, if any. */
    public Optional<Contact> contactFor(Pass pass) {
        return contacts.stream().filter(c -> c.pass().equals(pass)).findFirst();
    }

    /** Why this pass was not planned, if it was not. */
    public Optional<Rejection> rejectionFor(Pass pass) {
        return rejections.stream().filter(r -> r.pass().equals(pass)).findFirst();
    }

    public List<Contact> contactsOf(String spacecraft) {
        return contacts.stream().filter(c -> c.spacecraft().equals(spacecraft)).toList();
    }

    public List<Contact> contactsAt(String station) {
        return contacts.stream().filter(c -> c.station().equals(station)).toList();
    }
}
