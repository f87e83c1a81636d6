package org.najm.commanding;

import java.util.Collections;
import java.util.HashMap;

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
 */
public class TcAckStageVerifier extends AbstractAlgorithmExecutor {

    private static final AlgorithmExecutionResult NO_RESULT = new AlgorithmExecutionResult(Collections.emptyList());
    private static final int SEQ_MASK = 0x3FFF;

    private final int stage;
    private final int apid;

    public TcAckStageVerifier(Algorithm def, AlgorithmExecutionContext ctx, HashMap<String, Object> args) {
        super(def, ctx);
        YConfiguration c = YConfiguration.wrap(args);
        stage = c.getInt("stage");
        apid = c.getInt("apid", 1000);
    }

    @Override
    public AlgorithmExecutionResult execute(long acqTime, long genTime, ProcessingContext pctx) {
        for (int i = 0; i < 5; i++) {
            if (inputValues.get(i) == null) {
                return NO_RESULT;
            }
        }
        int sentSeq = inputValues.get(0).getEngValue().getSint32Value();
        int ackApid = raw(inputValues.get(1));
        int ackSeq = raw(inputValues.get(2));
        int ackStage = raw(inputValues.get(3));
        RawEngValue result = inputValues.get(4);

        if (ackApid != apid || (ackSeq & SEQ_MASK) != (sentSeq & SEQ_MASK) || ackStage != stage) {
            return NO_RESULT;
        }
        VerificationResult verdict = raw(result) == 0 ? VerificationResult.SUCCESS
                : new VerificationResult(false, "TC_ACK stage " + stage + ": " + result.getEngValue());
        return new AlgorithmExecutionResult(inputValues, verdict, Collections.emptyList());
    }

    private static int raw(RawEngValue v) {
        return (int) v.getRawValue().getUint32Value();
    }
}
