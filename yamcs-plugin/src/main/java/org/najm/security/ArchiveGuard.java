package org.najm.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.constellation.Constellation;
import org.najm.http.GuardedApi;
import org.najm.http.GuardedApi.Call;
import org.yamcs.ConfigurationException;
import org.yamcs.StreamConfig;
import org.yamcs.YamcsServer;
import org.yamcs.StreamConfig.StandardStreamType;
import org.yamcs.api.Observer;
import org.yamcs.http.Context;
import org.yamcs.http.ForbiddenException;
import org.yamcs.http.HttpServer;
import org.yamcs.logging.Log;
import org.yamcs.protobuf.Table.ExecuteSqlRequest;
import org.yamcs.protobuf.Table.WriteRowsRequest;
import org.yamcs.utils.parser.ParseException;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.streamsql.DescribeStatement;
import org.yamcs.yarch.streamsql.SelectTableStatement;
import org.yamcs.yarch.streamsql.ShowDatabasesStatement;
import org.yamcs.yarch.streamsql.ShowEnginesStatement;
import org.yamcs.yarch.streamsql.ShowSequencesStatement;
import org.yamcs.yarch.streamsql.ShowStreamStatement;
import org.yamcs.yarch.streamsql.ShowStreamsStatement;
import org.yamcs.yarch.streamsql.ShowTablesStatement;
import org.yamcs.yarch.streamsql.StreamSqlException;
import org.yamcs.yarch.streamsql.StreamSqlStatement;

import com.google.protobuf.Message;

/**
 * Nobody, whatever their Yamcs privileges (superusers included), writes through Yamcs' archive APIs
 * to a spacecraft's TC stream, to its command history or to the audit trail:
 * {@code POST /api/archive/{instance}:executeSql} (and its streaming twin) may read anything, but a
 * statement that changes something and names a TC stream ({@code INSERT INTO tc_realtime SELECT ...
 * FROM cmdhist}), the command history ({@code cmdhist}, its streams), the table {@value AuditTrail#TABLE}
 * or its input stream ({@code DELETE}, {@code DROP}, {@code ALTER ... RENAME}, {@code CLOSE STREAM})
 * is refused; so are table rows written to the audit table ({@code :writeRows}). Each refusal is
 * audited.
 * <p>
 * This guards the way in; the authority link guards the TC stream itself, whatever put a tuple on
 * it: only commands that Yamcs' command queues took in this run, each decided once, pass.
 */
public final class ArchiveGuard {

