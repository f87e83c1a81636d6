package org.najm.bench;

import java.io.PrintStream;

/**
 * The main method of every benchmark: stdout carries only the report, which also goes to bench/results/;
 * what the run started is released after success or failure; the exit code says which it was.
 */
final class BenchMain {

    /** One benchmark as {@link BenchMain} runs it. */
    interface Benchmark {

        /** Measures, writing the report to {@code report}. */
        void run(Report report) throws Exception;

        /** Releases what {@link #run} started (servers, temporary files), also after a failure. */
        default void close() {
        }
    }

    private BenchMain() {
    }

    /**
     * Runs {@code bench}, saves its report as {@code resultName}-{date}.txt and exits: 0 when it finished, 1
     * after a failure (the stack trace on stderr). Exiting also ends what a run abandoned (a planner run over its
     * time limit).
     */
    static void run(String resultName, Report.Echo echo, Benchmark bench) {
        PrintStream stdout = System.out;
        System.setOut(System.err); // Yamcs prints some debug lines to System.out
        int rc = 0;
        try {
            // the repository root first: a run from elsewhere fails at once, not when saving its report
            Report report = new Report(stdout, echo, BenchSupport.repoRoot());
            bench.run(report);
            report.save(resultName);
        } catch (Throwable t) {
            t.printStackTrace();
            rc = 1;
        } finally {
            bench.close();
        }
        System.exit(rc);
    }
}
