package org.najm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.audit.AuditRecord;
import org.najm.constellation.Constellation;
import org.yamcs.InitException;
import org.yamcs.ValidationException;
import org.yamcs.YConfiguration;
import org.yamcs.security.AuthenticationException;
import org.yamcs.security.PBKDF2PasswordHasher;
import org.yamcs.security.UsernamePasswordToken;

/** Logins, the demo accounts of the development profile, and what the production profile refuses. */
class NajmAuthModuleTest {

    static final Path DEV_USERS = Path.of("etc", "users.yaml");
    static final List<String> DEMO_USERS = List.of("alpha-op", "bravo-op", "charlie-op", "delta-op", "alpha-lead",
            "bravo-lead", "charlie-lead", "delta-lead", "observer", "admin");
    /** The partner sites' accounts at the MOC (docs/sites.md), password najm-site-demo. */
    static final List<String> SITE_ACCOUNTS = List.of("site-alpha", "site-bravo", "site-charlie", "site-delta");

    static final Constellation CONSTELLATION = load();

    private static Constellation load() {
        try {
            return Constellation.load(Constellation.DEFAULT_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TempDir
    Path dir;

    /** A production users file: admin and every partner operator and lead, each its own password. */
    private Path productionUsers(int iterations) throws Exception {
        return productionUsers(iterations, iterations);
    }

    /** As above, the first account (admin) with {@code firstIterations}. */
    private Path productionUsers(int iterations, int firstIterations) throws Exception {
        var hasher = new NajmPasswordHasher();
        StringBuilder yaml = new StringBuilder();
        List<String> names = new ArrayList<>(List.of("admin"));
        CONSTELLATION.partners().forEach(p -> {
            names.addAll(p.operators());
            names.addAll(p.leads());
        });
        for (String name : names) {
            yaml.append(name).append(":\n  password: \"")
                    .append(hasher.createHash((name + "-own-password").toCharArray(),
                            name.equals("admin") ? firstIterations : iterations))
                    .append("\"\n  roles: [").append(name.equals("admin") ? "Administrator" : "Operator")
                    .append("]\n");
        }
        Path file = dir.resolve("production-users.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private NajmAuthModule module(String profile, String usersFile) throws InitException {
        return module(profile, usersFile, "an-own-secret-key", null);
    }

    /** A partner site's module: the site's users file of etc/site, or {@code usersFile}. */
    private NajmAuthModule siteModule(String partner, String usersFile) throws InitException {
        NajmAuthModule m = new NajmAuthModule();
        m.checkAgainst(() -> Optional.of(CONSTELLATION), () -> Optional.of("an-own-secret-key"));
        try {
            m.init(m.getSpec().validate(YConfiguration.wrap(Map.of("profile", "development", "usersFile", usersFile,
                    "developmentUsersFile", "etc/site/users-%PARTNER%.yaml", "sitePartner", partner))));
        } catch (ValidationException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    @Test
    void aSiteHasItsPartnersAccountsAndRefusesEveryOtherPartners() throws Exception {
        NajmAuthModule alpha = siteModule("alpha", "");
        assertEquals(List.of("alpha-admin", "alpha-lead", "alpha-observer", "alpha-op"),
                alpha.users().accounts().keySet().stream().sorted().toList());
        assertEquals("alpha-lead", alpha.getAuthenticationInfo(new UsernamePasswordToken("alpha-lead",
                "najm-demo".toCharArray())).getUsername());
        List<AuditRecord> audit = new ArrayList<>();
        alpha.auditTo(audit::add);
        for (String other : new String[] { "bravo-op", "delta-lead", "site-alpha", "site-bravo", "bravo-automation" }) {
            assertThrows(AuthenticationException.class, () -> alpha.getAuthenticationInfo(
                    new UsernamePasswordToken(other, "najm-demo".toCharArray())), other);
        }
        assertTrue(audit.get(0).reason().contains("an account of partner bravo: nobody logs in to alpha's site"),
                audit.get(0).reason());

        Path mixed = dir.resolve("mixed.yaml");
        Files.writeString(mixed, Files.readString(Path.of("etc/site/users-alpha.yaml"))
                + Files.readString(Path.of("etc/site/users-bravo.yaml")));
        var e = assertThrows(InitException.class, () -> siteModule("alpha", mixed.toString()));
        assertTrue(e.getMessage().contains("has accounts of other partners (bravo-lead, bravo-op)"), e.getMessage());
        e = assertThrows(InitException.class, () -> siteModule("zulu", "etc/site/users-alpha.yaml"));
        assertTrue(e.getMessage().contains("'zulu' is not a partner"), e.getMessage());
    }

    private NajmAuthModule module(String profile, String usersFile, String secretKey, Clock clock)
            throws InitException {
        NajmAuthModule m = new NajmAuthModule();
        m.checkAgainst(() -> Optional.of(CONSTELLATION), () -> Optional.of(secretKey));
        if (clock != null) {
            m.limiterClock(clock);
        }
        YConfiguration args;
        try {
            args = m.getSpec().validate(YConfiguration.wrap(Map.of("profile", profile, "usersFile", usersFile,
                    "developmentUsersFile", DEV_USERS.toString())));
        } catch (ValidationException e) {
            throw new IllegalStateException(e);
        }
        m.init(args);
        return m;
    }

    @Test
    void theDevelopmentProfileHasTheDocumentedDemoAccounts() throws Exception {
        NajmAuthModule m = module("development", "");
        List<String> all = new ArrayList<>(DEMO_USERS);
        all.addAll(SITE_ACCOUNTS);
        assertEquals(all.stream().sorted().toList(), m.users().accounts().keySet().stream().sorted().toList());
        for (String site : SITE_ACCOUNTS) {
            var info = m.getAuthenticationInfo(new UsernamePasswordToken(site, "najm-site-demo".toCharArray()));
            assertEquals(site, info.getUsername());
            assertEquals(List.of("Site"), m.users().account(site).orElseThrow().roles());
        }
        for (String user : DEMO_USERS) {
            var info = m.getAuthenticationInfo(new UsernamePasswordToken(user, "najm-demo".toCharArray()));
            assertNotNull(info, user);
            assertEquals(user, info.getUsername());
        }
        assertEquals(List.of("Operator"), m.users().account("alpha-lead").orElseThrow().roles());
        assertEquals(List.of("Observer"), m.users().account("observer").orElseThrow().roles());
        assertEquals(List.of("Administrator"), m.users().account("admin").orElseThrow().roles());
    }

    @Test
    void aWrongPasswordIsRefusedAndAudited() throws Exception {
        NajmAuthModule m = module("development", "");
        List<AuditRecord> audit = new ArrayList<>();
        m.auditTo(audit::add);
        var e = assertThrows(AuthenticationException.class,
                () -> m.getAuthenticationInfo(new UsernamePasswordToken("alpha-op", "guess".toCharArray())));
        assertEquals(NajmAuthModule.REFUSAL, e.getMessage());
        assertEquals(1, audit.size());
        assertEquals(AuditRecord.Outcome.LOGIN_FAILED, audit.get(0).outcome());
        assertEquals("alpha-op", audit.get(0).user());
        assertEquals("wrong password", audit.get(0).reason());
    }

    @Test
    void theProductionProfileRefusesToStartWithoutAUsersFile() {
        var e = assertThrows(InitException.class, () -> module("production", ""));
        assertTrue(e.getMessage().contains("no users file") && e.getMessage().contains("NAJM_USERS_FILE"),
                e.getMessage());
        e = assertThrows(InitException.class, () -> module("production", dir.resolve("missing.yaml").toString()));
        assertTrue(e.getMessage().contains("Cannot read the users file"), e.getMessage());
    }

    @Test
    void theProductionProfileRefusesTheDemoPassword() {
        var e = assertThrows(InitException.class, () -> module("production", DEV_USERS.toString()));
        assertTrue(e.getMessage().contains("accepts the development password for alpha-op"), e.getMessage());
    }

    @Test
    void passwordsMustBeHashed() throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "admin:\n  password: s3cret-in-clear\n  roles: [Administrator]\n");
        var e = assertThrows(InitException.class, () -> module("production", file.toString()));
        assertTrue(e.getMessage().contains("user 'admin' has no hashed password"), e.getMessage());
    }

    @Test
    void theProductionProfileNeedsItsOwnAdmin() throws Exception {
        String hash = new PBKDF2PasswordHasher().createHash("a-long-own-password".toCharArray());
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "alpha-op:\n  password: \"" + hash + "\"\n  roles: [Operator]\n");
        var e = assertThrows(InitException.class, () -> module("production", file.toString()));
        assertTrue(e.getMessage().contains("must define 'admin'"), e.getMessage());

        Files.writeString(file, Files.readString(file) + "admin:\n  password: \"" + hash
                + "\"\n  roles: [Administrator]\n");
        e = assertThrows(InitException.class, () -> module("production", file.toString()));
        assertTrue(e.getMessage().contains("bravo-op") && e.getMessage().contains("not in"), e.getMessage());
    }

    @Test
    void theProductionProfileNeedsAnAccountForEveryPartnerOperatorAndLead() throws Exception {
        Path file = productionUsers(1000);
        NajmAuthModule m = module("production", file.toString());
        assertNotNull(m.getAuthenticationInfo(new UsernamePasswordToken("admin", "admin-own-password".toCharArray())));
        String without = Files.readString(file).replaceAll("(?s)delta-lead:.*?roles: \\[Operator\\]\n", "");
        Files.writeString(file, without);
        var e = assertThrows(InitException.class, () -> module("production", file.toString()));
        assertTrue(e.getMessage().startsWith("NAJM production profile: delta-lead (partner operators or leads"),
                e.getMessage());
    }

    @Test
    void theProductionProfileRefusesTheCommittedSecretKey() throws Exception {
        String file = productionUsers(1000).toString();
        for (String key : List.of(NajmAuthModule.DEVELOPMENT_SECRET_KEY, "")) {
            var e = assertThrows(InitException.class, () -> module("production", file, key, null));
            assertTrue(e.getMessage().contains("secretKey"), e.getMessage());
        }
        module("production", file, "our-own-key-4f9a", null);
    }

    @Test
    void newHashesArePbkdf2Sha256With210000IterationsAndOlderOnesStillLogInFlagged() throws Exception {
        var hasher = new NajmPasswordHasher();
        String hash = hasher.createHash("a-long-own-password".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha256:210000:"), hash);
        assertTrue(hasher.validatePassword("a-long-own-password".toCharArray(), hash));
        assertFalse(hasher.validatePassword("a-long-own-passwore".toCharArray(), hash));
        assertFalse(NajmPasswordHasher.needsRehash(hash));
        String old = new PBKDF2PasswordHasher().createHash("a-long-own-password".toCharArray());
        assertTrue(hasher.validatePassword("a-long-own-password".toCharArray(), old));
        assertTrue(NajmPasswordHasher.needsRehash(old));
        assertTrue(NajmPasswordHasher.needsRehash(hasher.createHash("x".toCharArray(), 1000)));
        // The demo accounts' hashes are Yamcs' older ones: they still log in (and are flagged at start-up).
        NajmAuthModule m = module("development", "");
        assertNotNull(m.getAuthenticationInfo(new UsernamePasswordToken("alpha-op", "najm-demo".toCharArray())));
    }

    @Test
    void anUnknownUserCostsAsMuchAsAWrongPassword() throws Exception {
        NajmAuthModule m = module("production", productionUsers(NajmPasswordHasher.ITERATIONS).toString());
        assertUnknownCostsAsMuchAsWrong(m);
    }

    @Test
    void anUnknownUserCostsAsMuchAsAWrongPasswordWhenTheFirstAccountStillHasAnOlderHash() throws Exception {
        // admin, first in the file, not rehashed yet (1,000 iterations): unknown names must not be checked against it
        NajmAuthModule m = module("production", productionUsers(NajmPasswordHasher.ITERATIONS, 1000).toString());
        assertUnknownCostsAsMuchAsWrong(m);
    }

    /** The fastest of three refusals of an unknown name within a factor 2 of the fastest of a wrong password. */
    private static void assertUnknownCostsAsMuchAsWrong(NajmAuthModule m) {
        m.auditTo(r -> { });
        long wrong = Long.MAX_VALUE;
        long unknown = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            wrong = Math.min(wrong, refusalNanos(m, "bravo-op"));
            unknown = Math.min(unknown, refusalNanos(m, "mallory" + i));
        }
        assertTrue(unknown > wrong / 2 && unknown < wrong * 2, "unknown " + unknown + " ns, wrong " + wrong + " ns");
    }

    private static long refusalNanos(NajmAuthModule m, String user) {
        long t0 = System.nanoTime();
        assertThrows(AuthenticationException.class,
                () -> m.getAuthenticationInfo(new UsernamePasswordToken(user, "guess".toCharArray())));
        return System.nanoTime() - t0;
    }

    @Test
    void failedLoginsLockTheUserNameForAWhile() throws Exception {
        Instant[] now = { Instant.parse("2026-12-01T10:00:00Z") };
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        NajmAuthModule m = module("development", "", "k", clock);
        List<AuditRecord> audit = new ArrayList<>();
        m.auditTo(audit::add);
        var right = new UsernamePasswordToken("bravo-op", "najm-demo".toCharArray());
        for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
            assertThrows(AuthenticationException.class,
                    () -> m.getAuthenticationInfo(new UsernamePasswordToken("bravo-op", "guess".toCharArray())));
            now[0] = now[0].plusSeconds(10);
        }
        var e = assertThrows(AuthenticationException.class, () -> m.getAuthenticationInfo(right));
        assertEquals(NajmAuthModule.REFUSAL, e.getMessage()); // the same answer as any refusal
        assertTrue(audit.get(audit.size() - 1).reason().startsWith("locked after 5 failed logins"), audit.toString());
        // Other names are not affected.
        assertNotNull(m.getAuthenticationInfo(new UsernamePasswordToken("alpha-op", "najm-demo".toCharArray())));
        now[0] = now[0].plus(LoginLimiter.LOCKOUT);
        assertNotNull(m.getAuthenticationInfo(right));
    }
}
