package org.najm.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabaseInstance;
import org.yamcs.yarch.streamsql.ResultListener;

/**
 * Every row of a select on a Yamcs table. Yamcs' {@code execute(query)} result is a queue of 1,024 rows that the
 * table's reader thread fills without waiting: a larger result kills the reader ("Queue full") before the end
 * mark, and the caller then waits for ever. Here the rows go to a listener on the reader's thread instead, and
 * the caller waits for the end with a deadline.
 */
public final class TableRows {

    private TableRows() {
    }

    /**
     * The rows of {@code sql} (a select with {@code ?} arguments), each mapped by {@code row} on the reader thread.
     *
     * @throws IllegalStateException when the query is wrong, the table cannot be read, a row cannot be mapped, or
     *                               the reading takes longer than {@link ReadDeadline#TIMEOUT}
     */
    public static <T> List<T> select(YarchDatabaseInstance ydb, Function<Tuple, T> row, String sql, Object... args) {
        CompletableFuture<List<T>> done = new CompletableFuture<>();
        List<T> rows = new ArrayList<>(); // the reader thread's alone until complete() hands it over
        try {
            ydb.execute(ydb.createStatement(sql, args), new ResultListener() {
                @Override
                public void next(Tuple tuple) {
                    if (done.isDone()) {
                        return;
                    }
                    try {
                        rows.add(row.apply(tuple));
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                }

                @Override
                public void completeExceptionally(Throwable t) {
                    done.completeExceptionally(t);
                }

                @Override
                public void complete() {
                    done.complete(rows);
                }
            });
        } catch (Exception e) { // the parser's and the engine's checked exceptions
            throw new IllegalStateException("cannot read " + ydb.getName() + ": " + sql + ": " + e, e);
        }
        return ReadDeadline.await(done, ydb.getName() + ": " + sql);
    }
}
