package org.najm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.audit.AuditRecord;
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

    @TempDir
    Path dir;

    private NajmAuthModule module(String profile, String usersFile) throws InitException {
        NajmAuthModule m = new NajmAuthModule();
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
        assertEquals(DEMO_USERS.stream().sorted().toList(), m.users().accounts().keySet().stream().sorted().toList());
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
        NajmAuthModule m = module("production", file.toString());
        assertNotNull(m.getAuthenticationInfo(new UsernamePasswordToken("admin", "a-long-own-password".toCharArray())));
    }
}
