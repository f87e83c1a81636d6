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

    /**
     * Adds {@code r} to the trail and reads it back: what is not on record did not happen, so the
     * callers refuse what they could not audit.
     *
     * @throws AuditFailure if the entry is not in the table afterwards (stream closed, table
     *                      dropped, a write error of the archive)
     */
    public void record(AuditRecord r) {
        log.info("AUDIT {} {} user={} spacecraft={} command={} id={}: {}", r.kind(), r.outcome(), r.user(),
                r.spacecraft(), r.command(), r.commandId(), r.reason());
        if (in.isClosed()) {
            throw new AuditFailure("the audit stream " + in.getName() + " is closed");
        }
        long rectime = TimeEncoding.fromUnixMillisec(r.time().toEpochMilli());
        int seq = seqNum.getAndIncrement();
        Tuple t = new Tuple(COLUMNS, new Object[] { rectime, seq, r.kind().name(), r.user(), r.spacecraft(),
                r.command(), r.commandId(), r.outcome().name(), r.reason() });
        try {
            in.emitTuple(t);
        } catch (RuntimeException e) {
            throw new AuditFailure("the archive did not take the entry (" + e + ")");
        }
        if (!stored(rectime, seq, r)) {
            throw new AuditFailure("the entry is not in table " + TABLE + " after the write");
        }
    }

    private boolean stored(long rectime, int seq, AuditRecord r) {
        SqlBuilder sql = new SqlBuilder(TABLE).select("*").whereColAfterOrEqual("rectime", rectime)
                .whereColBefore("rectime", rectime + 1).where("seqNum = ?", seq);
        try {
            var result = ydb.execute(sql.toString(), sql.getQueryArgumentsArray());
            try {
                while (result.hasNext()) {
                    AuditRecord back = fromTuple(result.next());
                    if (back.commandId().equals(r.commandId()) && back.reason().equals(r.reason())) {
                        return true;
                    }
                }
                return false;
            } finally {
                result.close();
            }
        } catch (StreamSqlException | ParseException | RuntimeException e) {
            throw new AuditFailure("cannot read the entry back from " + TABLE + " (" + e.getMessage() + ")");
        }
    }

    /** The audit trail could not record an entry: what it was about must not happen. */
    public static final class AuditFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AuditFailure(String why) {
            super("the audit trail could not record it: " + why);
        }
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
