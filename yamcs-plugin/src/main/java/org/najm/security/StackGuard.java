package org.najm.security;

import org.najm.audit.AuditRecord.Kind;
import org.najm.constellation.Partner;
import org.najm.http.GuardedApi;
import org.najm.http.GuardedApi.Call;
import org.yamcs.http.HttpServer;
import org.yamcs.protobuf.DeleteBucketRequest;
import org.yamcs.protobuf.DeleteObjectRequest;
import org.yamcs.protobuf.UploadObjectRequest;

/**
 * The command stacks bucket ({@value #BUCKET}) is split per partner: a partner's operators and leads
 * write and delete stacks in the folder named after the partner ({@code alpha/...}) and nowhere else,
 * so that no one rewrites a stack another partner's operator runs (whose commands would then go out
 * as that operator's). Everyone reads every stack. The bucket itself is not deleted. Every write and
 * refusal is audited (kind {@code STACK}).
 * <p>
 * Yamcs' bucket access rules (per role, globs) cannot say this: roles are not per partner, and the
 * administrator's ManageAnyBucket passes them.
 */
public final class StackGuard {

    static final String BUCKET = "stacks";

    private final PartnerScope scope;

    StackGuard(PartnerScope scope) {
        this.scope = scope;
    }

    public static void install(HttpServer http, PartnerScope scope) {
        var guard = new StackGuard(scope);
        GuardedApi.install(http, "yamcs.protobuf.buckets.BucketsApi")
                .guard("UploadObject", guard::upload)
                .guard("DeleteObject", guard::delete)
                .guard("DeleteBucket", guard::deleteBucket);
    }

    private void upload(Call call) {
        var r = (UploadObjectRequest) call.request();
        String name = r.hasObjectName() ? r.getObjectName() : r.getData().getFilename();
        check(call, r.getBucketName(), name, "write stack");
    }

    private void delete(Call call) {
        var r = (DeleteObjectRequest) call.request();
        check(call, r.getBucketName(), r.getObjectName(), "delete stack");
    }

    private void deleteBucket(Call call) {
        var r = (DeleteBucketRequest) call.request();
        if (BUCKET.equals(r.getBucketName())) {
            String user = call.ctx().user.getName();
            throw scope.refuse(Kind.STACK, user, "", "delete bucket " + BUCKET, "the bucket " + BUCKET
                    + " holds every partner's command stacks: it is not deleted");
        }
        call.proceed();
    }

    private void check(Call call, String bucket, String object, String action) {
        if (!BUCKET.equals(bucket)) {
            call.proceed();
            return;
        }
        String user = call.ctx().user.getName();
        String what = action + " " + BUCKET + "/" + object;
        Partner partner = scope.partnerOf(user);
        String folder = partner == null ? null : partner.id() + "/";
        String normal = object == null ? "" : object.replaceAll("/+", "/").replaceFirst("^/", "");
        if (partner == null) {
            throw scope.refuse(Kind.STACK, user, "", what, user + " is not an operator of any partner: only a"
                    + " partner's operators and leads write command stacks, each in its partner's folder");
        }
        if (!normal.startsWith(folder) || normal.contains("..") || normal.length() == folder.length()) {
            throw scope.refuse(Kind.STACK, user, "", what, user + " operates for " + partner.id() + ": its stacks"
                    + " are " + BUCKET + "/" + folder + "..., not " + object);
        }
        scope.allow(Kind.STACK, user, "", what, user + " operates for " + partner.id());
        call.proceed();
    }
}
