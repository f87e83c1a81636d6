package org.najm.automation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.yamcs.YamcsServer;
import org.yamcs.logging.Log;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.utils.parser.ParseException;
import org.yamcs.yarch.DataType;
import org.yamcs.yarch.SqlBuilder;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.TupleDefinition;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.YarchDatabaseInstance;
import org.yamcs.yarch.streamsql.StreamSqlException;

/**
 * The contact reports, kept in the Yamcs archive like the audit trail: the table {@value #TABLE} of the
 * _global instance, one row per contact (planned AOS, spacecraft), the report in its proto form.
 */
final class ReportStore {

    static final String TABLE = "najm_contact_reports";
    private static final Log log = new Log(ReportStore.class);
    private static final TupleDefinition COLUMNS = new TupleDefinition();
    static {
        COLUMNS.addColumn("aos", DataType.TIMESTAMP);
        COLUMNS.addColumn("spacecraft", DataType.STRING);
        COLUMNS.addColumn("station", DataType.STRING);
        COLUMNS.addColumn("outcome", DataType.STRING);
        COLUMNS.addColumn("report", DataType.BINARY);
    }

    private static ReportStore global;

    private final YarchDatabaseInstance ydb;
    private final Stream in;

    private ReportStore(YarchDatabaseInstance ydb) throws StreamSqlException, ParseException {
        this.ydb = ydb;
        String stream = TABLE + "_in";
        if (ydb.getTable(TABLE) == null) {
            ydb.execute("create table " + TABLE + "(" + COLUMNS.getStringDefinition1()
                    + ", primary key(aos, spacecraft))");
        }
        if (ydb.getStream(stream) == null) {
            ydb.execute("create stream " + stream + COLUMNS.getStringDefinition());
            ydb.execute("upsert into " + TABLE + " select * from " + stream);
        }
        in = ydb.getStream(stream);
    }

    /** The store of the running Yamcs server. */
    static synchronized ReportStore global() {
        YarchDatabaseInstance ydb = YarchDatabase.getInstance(YamcsServer.GLOBAL_INSTANCE);
        if (global == null || global.ydb != ydb) {
            try {
                global = new ReportStore(ydb);
            } catch (StreamSqlException | ParseException e) {
                throw new IllegalStateException("Cannot open the table " + TABLE + ": " + e.getMessage(), e);
            }
        }
        return global;
    }

    void save(ContactReport r) {
        in.emitTuple(new Tuple(COLUMNS, new Object[] { TimeEncoding.fromJavaInstant(r.plannedAos()), r.spacecraft(),
                r.station(), r.outcome().name(), ReportCodec.toBytes(r) }));
    }

    /** Newest first, by planned AOS in [start, stop); null filters are not applied. */
    List<ContactReport> list(String spacecraft, Instant start, Instant stop, int limit) {
        SqlBuilder sql = new SqlBuilder(TABLE).select("*");
        if (start != null) {
            sql.whereColAfterOrEqual("aos", TimeEncoding.fromJavaInstant(start));
        }
        if (stop != null) {
            sql.whereColBefore("aos", TimeEncoding.fromJavaInstant(stop));
        }
        if (spacecraft != null) {
            sql.where("spacecraft = ?", spacecraft);
        }
        sql.descend(true).limit(limit);
        List<ContactReport> reports = new ArrayList<>();
        try {
            var result = ydb.execute(sql.toString(), sql.getQueryArgumentsArray());
            try {
                while (result.hasNext()) {
                    Tuple t = result.next();
                    try {
                        reports.add(ReportCodec.fromBytes((byte[]) t.getColumn("report")));
                    } catch (IllegalArgumentException e) {
                        log.warn("Contact report of {} at {} unreadable: {}", t.getColumn("spacecraft"),
                                TimeEncoding.toString(t.getTimestampColumn("aos")), e.getMessage());
                    }
                }
            } finally {
                result.close();
            }
        } catch (StreamSqlException | ParseException e) {
            throw new IllegalStateException("Cannot read the table " + TABLE + ": " + e.getMessage(), e);
        }
        return reports;
    }
}
