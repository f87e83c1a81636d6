package org.najm.science.ades;

import java.util.List;
import java.util.Objects;

/**
 * What every obsBlock's obsContext says, plus the astrometric catalogue of the reductions.
 *
 * @param submitterName           submitter/name
 * @param institution             submitter/institution (optional: null)
 * @param measurers               measurers/name, at least one
 * @param telescopeDesign         telescope/design, e.g. "reflector"
 * @param aperture                telescope/aperture, m
 * @param detector                telescope/detector, e.g. "CCD"
 * @param astCat                  astCat of every observation, e.g. "Gaia3"
 * @param observatoryNameTemplate observatory/name, with "{spacecraft}" and "{stn}" replaced
 *                                (optional: null omits the name)
 */
public record ObservationContext(String submitterName, String institution, List<String> measurers,
        String telescopeDesign, double aperture, String detector, String astCat, String observatoryNameTemplate) {

    public ObservationContext {
        Objects.requireNonNull(submitterName, "submitterName");
        Objects.requireNonNull(telescopeDesign, "telescopeDesign");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(astCat, "astCat");
        measurers = List.copyOf(measurers);
        if (measurers.isEmpty()) {
            throw new IllegalArgumentException("ADES requires at least one measurer");
        }
        if (!(aperture > 0)) {
            throw new IllegalArgumentException("aperture " + aperture + " m must be positive");
        }
    }

    /** The observatory name for one spacecraft, or null. */
    public String observatoryName(String spacecraft, String stn) {
        return observatoryNameTemplate == null ? null
                : observatoryNameTemplate.replace("{spacecraft}", spacecraft).replace("{stn}", stn);
    }
}
