package org.najm.instances;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.najm.constellation.Spacecraft;
import org.najm.gateway.StationGateway;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;

/**
 * Creates one Yamcs instance per spacecraft of the constellation, all from one instance template,
 * when the server starts. The constellation description decides which instances exist.
 *
 * <p>Yamcs keeps template-made instances in {@code <dataDir>/instance-def}; this service deletes
 * the definitions of its own instances at init, before Yamcs loads them, and makes them afresh
 * from the current template at start, so a changed template always takes effect. Archives are
 * untouched: they live under the instance name.
 */
public class SpacecraftInstances extends AbstractYamcsService {

    private String template;
    private Path instanceDefDir;

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("template", OptionType.STRING).withDefault("najm-spacecraft");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        template = config.getString("template");
        instanceDefDir = YamcsServer.getServer().getDataDirectory().resolve("instance-def");
        try {
            for (Spacecraft sc : StationGateway.get().constellation().spacecraft()) {
                Files.deleteIfExists(instanceDefDir.resolve("yamcs." + sc.instance() + ".yaml"));
                Files.deleteIfExists(instanceDefDir.resolve("yamcs." + sc.instance() + ".yaml.offline"));
                Files.deleteIfExists(instanceDefDir.resolve("yamcs." + sc.instance() + ".metadata"));
            }
        } catch (IOException e) {
            throw new InitException("Cannot clear old instance definitions in " + instanceDefDir, e);
        }
    }

    @Override
    protected void doStart() {
        YamcsServer server = YamcsServer.getServer();
        try {
            for (Spacecraft sc : StationGateway.get().constellation().spacecraft()) {
                if (YamcsServer.hasInstance(sc.instance())) {
                    continue;
                }
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("spacecraft", sc.name());
                args.put("scid", sc.scid());
                args.put("partner", sc.partner());
                Map<String, String> labels = Map.of("spacecraft", sc.name(), "partner", sc.partner());
                server.createInstance(sc.instance(), template, args, labels, Map.of());
                log.info("Instance {} for {} (SCID 0x{}) created from template {}", sc.instance(), sc.name(),
                        Integer.toHexString(sc.scid()).toUpperCase(), template);
            }
        } catch (IOException | RuntimeException e) {
            notifyFailed(e);
            return;
        }
        notifyStarted();
    }

    @Override
    protected void doStop() {
        notifyStopped();
    }
}
