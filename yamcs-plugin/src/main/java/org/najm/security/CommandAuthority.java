package org.najm.security;

import java.time.Duration;
import java.util.Optional;

import org.najm.constellation.Constellation;
import org.najm.constellation.Partner;
import org.najm.constellation.Spacecraft;
import org.yamcs.xtce.Significance.Levels;

/**
 * Who may command which spacecraft, from the partners of the constellation description: a
 * partner's operators and leads command the partner's spacecraft and no other; a command of
 * significance {@code confirmFrom} or above waits for a lead of the same partner, other than the
 * issuer, to confirm it within {@code confirmationTimeout}.
 * <p>
 * Yamcs runs the activities of scheduled timeline items as its system user: such a command has
 * no verifiable issuer, hence no partner, and is refused with that reason. A partner's automation
 * identity (contact automation) commands the partner's spacecraft like its operators, but never a
 * command that would need confirmation.
 */
public final class CommandAuthority {

    private final Constellation constellation;
    private final Levels confirmFrom;
    private final Duration confirmationTimeout;
    private final String systemUser;

    /** @param systemUser the name of Yamcs' system user (the timeline scheduler's) */
    public CommandAuthority(Constellation constellation, Levels confirmFrom, Duration confirmationTimeout,
            String systemUser) {
        this.constellation = constellation;
        this.systemUser = systemUser;
        this.confirmFrom = confirmFrom;
        this.confirmationTimeout = confirmationTimeout;
    }

    /**
     * Who a command is from: for a partner's site account, the person the site names in the comment
     * ({@link OnBehalfOf}); for anyone else the account itself, whatever its comment says.
     */
    public Issuer issuer(String account, String comment) {
        if (constellation.partnerOfSite(account).isEmpty()) {
            return new Issuer(account, null);
        }
        return OnBehalfOf.person(comment).map(person -> new Issuer(person, account))
                .orElse(new Issuer(account, account));
    }

    /**
     * Decides on {@code issuer}'s attempt: as {@link #decide(String, Spacecraft, Levels)} for a person who
     * logged in to the MOC; a site must name a person of its own partner, who is then decided as any.
     */
    public Decision decide(Issuer issuer, Spacecraft sc, Levels level) {
        if (issuer.site() == null) {
            return decide(issuer.person(), sc, level);
        }
        Optional<String> whyNot = whyNotSpeakFor(issuer.site(), issuer.person());
        if (whyNot.isPresent()) {
            return Decision.refuse(whyNot.get());
        }
        Decision d = decide(issuer.person(), sc, level);
        return new Decision(d.verdict(), "from site " + issuer.site() + ": " + d.reason());
    }

    /** Why the site account {@code site} may not act for {@code person}, if so. */
    public Optional<String> whyNotSpeakFor(String site, String person) {
        Partner partner = constellation.partnerOfSite(site).orElse(null);
        if (partner == null) {
            return Optional.of(site + " is not a partner site's account: only a site acts on behalf of a person");
        }
        if (person.equals(site)) {
            return Optional.of(site + " is " + partner.id() + "'s site account and named no person: a site"
                    + " commands only on behalf of one of " + partner.id() + "'s operators and leads");
        }
        if (!partner.commands(person) || partner.isAutomation(person)) {
            return Optional.of(site + " is " + partner.id() + "'s site: it speaks for " + partner.id()
                    + "'s operators and leads only, and " + person + " is not one of them");
        }
        return Optional.empty();
    }

    /** Decides on {@code user}'s attempt to send a command of significance {@code level} to {@code sc}. */
    public Decision decide(String user, Spacecraft sc, Levels level) {
        Partner owner = owner(sc);
        if (user.equals(systemUser)) {
            return Decision.refuse("sent by Yamcs' system user (a scheduled timeline item), so no partner can be"
                    + " verified: start the activity as yourself (Activities) or send the command from a stack");
        }
        if (!owner.commands(user)) {
            return Decision.refuse(notTheirs(user, sc, owner));
        }
        boolean critical = level != null && (level == confirmFrom || level.isMoreSevere(confirmFrom));
        if (critical && owner.isAutomation(user)) {
            return Decision.refuse(user + " is " + owner.id() + "'s automation, which never sends a "
                    + level.name().toLowerCase() + " command: a person of " + owner.id() + " must");
        }
        if (critical) {
            return Decision.hold(String.format("%s command: held until a lead of %s other than %s confirms it,"
                    + " within %d s", level.name().toLowerCase(), owner.id(), user, confirmationTimeout.toSeconds()));
        }
        return Decision.release(user + " operates for " + owner.id() + ", owner of " + sc.name());
    }

    /** Why {@code user} may not confirm a held command that {@code issuer} sent to {@code sc}, if so. */
    public Optional<String> whyNotConfirm(String user, String issuer, Spacecraft sc) {
        Partner owner = owner(sc);
        if (user.equals(issuer)) {
            return Optional.of(user + " issued this command; a second operator must confirm it");
        }
        if (!owner.confirms(user)) {
            return Optional.of(user + " is not a lead of " + owner.id() + ", owner of " + sc.name()
                    + "; its leads are " + String.join(", ", owner.leads()));
        }
        return Optional.empty();
    }

    /** Why {@code user} may not cancel a held command that {@code issuer} sent to {@code sc}, if so. */
    public Optional<String> whyNotCancel(String user, String issuer, Spacecraft sc) {
        Partner owner = owner(sc);
        if (user.equals(issuer) || owner.confirms(user)) {
            return Optional.empty();
        }
        return Optional.of("only the issuer or a lead of " + owner.id() + " may cancel a held command to " + sc.name());
    }

    public Duration confirmationTimeout() {
        return confirmationTimeout;
    }

    /**
     * The person a command or confirmation is from, and the partner site that relayed it.
     *
     * @param person the user name of the person (the account itself when no site relayed it)
     * @param site   the site account that relayed it, or null when the person logged in to the MOC
     */
    public record Issuer(String person, String site) {

        /** e.g. "alpha-op", or "alpha-op at site site-alpha" */
        public String describe() {
            return site == null ? person : person + " at site " + site;
        }
    }

    private Partner owner(Spacecraft sc) {
        return constellation.partner(sc.partner()).orElseThrow(
                () -> new IllegalStateException(sc.name() + ": partner '" + sc.partner() + "' is not configured"));
    }

    private String notTheirs(String user, Spacecraft sc, Partner owner) {
        String only = "only " + owner.id() + "'s operators command " + sc.name();
        return constellation.partnerOf(user)
                .map(p -> user + " operates for " + p.id() + "; " + sc.name() + " belongs to " + owner.id() + ": "
                        + only)
                .orElse(user + " is not an operator of any partner: " + only);
    }
}
