package org.najm.constellation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;

/**
 * The constellation description (etc/constellation.yaml): partners, spacecraft, stations and
 * transport. The MOC and the simulator both read it; it is the one source of truth for the
 * constellation.
 */
public record Constellation(List<Partner> partners, List<Spacecraft> spacecraft, List<Station> stations,
        int turnaroundSeconds, Transport transport) {

    /** Where the default run keeps it, relative to the repository root. */
    public static final Path DEFAULT_PATH = Path.of("etc", "constellation.yaml");

    public Constellation {
        partners = List.copyOf(partners);
        spacecraft = List.copyOf(spacecraft);
        stations = List.copyOf(stations);
    }

    public static Constellation load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates the YAML text.
     *
     * @throws IllegalArgumentException that says which entry and which key is wrong
     */
    public static Constellation parse(String yaml) {
        Object root = new Yaml().load(yaml);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the constellation description must be a YAML map");
        }
        Node top = new Node("constellation", map);
        List<Partner> partners = new ArrayList<>();
        for (Node n : top.list("partners")) {
            String id = n.string("id");
            partners.add(new Partner(id, n.string("name"), n.strings("operators"), n.strings("leads"),
                    n.has("automation") ? n.string("automation") : Partner.defaultAutomation(id),
                    n.has("site") ? n.string("site") : Partner.defaultSite(id)));
        }
        List<Spacecraft> spacecraft = new ArrayList<>();
        for (Node n : top.list("spacecraft")) {
            List<String> tle = n.string("tle").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (tle.size() < 2 || tle.size() > 3 || !tle.get(tle.size() - 2).startsWith("1 ")
                    || !tle.get(tle.size() - 1).startsWith("2 ")) {
                throw new IllegalArgumentException(
                        n.path + ".tle: expected 2 or 3 lines ending with lines '1 ...' and '2 ...'");
            }
            spacecraft.add(new Spacecraft(n.string("name"), n.string("instance"), n.integer("scid"),
                    n.string("partner"), n.string("stationCode"), n.integer("noradId"), tle));
        }
        List<Station> stations = new ArrayList<>();
        for (Node n : top.list("stations")) {
            stations.add(new Station(n.integer("id"), n.string("name"), n.number("latitude"),
                    n.number("longitude"), n.number("altitude"), n.number("mask"), n.string("owner")));
        }
        Node t = top.child("transport");
        Transport transport = new Transport(t.string("mocHost"), t.string("stationHost"), t.integer("tmPortBase"),
                t.integer("tcPortBase"));
        Constellation c = new Constellation(partners, spacecraft, stations, top.integer("turnaroundSeconds"),
                transport);
        c.validate();
        return c;
    }

    private void validate() {
        Set<String> partnerIds = new HashSet<>();
        Set<String> people = new HashSet<>();
        for (Partner p : partners) {
            if (!partnerIds.add(p.id())) {
                throw new IllegalArgumentException("partner " + p.id() + ": duplicate partner id");
            }
            for (String user : p.operators()) {
                if (!people.add(user)) {
                    throw new IllegalArgumentException("partner " + p.id() + ": user '" + user
                            + "' is listed twice or by two partners");
                }
            }
            for (String user : p.leads()) {
                if (!people.add(user)) {
                    throw new IllegalArgumentException("partner " + p.id() + ": user '" + user
                            + "' is listed twice or by two partners");
                }
            }
            if (!people.add(p.automation())) {
                throw new IllegalArgumentException("partner " + p.id() + ": automation identity '" + p.automation()
                        + "' is also a person's account or another partner's automation");
            }
            if (!people.add(p.site())) {
                throw new IllegalArgumentException("partner " + p.id() + ": site account '" + p.site()
                        + "' is also a person's account, an automation identity or another partner's site");
            }
        }
        Set<Integer> scids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Spacecraft s : spacecraft) {
            if (s.scid() < 0 || s.scid() > 0x3FF) {
                throw new IllegalArgumentException(s.name() + ": scid " + s.scid() + " does not fit 10 bits");
            }
            if (!partnerIds.contains(s.partner())) {
                throw new IllegalArgumentException(s.name() + ": partner '" + s.partner() + "' is not in 'partners'");
            }
            if (!scids.add(s.scid()) || !names.add(s.name()) || !names.add(s.instance())) {
                throw new IllegalArgumentException(s.name() + ": duplicate name, instance or scid");
            }
        }
        Set<Integer> ids = new HashSet<>();
        for (Station st : stations) {
            if (!ids.add(st.id())) {
                throw new IllegalArgumentException(st.name() + ": duplicate station id " + st.id());
            }
        }
    }

    public Optional<Spacecraft> spacecraftByScid(int scid) {
        return spacecraft.stream().filter(s -> s.scid() == scid).findFirst();
    }

    public Optional<Spacecraft> spacecraftByName(String name) {
        return spacecraft.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Spacecraft> spacecraftByInstance(String instance) {
        return spacecraft.stream().filter(s -> s.instance().equals(instance)).findFirst();
    }

    public Optional<Partner> partner(String id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The partner whose operator or lead {@code user} is. */
    public Optional<Partner> partnerOf(String user) {
        return partners.stream().filter(p -> p.commands(user)).findFirst();
    }

    /** The partner whose site account {@code account} is. */
    public Optional<Partner> partnerOfSite(String account) {
        return partners.stream().filter(p -> p.isSite(account)).findFirst();
    }

    public Optional<Station> stationById(int id) {
        return stations.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<Station> stationByName(String name) {
        return stations.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The same constellation on other UDP port bases. */
    public Constellation withTransport(Transport t) {
        return new Constellation(partners, spacecraft, stations, turnaroundSeconds, t);
    }

    /** A typed view of one YAML map that names the path of whatever is missing or wrong. */
    private record Node(String path, Map<?, ?> map) {

        Object required(String key) {
            Object v = map.get(key);
            if (v == null) {
                throw new IllegalArgumentException(path + ": missing '" + key + "'");
            }
            return v;
        }

        String string(String key) {
            return String.valueOf(required(key));
        }

        boolean has(String key) {
            return map.get(key) != null;
        }

        int integer(String key) {
            if (required(key) instanceof Integer i) {
                return i;
            }
            throw new IllegalArgumentException(path + "." + key + ": expected an integer, got '" + map.get(key) + "'");
        }

        double number(String key) {
            if (required(key) instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(path + "." + key + ": expected a number, got '" + map.get(key) + "'");
        }

        List<String> strings(String key) {
            if (required(key) instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
                return l.stream().map(String.class::cast).toList();
            }
            throw new IllegalArgumentException(path + "." + key + ": expected a list of names");
        }

        Node child(String key) {
            if (required(key) instanceof Map<?, ?> m) {
                return new Node(path + "." + key, m);
            }
            throw new IllegalArgumentException(path + "." + key + ": expected a map");
        }

        List<Node> list(String key) {
            if (!(required(key) instanceof List<?> l)) {
                throw new IllegalArgumentException(path + "." + key + ": expected a list");
            }
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                if (!(l.get(i) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(path + "." + key + "[" + i + "]: expected a map");
                }
                nodes.add(new Node(path + "." + key + "[" + i + "]", m));
            }
            return nodes;
        }
    }
}
