package org.najm.simulator.packet;

/** SCI_DETECTION (APID 200, 91 octets): one detection of a moving object. */
public record SciDetection(double time, long trackletId, int detIndex, int detCount, double obsTime, double ra,
        double dec, float rmsRa, float rmsDec, float mag, float rmsMag, int band, float snr, float exposure,
        double[] observerKm) {

    public static final int LENGTH = 91;

    public SciDetection {
        observerKm = observerKm.clone();
    }

    @Override
    public double[] observerKm() {
        return observerKm.clone();
    }

    public byte[] encode(int seqCount) {
        return TmPacket.build(Apid.SCI_DETECTION, seqCount, time, LENGTH - 14, bb -> {
            bb.putInt((int) trackletId);
            bb.put((byte) detIndex);
            bb.put((byte) detCount);
            Cuc.put(bb, obsTime);
            bb.putDouble(ra);
            bb.putDouble(dec);
            bb.putFloat(rmsRa);
            bb.putFloat(rmsDec);
            bb.putFloat(mag);
            bb.putFloat(rmsMag);
            bb.put((byte) band);
            bb.putFloat(snr);
            bb.putFloat(exposure);
            for (double p : observerKm) {
                bb.putDouble(p);
            }
        });
    }
}
