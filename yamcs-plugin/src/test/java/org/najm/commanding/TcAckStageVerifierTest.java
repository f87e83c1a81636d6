package org.najm.commanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yamcs.ProcessorConfig;
import org.yamcs.YConfiguration;
import org.yamcs.algorithms.ActiveAlgorithm;
import org.yamcs.algorithms.AlgorithmExecListener;
import org.yamcs.algorithms.AlgorithmExecutionContext;
import org.yamcs.commanding.VerificationResult;
import org.yamcs.mdb.Mdb;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.mdb.ProcessingContext;
import org.yamcs.mdb.ProcessorData;
import org.yamcs.mdb.XtceTmExtractor;
import org.yamcs.parameter.LastValueCache;
import org.yamcs.parameter.ParameterValue;
import org.yamcs.parameter.ParameterValueList;
import org.yamcs.parameter.RawEngValue;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.utils.ValueUtility;
import org.yamcs.xtce.Algorithm;
import org.yamcs.xtce.CommandVerifier;
import org.yamcs.xtce.Parameter;

/**
 * The TC_ACK stage verifier on its own, with the verifier algorithms of mdb/najm.xml and TC_ACK
 * packets decoded by Yamcs' XTCE extractor, fed the way Yamcs 5.13.2 feeds a command verifier:
 * one {@link AlgorithmExecutionContext} per command, initial values when the verifier starts
 * (AlgorithmVerifier.doStart), command history updates with the command's parameter cache, TM
 * packets with the processor's last value cache, which is updated after the algorithms ran.
 */
class TcAckStageVerifierTest {

    static final int APID = 1000;
    static final int OK = 0;
    static final int NOT_ALLOWED_IN_MODE = 4;
    static final int ACCEPTED = 1;
    static final int STARTED = 2;
    static final int COMPLETED = 3;
    static final long NOW = 1_000_000L;

    static Mdb mdb;
    static ProcessorData processorData;

    /** The processor's last value cache: the TM values of the packets processed so far. */
    final LastValueCache lastValues = new LastValueCache();
    /** Verifiers in the order they were started: each TM packet reaches all of them (AlgorithmManager). */
    final List<Verification> active = new ArrayList<>();

    @BeforeAll
    static void loadMdb() {
        if (!TimeEncoding.isSetUp()) {
            TimeEncoding.setUp();
        }
        Map<String, Object> loader = new HashMap<>();
        loader.put("type", "xtce");
        loader.put("spec", "mdb/najm.xml"); // tests run from the repository root
        mdb = MdbFactory.createInstance(List.of(YConfiguration.wrap(loader)), false, false);
        processorData = new ProcessorData("test", mdb, new ProcessorConfig());
    }

    // ------------------------------------------------------------------ outcomes

    @Test
    void theAckOfTheSentSequenceCountVerifiesItsStageAndNoOtherAckDoes() {
        Verification complete = start(COMPLETED);
        complete.seqCount(39);
        tcAck(38, COMPLETED, OK); // previous command
        tcAck(39, ACCEPTED, OK);
        tcAck(39, STARTED, OK);
        tcAck(39, COMPLETED, OK, 2000); // another APID's command with the same count
        assertNull(complete.verdict());
        tcAck(39, COMPLETED, OK);
        assertTrue(complete.verdict().success);
    }

    @Test
    void earlyAckBeforeTheSequenceCountIsKnownCountsOnceItIs() {
        Verification accepted = start(ACCEPTED);
        tcAck(40, ACCEPTED, OK);
        tcAck(41, ACCEPTED, OK); // the command's own ack, before its count reached the verifier
        tcAck(42, ACCEPTED, OK);
        assertNull(accepted.verdict());
        accepted.seqCount(41);
        assertTrue(accepted.verdict().success);
    }

    @Test
    void earlyFailureIsKeptWithItsReason() {
        Verification accepted = start(ACCEPTED);
        tcAck(7, ACCEPTED, NOT_ALLOWED_IN_MODE);
        accepted.seqCount(7);
        assertFalse(accepted.verdict().success);
        assertEquals("TC_ACK stage 1: NOT_ALLOWED_IN_MODE", accepted.verdict().message);
    }

    @Test
    void ackAlreadyInTheCacheWhenTheVerifierStartsIsAnEarlierCommandsAndNeverCounts() {
        // Yamcs starts the verifiers before it releases the command: an ack received before that
        // answers an earlier command with the same count (14 bits: it wraps every 16384 commands).
        tcAck(5, COMPLETED, NOT_ALLOWED_IN_MODE);
        Verification complete = start(COMPLETED);
        complete.seqCount(5);
        complete.commandHistoryUpdate();
        assertNull(complete.verdict());
        tcAck(5, COMPLETED, OK);
        assertTrue(complete.verdict().success);
    }

