package org.najm.telemetry;

import org.najm.gateway.ReceptionContext;
import org.yamcs.TmPacket;
import org.yamcs.YConfiguration;
import org.yamcs.tctm.GenericPacketPreprocessor;

/**
 * Yamcs' generic preprocessor configured for the ICD packets (CUC time at offset 6, CRC-16 at the
 * end), which also charges a bad packet CRC to the station that delivered the frame.
 */
public class IcdPacketPreprocessor extends GenericPacketPreprocessor {

    public IcdPacketPreprocessor(String yamcsInstance, YConfiguration config) {
        super(yamcsInstance, config);
    }

    @Override
    public TmPacket process(TmPacket packet) {
        TmPacket p = super.process(packet);
        if (p != null && p.isInvalid()) {
            ReceptionContext.countBadPacketCrc();
        }
        return p;
    }
}
