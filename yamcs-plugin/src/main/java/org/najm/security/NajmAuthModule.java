package org.najm.security;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

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

    /** The development secretKey of etc/yamcs.yaml, refused by the production profile. */
    static final String DEVELOPMENT_SECRET_KEY = "najm-development-only";

    private final NajmPasswordHasher hasher = new NajmPasswordHasher();
    private Consumer<AuditRecord> audit = r -> AuditTrail.global().record(r);
    private Supplier<Optional<Constellation>> constellation = NajmAuthModule::serverConstellation;
    private Supplier<Optional<String>> secretKey = NajmAuthModule::serverSecretKey;
    private LoginLimiter limiter = new LoginLimiter(Clock.systemUTC());
    private UsersFile users;
    /** On a partner site: the partner whose people alone log in; empty on the MOC. */
    private String sitePartner = "";
    /** A hash of the users file, checked for unknown users so that they cost a wrong password's time. */
    private String decoy;

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("profile", OptionType.STRING).withChoices("development", "production")
                .withDefault("development");
        spec.addOption("usersFile", OptionType.STRING).withDefault("")
                .withDescription("The users file; required by the production profile");
        spec.addOption("developmentUsersFile", OptionType.STRING).withDefault("etc/users.yaml");
        spec.addOption("sitePartner", OptionType.STRING).withDefault("")
                .withDescription("On a partner site (docs/sites.md): the partner whose people alone log in here");
        return spec;
    }

    @Override
    public void init(YConfiguration args) throws InitException {
        boolean production = "production".equals(args.getString("profile"));
        sitePartner = args.getString("sitePartner").strip();
        String given = args.getString("usersFile").strip();
        if (production && given.isEmpty()) {
            throw new InitException("NAJM production profile: no users file. Set NAJM_USERS_FILE to a users file"
                    + " with hashed passwords (docs/security.md); there is no default account.");
        }
        // a site's development file is named after its partner (Yamcs expands one ${...} per value reliably)
        Path path = Path.of(given.isEmpty() ? args.getString("developmentUsersFile").replace("%PARTNER%", sitePartner)
                : given);
        try {
            users = UsersFile.load(path);
        } catch (IOException e) {
            throw new InitException("Cannot read the users file " + path + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new InitException(e.getMessage());
        }
        // Unknown names are checked against a hash as costly as the accounts' current ones: were the decoy an
        // older, cheaper hash (the first account's, say), an unknown name would answer faster than a known one.
        boolean anyCurrent = users.accounts().values().stream()
                .anyMatch(a -> !NajmPasswordHasher.needsRehash(a.passwordHash()));
        decoy = anyCurrent || users.accounts().isEmpty() ? hasher.createHash("decoy".toCharArray())
                : users.accounts().values().iterator().next().passwordHash();
        List<String> stale = users.accounts().values().stream()
                .filter(a -> NajmPasswordHasher.needsRehash(a.passwordHash())).map(UsersFile.Account::name).toList();
        if (!stale.isEmpty()) {
            log.warn("{}: older password hashes (accepted; make new ones with ./moc.sh hash-password, {} {}"
                    + " iterations) for {}", path, NajmPasswordHasher.SCHEME, NajmPasswordHasher.ITERATIONS,
                    String.join(", ", stale));
        }
        if (!sitePartner.isEmpty()) {
            checkSite(users);
        }
        if (production) {
            checkProduction(users);
            log.info("Production profile: {} accounts from {}", users.accounts().size(), path);
        } else {
            log.warn("Development profile: demo accounts from {}, password '{}'. Never use it in operations.",
                    path, DEMO_PASSWORD);
        }
    }

    /** A site's users file holds its partner's people (and others of no partner), no one of another partner. */
    private void checkSite(UsersFile file) throws InitException {
        Constellation c = constellation.get().orElseThrow(() -> new InitException("NAJM site " + sitePartner
                + ": the constellation is not readable, so its partners' people cannot be checked"));
        if (c.partner(sitePartner).isEmpty()) {
            throw new InitException("NAJM site: sitePartner '" + sitePartner + "' is not a partner of the"
                    + " constellation");
        }
        List<String> foreign = file.accounts().keySet().stream().filter(name -> otherPartner(c, name).isPresent())
                .sorted().toList();
        if (!foreign.isEmpty()) {
            throw new InitException("NAJM site " + sitePartner + ": " + file.path() + " has accounts of other"
                    + " partners (" + String.join(", ", foreign) + "); a site's users are its own partner's");
        }
    }

    /** The partner other than this site's that {@code name} belongs to (person, automation or site account). */
    private Optional<String> otherPartner(Constellation c, String name) {
        return c.partners().stream().filter(p -> !p.id().equals(sitePartner))
                .filter(p -> p.commands(name) || p.isSite(name)).map(p -> p.id()).findFirst();
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
        Optional<Constellation> c = constellation.get();
        if (c.isPresent()) {
            List<String> missing = c.get().partners().stream()
                    .filter(p -> sitePartner.isEmpty() || p.id().equals(sitePartner))
                    .flatMap(p -> Stream.concat(p.operators().stream(), p.leads().stream()))
                    .filter(name -> file.account(name).isEmpty()).distinct().toList();
            if (!missing.isEmpty()) {
                throw new InitException("NAJM production profile: " + String.join(", ", missing) + " (partner"
                        + " operators or leads of the constellation) not in " + file.path() + ": give each an account"
                        + " there, or an administrator could create that name in Yamcs' directory and command for"
                        + " the partner");
            }
        } else {
            throw new InitException("NAJM production profile: the constellation is not readable, so its partners'"
                    + " operators and leads cannot be checked against " + file.path());
        }
        Optional<String> key = secretKey.get();
        if (key.isEmpty() || key.get().isBlank() || key.get().equals(DEVELOPMENT_SECRET_KEY)) {
            throw new InitException("NAJM production profile: set a secretKey of your own (NAJM_SECRET_KEY,"
                    + " etc/yamcs.yaml; it signs Yamcs' tokens); the committed '" + DEVELOPMENT_SECRET_KEY
                    + "' is refused");
        }
    }

    private static Optional<Constellation> serverConstellation() {
        try {
            return Optional.of(NajmContext.constellation());
        } catch (ConfigurationException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> serverSecretKey() {
        try {
            var config = YamcsServer.getServer().getConfig();
            return config != null && config.containsKey("secretKey") ? Optional.of(config.getString("secretKey"))
                    : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
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
        var locked = limiter.lockedUntil(name);
        if (locked.isPresent()) {
            hasher.validatePassword(login.getPassword(), decoy); // the same time as any refusal
            throw refused(name, "locked after " + LoginLimiter.MAX_FAILURES + " failed logins until "
                    + locked.get(), false);
        }
        if (!sitePartner.isEmpty()) {
            Optional<String> other = constellation.get().flatMap(c -> otherPartner(c, name));
            if (other.isPresent()) {
                hasher.validatePassword(login.getPassword(), decoy);
                throw refused(name, "an account of partner " + other.get() + ": nobody logs in to " + sitePartner
                        + "'s site with another partner's account");
            }
        }
        var account = users.account(name);
        if (account.isPresent()) {
            if (!hasher.validatePassword(login.getPassword(), account.get().passwordHash())) {
                throw refused(name, "wrong password");
            }
            limiter.succeeded(name);
            if (NajmPasswordHasher.needsRehash(account.get().passwordHash())) {
                log.warn("{} logged in with an older password hash: make a new one (./moc.sh hash-password)", name);
            }
            AuthenticationInfo info = new AuthenticationInfo(this, name);
            info.addExternalIdentity(getClass().getName(), name);
            info.setDisplayName(account.get().displayName());
            return info;
        }
        // Not ours: an account an administrator added to Yamcs' directory, or nobody.
        var store = YamcsServer.getServer().getSecurityStore();
        var directory = store == null ? null : store.getDirectory();
        if (directory == null || directory.getUser(name) == null) {
            hasher.validatePassword(login.getPassword(), decoy); // an unknown user costs a wrong password's time
            throw refused(name, "unknown user");
        }
        if (isSiteAccount(name)) {
            hasher.validatePassword(login.getPassword(), decoy);
            throw refused(name, "a partner site's account that is not in " + users.path()
                    + " (one made in Yamcs' directory would speak for the partner)");
        }
        if (!directory.validateUserPassword(name, login.getPassword())) {
            throw refused(name, "wrong password (Yamcs directory account)");
        }
        limiter.succeeded(name);
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

    private static boolean isSiteAccount(String name) {
        try {
            return NajmContext.constellation().partnerOfSite(name).isPresent();
        } catch (ConfigurationException e) {
            return false;
        }
    }

    private AuthenticationException refused(String name, String why) {
        return refused(name, why, true);
    }

    private AuthenticationException refused(String name, String why, boolean counts) {
        if (counts) {
            limiter.failed(name);
        }
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

    /** For tests, before init: the constellation and the server's secretKey the production profile checks. */
    void checkAgainst(Supplier<Optional<Constellation>> constellation, Supplier<Optional<String>> secretKey) {
        this.constellation = constellation;
        this.secretKey = secretKey;
    }

    /** For tests: the clock of the login limiter. */
    void limiterClock(Clock clock) {
        this.limiter = new LoginLimiter(clock);
    }

    UsersFile users() {
        return users;
    }
}
