package org.najm.mdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yamcs.ErrorInCommand;
import org.yamcs.ProcessorConfig;
import org.yamcs.YConfiguration;
import org.yamcs.mdb.ContainerProcessingResult;
import org.yamcs.mdb.Mdb;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.mdb.MetaCommandProcessor;
import org.yamcs.mdb.ProcessorData;
import org.yamcs.mdb.XtceTmExtractor;
import org.yamcs.parameter.ParameterValue;
import org.yamcs.parameter.ParameterValueList;
import org.yamcs.utils.StringConverter;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.xtce.AncillaryData;
import org.yamcs.xtce.Argument;
import org.yamcs.xtce.ArgumentType;
import org.yamcs.xtce.BaseDataType;
import org.yamcs.xtce.CheckWindow.TimeWindowIsRelativeToType;
import org.yamcs.xtce.CommandVerifier;
import org.yamcs.xtce.CustomAlgorithm;
import org.yamcs.xtce.EnumeratedArgumentType;
import org.yamcs.xtce.FloatArgumentType;
import org.yamcs.xtce.FloatParameterType;
import org.yamcs.xtce.InputParameter;
import org.yamcs.xtce.IntegerArgumentType;
import org.yamcs.xtce.MetaCommand;
import org.yamcs.xtce.NumericAlarm;
import org.yamcs.xtce.NumericParameterType;
import org.yamcs.xtce.Parameter;
import org.yamcs.xtce.SequenceContainer;
import org.yamcs.xtce.Significance.Levels;
import org.yamcs.xtce.util.DoubleRange;

/**
 * Loads mdb/najm.xml with the Yamcs XTCE loader, decodes hand-built packets laid out exactly as in ICD section 4,
 * and encodes commands per ICD section 5.
 */
public class MdbDecodingTest {
    static final String MDB_PATH = "mdb/najm.xml"; // tests run from the repository root
    static Mdb mdb;
    static MetaCommandProcessor cmdProcessor;

    /** GPS epoch 1980-01-06T00:00:00 as an Instant in the UTC scale; 18 leap seconds between GPS and UTC since 2017. */
    static final Instant GPS_EPOCH = Instant.parse("1980-01-06T00:00:00Z");

    @BeforeAll
    static void load() throws Exception {
        YConfiguration.setupTest(null);
        MdbFactory.reset();
        Map<String, Object> loader = new HashMap<>();
        loader.put("type", "xtce");
        loader.put("spec", MDB_PATH);
        mdb = MdbFactory.createInstance(List.of(YConfiguration.wrap(loader)), false, false);
        cmdProcessor = new MetaCommandProcessor(new ProcessorData("test", mdb, new ProcessorConfig()));
    }

    // ------------------------------------------------------------------ helpers

    static Parameter p(String name) {
        Parameter p = mdb.getParameter("/NAJM/" + name);
        assertNotNull(p, "parameter " + name);
        return p;
    }

    /** builds a TM packet: primary header + CUC secondary header + body + 2 CRC octets (CRC not checked by MDB) */
    static byte[] tmPacket(int apid, int seq, long coarse, int fine, byte[] body) {
        int total = 12 + body.length + 2;
        ByteBuffer bb = ByteBuffer.allocate(total);
        bb.putShort((short) (0x0800 | apid)); // version 0, type 0 (TM), sec hdr flag 1
        bb.putShort((short) (0xC000 | seq));
        bb.putShort((short) (total - 7));
        bb.putInt((int) coarse);
        bb.putShort((short) fine);
        bb.put(body);
        bb.putShort((short) crc16(bb.array(), total - 2));
        return bb.array();
    }

