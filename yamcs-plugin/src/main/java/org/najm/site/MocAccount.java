package org.najm.site;

import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;

/** The options every site service that speaks to the MOC's API has: where the MOC is, and the site's account. */
final class MocAccount {

    private MocAccount() {
    }

    static Spec spec() {
        Spec spec = new Spec();
        spec.addOption("mocUrl", OptionType.STRING).withRequired(true).withDescription("The MOC's HTTP(S) URL");
        spec.addOption("username", OptionType.STRING).withRequired(true).withDescription("The site's account");
        spec.addOption("password", OptionType.STRING).withRequired(true).withSecret(true);
        return spec;
    }

    static MocApi api(YConfiguration config) {
        return new MocApi(config.getString("mocUrl"), config.getString("username"), config.getString("password"));
    }
}
