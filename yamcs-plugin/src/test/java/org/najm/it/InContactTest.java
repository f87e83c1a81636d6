package org.najm.it;

import org.junit.jupiter.api.BeforeAll;

/** Base of the integration tests: the shared system, once the test contact has begun. */
abstract class InContactTest {

    static NajmSystem sys;

    @BeforeAll
    static void startSystemAndAwaitContact() throws Exception {
        sys = NajmSystem.get();
        Contact.awaitTelemetry(sys);
    }
}