    static int crc16(byte[] b, int len) {
        int crc = 0xFFFF;
        for (int i = 0; i < len; i++) {
            crc ^= (b[i] & 0xFF) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    static ContainerProcessingResult decode(byte[] pkt) {
        XtceTmExtractor ex = new XtceTmExtractor(mdb);
        ex.provideAll();
        long now = TimeEncoding.getWallclockTime();
        return ex.processPacket(pkt, now, now, 0);
    }

    static ParameterValue pv(ParameterValueList l, String name) {
        ParameterValue v = l.getLastInserted(p(name));
        assertNotNull(v, "no value for " + name);
        return v;
    }

    static String lastContainer(ContainerProcessingResult r) {
        var cl = r.getContainerResult();
        return cl.get(cl.size() - 1).getContainer().getName();
    }

    static long yamcsTimeOfGps(long gpsSeconds, int fine) {
        // independent conversion: GPS seconds -> UTC instant (18 leap seconds since 2017) -> Yamcs time
        Instant utc = GPS_EPOCH.plusSeconds(gpsSeconds - 18).plusMillis((fine * 1000L) >> 16);
        return TimeEncoding.fromUnixMillisec(utc.toEpochMilli());
    }

    // ------------------------------------------------------------------ structure

    @Test
    void structure() {
        // one SpaceSystem NAJM (next to Yamcs' own /yamcs system)
        assertEquals(List.of("NAJM"), mdb.getRootSpaceSystem().getSubSystems().stream()
                .map(ss -> ss.getName()).filter(n -> !n.equals("yamcs")).toList());
        assertNotNull(mdb.getSpaceSystem("/NAJM"));
        assertEquals("ccsds_packet", mdb.getRootSequenceContainer().getName());
        for (String c : List.of("tm_packet", "BUS_HK", "PAYLOAD_HK", "SCI_DETECTION", "TC_ACK", "EVENT")) {
            SequenceContainer sc = mdb.getSequenceContainer("/NAJM/" + c);
            assertNotNull(sc, c);
        }
        // units on physical quantities
        assertEquals("V", unit("battery_voltage"));
        assertEquals("degC", unit("temp_obc"));
        assertEquals("degC", unit("ccd_temp"));
        assertEquals("deg/s", unit("rate_x"));
        assertEquals("km", unit("gnss_pos_z"));
        assertEquals("km/s", unit("gnss_vel_y"));
        assertEquals("mA", unit("bus_current"));
        assertEquals("%", unit("battery_soc"));
        assertEquals("arcsec", unit("rms_dec"));
        assertEquals("s", unit("obc_uptime"));
        assertEquals("octets", unit("hk_store_fill"));
        assertEquals("deg", unit("ra"));
        assertNotNull(p("battery_voltage").getShortDescription());
    }

    static String unit(String pname) {
        var t = (BaseDataType) p(pname).getParameterType();
        return t.getUnitSet().get(0).getUnit();
    }

    // ------------------------------------------------------------------ TM decoding

    @Test
    void busHk() {
        ByteBuffer b = ByteBuffer.allocate(114 - 14);
        b.put((byte) 2); // 12 mode SURVEY
        b.putShort((short) 28123); // 13 battery_voltage mV
        b.put((byte) 87); // 15 soc
        b.putShort((short) -1234); // 16 bus_current
        b.putShort((short) 45000); // 18 solar_current (u16 > 32767)
        b.put((byte) 1); // 20 eclipse
        b.putShort((short) 2345); // 21 temp_obc 23.45
        b.putShort((short) -512); // 23 temp_battery -5.12
        b.putShort((short) -3000); // 25 temp_telescope -30.00
        b.put((byte) 0); // 27 heater_on
        b.putFloat(0.5f).putFloat(-0.5f).putFloat(0.25f).putFloat(0.625f); // 28 q1..q4
        b.putFloat(0.1f).putFloat(-0.2f).putFloat(0.3f); // 44 rates
        b.putDouble(6378.137).putDouble(-1234.5678901).putDouble(42.0); // 56 pos
        b.putFloat(7.5f).putFloat(-0.25f).putFloat(1.0f); // 80 vel
        b.putInt(0xF0000000); // 92 science_store_fill (u32 > 2^31)
        b.putInt(123456); // 96 hk_store_fill
        b.putShort((short) 40000).putShort((short) 7); // 100,102
        b.putShort((short) 0x0031); // 104
        b.putInt(86400); // 106
        b.putShort((short) 3); // 110
        assertEquals(100, b.position());
        byte[] pkt = tmPacket(100, 77, 1_400_000_000L, 0x4000, b.array());
        assertEquals(114, pkt.length);

        ContainerProcessingResult r = decode(pkt);
        assertEquals("BUS_HK", lastContainer(r));
        ParameterValueList l = r.getParameterResult();

        assertEquals(0, pv(l, "ccsds_version").getEngValue().getUint32Value());
        assertEquals(0, pv(l, "ccsds_type").getEngValue().getUint32Value());
        assertEquals(1, pv(l, "ccsds_sec_hdr_flag").getEngValue().getUint32Value());
        assertEquals(100, pv(l, "ccsds_apid").getEngValue().getUint32Value());
        assertEquals(3, pv(l, "ccsds_seq_flags").getEngValue().getUint32Value());
        assertEquals(77, pv(l, "ccsds_seq_count").getEngValue().getUint32Value());
        assertEquals(107, pv(l, "ccsds_length").getEngValue().getUint32Value());
        assertEquals(1_400_000_000L, pv(l, "packet_time_coarse").getEngValue().getUint32Value() & 0xFFFFFFFFL);
        assertEquals(0x4000, pv(l, "packet_time_fine").getEngValue().getUint32Value());
        assertEquals(yamcsTimeOfGps(1_400_000_000L, 0x4000), pv(l, "packet_time").getEngValue().getTimestampValue());

        assertEquals("SURVEY", pv(l, "mode").getEngValue().getStringValue());
        assertEquals(28123, pv(l, "battery_voltage").getRawValue().getUint32Value());
        assertEquals(28.123, pv(l, "battery_voltage").getEngValue().getDoubleValue(), 1e-9);
        assertEquals(87, pv(l, "battery_soc").getEngValue().getUint32Value());
        assertEquals(-1234, pv(l, "bus_current").getEngValue().getSint32Value());
        assertEquals(45000, pv(l, "solar_current").getEngValue().getUint32Value());
        assertTrue(pv(l, "in_eclipse").getEngValue().getBooleanValue());
        assertEquals(23.45, pv(l, "temp_obc").getEngValue().getDoubleValue(), 1e-9);
        assertEquals(-5.12, pv(l, "temp_battery").getEngValue().getDoubleValue(), 1e-9);
        assertEquals(-30.0, pv(l, "temp_telescope").getEngValue().getDoubleValue(), 1e-9);
        assertFalse(pv(l, "heater_on").getEngValue().getBooleanValue());
        assertEquals(0.5f, pv(l, "q1").getEngValue().getFloatValue());
        assertEquals(-0.5f, pv(l, "q2").getEngValue().getFloatValue());
        assertEquals(0.25f, pv(l, "q3").getEngValue().getFloatValue());
        assertEquals(0.625f, pv(l, "q4").getEngValue().getFloatValue());
        assertEquals(0.1f, pv(l, "rate_x").getEngValue().getFloatValue());
        assertEquals(-0.2f, pv(l, "rate_y").getEngValue().getFloatValue());
        assertEquals(0.3f, pv(l, "rate_z").getEngValue().getFloatValue());
        assertEquals(6378.137, pv(l, "gnss_pos_x").getEngValue().getDoubleValue());
        assertEquals(-1234.5678901, pv(l, "gnss_pos_y").getEngValue().getDoubleValue());
        assertEquals(42.0, pv(l, "gnss_pos_z").getEngValue().getDoubleValue());
        assertEquals(7.5f, pv(l, "gnss_vel_x").getEngValue().getFloatValue());
        assertEquals(-0.25f, pv(l, "gnss_vel_y").getEngValue().getFloatValue());
        assertEquals(1.0f, pv(l, "gnss_vel_z").getEngValue().getFloatValue());
        assertEquals(0xF0000000L, pv(l, "science_store_fill").getEngValue().getUint32Value() & 0xFFFFFFFFL);
        assertEquals(123456, pv(l, "hk_store_fill").getEngValue().getUint32Value());
        assertEquals(40000, pv(l, "tc_accepted").getEngValue().getUint32Value());
        assertEquals(7, pv(l, "tc_rejected").getEngValue().getUint32Value());
        assertEquals(0x31, pv(l, "last_tc_opcode").getEngValue().getUint32Value());
        assertEquals(86400, pv(l, "obc_uptime").getEngValue().getUint32Value());
        assertEquals(3, pv(l, "boot_count").getEngValue().getUint32Value());
    }

    @Test
    void payloadHk() {
        ByteBuffer b = ByteBuffer.allocate(33 - 14);
        b.put((byte) 2);
        b.putShort((short) -4050); // -40.50 degC
        b.putInt(1000).putInt(17);
        b.putFloat(123.25f).putFloat(-45.5f);
        byte[] pkt = tmPacket(101, 1, 1000, 0, b.array());
        assertEquals(33, pkt.length);
        ContainerProcessingResult r = decode(pkt);
        assertEquals("PAYLOAD_HK", lastContainer(r));
        ParameterValueList l = r.getParameterResult();
        assertEquals("EXPOSING", pv(l, "telescope_state").getEngValue().getStringValue());
        assertEquals(-40.5, pv(l, "ccd_temp").getEngValue().getDoubleValue(), 1e-9);
        assertEquals(1000, pv(l, "exposures").getEngValue().getUint32Value());
        assertEquals(17, pv(l, "detections").getEngValue().getUint32Value());
        assertEquals(123.25f, pv(l, "field_ra").getEngValue().getFloatValue());
        assertEquals(-45.5f, pv(l, "field_dec").getEngValue().getFloatValue());
        // BUS_HK parameters are not extracted from a PAYLOAD_HK packet
        assertNull(l.getLastInserted(p("battery_voltage")));
    }

    @Test
    void sciDetection() {
        long obsCoarse = 1_400_000_123L;
        int obsFine = 0x8000; // 0.5 s
        ByteBuffer b = ByteBuffer.allocate(91 - 14);
        b.putInt(0xDEADBEEF); // 12 tracklet_id
        b.put((byte) 2).put((byte) 5); // 16, 17
        b.putInt((int) obsCoarse).putShort((short) obsFine); // 18 obs_time
        b.putDouble(271.123456789).putDouble(-12.987654321); // 24, 32
        b.putFloat(0.35f).putFloat(0.4f); // 40, 44
        b.putFloat(19.75f).putFloat(0.125f); // 48, 52
        b.put((byte) 3); // 56 band w
        b.putFloat(12.5f); // 57 snr
        b.putFloat(30.0f); // 61 exposure
        b.putDouble(-4321.5).putDouble(1234.25).putDouble(5678.125); // 65, 73, 81
        assertEquals(77, b.position());
        byte[] pkt = tmPacket(200, 2, obsCoarse + 10, 0, b.array());
        assertEquals(91, pkt.length);
        ContainerProcessingResult r = decode(pkt);
        assertEquals("SCI_DETECTION", lastContainer(r));
        ParameterValueList l = r.getParameterResult();
        assertEquals(0xDEADBEEFL, pv(l, "tracklet_id").getEngValue().getUint32Value() & 0xFFFFFFFFL);
        assertEquals(2, pv(l, "det_index").getEngValue().getUint32Value());
        assertEquals(5, pv(l, "det_count").getEngValue().getUint32Value());
        long t = pv(l, "obs_time").getEngValue().getTimestampValue();
        assertEquals(yamcsTimeOfGps(obsCoarse, obsFine), t);
        assertEquals(TimeEncoding.fromGpsMillisec(obsCoarse * 1000 + 500), t);
        // 1 400 000 123 GPS seconds = 2024-05-17T16:55:23 GPS = 16:55:05 UTC (18 leap seconds)
        assertEquals("2024-05-17T16:55:05.500Z", TimeEncoding.toString(t));
        assertEquals(271.123456789, pv(l, "ra").getEngValue().getDoubleValue());
        assertEquals(-12.987654321, pv(l, "dec").getEngValue().getDoubleValue());
        assertEquals(0.35f, pv(l, "rms_ra").getEngValue().getFloatValue());
        assertEquals(0.4f, pv(l, "rms_dec").getEngValue().getFloatValue());
        assertEquals(19.75f, pv(l, "mag").getEngValue().getFloatValue());
        assertEquals(0.125f, pv(l, "rms_mag").getEngValue().getFloatValue());
        assertEquals("w", pv(l, "band").getEngValue().getStringValue());
        assertEquals(12.5f, pv(l, "snr").getEngValue().getFloatValue());
        assertEquals(30.0f, pv(l, "exposure").getEngValue().getFloatValue());
        assertEquals(-4321.5, pv(l, "observer_x").getEngValue().getDoubleValue());
        assertEquals(1234.25, pv(l, "observer_y").getEngValue().getDoubleValue());
        assertEquals(5678.125, pv(l, "observer_z").getEngValue().getDoubleValue());
    }

    @Test
    void tcAck() {
        ByteBuffer b = ByteBuffer.allocate(22 - 14);
        b.putShort((short) 1000).putShort((short) 16383).putShort((short) 0x0020);
        b.put((byte) 3).put((byte) 4);
        byte[] pkt = tmPacket(300, 9, 5, 0, b.array());
        assertEquals(22, pkt.length);
        ContainerProcessingResult r = decode(pkt);
        assertEquals("TC_ACK", lastContainer(r));
        ParameterValueList l = r.getParameterResult();
        assertEquals(1000, pv(l, "tc_apid").getEngValue().getUint32Value());
        assertEquals(16383, pv(l, "tc_seq").getEngValue().getUint32Value());
        assertEquals(0x20, pv(l, "opcode").getEngValue().getUint32Value());
        assertEquals("COMPLETED", pv(l, "stage").getEngValue().getStringValue());
        assertEquals("NOT_ALLOWED_IN_MODE", pv(l, "result").getEngValue().getStringValue());

        String[] results = { "OK", "BAD_OPCODE", "BAD_ARGUMENT", "BAD_CRC", "NOT_ALLOWED_IN_MODE", "FAILED" };
        for (int i = 0; i < results.length; i++) {
            byte[] body = { 0x03, (byte) 0xE8, 0, 1, 0, 1, 1, (byte) i };
            l = decode(tmPacket(300, 10, 5, 0, body)).getParameterResult();
            assertEquals(results[i], pv(l, "result").getEngValue().getStringValue());
            assertEquals("ACCEPTED", pv(l, "stage").getEngValue().getStringValue());
        }
    }

    @Test
    void event() {
        String text = "PING 0x01020304";
        byte[] tb = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + tb.length);
        b.put((byte) 1).putShort((short) 0x0100).put((byte) tb.length).put(tb);
        byte[] pkt = tmPacket(400, 11, 5, 0, b.array());
        assertEquals(18 + tb.length, pkt.length);
        ContainerProcessingResult r = decode(pkt);
        assertEquals("EVENT", lastContainer(r));
        ParameterValueList l = r.getParameterResult();
        assertEquals("WARNING", pv(l, "severity").getEngValue().getStringValue());
        assertEquals(0x0100, pv(l, "event_id").getEngValue().getUint32Value());
        assertEquals(tb.length, pv(l, "event_length").getEngValue().getUint32Value());
        assertEquals(text, pv(l, "event_text").getEngValue().getStringValue());

        // maximum length 64
        String longText = "X".repeat(63) + "Y";
        tb = longText.getBytes(StandardCharsets.US_ASCII);
        b = ByteBuffer.allocate(4 + tb.length);
        b.put((byte) 3).putShort((short) 0x0200).put((byte) tb.length).put(tb);
        l = decode(tmPacket(400, 12, 5, 0, b.array())).getParameterResult();
        assertEquals("CRITICAL", pv(l, "severity").getEngValue().getStringValue());
        assertEquals(longText, pv(l, "event_text").getEngValue().getStringValue());
    }

    // ------------------------------------------------------------------ alarms

    @Test
    void alarms() {
        // battery_voltage 24.5 V: out of the warning range, inside the critical range
        NumericAlarm a = ((FloatParameterType) p("battery_voltage").getParameterType()).getDefaultAlarm();
        assertNotNull(a);
        DoubleRange warn = a.getStaticAlarmRanges().getWarningRange();
        DoubleRange crit = a.getStaticAlarmRanges().getCriticalRange();
        assertEquals(0, warn.inRange(28.0));
        assertEquals(-1, warn.inRange(24.5));
        assertEquals(0, crit.inRange(24.5));
        assertEquals(-1, crit.inRange(23.9));
        assertEquals(1, warn.inRange(29.6));
        assertEquals(1, crit.inRange(29.9));
        // the decoded value of a 23.9 V packet is below the critical limit
        ByteBuffer b = ByteBuffer.allocate(100);
        b.put((byte) 0).putShort((short) 23900);
        var l = decode(tmPacket(100, 1, 1, 0, b.array())).getParameterResult();
        assertEquals(-1, crit.inRange(pv(l, "battery_voltage").getEngValue().getDoubleValue()));

        assertAlarm("battery_soc", 30, Double.NaN, 15, Double.NaN);
        assertAlarm("temp_battery", 0, 35, -5, 45);
        assertAlarm("temp_obc", -10, 50, -20, 60);
        assertAlarm("temp_telescope", -30, 40, -40, 50);
    }

    static void assertAlarm(String pname, double wmin, double wmax, double cmin, double cmax) {
        NumericParameterType t = (NumericParameterType) p(pname).getParameterType();
        NumericAlarm a = t.getDefaultAlarm();
        assertNotNull(a, pname);
        DoubleRange w = a.getStaticAlarmRanges().getWarningRange();
        DoubleRange c = a.getStaticAlarmRanges().getCriticalRange();
        assertEquals(wmin, w.getMin(), pname);
        assertEquals(cmin, c.getMin(), pname);
        if (Double.isNaN(wmax)) {
            assertTrue(Double.isNaN(w.getMax()) || Double.isInfinite(w.getMax()), pname);
        } else {
            assertEquals(wmax, w.getMax(), pname);
            assertEquals(cmax, c.getMax(), pname);
        }
    }

    // ------------------------------------------------------------------ commands

    static MetaCommand cmd(String name) {
        MetaCommand mc = mdb.getMetaCommand("/NAJM/" + name);
        assertNotNull(mc, name);
        return mc;
    }

    static String encode(String name, Map<String, Object> args) throws ErrorInCommand {
        return StringConverter.arrayToHexString(cmdProcessor.buildCommand(cmd(name), args, 0).getCmdPacket());
    }

    static final String HDR = "1BE8C0000000"; // version 0, type 1, sec hdr 1, APID 1000, seq flags 11, seq 0, len 0

    @Test
    void commandsExist() {
        Map<String, Integer> opcodes = new LinkedHashMap<>();
        opcodes.put("NOOP", 0x0001);
        opcodes.put("SET_MODE", 0x0010);
        opcodes.put("PAYLOAD_POWER", 0x0011);
        opcodes.put("SET_HEATER", 0x0012);
        opcodes.put("DUMP_STORE", 0x0020);
        opcodes.put("DELETE_STORE", 0x0021);
        opcodes.put("TIME_SYNC", 0x0030);
        opcodes.put("PING", 0x0031);
        opcodes.put("REBOOT_OBC", 0x0040);
        assertTrue(cmd("ccsds_tc").isAbstract());
        for (var e : opcodes.entrySet()) {
            MetaCommand mc = cmd(e.getKey());
            assertFalse(mc.isAbstract());
            assertEquals("ccsds_tc", mc.getBaseMetaCommand().getName());
            var aa = mc.getEffectiveArgumentAssignmentList();
            assertEquals(1, aa.size());
            assertEquals("opcode", aa.get(0).getArgumentName());
            assertEquals(e.getValue().longValue(), Long.decode(aa.get(0).getArgumentValue()));
            // every non-assigned argument has a range or an enumeration
            for (Argument a : mc.getArgumentList()) {
                ArgumentType t = a.getArgumentType();
                if (t instanceof IntegerArgumentType it) {
                    assertNotNull(it.getValidRange(), a.getName());
                } else if (t instanceof FloatArgumentType ft) {
                    assertNotNull(ft.getValidRange(), a.getName());
                } else if (t instanceof EnumeratedArgumentType et) {
                    assertFalse(et.getValueEnumerationList().isEmpty(), a.getName());
                }
            }
            // verifiers inherited from the base command
            List<CommandVerifier> vl = mc.getCommandVerifiers(true);
            assertEquals(List.of("Accepted", "Started", "Complete"),
                    vl.stream().map(CommandVerifier::getStage).toList());
        }
        assertEquals(Set.of("mode"), argNames("SET_MODE"));
        assertEquals(Set.of("on"), argNames("PAYLOAD_POWER"));
        assertEquals(Set.of("setpoint"), argNames("SET_HEATER"));
        assertEquals(Set.of("store", "from", "to"), argNames("DUMP_STORE"));
        assertEquals(Set.of("store", "up_to"), argNames("DELETE_STORE"));
        assertEquals(Set.of("time"), argNames("TIME_SYNC"));
        assertEquals(Set.of("token"), argNames("PING"));
        assertEquals(Set.of(), argNames("NOOP"));
        assertEquals(Set.of(), argNames("REBOOT_OBC"));

        var sig = cmd("REBOOT_OBC").getDefaultSignificance();
        assertEquals(Levels.CRITICAL, sig.getConsequenceLevel());
        assertNotNull(sig.getReasonForWarning());

        var range = ((FloatArgumentType) cmd("SET_HEATER").getArgument("setpoint").getArgumentType()).getValidRange();
        assertEquals(-20.0, range.getMin());
        assertEquals(40.0, range.getMax());
    }

    static Set<String> argNames(String cmd) {
        return cmd(cmd).getArgumentList().stream().map(Argument::getName).collect(Collectors.toSet());
    }

    @Test
    void verifiers() {
        List<CommandVerifier> vl = cmd("ccsds_tc").getCommandVerifiers(false);
        long[] windows = { 30_000, 60_000, 600_000 };
        for (int i = 0; i < 3; i++) {
            CommandVerifier v = vl.get(i);
            assertEquals(CommandVerifier.Type.ALGORITHM, v.getType());
            assertEquals(windows[i], v.getCheckWindow().getTimeToStopChecking());
            assertEquals(TimeWindowIsRelativeToType.COMMAND_RELEASE, v.getCheckWindow().getTimeWindowIsRelativeTo());
            CustomAlgorithm alg = (CustomAlgorithm) v.getAlgorithm();
            assertEquals("java", alg.getLanguage());
            assertEquals("org.najm.commanding.TcAckStageVerifier({stage: " + (i + 1) + "})",
                    alg.getAlgorithmText().trim());
            assertEquals(List.of("sentSeq", "ackApid", "ackSeq", "ackStage", "ackResult"),
                    alg.getInputList().stream().map(InputParameter::getInputName).toList());
            assertEquals("/yamcs/cmdHist/ccsds-seqcount",
                    alg.getInputList().get(0).getParameterInstance().getParameter().getQualifiedName());
            assertEquals("/NAJM/tc_apid",
                    alg.getInputList().get(1).getParameterInstance().getParameter().getQualifiedName());
            assertEquals("/NAJM/result",
                    alg.getInputList().get(4).getParameterInstance().getParameter().getQualifiedName());
            List<String> mandatory = alg.getAncillaryData().stream()
                    .filter(ad -> AncillaryData.KEY_ALGO_MANDATORY_INPUT.equals(ad.getName()))
                    .map(AncillaryData::getValue).toList();
            assertEquals(List.of("sentSeq", "ackApid", "ackSeq"), mandatory);
        }
        assertEquals(CommandVerifier.TerminationAction.SUCCESS, vl.get(2).getOnSuccess());
    }

    @Test
    void encodeCommands() throws ErrorInCommand {
        assertEquals(HDR + "0001", encode("NOOP", Map.of()));
        assertEquals(HDR + "0040", encode("REBOOT_OBC", Map.of()));
        assertEquals(HDR + "0010" + "02", encode("SET_MODE", Map.of("mode", "SURVEY")));
        assertEquals(HDR + "0010" + "00", encode("SET_MODE", Map.of("mode", "SAFE")));
        assertEquals(HDR + "0011" + "01", encode("PAYLOAD_POWER", Map.of("on", "ON")));
        assertEquals(HDR + "0031" + "01020304", encode("PING", Map.of("token", "16909060")));
        assertEquals(HDR + "0031" + "FFFFFFFF", encode("PING", Map.of("token", "4294967295")));
        assertEquals(HDR + "0012" + "0866", encode("SET_HEATER", Map.of("setpoint", "21.5")));
        assertEquals(HDR + "0012" + "FDF3", encode("SET_HEATER", Map.of("setpoint", "-5.25")));
        assertEquals(HDR + "0012" + "F830", encode("SET_HEATER", Map.of("setpoint", "-20")));
        assertEquals(HDR + "0012" + "0FA0", encode("SET_HEATER", Map.of("setpoint", "40.00")));
        assertEquals(HDR + "0020" + "01" + "00000064" + "FFFFFFFE",
                encode("DUMP_STORE", Map.of("store", "SCIENCE", "from", "100", "to", "4294967294")));
        assertEquals(HDR + "0021" + "00" + "53724E00",
                encode("DELETE_STORE", Map.of("store", "HK", "up_to", "1400000000")));

        // TIME_SYNC: one absolute-time argument encoded CUC 4+2 from the GPS epoch
        long t = TimeEncoding.fromGpsMillisec(1_400_000_000_500L);
        String iso = TimeEncoding.toString(t);
        assertEquals(HDR + "0030" + "53724E00" + "8000", encode("TIME_SYNC", Map.of("time", iso)));
        assertEquals(yamcsTimeOfGps(1_400_000_000L, 0x8000), t);

        // the header is exactly 6 octets + 2 octets opcode, APID 1000 = 0x3E8, type 1, secondary header flag 1
        byte[] b = cmdProcessor.buildCommand(cmd("PING"), Map.of("token", "1"), 0).getCmdPacket();
        assertEquals(12, b.length);
        assertEquals(1000, ((b[0] & 0x07) << 8) | (b[1] & 0xFF));
        assertEquals(1, (b[0] >> 4) & 1);
        assertEquals(1, (b[0] >> 3) & 1);
        assertEquals(0, (b[0] >> 5) & 7);
        assertEquals(3, (b[2] >> 6) & 3);
    }

    @Test
    void commandRangesRejected() {
        assertThrows(ErrorInCommand.class, () -> encode("SET_HEATER", Map.of("setpoint", "40.01")));
        assertThrows(ErrorInCommand.class, () -> encode("SET_HEATER", Map.of("setpoint", "-20.5")));
        assertThrows(ErrorInCommand.class, () -> encode("SET_MODE", Map.of("mode", "DANCE")));
        assertThrows(ErrorInCommand.class, () -> encode("SET_MODE", Map.of("mode", "3")));
        assertThrows(ErrorInCommand.class, () -> encode("PAYLOAD_POWER", Map.of("on", "MAYBE")));
        assertThrows(ErrorInCommand.class, () -> encode("PING", Map.of("token", "4294967296")));
        assertThrows(ErrorInCommand.class, () -> encode("PING", Map.of("token", "-1")));
        assertThrows(ErrorInCommand.class, () -> encode("DUMP_STORE", Map.of("store", "BOTH", "from", "1", "to", "2")));
        assertThrows(ErrorInCommand.class, () -> encode("DELETE_STORE", Map.of("store", "HK", "up_to", "-5")));
        assertThrows(ErrorInCommand.class, () -> encode("PING", Map.of()));
        // the opcode cannot be overridden
        assertThrows(ErrorInCommand.class, () -> encode("NOOP", Map.of("opcode", "64")));
        assertThrows(ErrorInCommand.class, () -> cmdProcessor.buildCommand(cmd("ccsds_tc"), Map.of(), 0));
    }

    @Test
    void floatTypesAreDoubles() {
        assertInstanceOf(FloatParameterType.class, p("battery_voltage").getParameterType());
        assertEquals(64, ((FloatParameterType) p("gnss_pos_x").getParameterType()).getSizeInBits());
        assertEquals(32, ((FloatParameterType) p("gnss_vel_x").getParameterType()).getSizeInBits());
    }
}
