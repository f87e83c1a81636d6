package org.najm.science.ades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.najm.science.Detection;
import org.najm.science.Detections;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class AdesWriterTest {

    static final ObservationContext CTX = new ObservationContext("NAJM Science Operations", "NAJM Consortium",
            List.of("NAJM Pipeline"), "reflector", 0.3, "CCD", "Gaia3", "NAJM space telescope {spacecraft}");
    static final Map<String, String> CODES = Map.of("NAJM-1", "NJM1", "NAJM-2", "NJM2", "NAJM-3", "NJM3",
            "NAJM-4", "NJM4");

    private final AdesWriter writer = new AdesWriter();
    private final AdesValidator validator = new AdesValidator();

    /** Tracklets of two spacecraft, with the awkward values the formatting must survive. */
    static List<Tracklet> batch() {
        List<Tracklet> out = new ArrayList<>();
        out.add(tracklet("NAJM-2", 123456, 3));
        out.add(tracklet("NAJM-1", 0xFFFF_FFFFL, 6)); // widest trkSub
        out.add(tracklet("NAJM-1", 0, 3));
        List<Detection> odd = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Detection d = Detections.det("NAJM-2", 99, i, 4);
            Instant obs = Instant.parse("2026-11-20T23:59:59.9996Z").plusSeconds(i); // rounds into the next day
            odd.add(new Detection("NAJM-2", 99, i, 4, obs, i == 0 ? 359.99999999 : 0.0000004, i == 1 ? -89.9999999 : 0,
                    i == 2 ? 0.0004 : 12345.678, i == 3 ? 0 : 1.5, i == 0 ? 40 : -4.999, 0, "w", i == 1 ? 0.5 : 1e6,
                    i == 2 ? 1234.5678 : 0.001, 42164.123456789, -384400.987654321, i == 3 ? 0.0000001 : -1234567.5,
                    d.creationTime()));
        }
        out.add(new Tracklet(new TrackletKey("NAJM-2", 99), odd));
        return out;
    }

    static Tracklet tracklet(String sc, long id, int count) {
        List<Detection> ds = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            ds.add(Detections.det(sc, id, i, count));
        }
        return new Tracklet(new TrackletKey(sc, id), ds);
    }

    @Test
    void batchOfTwoSpacecraftValidates() throws Exception {
        String xml = writer.write(batch(), CTX, CODES);
        assertEquals(List.of(), validator.errors(xml), xml);
        validator.validate(xml);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "ADES requires the declaration");
    }

    @Test
    void oneObsBlockPerSpacecraftWithItsCode() throws Exception {
        Document doc = parse(writer.write(batch(), CTX, CODES));
        assertEquals("2022", doc.getDocumentElement().getAttribute("version"));
        NodeList blocks = doc.getElementsByTagName("obsBlock");
        assertEquals(2, blocks.getLength());
        for (int b = 0; b < blocks.getLength(); b++) {
            Element block = (Element) blocks.item(b);
            String code = text(block, "mpcCode").get(0);
            assertEquals("NJM" + (b + 1), code);
            assertEquals(List.of("NAJM space telescope NAJM-" + (b + 1)), text(block, "name").subList(0, 1));
            for (String stn : text(block, "stn")) {
                assertEquals(code, stn);
            }
        }
        assertEquals(6 + 3 + 3 + 4, doc.getElementsByTagName("optical").getLength());
    }

    @Test
    void trkSubUniquePerTrackletShortAndDeterministic() throws Exception {
        List<Tracklet> batch = batch();
        String xml = writer.write(batch, CTX, CODES);
        assertEquals(xml, writer.write(batch, CTX, CODES));
        Document doc = parse(xml);
        Set<String> trkSubs = new HashSet<>();
        NodeList opticals = doc.getElementsByTagName("optical");
        String previous = null;
        for (int i = 0; i < opticals.getLength(); i++) {
            String t = text((Element) opticals.item(i), "trkSub").get(0);
            assertTrue(t.length() <= 8 && t.matches("[0-9A-Z]+"), t);
            if (!t.equals(previous)) {
                assertTrue(trkSubs.add(t), "trkSub " + t + " used by two tracklets");
            }
            previous = t;
        }
        assertEquals(batch.size(), trkSubs.size());
        assertEquals("12N9C", TrkSub.of(new TrackletKey("NAJM-1", 123456)));
        assertEquals("41Z141Z3", TrkSub.of(new TrackletKey("NAJM-4", 0xFFFF_FFFFL)));
        assertEquals("30", TrkSub.of(new TrackletKey("NAJM-3", 0)));
    }

    @Test
    void opticalElementsInSchemaOrderAndFormats() throws Exception {
        Document doc = parse(writer.write(List.of(tracklet("NAJM-1", 5, 3)), CTX, CODES));
        Element first = (Element) doc.getElementsByTagName("optical").item(0);
        List<String> names = new ArrayList<>();
        for (Node n = first.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getTagName());
            }
        }
        assertEquals(List.of("trkSub", "mode", "stn", "sys", "ctr", "pos1", "pos2", "pos3", "obsTime", "ra", "dec",
                "rmsRA", "rmsDec", "astCat", "mag", "rmsMag", "band", "logSNR", "exp"), names);
        assertEquals("2026-11-20T01:00:00.123Z", text(first, "obsTime").get(0));
        assertEquals("-3512.123456", text(first, "pos1").get(0));
        assertEquals("123.400000", text(first, "ra").get(0));
        assertEquals("1.40", text(first, "logSNR").get(0)); // log10(25)
        assertEquals("ICRF_KM", text(first, "sys").get(0));
        assertEquals("399", text(first, "ctr").get(0));
    }

    @Test
    void awkwardValuesStayWithinTheSchemaWidths() throws Exception {
        Document doc = parse(writer.write(batch(), CTX, CODES));
        for (String pos : List.of("pos1", "pos2", "pos3")) {
            for (String v : text(doc.getDocumentElement(), pos)) {
                assertTrue(v.replaceFirst("^-", "").length() <= 13 && !v.contains("E"), pos + " " + v);
            }
        }
        for (String t : text(doc.getDocumentElement(), "obsTime")) {
            assertTrue(t.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), t);
        }
        Element odd = (Element) doc.getElementsByTagName("optical").item(12); // NAJM-2 tracklet 99, index 0
        assertEquals("0.000000", text(odd, "ra").get(0), "359.99999999 is 0 in RAType");
        assertEquals("2026-11-21T00:00:00.000Z", text(odd, "obsTime").get(0));
        assertEquals("42164.123457", text(odd, "pos1").get(0));
        assertEquals("-384400.987654", text(odd, "pos2").get(0));
        assertEquals("-1234567.50000", text(odd, "pos3").get(0));
        assertEquals(List.of(), text(odd, "mag"), "mag 40 is outside MagType: photometry left out");
        assertEquals("6.00", text(odd, "logSNR").get(0));
        Element tiny = (Element) doc.getElementsByTagName("optical").item(14);
        assertEquals("0.0004", text(tiny, "rmsRA").get(0), "a small rms gets more decimals, not zero");
        assertEquals("1234.6", text(tiny, "exp").get(0));
        assertEquals(List.of(), text(tiny, "rmsMag"), "zero rmsMag is left out");
    }

    @Test
    void refusesMissingStationCodeAndRepeatedTracklet() {
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(List.of(tracklet("NAJM-1", 1, 3)), CTX, Map.of("NAJM-2", "NJM2")));
        assertThrows(IllegalArgumentException.class,
                () -> writer.write(List.of(tracklet("NAJM-1", 1, 3), tracklet("NAJM-1", 1, 3)), CTX, CODES));
        assertFalse(writer.write(List.of(), CTX, CODES).contains("obsBlock"));
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> text(Element root, String tag) {
        List<String> out = new ArrayList<>();
        NodeList l = root.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            out.add(l.item(i).getTextContent());
        }
        return out;
    }
}
