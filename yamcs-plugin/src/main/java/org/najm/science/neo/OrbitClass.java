package org.najm.science.neo;

/**
 * The dynamical classes a tracklet is assessed against, by perihelion q, aphelion Q and semi-major axis a (au).
 * Amor, Apollo and Aten are the near-Earth classes (q < 1.3 au).
 */
public enum OrbitClass {
    /** Main belt: 2.0 < a < 3.3, q > 1.3 (Mars crossers with q > 1.3 included). */
    MBA(false),
    /** Hungaria group: 1.78 < a < 2.0, e < 0.18, 16 deg < i < 34 deg. */
    HUNGARIA(false),
    /** Hilda group, 3:2 resonance with Jupiter: 3.7 < a < 4.2. */
    HILDA(false),
    /** Jupiter Trojans: 5.05 < a < 5.35. */
    TROJAN(false),
    /** Near-Earth, outside Earth's orbit: a > 1, 1.017 < q < 1.3. */
    AMOR(true),
    /** Near-Earth, Earth crossing: a >= 1, q < 1.017. */
    APOLLO(true),
    /** Near-Earth, Earth crossing: a < 1, Q > 0.983. */
    ATEN(true),
    /** No bound heliocentric orbit of any class fits the motion (e.g. an object near the Earth). */
    UNKNOWN(false);

    private final boolean neo;

    OrbitClass(boolean neo) {
        this.neo = neo;
    }

    /** Whether the class is near-Earth (q < 1.3 au). */
    public boolean isNeo() {
        return neo;
    }
}
