package org.najm.crosscheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Python interpreter that runs the Skyfield scripts, the independent SGP4 oracle of the pass and sky
 * cross-checks (tests and benchmarks). A pyenv interpreter first on the PATH often has no Skyfield while Debian's
 * python3-skyfield is in /usr/bin/python3, so several are tried in order.
 */
public final class SkyfieldPython {

    /** How long one interpreter may take to import Skyfield. */
    private static final long IMPORT_TIMEOUT_S = 60;

    private SkyfieldPython() {
    }

    /**
     * The first of {@code configured} (when not blank), {@code python3} and {@code /usr/bin/python3} that imports
     * Skyfield.
     *
     * @throws IllegalStateException naming every interpreter tried and why it failed, and the package to install
     */
    public static String find(String configured) throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        List<String> tried = new ArrayList<>();
        for (String python : candidates) {
            String failure = importFailure(python);
            if (failure == null) {
                return python;
            }
            tried.add(python + ": " + failure);
        }
        throw new IllegalStateException("no Python with Skyfield for the independent cross-check: apt-get install "
                + "python3-skyfield (" + String.join("; ", tried) + ")");
    }

    /** Null when {@code python} imports Skyfield, else the last line it printed or why it did not run. */
    private static String importFailure(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import skyfield.api").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(IMPORT_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "no answer in " + IMPORT_TIMEOUT_S + " s";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            return out.isEmpty() ? "exit " + p.exitValue() : out.lines().reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
