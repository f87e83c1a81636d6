package org.najm.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.yamcs.security.PBKDF2PasswordHasher;

/**
 * NAJM's password hashes: PBKDF2 with HMAC-SHA256 and {@value #ITERATIONS} iterations (OWASP's
 * figure for PBKDF2-HMAC-SHA256), stored as {@code pbkdf2-sha256:<iterations>:<salt hex>:<hash hex>}.
 * Older hashes - Yamcs' own {@code <iterations>:<salt>:<hash>} (PBKDF2 with HMAC-SHA1, 1000 iterations)
 * or fewer iterations - are still accepted and {@link #needsRehash flagged for rehash}.
 */
public final class NajmPasswordHasher {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int ITERATIONS = 210_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final PBKDF2PasswordHasher legacy = new PBKDF2PasswordHasher();

    public String createHash(char[] password) {
        return createHash(password, ITERATIONS);
    }

    String createHash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        HexFormat hex = HexFormat.of();
        return SCHEME + ":" + iterations + ":" + hex.formatHex(salt) + ":"
                + hex.formatHex(pbkdf2(password, salt, iterations, HASH_BYTES));
    }

    /** Whether {@code password} is the one {@code stored} was made of; time independent of where they differ. */
    public boolean validatePassword(char[] password, String stored) {
        if (!stored.startsWith(SCHEME + ":")) {
            return legacy.validatePassword(password, stored);
        }
        String[] f = stored.split(":");
        if (f.length != 4) {
            return false;
        }
        try {
            HexFormat hex = HexFormat.of();
            byte[] salt = hex.parseHex(f[2]);
            byte[] expected = hex.parseHex(f[3]);
            byte[] actual = pbkdf2(password, salt, Integer.parseInt(f[1]), expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} is a hash of an older scheme, or of fewer iterations than today's. */
    public static boolean needsRehash(String stored) {
        String[] f = stored.split(":");
        if (!stored.startsWith(SCHEME + ":") || f.length != 4) {
            return true;
        }
        try {
            return Integer.parseInt(f[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Whether {@code stored} has the form of a hash this class validates. */
    public static boolean isHash(String stored) {
        return stored != null && (stored.startsWith(SCHEME + ":") ? stored.split(":").length == 4
                : stored.split(":").length == 3);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bytes) {
        if (iterations < 1 || iterations > 10_000_000) {
            throw new IllegalArgumentException("iterations " + iterations);
        }
        try {
            var spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable: " + e.getMessage(), e);
        }
    }
}
