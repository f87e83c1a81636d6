package org.najm.simulator.packet;

/**
 * The exact field values of one BUS_HK packet (APID 100, 114 octets, ICD section 4).
 *
 * @param time GPS seconds of the packet's secondary header, as encoded (CUC 4+2)
 */
public record BusHk(double time, int mode, int batteryVoltageMv, int batterySocPercent, int busCurrentMa,
        int solarCurrentMa, boolean inEclipse, int tempObc, int tempBattery, int tempTelescope, boolean heaterOn,
        float[] quaternion, float[] bodyRates, double[] positionKm, float[] velocityKmS, long scienceStoreFill,
        long hkStoreFill, int tcAccepted, int tcRejected, int lastTcOpcode, long obcUptime, int bootCount) {

    public static final int LENGTH = 114;

    public BusHk {
        quaternion = quaternion.clone();
        bodyRates = bodyRates.clone();
        positionKm = positionKm.clone();
        velocityKmS = velocityKmS.clone();
    }

    @Override
    public float[] quaternion() {
        return quaternion.clone();
    }

    @Override
    public float[] bodyRates() {
        return bodyRates.clone();
    }

    @Override
    public double[] positionKm() {
        return positionKm.clone();
    }

    @Override
    public float[] velocityKmS() {
        return velocityKmS.clone();
    }

    public byte[] encode(int seqCount) {
        return TmPacket.build(Apid.BUS_HK, seqCount, time, LENGTH - 14, bb -> {
            bb.put((byte) mode);
            bb.putShort((short) batteryVoltageMv);
            bb.put((byte) batterySocPercent);
            bb.putShort((short) busCurrentMa);
            bb.putShort((short) solarCurrentMa);
            bb.put((byte) (inEclipse ? 1 : 0));
            bb.putShort((short) tempObc);
            bb.putShort((short) tempBattery);
            bb.putShort((short) tempTelescope);
            bb.put((byte) (heaterOn ? 1 : 0));
            for (float q : quaternion) {
                bb.putFloat(q);
            }
            for (float r : bodyRates) {
                bb.putFloat(r);
            }
            for (double p : positionKm) {
                bb.putDouble(p);
            }
            for (float v : velocityKmS) {
                bb.putFloat(v);
            }
            bb.putInt((int) scienceStoreFill);
            bb.putInt((int) hkStoreFill);
            bb.putShort((short) tcAccepted);
            bb.putShort((short) tcRejected);
            bb.putShort((short) lastTcOpcode);
            bb.putInt((int) obcUptime);
            bb.putShort((short) bootCount);
        });
    }
}
