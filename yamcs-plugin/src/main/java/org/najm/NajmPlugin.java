package org.najm;

import java.io.IOException;
import java.io.InputStream;

import org.najm.accountability.AccountabilityApi;
import org.najm.audit.AuditApi;
import org.najm.automation.AutomationApi;
import org.najm.commanding.HeldCommandApi;
import org.najm.constellation.Constellation;
import org.najm.context.NajmContext;
import org.najm.contacts.ContactPlanApi;
import org.najm.http.NajmPrivileges;
import org.najm.science.pipeline.ScienceApi;
import org.najm.security.AddressLoginGate;
import org.najm.security.AlarmGuard;
import org.najm.security.ArchiveGuard;
import org.najm.security.Cop1Guard;
import org.najm.security.IamGuard;
import org.najm.security.PartnerScope;
import org.najm.security.StackGuard;
import org.najm.site.SiteApi;
import org.najm.web.DisplaysApi;
import org.yamcs.AbstractPlugin;
import org.yamcs.ConfigurationException;
import org.yamcs.PluginException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.http.HttpServer;

/**
 * The NAJM plugin, loaded by Yamcs once at start-up: it reads the constellation description (the
 * {@code najm} section of yamcs.yaml names the file), registers NAJM's system privileges and
 * every NAJM HTTP API under /api/najm. The services and links that make up NAJM are configured in
 * yamcs.yaml and the instance template; they ask {@link NajmContext} for the constellation and for
 * each other.
 */
public class NajmPlugin extends AbstractPlugin {

    /** Written by Yamcs' protoc goal next to the classes; the HTTP server needs it for JSON. */
    private static final String DESCRIPTORS = "/najm-yamcs-plugin.protobin";

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption(NajmContext.CONSTELLATION_OPTION, OptionType.STRING)
                .withDefault(Constellation.DEFAULT_PATH.toString())
                .withDescription("The constellation description: spacecraft, stations, partners");
        return spec;
    }

    @Override
    public void init() throws PluginException {
        try {
            Constellation c = NajmContext.constellation();
            log.info("NAJM constellation: {} spacecraft, {} stations, {} partners", c.spacecraft().size(),
                    c.stations().size(), c.partners().size());
        } catch (ConfigurationException e) {
            throw new PluginException(e.getMessage());
        }
        NajmPrivileges.register(yamcs.getSecurityStore());
        HttpServer http = yamcs.getGlobalService(HttpServer.class);
        if (http != null) {
            addApis(http);
        }
    }

    private void addApis(HttpServer http) throws PluginException {
        try (InputStream in = NajmPlugin.class.getResourceAsStream(DESCRIPTORS)) {
            if (in == null) {
                throw new PluginException("No " + DESCRIPTORS + " on the classpath");
            }
            http.getProtobufRegistry().importDefinitions(in);
        } catch (IOException e) {
            throw new PluginException("Cannot read " + DESCRIPTORS + ": " + e.getMessage());
        }
        http.addApi(new ContactPlanApi());
        http.addApi(new ScienceApi());
        http.addApi(new HeldCommandApi());
        http.addApi(new AuditApi());
        http.addApi(new AccountabilityApi());
        http.addApi(new AutomationApi());
        http.addApi(new DisplaysApi());
        http.addApi(new SiteApi());
        // Yamcs' own APIs that reach past the partner command authority, guarded (docs/security.md).
        Constellation c = NajmContext.constellation();
        ArchiveGuard.install(http, c);
        Cop1Guard.install(http, c);
        PartnerScope scope = new PartnerScope(c);
        AlarmGuard.install(http, scope);
        StackGuard.install(http, scope);
        IamGuard.install(http, scope);
        AddressLoginGate.install(http);
    }
}
