package org.najm.science.ades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdesValidatorTest {

    private final AdesValidator validator = new AdesValidator();
    private final String valid = new AdesWriter().write(List.of(AdesWriterTest.tracklet("NAJM-1", 5, 3)),
            AdesWriterTest.CTX, AdesWriterTest.CODES);

    @ParameterizedTest
    @ValueSource(strings = {"example_submit_obs_v2022.xml", "AUTHORED_example_spacebased_C53.xml"})
    void shippedExamplesValidate(String name) throws Exception {
        assertEquals(List.of(), validator.errors(resource(name)));
        validator.validate(resource(name));
    }

    @Test
    void nineCharacterTrkSubIsCaughtWithItsLine() {
        String bad = valid.replaceFirst("<trkSub>15</trkSub>", "<trkSub>123456789</trkSub>");
        List<String> errors = validator.errors(bad);
        assertFalse(errors.isEmpty());
        int line = lineOf(bad, "123456789");
        assertTrue(errors.stream().allMatch(e -> e.startsWith(line + ":")), errors + " should be on line " + line);
        assertTrue(errors.stream().anyMatch(e -> e.contains("123456789")), errors.toString());
    }

    @Test
    void missingStnIsCaught() {
        String bad = valid.replaceFirst("\\s*<stn>NJM1</stn>", "");
        List<String> errors = validator.errors(bad);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).matches("\\d+:\\d+: .*stn.*"), errors.get(0));
        assertEquals(lineOf(bad, "<sys>"), Integer.parseInt(errors.get(0).split(":")[0]));
    }

    @Test
    void validateThrowsWithEveryError() {
        String bad = valid.replace("<ades version=\"2022\">", "<ades version=\"2017\">")
                .replace("<ctr>399</ctr>", "<ctr>10</ctr>");
        InvalidSubmissionException e = assertThrows(InvalidSubmissionException.class, () -> validator.validate(bad));
        // Xerces reports each bad value twice (the facet, then the type): 2 for version, 2 per ctr
        assertEquals(2 + 3 * 2, e.errors().size(), e.errors().toString());
        assertTrue(e.errors().stream().allMatch(s -> s.matches("\\d+:\\d+: .*")), e.errors().toString());
        assertTrue(e.getMessage().contains("2017"), e.getMessage());
    }

    @Test
    void notWellFormedIsAnErrorNotACrash() {
        List<String> errors = validator.errors(valid.substring(0, valid.length() / 2));
        assertEquals(1, errors.size(), errors.toString());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdesValidatorTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