    private static final Log log = new Log(ArchiveGuard.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Statements that change nothing. */
    private static final Set<Class<?>> READS = Set.of(SelectTableStatement.class, DescribeStatement.class,
            ShowDatabasesStatement.class, ShowEnginesStatement.class, ShowSequencesStatement.class,
            ShowStreamStatement.class, ShowStreamsStatement.class, ShowTablesStatement.class);
    private static final int SHOWN = 500;

    private final Constellation constellation;

    ArchiveGuard(Constellation constellation) {
        this.constellation = constellation;
    }

    /** Guards Yamcs' table API in {@code http}. */
    public static void install(HttpServer http, Constellation constellation) {
        var guard = new ArchiveGuard(constellation);
        GuardedApi.install(http, "yamcs.protobuf.table.TableApi")
                .guard("ExecuteSql", guard::sql)
                .guard("ExecuteStreamingSql", guard::sql)
                .guardStream("WriteRows", guard::writeRows);
    }

    /**
     * The audit table and its stream, the command history table ({@code cmdhist}: the record of who sent what),
     * the template's TC and command history streams, and those of the running instances.
     */
    Set<String> protectedNames() {
        Set<String> names = new TreeSet<>(Set.of(AuditTrail.TABLE, AuditTrail.TABLE + "_in", "tc_realtime",
                "cmdhist", "cmdhist_realtime", "cmdhist_dump"));
        for (var sc : constellation.spacecraft()) {
            if (YamcsServer.getServer().getInstance(sc.instance()) == null) {
                continue;
            }
            try {
                for (var type : new StandardStreamType[] { StandardStreamType.TC, StandardStreamType.CMD_HIST }) {
                    StreamConfig.getInstance(sc.instance()).getStreamNames(type)
                            .forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
                }
            } catch (ConfigurationException e) {
                // not configured: the template's tc_realtime is protected all the same
            }
        }
        return names;
    }

    private void sql(Call call) {
        var request = (ExecuteSqlRequest) call.request();
        if (request.hasStatement()) {
            whyNot(request.getInstance(), request.getStatement()).ifPresent(why -> {
                throw refuse(call.ctx(), request.getInstance(), "SQL: " + shorten(request.getStatement()), why);
            });
        }
        call.proceed();
    }

    /** Why the SQL {@code statement} may not run in database {@code instance}, if so. */
    Optional<String> whyNot(String instance, String statement) {
        Set<String> named = protectedIn(statement);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        if (YarchDatabase.getDatabases().contains(instance)) {
            try {
                StreamSqlStatement parsed = YarchDatabase.getInstance(instance).createStatement(statement);
                if (READS.contains(parsed.getClass())) {
                    return Optional.empty();
                }
            } catch (ParseException | StreamSqlException | RuntimeException e) {
                // Refused below all the same: what cannot be read as a plain query is not let through.
            }
        }
        return Optional.of("no one changes " + String.join(", ", named) + " through SQL: TC streams take commands"
                + " from Yamcs' commanding only (the partner command authority), the command history records what"
                + " was sent, the audit trail only grows");
    }

    private Set<String> protectedIn(String statement) {
        Set<String> protectedNames = protectedNames();
        Set<String> found = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(statement);
        while (m.find()) {
            String id = m.group().toLowerCase(Locale.ROOT);
            if (protectedNames.contains(id)) {
                found.add(id);
            }
        }
        return found;
    }

    private Observer<Message> writeRows(Context ctx, Observer<Message> response, Supplier<Observer<Message>> yamcs) {
        Observer<Message> rows;
        try {
            rows = yamcs.get();
        } catch (ForbiddenException e) {
            audit(ctx, "", "write rows", e.getMessage());
            throw e;
        }
        return new Observer<>() {
            private boolean refused;

            @Override
            public void next(Message message) {
                if (refused) {
                    return;
                }
                var request = (WriteRowsRequest) message;
                if (protectedNames().contains(request.getTable().toLowerCase(Locale.ROOT))) {
                    refused = true;
                    response.completeExceptionally(refuse(ctx, request.getInstance(), "write rows to table "
                            + request.getTable(), "no one writes rows to " + request.getTable()
                                    + ": the audit trail only grows, TC streams take commands from Yamcs' commanding"
                                    + " only"));
                    return;
                }
                rows.next(message);
            }

            @Override
            public void completeExceptionally(Throwable t) {
                if (!refused) {
                    rows.completeExceptionally(t);
                }
            }

            @Override
            public void complete() {
                if (!refused) {
                    rows.complete();
                }
            }
        };
    }

    private ForbiddenException refuse(Context ctx, String instance, String what, String why) {
        audit(ctx, instance, what, why);
        return new ForbiddenException(why);
    }

    private void audit(Context ctx, String instance, String what, String why) {
        String spacecraft = constellation.spacecraftByInstance(instance).map(s -> s.name()).orElse(instance);
        try {
            AuditTrail.global().record(new AuditRecord(Instant.now(), Kind.ARCHIVE, ctx.user.getName(), spacecraft,
                    what, "", Outcome.REFUSED, why));
        } catch (RuntimeException e) {
            log.error("Could not audit the refused archive write of {} ({}): {}", ctx.user.getName(), what,
                    e.getMessage());
        }
    }

    private static String shorten(String s) {
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "...";
    }
}
