package org.najm.science.ades;

import java.util.List;

/** An ADES document that submit.xsd refuses; the archive would refuse it too. */
public class InvalidSubmissionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public InvalidSubmissionException(List<String> errors) {
        super("ADES submission fails submit.xsd (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                + "): " + String.join("; ", errors.subList(0, Math.min(5, errors.size())))
                + (errors.size() > 5 ? "; ..." : ""));
        this.errors = List.copyOf(errors);
    }

    /** "line:column: message", in document order. */
    public List<String> errors() {
        return errors;
    }
}
