package org.najm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of another JVM, by class: {@code jcmd <pid> GC.class_histogram}, which collects the garbage
 * first, so the totals are what is still reachable.
 *
 * @param totalBytes   the live heap, bytes
 * @param bytesByClass per class name, bytes, largest first
 */
record HeapHistogram(long totalBytes, Map<String, Long> bytesByClass) {

    /** Runs jcmd (the one of this JVM's JDK) on {@code pid}. */
    static HeapHistogram of(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.class_histogram failed: " + out);
        }
        return parse(out);
    }

    /** jcmd's table: "num: instances bytes class-name (module)" lines and a "Total instances bytes" line. */
    static HeapHistogram parse(String text) throws IOException {
        Map<String, Long> byClass = new LinkedHashMap<>();
        long total = -1;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                byClass.merge(f[3], Long.parseLong(f[2]), Long::sum);
            } else if (f.length == 3 && f[0].equals("Total")) {
                total = Long.parseLong(f[2]);
            }
        }
        if (total < 0) {
            throw new IOException("not a class histogram: " + text.substring(0, Math.min(200, text.length())));
        }
        return new HeapHistogram(total, byClass);
    }

    /** The classes that grew most from {@code earlier} to this one, bytes. */
    List<Map.Entry<String, Long>> grownSince(HeapHistogram earlier, int n) {
        Map<String, Long> delta = new LinkedHashMap<>();
        bytesByClass.forEach((c, b) -> delta.put(c, b - earlier.bytesByClass.getOrDefault(c, 0L)));
        return delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(n).toList();
    }
}
