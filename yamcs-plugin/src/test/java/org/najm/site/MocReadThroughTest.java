package org.najm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.yamcs.http.BadRequestException;

class MocReadThroughTest {

    @Test
    void aRequestGoesToTheMocFromApiOnWhateverThisServersContextPath() {
        assertEquals("/api/najm/contacts?start=a&stop=b", MocReadThrough.apiPath("/api/najm/contacts?start=a&stop=b"));
        assertEquals("/api/najm/science", MocReadThrough.apiPath("/najm-site/api/najm/science"));
        assertThrows(BadRequestException.class, () -> MocReadThrough.apiPath("/ext/najm-fleet"));
    }
}
