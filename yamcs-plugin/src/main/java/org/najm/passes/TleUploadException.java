package org.najm.passes;

import java.util.List;

/**
 * A TLE upload was refused as a whole. Each error names the line of the uploaded text
 * (1-based, blank lines counted) and the reason, e.g. "line 3: bad checksum: ...".
 */
public class TleUploadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public TleUploadException(List<String> errors) {
        super("TLE upload refused, nothing changed: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One message per problem found, in the order of the uploaded text. */
    public List<String> errors() {
        return errors;
    }
}
