package org.najm.science.ades;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * Validates ADES documents against submit.xsd, the schema the Minor Planet Center checks every
 * submission with (shipped unchanged in najm-common). It does not check what the MPC checks
 * beyond the schema (valid band/astCat lists, the Location group of a space-based stn, ...).
 *
 * <p>Thread-safe: the compiled Schema is shared, each call gets its own Validator.
 */
public final class AdesValidator {

    public static final String SCHEMA_RESOURCE = "/org/najm/ades/submit.xsd";

    private final Schema schema;

    public AdesValidator() {
        URL url = AdesValidator.class.getResource(SCHEMA_RESOURCE);
        if (url == null) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath (najm-common)");
        }
        try {
            schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Every error as "line:column: message"; empty if the document is valid. */
    public List<String> errors(String xml) {
        List<String> errors = new ArrayList<>();
        Validator v = schema.newValidator();
        noExternalAccess(v);
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a submission invalid
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(describe(e));
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(describe(e));
            }
        });
        try {
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            // not well-formed: already reported through fatalError
            if (errors.isEmpty()) {
                errors.add(describe(e));
            }
        } catch (SAXException e) {
            errors.add("0:0: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        }
        return errors;
    }

    /** @throws InvalidSubmissionException with every error, if submit.xsd refuses the document */
    public void validate(String xml) throws InvalidSubmissionException {
        List<String> errors = errors(xml);
        if (!errors.isEmpty()) {
            throw new InvalidSubmissionException(errors);
        }
    }

    private static String describe(SAXParseException e) {
        return e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage();
    }

    /** A submission may not make the validator fetch DTDs or schemas from anywhere. */
    private static void noExternalAccess(Validator v) {
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK validator lacks the JAXP 1.5 access properties", e);
        }
    }
}
