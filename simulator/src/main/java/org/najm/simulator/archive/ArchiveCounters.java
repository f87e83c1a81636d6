package org.najm.simulator.archive;

import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonObject;

/** Outcomes of POST /submit since the stand-in started (not persisted: the store is the history). */
final class ArchiveCounters {

    /** Stored, duplicates included. */
    final AtomicLong accepted = new AtomicLong();
    /** Stored but flagged as an exact duplicate of an earlier submission. */
    final AtomicLong duplicates = new AtomicLong();
    /** 400: the source fails submit.xsd. */
    final AtomicLong rejectedInvalid = new AtomicLong();
    /** 400: no source field, or a body that is not a form. */
    final AtomicLong badRequests = new AtomicLong();
    /** Answered (or not) by an injected failure. */
    final AtomicLong failedByInjection = new AtomicLong();

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("accepted", accepted.get());
        o.addProperty("duplicates", duplicates.get());
        o.addProperty("rejectedInvalid", rejectedInvalid.get());
        o.addProperty("badRequests", badRequests.get());
        o.addProperty("failedByInjection", failedByInjection.get());
        return o;
    }
}
