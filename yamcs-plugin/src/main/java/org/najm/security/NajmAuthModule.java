package org.najm.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditTrail;
import org.najm.constellation.Constellation;
import org.najm.context.NajmContext;
import org.yamcs.ConfigurationException;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.logging.Log;
import org.yamcs.security.AuthModule;
import org.yamcs.security.AuthenticationException;
import org.yamcs.security.AuthenticationInfo;
import org.yamcs.security.AuthenticationToken;
import org.yamcs.security.AuthorizationInfo;
import org.yamcs.security.PBKDF2PasswordHasher;
import org.yamcs.security.PasswordHasher;
import org.yamcs.security.UsernamePasswordToken;

/**
 * NAJM's logins (etc/security.yaml): user names and PBKDF2 password hashes from a {@link UsersFile},
 * Yamcs roles from etc/roles.yaml, and an audit entry for every failed login.
 * <p>
 * The development profile reads the repository's demo users (password {@value #DEMO_PASSWORD}). The
 * production profile refuses to start until it is given a users file of its own: one that exists,
 * stores only hashes, accepts the demo password for no account, and defines {@code admin}, which
 * shadows the admin/admin account Yamcs seeds in its user directory.
 * <p>
 * Users that an administrator adds to Yamcs' directory (web UI, IAM API) still log in through
 * Yamcs' own directory module; this module only audits their failures.
 */
public class NajmAuthModule implements AuthModule {

    public static final String DEMO_PASSWORD = "najm-demo";
    /** One answer for an unknown user and a wrong password, so that user names cannot be probed. */
    static final String REFUSAL = "Invalid user name or password";

    private static final Log log = new Log(NajmAuthModule.class);

    private final PasswordHasher hasher = new PBKDF2PasswordHasher();
    private Consumer<AuditRecord> audit = r -> AuditTrail.global().record(r);
    private UsersFile users;

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("profile", OptionType.STRING).withChoices("development", "production")
                .withDefault("development");
        spec.addOption("usersFile", OptionType.STRING).withDefault("")
                .withDescription("The users file; required by the production profile");
        spec.addOption("developmentUsersFile", OptionType.STRING).withDefault("etc/users.yaml");
        return spec;
    }

    @Override
    public void init(YConfiguration args) throws InitException {
        boolean production = "production".equals(args.getString("profile"));
        String given = args.getString("usersFile").strip();
        if (production && given.isEmpty()) {
            throw new InitException("NAJM production profile: no users file. Set NAJM_USERS_FILE to a users file"
                    + " with hashed passwords (docs/security.md); there is no default account.");
        }
        Path path = Path.of(given.isEmpty() ? args.getString("developmentUsersFile") : given);
        try {
            users = UsersFile.load(path);
        } catch (IOException e) {
            throw new InitException("Cannot read the users file " + path + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new InitException(e.getMessage());
        }
        if (production) {
            checkProduction(users);
            log.info("Production profile: {} accounts from {}", users.accounts().size(), path);
        } else {
            log.warn("Development profile: demo accounts from {}, password '{}'. Never use it in operations.",
                    path, DEMO_PASSWORD);
        }
    }

    private void checkProduction(UsersFile file) throws InitException {
        List<String> demo = file.accounts().values().stream()
                .filter(a -> hasher.validatePassword(DEMO_PASSWORD.toCharArray(), a.passwordHash()))
                .map(UsersFile.Account::name).toList();
        if (!demo.isEmpty()) {
            throw new InitException("NAJM production profile: " + file.path() + " accepts the development password"
                    + " for " + String.join(", ", demo) + "; give every account its own password");
        }
        if (file.account("admin").isEmpty()) {
            throw new InitException("NAJM production profile: " + file.path() + " must define 'admin', or Yamcs'"
                    + " seeded admin/admin account would stay usable");
        }
    }

    @Override
    public AuthenticationInfo getAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        if (!(token instanceof UsernamePasswordToken login)) {
            return null;
        }
        String name = login.getPrincipal();
        if (isAutomation(name)) {
            throw refused(name, "an automation identity has no interactive login");
        }
        var account = users.account(name);
        if (account.isPresent()) {
            if (!hasher.validatePassword(login.getPassword(), account.get().passwordHash())) {
                throw refused(name, "wrong password");
            }
            AuthenticationInfo info = new AuthenticationInfo(this, name);
            info.addExternalIdentity(getClass().getName(), name);
            info.setDisplayName(account.get().displayName());
            return info;
        }
        // Not ours: an account an administrator added to Yamcs' directory, or nobody.
        var directory = YamcsServer.getServer().getSecurityStore().getDirectory();
        if (directory.getUser(name) == null) {
            throw refused(name, "unknown user");
        }
        if (!directory.validateUserPassword(name, login.getPassword())) {
            throw refused(name, "wrong password (Yamcs directory account)");
        }
        return null; // Yamcs' directory module authenticates it
    }

    /** The contact automation's identities (etc/constellation.yaml) command from inside the MOC only. */
    private static boolean isAutomation(String name) {
        Constellation constellation;
        try {
            constellation = NajmContext.constellation();
        } catch (ConfigurationException e) {
            return false; // no server configuration (unit tests): no automation either
        }
        return constellation.partners().stream().anyMatch(p -> p.isAutomation(name));
    }

    private AuthenticationException refused(String name, String why) {
        try {
            audit.accept(AuditRecord.loginFailed(name, why));
        } catch (RuntimeException e) {
            log.error("Could not audit the failed login of '{}' ({}): {}", name, why, e.getMessage());
        }
        return new AuthenticationException(REFUSAL);
    }

    @Override
    public AuthorizationInfo getAuthorizationInfo(AuthenticationInfo info) {
        AuthorizationInfo authz = new AuthorizationInfo();
        users.account(info.getUsername()).ifPresent(a -> {
            a.roles().forEach(authz::addRole);
            if (a.superuser()) {
                authz.grantSuperuser();
            }
        });
        return authz;
    }

    /**
     * Yamcs only ever raises the superuser flag of its directory copy of a user. Lower it for our
     * accounts that the users file does not make superusers: Yamcs seeds 'admin' as a superuser.
     */
    @Override
    public void authenticationSucceeded(AuthenticationInfo info) {
        var account = users.account(info.getUsername());
        if (account.isEmpty() || account.get().superuser()) {
            return;
        }
        var directory = YamcsServer.getServer().getSecurityStore().getDirectory();
        var user = directory.getUser(info.getUsername());
        if (user != null && user.isSuperuser()) {
            log.info("{} is not a superuser in {}: lowering the flag Yamcs' directory had", user.getName(),
                    users.path());
            user.setSuperuser(false);
            directory.updateUserProperties(user);
        }
    }

    @Override
    public boolean verifyValidity(AuthenticationInfo info) {
        return true;
    }

    /** For tests: where failed logins go. */
    void auditTo(Consumer<AuditRecord> sink) {
        this.audit = sink;
    }

    UsersFile users() {
        return users;
    }
}
