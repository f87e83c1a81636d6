package org.najm.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.yamcs.timeline.Criteria;
import org.yamcs.timeline.ItemReceiver;
import org.yamcs.timeline.TimelineItem;
import org.yamcs.timeline.TimelineItemDb;

/**
 * The items of a Yamcs timeline that match some criteria, read to the end with a deadline: Yamcs hands them to a
 * receiver on its reader thread, and a reader that never completes must not hang the caller ({@link ReadDeadline}).
 */
public final class TimelineItems {

    /** More items than any NAJM timeline holds in a query's interval. */
    static final int LIMIT = 100_000;

    private TimelineItems() {
    }

    /**
     * Every item of {@code db} matching {@code criteria}.
     *
     * @throws IllegalStateException when the items cannot be read, or not within {@link ReadDeadline#TIMEOUT}
     */
    public static List<TimelineItem> read(TimelineItemDb db, Criteria criteria) {
        List<TimelineItem> items = new ArrayList<>(); // the reader thread's alone until complete()
        CompletableFuture<List<TimelineItem>> done = new CompletableFuture<>();
        db.getItems(LIMIT, null, criteria, new ItemReceiver() {
            @Override
            public void next(TimelineItem item) {
                items.add(item);
            }

            @Override
            public void complete(String token) {
                done.complete(items);
            }

            @Override
            public void completeExceptionally(Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return ReadDeadline.await(done, "the timeline's items");
    }
}
