package org.najm.commanding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;

import org.yamcs.YConfiguration;
import org.yamcs.algorithms.AbstractAlgorithmExecutor;
import org.yamcs.algorithms.AlgorithmExecutionContext;
import org.yamcs.algorithms.AlgorithmExecutionResult;
import org.yamcs.commanding.VerificationResult;
import org.yamcs.mdb.ProcessingContext;
import org.yamcs.parameter.RawEngValue;
import org.yamcs.xtce.Algorithm;
import org.yamcs.xtce.InputParameter;
import org.yamcs.xtce.ParameterInstanceRef;

/**
 * Verifies one ICD verification stage (1 ACCEPTED, 2 STARTED, 3 COMPLETED) of a command from
 * the TC_ACK packets (APID 300): the ack belongs to the command when its tc_apid and tc_seq are
 * the command's APID and CCSDS sequence count.
 *
 * <p>Inputs, in this order: sentSeq (/yamcs/cmdHist/ccsds-seqcount), ackApid, ackSeq, ackStage,
 * ackResult. Argument: {@code stage}; optional {@code apid} (default 1000).
 *
 * <p>Two threads drive a verifier: the TM link's, with each TC_ACK packet, and the one that
 * publishes the command's history (COP-1's, for the Sent acknowledgement that the CLCW of the
 * frame carrying the acks triggers). Yamcs calls {@link #update} and then {@link #execute} with no
 * lock across both, and an update from command history re-reads the ack inputs from the last
 * value cache, which still holds the previous TC_ACK. So the ack is taken in {@code update}, under
 * the executor's lock and only from the packet being processed, and execute reports what update
 * decided, once. Acks that arrive before the sequence count is known are kept until it is. An ack
 * that was only in the cache when the verifier started answers an earlier command (Yamcs starts
 * verifiers before it releases the command) and never counts.
 */
public class TcAckStageVerifier extends AbstractAlgorithmExecutor {

    private static final AlgorithmExecutionResult NO_RESULT = new AlgorithmExecutionResult(Collections.emptyList());
    private static final int SEQ_MASK = 0x3FFF;
    private static final int SENT_SEQ = 0;
    private static final int FIRST_ACK_INPUT = 1;
    private static final int ACK_INPUTS = 4;

    /** Acks of this stage kept until the sequence count is known, at most this many (the newest). */
    private static final int MAX_EARLY_ACKS = 64;

    private final int stage;
    private final int apid;
    private final Deque<Ack> earlyAcks = new ArrayDeque<>();
    private Integer sentSeq;
    /** Decided by update, handed over by the next execute; reported once. */
    private VerificationResult verdict;
    private boolean reported;

    public TcAckStageVerifier(Algorithm def, AlgorithmExecutionContext ctx, HashMap<String, Object> args) {
        super(def, ctx);
        YConfiguration c = YConfiguration.wrap(args);
        stage = c.getInt("stage");
        apid = c.getInt("apid", 1000);
    }

    @Override
    public synchronized boolean update(ProcessingContext pctx) {
        super.update(pctx);
        if (verdict != null) {
            return !reported;
        }
        if (sentSeq == null && inputValues.get(SENT_SEQ) != null) {
            sentSeq = inputValues.get(SENT_SEQ).getEngValue().getSint32Value() & SEQ_MASK;
        }
        Ack ack = ackIn(pctx);
        if (ack != null && ack.apid() == apid && ack.stage() == stage && !earlyAcks.contains(ack)) {
            if (earlyAcks.size() == MAX_EARLY_ACKS) {
                earlyAcks.removeFirst();
            }
            earlyAcks.addLast(ack);
        }
        if (sentSeq != null) {
            for (Ack a : earlyAcks) {
                if (a.seq() == sentSeq) {
                    verdict = a.verdict(stage);
                    break;
                }
            }
            earlyAcks.clear(); // the sequence count is known: an ack kept for another one never matches
        }
        return verdict != null;
    }

    @Override
    public synchronized AlgorithmExecutionResult execute(long acqTime, long genTime, ProcessingContext pctx) {
        if (verdict == null || reported) {
            return NO_RESULT;
        }
        reported = true;
        return new AlgorithmExecutionResult(new ArrayList<>(inputValues), verdict, Collections.emptyList());
    }

    /**
     * The TC_ACK in this delivery, or null if it carries none: values that the delivery does not
     * update come from the last value cache, i.e. from an earlier ack.
     */
    private Ack ackIn(ProcessingContext pctx) {
        List<InputParameter> inputs = algorithmDef.getInputList();
        RawEngValue[] v = new RawEngValue[ACK_INPUTS];
        for (int i = 0; i < ACK_INPUTS; i++) {
            ParameterInstanceRef ref = inputs.get(FIRST_ACK_INPUT + i).getParameterInstance();
            if (!pctx.containsUpdate(ref.getParameter())) {
                return null;
            }
            v[i] = getInputParameter(pctx, ref);
            if (v[i] == null) {
                return null;
            }
        }
        return new Ack(raw(v[0]), raw(v[1]) & SEQ_MASK, raw(v[2]), raw(v[3]), v[3].getEngValue().toString());
    }

    /** One TC_ACK of this verifier's stage; {@code resultName} is the ICD name of the result. */
    private record Ack(int apid, int seq, int stage, int result, String resultName) {

        VerificationResult verdict(int stage) {
            return result == 0 ? VerificationResult.SUCCESS
                    : new VerificationResult(false, "TC_ACK stage " + stage + ": " + resultName);
        }
    }

    private static int raw(RawEngValue v) {
        return (int) v.getRawValue().getUint32Value();
    }
}
