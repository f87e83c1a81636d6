package org.najm.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;


/**
 * Prints the hash of a password for a NAJM users file ({@code ./moc.sh hash-password}): Yamcs'
 * PBKDF2, as the login module checks it. Reads the password from the terminal without echo, or
 * one line of standard input when there is no terminal.
 */
public final class HashPassword {

    private HashPassword() {
    }

    public static void main(String[] args) throws IOException {
        char[] password;
        if (System.console() != null) {
            password = System.console().readPassword("Password: ");
            char[] again = System.console().readPassword("Again: ");
            if (password == null || !Arrays.equals(password, again)) {
                fail("the two passwords differ");
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length < 8) {
            fail("a password needs at least 8 characters");
        }
        if (NajmAuthModule.DEMO_PASSWORD.equals(new String(password))) {
            fail("that is the development password; the production profile refuses it");
        }
        System.out.println(new NajmPasswordHasher().createHash(password));
    }

    private static void fail(String why) {
        System.err.println("hash-password: " + why);
        System.exit(2);
    }
}
