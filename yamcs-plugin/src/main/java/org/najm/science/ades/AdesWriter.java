package org.najm.science.ades;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.najm.science.Detection;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;

/**
 * Writes tracklets as an IAU ADES 2022 submission (submit.xsd): one obsBlock per spacecraft
 * (its observatory code), one optical per detection, identified by {@link TrkSub}.
 *
 * <p>Numbers are written fixed-point within the schema's widths; optional elements whose value
 * the schema cannot carry (a zero rms, SNR or exposure; a magnitude outside -5..35) are left
 * out rather than invented. Stateless and thread-safe.
 */
public final class AdesWriter {

    /** ADES obsTime: UTC to the millisecond, the Z is mandatory. */
    private static final DateTimeFormatter OBS_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** PosDecimalType's maxExclusive. */
    private static final BigDecimal POS_LIMIT = new BigDecimal(100_000);
    private static final BigDecimal FULL_CIRCLE = new BigDecimal(360);

    /**
     * @param stationCodeBySpacecraft ADES observatory code of each spacecraft, e.g. NAJM-1 -> NJM1
     * @throws IllegalArgumentException if a spacecraft has no code, a tracklet comes twice or two
     *                                  tracklets would share a trkSub
     */
    public String write(List<Tracklet> tracklets, ObservationContext ctx, Map<String, String> stationCodeBySpacecraft) {
        Map<String, List<Tracklet>> bySpacecraft = new LinkedHashMap<>();
        Map<String, TrackletKey> trkSubs = new HashMap<>();
        for (Tracklet t : tracklets) {
            if (!stationCodeBySpacecraft.containsKey(t.spacecraft())) {
                throw new IllegalArgumentException("no ADES station code for spacecraft " + t.spacecraft());
            }
            TrackletKey other = trkSubs.put(TrkSub.of(t.key()), t.key());
            if (other != null) {
                throw new IllegalArgumentException(other.equals(t.key()) ? "tracklet " + t.key() + " given twice"
                        : "tracklets " + other + " and " + t.key() + " share trkSub " + TrkSub.of(t.key()));
            }
            bySpacecraft.computeIfAbsent(t.spacecraft(), s -> new ArrayList<>()).add(t);
        }
        List<String> spacecraft = new ArrayList<>(bySpacecraft.keySet());
        spacecraft.sort(Comparator.comparing((String s) -> stationCodeBySpacecraft.get(s)).thenComparing(s -> s));
        try {
            StringWriter out = new StringWriter();
            Xml x = new Xml(XMLOutputFactory.newFactory().createXMLStreamWriter(out));
            x.w.writeStartDocument("UTF-8", "1.0");
            x.start("ades");
            x.w.writeAttribute("version", "2022");
            for (String sc : spacecraft) {
                String stn = stationCodeBySpacecraft.get(sc);
                x.start("obsBlock");
                obsContext(x, ctx, sc, stn);
                x.start("obsData");
                for (Tracklet t : bySpacecraft.get(sc)) {
                    String trkSub = TrkSub.of(t.key());
                    for (Detection d : t.detections()) {
                        optical(x, d, trkSub, stn, ctx.astCat());
                    }
                }
                x.end();
                x.end();
            }
            x.end();
            x.w.writeCharacters("\n");
            x.w.writeEndDocument();
            x.w.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing ADES XML", e); // a StringWriter does not fail
        }
    }

    private static void obsContext(Xml x, ObservationContext ctx, String spacecraft, String stn)
            throws XMLStreamException {
        x.start("obsContext");
        x.start("observatory");
        x.element("mpcCode", stn);
        x.element("name", ctx.observatoryName(spacecraft, stn));
        x.end();
        x.start("submitter");
        x.element("name", ctx.submitterName());
        x.element("institution", ctx.institution());
        x.end();
        x.start("measurers");
        for (String m : ctx.measurers()) {
            x.element("name", m);
        }
        x.end();
        x.start("telescope");
        x.element("design", ctx.telescopeDesign());
        BigDecimal aperture = AdesNumbers.positive(ctx.aperture(), 3, 6);
        if (aperture == null || aperture.compareTo(POS_LIMIT) >= 0) {
            throw new IllegalArgumentException("aperture " + ctx.aperture() + " m cannot be written");
        }
        x.element("aperture", aperture);
        x.element("detector", ctx.detector());
        x.end();
        x.end();
    }

