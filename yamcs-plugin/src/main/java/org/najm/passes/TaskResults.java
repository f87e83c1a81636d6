package org.najm.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for the tasks of one prediction on its pool. */
final class TaskResults {

    private TaskResults() {
    }

    /**
     * The results in order; a task's runtime exception is rethrown as it is (an Orekit error reads the same as
     * on one thread), any other failure or an interruption as an {@link IllegalStateException}.
     */
    static <T> List<T> waitAll(List<Future<T>> futures) {
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pass prediction interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }
}
