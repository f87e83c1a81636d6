package org.najm.instances;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.InstanceMetadata;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yaml.snakeyaml.Yaml;

/**
 * Creates one Yamcs instance per spacecraft of the constellation, all from one instance template,
 * when the server starts. The constellation description decides which instances exist.
 *
 * <p>Yamcs keeps template-made instances in {@code <dataDir>/instance-def}; this service deletes
 * the definitions of the instances made from its template at init, before Yamcs loads them (a
 * spacecraft removed from the constellation loses its instance, not its archive), and makes them afresh
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
            for (String instance : madeFromTemplate()) {
                Files.deleteIfExists(instanceDefDir.resolve("yamcs." + instance + ".yaml"));
                Files.deleteIfExists(instanceDefDir.resolve("yamcs." + instance + ".yaml.offline"));
                Files.deleteIfExists(instanceDefDir.resolve("yamcs." + instance + ".metadata"));
            }
        } catch (IOException | RuntimeException e) {
            throw new InitException("Cannot clear old instance definitions in " + instanceDefDir, e);
        }
    }

    /** The instances that an earlier run made from our template, by their metadata files. */
    private List<String> madeFromTemplate() throws IOException {
        if (!Files.isDirectory(instanceDefDir)) {
            return List.of();
        }
        List<String> instances = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(instanceDefDir, "yamcs.*.metadata")) {
            for (Path file : files) {
                try (Reader in = Files.newBufferedReader(file)) {
                    Map<String, Object> map = new Yaml().load(in);
                    if (map != null && template.equals(new InstanceMetadata(map).getTemplate())) {
                        String name = file.getFileName().toString();
                        instances.add(name.substring("yamcs.".length(), name.length() - ".metadata".length()));
                    }
                }
            }
        }
        return instances;
    }

    @Override
    protected void doStart() {
        YamcsServer server = YamcsServer.getServer();
        try {
            for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
                if (YamcsServer.hasInstance(sc.instance())) {
                    continue;
                }
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("spacecraft", sc.name());
                args.put("instance", sc.instance());
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
