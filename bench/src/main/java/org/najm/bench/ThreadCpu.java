package org.najm.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds of a process's threads grouped by name (digits replaced by '#', so a pool's threads are one group),
 * from /proc/{pid}/task/{tid}/stat. A thread that ends between two readings takes its CPU with it: differences of
 * two readings undercount groups with short-lived threads.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    static Map<String, Double> byGroup(long pid) {
        Map<String, Double> groups = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                String[] f = stat.substring(close + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime; USER_HZ
                groups.merge(name, seconds, Double::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the threads of process " + pid, e);
        }
        return groups;
    }

    /** {@code later - earlier} per group (groups only in {@code later} count from 0). */
    static Map<String, Double> minus(Map<String, Double> later, Map<String, Double> earlier) {
        Map<String, Double> d = new HashMap<>();
        later.forEach((g, s) -> d.put(g, s - earlier.getOrDefault(g, 0.0)));
        return d;
    }
}