    /** The element order is submit.xsd's OpticalType sequence. */
    private static void optical(Xml x, Detection d, String trkSub, String stn, String astCat)
            throws XMLStreamException {
        x.start("optical");
        x.element("trkSub", trkSub);
        x.element("mode", "CCD");
        x.element("stn", stn);
        // Location group: geocentric (ctr 399) ICRF position in km; 6 decimals = mm, fewer if wide
        x.element("sys", "ICRF_KM");
        x.element("ctr", "399");
        x.element("pos1", AdesNumbers.fit(d.x(), 6, 13));
        x.element("pos2", AdesNumbers.fit(d.y(), 6, 13));
        x.element("pos3", AdesNumbers.fit(d.z(), 6, 13));
        x.element("obsTime", obsTime(d.obsTime()));
        x.element("ra", ra(d.ra()));
        x.element("dec", AdesNumbers.fit(d.dec(), 6, 99)); // 1e-6 deg = 3.6 mas, finer than any rms
        x.element("rmsRA", positiveBelowLimit(d.rmsRa(), 3, 7));
        x.element("rmsDec", positiveBelowLimit(d.rmsDec(), 3, 7));
        x.element("astCat", astCat);
        if (d.mag() >= -5 && d.mag() <= 35) { // MagType; the group needs mag and band together
            x.element("mag", AdesNumbers.fit(d.mag(), 2, 7));
            x.element("rmsMag", positiveBelowLimit(d.rmsMag(), 2, 6));
            x.element("band", d.band());
        }
        if (d.snr() > 0) {
            x.element("logSNR", AdesNumbers.fit(Math.log10(d.snr()), 2, 5));
        }
        x.element("exp", positiveBelowLimit(d.exposure(), 2, 6));
        x.end();
    }

    /** Rounded to the millisecond (CUC fine time is ~15 us). */
    static String obsTime(Instant t) {
        return OBS_TIME.format(t.plusNanos(500_000).truncatedTo(ChronoUnit.MILLIS));
    }

    /** RAType is [0, 360): 359.9999999 rounds to 360.000000, which is 0. */
    private static BigDecimal ra(double ra) {
        BigDecimal r = AdesNumbers.fit(ra, 6, 99);
        return r.compareTo(FULL_CIRCLE) >= 0 ? r.subtract(FULL_CIRCLE) : r;
    }

    /** PosDecimalType: > 0 and < 100000; null (element omitted) otherwise. */
    private static BigDecimal positiveBelowLimit(double v, int decimals, int width) {
        if (!(v > 0) || v >= 100_000) {
            return null;
        }
        BigDecimal r = AdesNumbers.positive(v, decimals, width);
        return r == null || r.compareTo(POS_LIMIT) >= 0 ? null : r;
    }

    /** An XMLStreamWriter that indents by nesting depth. */
    private static final class Xml {
        final XMLStreamWriter w;
        int depth;

        Xml(XMLStreamWriter w) {
            this.w = w;
        }

        void start(String name) throws XMLStreamException {
            indent();
            w.writeStartElement(name);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            indent();
            w.writeEndElement();
        }

        /** A text-only element; nothing if the value is null (an optional element left out). */
        void element(String name, Object value) throws XMLStreamException {
            if (value == null) {
                return;
            }
            indent();
            w.writeStartElement(name);
            w.writeCharacters(value instanceof BigDecimal b ? AdesNumbers.text(b) : value.toString());
            w.writeEndElement();
        }

        private void indent() throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
