package org.najm.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.context.NajmContext;
import org.yamcs.AbstractPlugin;
import org.yamcs.PluginException;
import org.yamcs.YamcsServer;
import org.yamcs.web.WebPlugin;

/**
 * The operator displays inside the Yamcs web UI: registers the fleet overview as a yamcs-web extension
 * (page {@code /ext/najm-fleet?c=<instance>}), whose script also adds the navigation entry.
 *
 * <p>A plugin of its own, because yamcs-web starts each plugin's initialiser as a custom element named
 * after the plugin, and a custom element's name needs a hyphen: this one is {@code najm-web}; the MOC
 * plugin keeps its name {@code najm} (its section in yamcs.yaml).
 */
public class WebDisplaysPlugin extends AbstractPlugin {

    /** The page's custom element and its route under /ext. */
    public static final String EXTENSION_ID = "najm-fleet";
    /** Served at the web root by yamcs-web, so the name must not clash with its own files. */
    static final List<String> FILES = List.of("najm-displays.js", "najm-displays.css");

    @Override
    public void init() throws PluginException {
        WebPlugin web = yamcs.getPluginManager().getPlugin(WebPlugin.class);
        if (web == null) {
            log.warn("yamcs-web is not loaded: no operator displays in the web UI");
            return;
        }
        Path root = YamcsServer.getServer().getCacheDirectory().resolve("najm-web");
        try {
            unpack(root);
        } catch (IOException e) {
            throw new PluginException("Cannot unpack the NAJM web displays to " + root + ": " + e.getMessage());
        }
        web.addExtension(EXTENSION_ID, publicConfig(NajmContext.constellation()), root);
    }

    /** yamcs-web serves an extension from a directory: copy ours out of the jar. */
    private static void unpack(Path root) throws IOException {
        Files.createDirectories(root);
        for (String name : FILES) {
            try (InputStream in = WebDisplaysPlugin.class.getResourceAsStream("static/" + name)) {
                if (in == null) {
                    throw new IOException("static/" + name + " is not in the plugin's jar");
                }
                Files.copy(in, root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * The constellation as the page needs it. It is written into the web UI's index.html, which anyone may
     * load, so it holds names only, never users.
     */
    static Map<String, Object> publicConfig(Constellation c) {
        List<Map<String, Object>> spacecraft = new ArrayList<>();
        for (Spacecraft sc : c.spacecraft()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("name", sc.name());
            m.put("instance", sc.instance());
            m.put("partner", sc.partner());
            m.put("partnerName", c.partner(sc.partner()).map(p -> p.name()).orElse(sc.partner()));
            spacecraft.add(m);
        }
        var config = new LinkedHashMap<String, Object>();
        config.put("spacecraft", spacecraft);
        config.put("stations", c.stations().stream().map(Station::name).toList());
        return config;
    }
}
