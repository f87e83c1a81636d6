package org.najm.audit;

import static org.yamcs.utils.TimeEncoding.fromJavaInstant;
import static org.yamcs.utils.TimeEncoding.fromProtobufTimestamp;
import static org.yamcs.utils.TimeEncoding.toJavaInstant;
import static org.yamcs.utils.TimeEncoding.toProtobufTimestamp;

import org.najm.api.AbstractAuditApi;
import org.najm.api.AuditRecordInfo;
import org.najm.api.ListAuditRecordsRequest;
import org.najm.api.ListAuditRecordsResponse;
import org.najm.http.NajmPrivileges;
import org.yamcs.api.Observer;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.Context;


/** The audit trail over HTTP (security.proto), for holders of the ReadAudit privilege. */
public final class AuditApi extends AbstractAuditApi<Context> {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Override
    public void listAuditRecords(Context ctx, ListAuditRecordsRequest request,
            Observer<ListAuditRecordsResponse> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.READ_AUDIT);
        int limit = request.hasLimit() ? request.getLimit() : DEFAULT_LIMIT;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        var records = AuditTrail.global().list(
                request.hasStart() ? toJavaInstant(fromProtobufTimestamp(request.getStart())) : null,
                request.hasStop() ? toJavaInstant(fromProtobufTimestamp(request.getStop())) : null,
                request.hasUser() ? request.getUser() : null,
                request.hasSpacecraft() ? request.getSpacecraft() : null, limit);
        var response = ListAuditRecordsResponse.newBuilder();
        for (AuditRecord r : records) {
            response.addRecords(AuditRecordInfo.newBuilder()
                    .setTime(toProtobufTimestamp(fromJavaInstant(r.time())))
                    .setKind(r.kind().name()).setUser(r.user()).setSpacecraft(r.spacecraft()).setCommand(r.command())
                    .setCommandId(r.commandId()).setOutcome(r.outcome().name()).setReason(r.reason()));
        }
        observer.complete(response.build());
    }
}
