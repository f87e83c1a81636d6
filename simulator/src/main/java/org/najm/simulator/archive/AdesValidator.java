package org.najm.simulator.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validates submissions with the IAU submit.xsd, as the MPC does with every submission. The schema is
 * compiled once (it is large); a {@link Schema} is thread-safe, a {@link Validator} is not, so each check
 * makes its own.
 */
final class AdesValidator {

    static final String SCHEMA_RESOURCE = "/org/najm/ades/submit.xsd";
    /** Enough to fix a document; a broken document can produce hundreds. */
    static final int MAX_ERRORS = 10;

    /** Compiled on first use, once per JVM (a restart of the stand-in in the same process reuses it). */
    private static final class Compiled {
        static final Schema SCHEMA = compile();
    }

    private final Schema schema;

    AdesValidator() {
        schema = Compiled.SCHEMA;
    }

    private static Schema compile() {
        URL xsd = AdesValidator.class.getResource(SCHEMA_RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " not on the classpath (najm-common)");
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    AdesCheck check(byte[] source) {
        List<String> errors = validate(source);
        if (!errors.isEmpty()) {
            return new AdesCheck(errors, 0, List.of());
        }
        return summarize(source);
    }

    private List<String> validate(byte[] source) {
        List<String> errors = new ArrayList<>();
        Validator v = schema.newValidator();
        try {
            // Submissions come from outside: no DTD or schema fetched on their behalf.
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                errors.add(format(e));
                if (errors.size() >= MAX_ERRORS) {
                    throw e; // stop: the first errors are what the submitter needs
                }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                errors.add(format(e));
                throw e;
            }
        });
        try {
            v.validate(new StreamSource(new ByteArrayInputStream(source)));
        } catch (SAXParseException e) {
            // already recorded by the error handler
        } catch (SAXException e) {
            errors.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    /** Second, cheap pass over a document already known valid: count optical, collect trkSub. */
    private static AdesCheck summarize(byte[] source) {
        int[] optical = {0};
        Set<String> trkSubs = new LinkedHashSet<>();
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var parser = f.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.parse(new ByteArrayInputStream(source), new DefaultHandler() {
                private StringBuilder text;

                @Override
                public void startElement(String uri, String local, String qName, Attributes atts) {
                    if (local.equals("optical")) {
                        optical[0]++;
                    }
                    text = local.equals("trkSub") ? new StringBuilder() : null;
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (text != null) {
                        text.append(ch, start, length);
                    }
                }

                @Override
                public void endElement(String uri, String local, String qName) {
                    if (text != null && local.equals("trkSub")) {
                        trkSubs.add(text.toString().trim());
                    }
                    text = null;
                }
            });
        } catch (ParserConfigurationException | SAXException e) {
            return new AdesCheck(List.of(e.getMessage()), 0, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AdesCheck(List.of(), optical[0], List.copyOf(trkSubs));
    }

    private static String format(SAXParseException e) {
        return "line " + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage();
    }
}
