package org.najm.security;

import java.util.Optional;

/**
 * How a partner site names to the MOC the person a command comes from. Yamcs' cascading link issues the
 * command upstream as the site's own account and carries the command's comment, nothing else of the
 * issuer; so the site puts the person in the comment's first line ({@code najm-person=alpha-op}), before
 * the operator's own comment. The MOC believes it only from a site account, and only for a person of
 * that site's partner ({@link CommandAuthority#issuer}).
 */
public final class OnBehalfOf {

    static final String PREFIX = "najm-person=";

    private OnBehalfOf() {
    }

    /** The comment as a site sends it upstream: the person's line first, then {@code comment} if any. */
    public static String stamp(String person, String comment) {
        if (person.isBlank() || person.contains("\n")) {
            throw new IllegalArgumentException("not a user name: '" + person + "'");
        }
        return PREFIX + person + (comment == null || comment.isEmpty() ? "" : "\n" + comment);
    }

    /** The person named by the first line of {@code comment}, if it is a person's line. */
    public static Optional<String> person(String comment) {
        if (comment == null || !comment.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = comment.indexOf('\n');
        String person = comment.substring(PREFIX.length(), end < 0 ? comment.length() : end).strip();
        return person.isEmpty() ? Optional.empty() : Optional.of(person);
    }
}
