package org.najm.simulator.archive;

/** How an injected failure answers a submission (delivery tests of the MOC's uploader). */
public enum FailureMode {
    /** 500 with a plain-text body. */
    HTTP_500,
    /** The request is read and never answered; the connection stays open. */
    TIMEOUT,
    /** The connection is closed without any response. */
    DROP
}
