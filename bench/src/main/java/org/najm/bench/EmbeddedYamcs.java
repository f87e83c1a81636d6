package org.najm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.najm.constellation.Constellation;
import org.najm.testing.FreePorts;
import org.yamcs.FileBasedConfigurationResolver;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.templating.Template;

/**
 * The real Yamcs server in the benchmark's JVM, started the way the integration tests start it (NajmSystem):
 * the configuration of an etc/ directory, free ports, data in a temporary directory.
 */
final class EmbeddedYamcs implements AutoCloseable {

    /** The spacecraft instances' template (etc/instance-templates/najm-spacecraft). */
    static final String TEMPLATE = "najm-spacecraft";

    /** The ports the NAJM configuration reads from system properties. */
    record Ports(int tmPortBase, int tcPortBase, int httpPort) {

        /** Free ports: a block of five stations for TM and for TC, and HTTP. */
        static Ports free() throws IOException {
            return new Ports(FreePorts.udpBlock(5), FreePorts.udpBlock(5), FreePorts.tcp());
        }

        /** The repository's constellation with its stations on these ports (what the simulator must use). */
        Constellation constellation(Path repo) throws IOException {
            Constellation base = Constellation.load(repo.resolve(Constellation.DEFAULT_PATH));
            return base.withTransport(base.transport().withPortBases(tmPortBase, tcPortBase));
        }
    }

    private final Ports ports;
    private final Path workDir;

    private EmbeddedYamcs(Ports ports, Path workDir) {
        this.ports = ports;
        this.workDir = workDir;
    }

    /** A server to be started on {@code ports}, with a new temporary directory for its data. */
    static EmbeddedYamcs prepare(String tempPrefix, Ports ports) throws IOException {
        return new EmbeddedYamcs(ports, Files.createTempDirectory(tempPrefix));
    }

    /** The temporary directory: the data, and whatever the benchmark puts there (a generated etc/). */
    Path workDir() {
        return workDir;
    }

    Ports ports() {
        return ports;
    }

    void start(Path etc) throws Exception {
        start(etc, false);
    }

    /** As {@link #start(Path)}; {@code automation}: with the contact automation (FleetOverviewBench). */
    void start(Path etc, boolean automation) throws Exception {
        start(etc, automation, UnaryOperator.identity());
    }

    /**
     * As {@link #start(Path, boolean)}, with the spacecraft instance template's text changed by {@code template}
     * (Yamcs reads templates from its configuration directory, the repository's etc/, not from {@code etc}).
     */
    void start(Path etc, boolean automation, UnaryOperator<String> template) throws Exception {
        System.setProperty("najm.httpPort", Integer.toString(ports.httpPort()));
        System.setProperty("najm.tmPortBase", Integer.toString(ports.tmPortBase()));
        System.setProperty("najm.tcPortBase", Integer.toString(ports.tcPortBase()));
        System.setProperty("najm.dataDir", workDir.resolve("data").toString());
        // The benchmarks command by hand and measure it: no contact automation beside them, unless asked.
        System.setProperty("najm.automation", Boolean.toString(automation));
        YConfiguration.setResolver(new FileBasedConfigurationResolver(etc));
        YamcsServer server = YamcsServer.getServer();
        server.prepareStart();
        Template original = server.getInstanceTemplate(TEMPLATE);
        if (original == null) {
            throw new IllegalStateException("no instance template " + TEMPLATE);
        }
        String source = template.apply(original.getSource());
        if (!source.equals(original.getSource())) {
            Template changed = new Template(TEMPLATE, source);
            changed.setDescription(original.getDescription());
            original.getVariables().forEach(changed::addVariable);
            server.addInstanceTemplate(changed);
        }
        server.start();
    }

    /** Shuts the server down, also a half-started one, and deletes the temporary directory. */
    @Override
    public void close() {
        try {
            if (YamcsServer.getServer() != null) {
                YamcsServer.getServer().shutDown();
            }
        } catch (Exception e) {
            // exiting anyway
        }
        BenchSupport.deleteTree(workDir);
    }
}
