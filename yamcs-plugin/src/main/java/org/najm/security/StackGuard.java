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
 * The displays operators save ({@value #DISPLAYS}) follow the same rule, so that no partner changes what
 * another's operators look at (kind {@code BUCKET}); the displays shipped with the MOC ({@value #SHIPPED})
 * are changed in the repository only: no one writes or deletes them through the API. Other buckets (a
 * user's own, those an administrator creates) are Yamcs' business.
 * <p>
 * Yamcs' bucket access rules (per role, globs) cannot say this: roles are not per partner, and the
 * administrator's ManageAnyBucket passes them.
 */
public final class StackGuard {

    static final String BUCKET = "stacks";
    static final String DISPLAYS = "displays";
    static final String SHIPPED = "najm-displays";

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
        String bucket = r.getBucketName();
        if (BUCKET.equals(bucket) || DISPLAYS.equals(bucket) || SHIPPED.equals(bucket)) {
            String user = call.ctx().user.getName();
            throw scope.refuse(BUCKET.equals(bucket) ? Kind.STACK : Kind.BUCKET, user, "", "delete bucket " + bucket,
                    "the bucket " + bucket + " holds every partner's " + (BUCKET.equals(bucket) ? "command stacks"
                            : "displays") + ": it is not deleted");
        }
        call.proceed();
    }

    private void check(Call call, String bucket, String object, String action) {
        String user = call.ctx().user.getName();
        if (SHIPPED.equals(bucket)) {
            throw scope.refuse(Kind.BUCKET, user, "", action.replace("stack", "display") + " " + SHIPPED + "/"
                    + object, "the displays of " + SHIPPED + " are shipped with the MOC: they change in the"
                            + " repository, not through the API");
        }
        boolean stacks = BUCKET.equals(bucket);
        if (!stacks && !DISPLAYS.equals(bucket)) {
            call.proceed();
            return;
        }
        Kind kind = stacks ? Kind.STACK : Kind.BUCKET;
        String things = stacks ? "command stacks" : "displays";
        String what = (stacks ? action : action.replace("stack", "display")) + " " + bucket + "/" + object;
        Partner partner = scope.partnerOf(user);
        String folder = partner == null ? null : partner.id() + "/";
        String normal = object == null ? "" : object.replaceAll("/+", "/").replaceFirst("^/", "");
        if (partner == null) {
            throw scope.refuse(kind, user, "", what, user + " is not an operator of any partner: only a"
                    + " partner's operators and leads write " + things + ", each in its partner's folder");
        }
        if (!normal.startsWith(folder) || normal.contains("..") || normal.length() == folder.length()) {
            throw scope.refuse(kind, user, "", what, user + " operates for " + partner.id() + ": its "
                    + (stacks ? "stacks" : "displays") + " are " + bucket + "/" + folder + "..., not " + object);
        }
        scope.allow(kind, user, "", what, user + " operates for " + partner.id());
        call.proceed();
    }
}