    @Test
    void lateAckAfterHundredsOfOtherAcksStillVerifies() {
        Verification complete = start(COMPLETED);
        complete.seqCount(300);
        for (int seq = 301; seq < 500; seq++) {
            for (int stage = ACCEPTED; stage <= COMPLETED; stage++) {
                tcAck(seq, stage, OK);
            }
            complete.commandHistoryUpdate();
        }
        assertNull(complete.verdict());
        tcAck(300, COMPLETED, OK);
        assertTrue(complete.verdict().success);
    }

    @Test
    void duplicateAckGivesOneVerdict() {
        Verification complete = start(COMPLETED);
        tcAck(9, COMPLETED, OK);
        tcAck(9, COMPLETED, OK); // e.g. the acks of a frame that COP-1 retransmitted
        complete.seqCount(9);
        assertTrue(complete.verdict().success);
        // Yamcs removes the algorithm after its verdict, but another thread may already be in it.
        assertFalse(complete.verifier.update(tmContext(ackPacket(APID, 9, COMPLETED, OK))));
        assertFalse(complete.verifier.update(complete.seqCountContext(9)));
    }

    @Test
    void failedAckFailsTheStageWithTheIcdReason() {
        String[] reasons = { "OK", "BAD_OPCODE", "BAD_ARGUMENT", "BAD_CRC", "NOT_ALLOWED_IN_MODE", "FAILED" };
        for (int result = 1; result < reasons.length; result++) {
            active.clear();
            Verification accepted = start(ACCEPTED);
            accepted.seqCount(100 + result);
            tcAck(100 + result, ACCEPTED, result);
            assertFalse(accepted.verdict().success, reasons[result]);
            assertEquals("TC_ACK stage 1: " + reasons[result], accepted.verdict().message);
        }
    }

    @Test
    void threeStagesOfOneCommandEachTakeTheirOwnAck() {
        Verification accepted = start(ACCEPTED);
        Verification started = start(STARTED);
        Verification complete = start(COMPLETED);
        for (Verification v : active) {
            v.seqCount(21);
        }
        tcAck(21, ACCEPTED, OK);
        tcAck(21, STARTED, OK);
        tcAck(21, COMPLETED, NOT_ALLOWED_IN_MODE);
        assertTrue(accepted.verdict().success);
        assertTrue(started.verdict().success);
        assertEquals("TC_ACK stage 3: NOT_ALLOWED_IN_MODE", complete.verdict().message);
    }

    // ------------------------------------------------------------------ the race

    /**
     * The field defect, step by step: AlgorithmExecutionContext.process calls update, then
     * execute, with no lock across both. The TM link's thread updates the Complete verifier with
     * the command's COMPLETED ack; before it executes, COP-1's thread publishes the command's
     * Sent acknowledgement (triggered by the CLCW of the frame that carries the acks), and its
     * update re-reads the ack inputs from the last value cache, which still holds the STARTED ack.
     * The verifier used to read its inputs in execute, saw STARTED, and the command stayed
     * Complete: PENDING although its three acks were archived.
     */
    @Test
    void ackIsNotLostWhenACommandHistoryUpdateComesBetweenUpdateAndExecute() {
        Verification complete = start(COMPLETED);
        complete.seqCount(39);
        tcAck(39, ACCEPTED, OK);
        tcAck(39, STARTED, OK);

        ProcessingContext completedAck = tmContext(ackPacket(APID, 39, COMPLETED, OK));
        boolean run = complete.verifier.update(completedAck); // TM thread
        complete.verifier.update(complete.commandHistoryContext()); // COP-1 thread: Acknowledge_Sent
        Object verdict = run ? complete.verifier.execute(NOW, NOW, completedAck).getReturnValue() : null;
        lastValues.addAll(completedAck.getTmParams()); // TM thread, after the algorithms

        assertTrue(run, "the COMPLETED ack must make the verifier run");
        assertInstanceOf(VerificationResult.class, verdict);
        assertTrue(((VerificationResult) verdict).success);
    }

    /** The other order: the ack's update decides, COP-1's update in between must not undo it. */
    @Test
    void earlyAckIsNotLostWhenTheSequenceCountArrivesBetweenUpdateAndExecute() {
        Verification accepted = start(ACCEPTED);
        ProcessingContext ack = tmContext(ackPacket(APID, 44, ACCEPTED, OK));
        boolean tmRun = accepted.verifier.update(ack); // TM thread: count not known yet
        ProcessingContext seq = accepted.seqCountContext(44);
        boolean cmdRun = accepted.verifier.update(seq); // the thread that publishes the count
        Object first = cmdRun ? accepted.verifier.execute(NOW, NOW, seq).getReturnValue() : null;
        Object second = tmRun ? accepted.verifier.execute(NOW, NOW, ack).getReturnValue() : null;

        assertTrue(cmdRun);
        assertInstanceOf(VerificationResult.class, first);
        assertTrue(((VerificationResult) first).success);
        assertNull(second, "reported once");
    }

