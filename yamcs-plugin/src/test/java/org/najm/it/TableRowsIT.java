package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.context.TableRows;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.YarchDatabaseInstance;

/**
 * Selects of more rows than Yamcs' synchronous result queue holds (1,024), on the real server's tables: all of
 * them come back (the automation's archive check and the science re-delivery read whole dumps this way).
 */
class TableRowsIT extends InContactTest {

    @Test
    void everyRowOfALargeSelect() throws Exception {
        YarchDatabaseInstance ydb = YarchDatabase.getInstance(sys.instance());
        String table = "najm_test_rows_" + System.nanoTime();
        ydb.execute("create table " + table + " (x int, primary key(x))");
        ydb.execute("create stream " + table + "_in (x int)");
        ydb.execute("insert into " + table + " select * from " + table + "_in");
        Stream in = ydb.getStream(table + "_in");
        int n = 20_000;
        for (int x = 0; x < n; x++) {
            in.emitTuple(new Tuple(in.getDefinition(), new Object[] {x}));
        }
        List<Integer> rows = TableRows.select(ydb, t -> (Integer) t.getColumn("x"),
                "select x from " + table + " where x >= ?", 0);
        assertEquals(n, rows.size(), "rows read back");
        assertEquals(n - 1, rows.get(n - 1), "in key order, the last one last");
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> TableRows.select(ydb, t -> t, "select nothing from " + table + "_missing"));
        assertTrue(bad.getMessage().contains(table + "_missing"), bad.getMessage());
    }
}
