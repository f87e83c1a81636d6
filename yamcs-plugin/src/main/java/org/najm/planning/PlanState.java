package org.najm.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The contacts booked so far in one planning run, indexed by station and by spacecraft. Mutable, run-local. */
final class PlanState {

    private final List<Contact> contacts = new ArrayList<>();
    private final Map<String, List<Contact>> byStation = new HashMap<>();
    private final Map<String, List<Contact>> bySpacecraft = new HashMap<>();
    private final Map<String, Duration> planned = new HashMap<>();

    void add(Contact c) {
        contacts.add(c);
        byStation.computeIfAbsent(c.station(), k -> new ArrayList<>()).add(c);
        bySpacecraft.computeIfAbsent(c.spacecraft(), k -> new ArrayList<>()).add(c);
        planned.merge(c.spacecraft(), c.duration(), Duration::plus);
    }

    List<Contact> atStation(String station) {
        return byStation.getOrDefault(station, List.of());
    }

    List<Contact> ofSpacecraft(String spacecraft) {
        return bySpacecraft.getOrDefault(spacecraft, List.of());
    }

    Duration planned(String spacecraft) {
        return planned.getOrDefault(spacecraft, Duration.ZERO);
    }

    List<Contact> contacts() {
        return List.copyOf(contacts);
    }
}