    // ------------------------------------------------------------------ harness

    /** One command's verifier of one stage, started as AlgorithmVerifier.doStart starts it. */
    final class Verification implements AlgorithmExecListener {
        final TcAckStageVerifier verifier;
        final Algorithm algorithm;
        final AlgorithmExecutionContext context;
        final Parameter sentSeq;
        /** The command's parameter cache (ActiveCommand): command history values seen so far. */
        final LastValueCache cmdParams = new LastValueCache();
        final List<VerificationResult> verdicts = new ArrayList<>();

        Verification(int stage) {
            CommandVerifier cv = mdb.getMetaCommand("/NAJM/ccsds_tc").getCommandVerifiers(false).get(stage - 1);
            algorithm = cv.getAlgorithm();
            sentSeq = algorithm.getInputList().get(0).getParameterInstance().getParameter();
            context = new AlgorithmExecutionContext("test", processorData, 10);
            HashMap<String, Object> args = new HashMap<>(Map.of("stage", stage));
            verifier = new TcAckStageVerifier(algorithm, context, args);
            ActiveAlgorithm activeAlgorithm = new ActiveAlgorithm(algorithm, context, verifier);
            context.addAlgorithm(activeAlgorithm);
            activeAlgorithm.addExecListener(this);
            context.process(NOW, ProcessingContext.createInitial(lastValues, Map.of(), cmdParams, NOW));
        }

        /** The postprocessor publishes the command's ccsds-seqcount. */
        void seqCount(int seq) {
            deliver(seqCountContext(seq));
        }

        /** Any other command history update (Sent, Queued, station...): none is an input. */
        void commandHistoryUpdate() {
            deliver(commandHistoryContext());
        }

        ProcessingContext seqCountContext(int seq) {
            ProcessingContext p = commandHistoryContext();
            ParameterValue pv = new ParameterValue(sentSeq);
            pv.setEngValue(ValueUtility.getSint32Value(seq));
            p.addCmdParam(pv);
            return p;
        }

        ProcessingContext commandHistoryContext() {
            return ProcessingContext.createForCmdProcessing(lastValues, Map.of(), cmdParams, NOW);
        }

        private void deliver(ProcessingContext p) {
            context.process(NOW, p);
            cmdParams.addAll(p.getCmdParams());
        }

        VerificationResult verdict() {
            assertTrue(verdicts.size() <= 1, "one verdict at most: " + verdicts);
            return verdicts.isEmpty() ? null : verdicts.get(0);
        }

        @Override
        public void algorithmRun(List<RawEngValue> inputValues, Object returnValue, List<ParameterValue> outputs) {
            if (returnValue != null) {
                verdicts.add((VerificationResult) returnValue);
                context.removeAlgorithm(algorithm); // as AlgorithmVerifier.algorithmRun does
            }
        }

        @Override
        public void algorithmError(List<RawEngValue> inputValues, String errorMsg) {
            fail("verifier error: " + errorMsg);
        }
    }

    Verification start(int stage) {
        Verification v = new Verification(stage);
        active.add(v);
        return v;
    }

    /** A TC_ACK packet for a command of APID 1000 processed as the realtime processor does. */
    void tcAck(int seq, int stage, int result) {
        tcAck(seq, stage, result, APID);
    }

    void tcAck(int seq, int stage, int result, int apid) {
        ProcessingContext p = tmContext(ackPacket(apid, seq, stage, result));
        for (Verification v : active) {
            v.context.process(NOW, p);
        }
        lastValues.addAll(p.getTmParams());
    }

    ProcessingContext tmContext(byte[] packet) {
        XtceTmExtractor extractor = new XtceTmExtractor(mdb);
        extractor.provideAll();
        ParameterValueList pvs = extractor.processPacket(packet, NOW, NOW, 0).getParameterResult();
        ProcessingContext p = ProcessingContext.createForTmProcessing(lastValues, NOW);
        p.addTmParams(pvs);
        return p;
    }

    /** ICD §4 APID 300: header, CUC time, tc_apid, tc_seq, opcode, stage, result, CRC (not checked here). */
    static byte[] ackPacket(int tcApid, int tcSeq, int stage, int result) {
        ByteBuffer bb = ByteBuffer.allocate(22);
        bb.putShort((short) (0x0800 | 300)).putShort((short) 0xC000).putShort((short) (22 - 7));
        bb.putInt(1_400_000_000).putShort((short) 0);
        bb.putShort((short) tcApid).putShort((short) tcSeq).putShort((short) 1);
        bb.put((byte) stage).put((byte) result);
        return bb.array();
    }
}
