package org.najm.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.Yaml;

/**
 * The NAJM user accounts: one YAML map entry per user name, in Yamcs' users.yaml layout, with
 * the password always stored as a PBKDF2 hash ({@code iterations:salt:hash}, as Yamcs'
 * {@code yamcsadmin password-hash} prints it).
 *
 * <pre>
 * alpha-op:
 *   displayName: Alpha operator
 *   password: "1000:9f0c...:4b1e..."
 *   roles: [Operator]
 * </pre>
 */
public record UsersFile(Path path, Map<String, Account> accounts) {

    /** One user: its password hash, its Yamcs roles (etc/roles.yaml) and whether it is a superuser. */
    public record Account(String name, String displayName, String passwordHash, List<String> roles,
            boolean superuser) {

        public Account {
            roles = List.copyOf(roles);
        }
    }

    public UsersFile {
        accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts)); // in file order
    }

    public Optional<Account> account(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    /**
     * Reads and checks the file.
     *
     * @throws IllegalArgumentException that names the file, the user and what is wrong with it
     */
    public static UsersFile load(Path path) throws IOException {
        Object root = new Yaml().load(Files.readString(path));
        if (!(root instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException(path + ": expected a map of user names to accounts");
        }
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (var e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> def)) {
                throw new IllegalArgumentException(path + ": user '" + name + "' needs a map with 'password'");
            }
            accounts.put(name, account(path, name, def));
        }
        return new UsersFile(path, accounts);
    }

    private static Account account(Path path, String name, Map<?, ?> def) {
        Object password = def.get("password");
        if (!(password instanceof String hash) || !looksHashed(hash)) {
            throw new IllegalArgumentException(path + ": user '" + name + "' has no hashed password; store"
                    + " 'pbkdf2-sha256:iterations:salt:hash' as ./moc.sh hash-password prints it (docs/security.md)");
        }
        Object roles = def.containsKey("roles") ? def.get("roles") : List.of();
        if (!(roles instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(path + ": user '" + name + "': 'roles' must be a list of role names");
        }
        Object displayName = def.get("displayName");
        return new Account(name, displayName == null ? name : displayName.toString(), hash,
                list.stream().map(String.class::cast).toList(), Boolean.TRUE.equals(def.get("superuser")));
    }

    /**
     * PBKDF2 as NAJM stores it ({@code pbkdf2-sha256:iterations:salt:hash}), or as Yamcs does
     * (decimal iterations, hex salt, hex hash), still accepted but flagged for rehash.
     */
    static boolean looksHashed(String s) {
        return s.matches("(" + NajmPasswordHasher.SCHEME + ":)?[0-9]+:[0-9a-fA-F]{16,}:[0-9a-fA-F]{16,}");
    }
}
