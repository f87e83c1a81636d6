package org.najm.commanding;

import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

import org.najm.gateway.StationGateway;

/**
 * Whether a spacecraft's uplink can take a command now, and through which station: the one place
 * that decides "no station in contact". The TC frame link offers commanding by it, the
 * unavailable link gives its reason, the packet postprocessor and the frame sender ask it for the
 * station.
 */
final class Uplink {

    static final String NO_CONTACT = "no ground station is in contact with the spacecraft";

    private final int spacecraftId;
    private final StationGateway gateway;
    private final FopState fopState;
    private final BooleanSupplier linkDisabled;

    Uplink(int spacecraftId, StationGateway gateway, FopState fopState, BooleanSupplier linkDisabled) {
        this.spacecraftId = spacecraftId;
        this.gateway = gateway;
        this.fopState = fopState;
        this.linkDisabled = linkDisabled;
    }

    /** The station that hears the spacecraft now, if any: where its commands must go. */
    OptionalInt station() {
        return gateway.stationInContact(spacecraftId);
    }

    boolean inContact() {
        return station().isPresent();
    }

    /** Why a command cannot be sent now, or null if it can. */
    String unavailableReason() {
        if (linkDisabled.getAsBoolean()) {
            return "the TC link is disabled";
        }
        if (!inContact()) {
            return NO_CONTACT;
        }
        if (!fopState.acceptsCommands()) {
            return fopState.describe() + ": COP-1 is not ready for a command";
        }
        return null;
    }

    String stationName(int stationId) {
        return gateway.stationName(stationId);
    }

    void sendCltu(int stationId, byte[] cltu) {
        gateway.sendCltu(stationId, cltu);
    }
}
