package org.najm.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
 * The audit trail of every command attempt and every failed login, kept in the Yamcs archive: the
 * table {@value #TABLE} of the _global instance (one trail for the whole constellation, since a
 * login belongs to no spacecraft). Entries are only ever added.
 */
public final class AuditTrail {

    public static final String TABLE = "najm_audit";
    private static final Log log = new Log(AuditTrail.class);
    private static final TupleDefinition COLUMNS = new TupleDefinition();
    static {
        COLUMNS.addColumn("rectime", DataType.TIMESTAMP);
        COLUMNS.addColumn("seqNum", DataType.INT);
        COLUMNS.addColumn("kind", DataType.ENUM);
        COLUMNS.addColumn("username", DataType.STRING);
        COLUMNS.addColumn("spacecraft", DataType.STRING);
        COLUMNS.addColumn("command", DataType.STRING);
        COLUMNS.addColumn("commandId", DataType.STRING);
        COLUMNS.addColumn("outcome", DataType.ENUM);
        COLUMNS.addColumn("reason", DataType.STRING);
    }

    private static AuditTrail global;

    private final YarchDatabaseInstance ydb;
    private final Stream in;
    /** Tells apart entries of the same millisecond. */
    private final AtomicInteger seqNum = new AtomicInteger();

    private AuditTrail(YarchDatabaseInstance ydb) throws StreamSqlException, ParseException {
        this.ydb = ydb;
        String stream = TABLE + "_in";
        if (ydb.getTable(TABLE) == null) {
            ydb.execute("create table " + TABLE + "(" + COLUMNS.getStringDefinition1()
                    + ", primary key(rectime, seqNum))");
        }
        if (ydb.getStream(stream) == null) {
            ydb.execute("create stream " + stream + COLUMNS.getStringDefinition());
            ydb.execute("insert into " + TABLE + " select * from " + stream);
        }
        in = ydb.getStream(stream);
    }

    /** The trail of the running Yamcs server. */
    public static synchronized AuditTrail global() {
        YarchDatabaseInstance ydb = YarchDatabase.getInstance(YamcsServer.GLOBAL_INSTANCE);
        if (global == null || global.ydb != ydb) {
            try {
                global = new AuditTrail(ydb);
            } catch (StreamSqlException | ParseException e) {
                throw new IllegalStateException("Cannot open the audit table " + TABLE + ": " + e.getMessage(), e);
            }
        }
        return global;
    }

    public void record(AuditRecord r) {
        log.info("AUDIT {} {} user={} spacecraft={} command={} id={}: {}", r.kind(), r.outcome(), r.user(),
                r.spacecraft(), r.command(), r.commandId(), r.reason());
        Tuple t = new Tuple(COLUMNS, new Object[] { TimeEncoding.fromUnixMillisec(r.time().toEpochMilli()),
                seqNum.getAndIncrement(), r.kind().name(), r.user(), r.spacecraft(), r.command(), r.commandId(),
                r.outcome().name(), r.reason() });
        in.emitTuple(t);
    }

    /**
     * Entries from newest to oldest.
     *
     * @param user       only this user's, or null for all
     * @param spacecraft only those about this spacecraft, or null for all
     */
    public List<AuditRecord> list(Instant start, Instant stop, String user, String spacecraft, int limit) {
        SqlBuilder sql = new SqlBuilder(TABLE).select("*");
        if (start != null) {
            sql.whereColAfterOrEqual("rectime", TimeEncoding.fromUnixMillisec(start.toEpochMilli()));
        }
        if (stop != null) {
            sql.whereColBefore("rectime", TimeEncoding.fromUnixMillisec(stop.toEpochMilli()));
        }
        if (user != null) {
            sql.where("username = ?", user);
        }
        if (spacecraft != null) {
            sql.where("spacecraft = ?", spacecraft);
        }
        sql.descend(true).limit(limit);
        List<AuditRecord> records = new ArrayList<>();
        try {
            var result = ydb.execute(sql.toString(), sql.getQueryArgumentsArray());
            try {
                while (result.hasNext()) {
                    records.add(fromTuple(result.next()));
                }
            } finally {
                result.close();
            }
        } catch (StreamSqlException | ParseException e) {
            throw new IllegalStateException("Cannot read the audit table: " + e.getMessage(), e);
        }
        return records;
    }

    private static AuditRecord fromTuple(Tuple t) {
        return new AuditRecord(Instant.ofEpochMilli(TimeEncoding.toUnixMillisec(t.getTimestampColumn("rectime"))),
                AuditRecord.Kind.valueOf(t.getColumn("kind")), t.getColumn("username"), t.getColumn("spacecraft"),
                t.getColumn("command"), t.getColumn("commandId"), AuditRecord.Outcome.valueOf(t.getColumn("outcome")),
                t.getColumn("reason"));
    }
}
