package org.najm.commanding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

import org.yamcs.YConfiguration;
import org.yamcs.algorithms.AbstractAlgorithmExecutor;
import org.yamcs.algorithms.AlgorithmExecutionContext;
import org.yamcs.algorithms.AlgorithmExecutionResult;
import org.yamcs.commanding.VerificationResult;
import org.yamcs.mdb.ProcessingContext;
import org.yamcs.parameter.RawEngValue;
import org.yamcs.xtce.Algorithm;

/**
 * Verifies one ICD verification stage (1 ACCEPTED, 2 STARTED, 3 COMPLETED) of a command from
 * the TC_ACK packets (APID 300): the ack belongs to the command when its tc_apid and tc_seq are
 * the command's APID and CCSDS sequence count.
 *
 * <p>Inputs, in this order: sentSeq (/yamcs/cmdHist/ccsds-seqcount), ackApid, ackSeq, ackStage,
 * ackResult. Argument: {@code stage}; optional {@code apid} (default 1000).
 *
 * <p>The spacecraft may answer before the command's sequence count reaches this verifier through
 * command history (a rejection comes back within milliseconds): acks seen meanwhile are kept,
 * and matched once the sequence count is known.
 */
public class TcAckStageVerifier extends AbstractAlgorithmExecutor {

    private static final AlgorithmExecutionResult NO_RESULT = new AlgorithmExecutionResult(Collections.emptyList());
    private static final int SEQ_MASK = 0x3FFF;

    /** Acks of this stage seen since the verifier started, at most this many (the newest). */
    private static final int MAX_EARLY_ACKS = 64;

    private final int stage;
    private final int apid;
    private final List<Ack> earlyAcks = new ArrayList<>();

    public TcAckStageVerifier(Algorithm def, AlgorithmExecutionContext ctx, HashMap<String, Object> args) {
        super(def, ctx);
        YConfiguration c = YConfiguration.wrap(args);
        stage = c.getInt("stage");
        apid = c.getInt("apid", 1000);
    }

    @Override
    public AlgorithmExecutionResult execute(long acqTime, long genTime, ProcessingContext pctx) {
        for (int i = 1; i < 5; i++) {
            if (inputValues.get(i) == null) {
                return NO_RESULT;
            }
        }
        Ack ack = new Ack(raw(inputValues.get(1)), raw(inputValues.get(2)), raw(inputValues.get(3)),
                inputValues.get(4));
        if (ack.apid() == apid && ack.stage() == stage && !earlyAcks.contains(ack)) {
            if (earlyAcks.size() == MAX_EARLY_ACKS) {
                earlyAcks.remove(0);
            }
            earlyAcks.add(ack);
        }
        if (inputValues.get(0) == null) {
            return NO_RESULT; // the sequence count is not known yet
        }
        int sentSeq = inputValues.get(0).getEngValue().getSint32Value() & SEQ_MASK;
        for (Ack a : earlyAcks) {
            if ((a.seq() & SEQ_MASK) == sentSeq) {
                VerificationResult verdict = raw(a.result()) == 0 ? VerificationResult.SUCCESS
                        : new VerificationResult(false, "TC_ACK stage " + stage + ": " + a.result().getEngValue());
                return new AlgorithmExecutionResult(inputValues, verdict, Collections.emptyList());
            }
        }
        return NO_RESULT;
    }

    /** One TC_ACK of this verifier's stage; the result compares by value. */
    private record Ack(int apid, int seq, int stage, RawEngValue result) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Ack a && a.apid == apid && a.seq == seq && a.stage == stage
                    && raw(a.result) == raw(result);
        }

        @Override
        public int hashCode() {
            return Objects.hash(apid, seq, stage, raw(result));
        }
    }

    private static int raw(RawEngValue v) {
        return (int) v.getRawValue().getUint32Value();
    }
}
