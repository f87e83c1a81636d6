package org.najm.science.neo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of the NEO score against the truth of a simulated sample: ROC area under the curve, true- and
 * false-positive rates at a threshold, the confusion between orbit classes and the time per tracklet. Shared by
 * the validation test and the benchmark.
 */
public final class NeoValidation {

    /** One scored tracklet: its true class, the assessment and how long the assessment took. */
    public record Scored(OrbitClass truth, NeoAssessment assessment, long nanos) {
    }

    private final List<Scored> samples;

    public NeoValidation(List<Scored> samples) {
        this.samples = List.copyOf(samples);
    }

    public int size() {
        return samples.size();
    }

    public long neos() {
        return samples.stream().filter(s -> s.truth().isNeo()).count();
    }

    /**
     * The ROC area under the curve of the score for "is a NEO": the probability that a true NEO scores above a
     * non-NEO, ties counting half (Mann-Whitney).
     */
    public double auc() {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (Scored s : samples) {
            (s.truth().isNeo() ? pos : neg).add(s.assessment().score());
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            throw new IllegalStateException("AUC needs NEOs and others: " + pos.size() + " and " + neg.size());
        }
        neg.sort(null);
        double wins = 0;
        for (double p : pos) {
            int below = lowerBound(neg, p);
            int upTo = upperBound(neg, p);
            wins += below + 0.5 * (upTo - below);
        }
        return wins / ((double) pos.size() * neg.size());
    }

    /** True-positive rate at the threshold: NEOs scoring at least it, over NEOs. */
    public double tpr(double threshold) {
        return rate(true, threshold);
    }

    /** False-positive rate at the threshold: non-NEOs scoring at least it, over non-NEOs. */
    public double fpr(double threshold) {
        return rate(false, threshold);
    }

    private double rate(boolean neo, double threshold) {
        long n = 0;
        long above = 0;
        for (Scored s : samples) {
            if (s.truth().isNeo() == neo) {
                n++;
                if (s.assessment().score() >= threshold) {
                    above++;
                }
            }
        }
        return n == 0 ? Double.NaN : above / (double) n;
    }

    /** Counts of true class (rows) against most likely class (columns). */
    public Map<OrbitClass, Map<OrbitClass, Long>> confusion() {
        Map<OrbitClass, Map<OrbitClass, Long>> m = new EnumMap<>(OrbitClass.class);
        for (Scored s : samples) {
            m.computeIfAbsent(s.truth(), k -> new EnumMap<>(OrbitClass.class))
                    .merge(s.assessment().orbitClass(), 1L, Long::sum);
        }
        return m;
    }

    /** The confusion matrix as a text table. */
    public String confusionTable() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-9s", "true\\est"));
        for (OrbitClass c : OrbitClass.values()) {
            b.append(String.format(Locale.ROOT, "%9s", c));
        }
        b.append(String.format(Locale.ROOT, "%9s%n", "correct"));
        for (var row : confusion().entrySet()) {
            b.append(String.format(Locale.ROOT, "%-9s", row.getKey()));
            long total = 0;
            for (OrbitClass c : OrbitClass.values()) {
                long n = row.getValue().getOrDefault(c, 0L);
                total += n;
                b.append(String.format(Locale.ROOT, "%9d", n));
            }
            b.append(String.format(Locale.ROOT, "%8.1f%%%n",
                    100.0 * row.getValue().getOrDefault(row.getKey(), 0L) / total));
        }
        return b.toString();
    }

    /** Nearest-rank percentile of the time per tracklet, ms. */
    public double millisPercentile(double p) {
        long[] ns = samples.stream().mapToLong(Scored::nanos).sorted().toArray();
        int rank = (int) Math.ceil(p * ns.length);
        return ns[Math.max(0, Math.min(ns.length - 1, rank - 1))] / 1e6;
    }

    private static int lowerBound(List<Double> sorted, double v) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid) < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(List<Double> sorted, double v) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid) <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
