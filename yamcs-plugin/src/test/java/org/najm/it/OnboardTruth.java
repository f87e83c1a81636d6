package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.it.ContactChecks.archived;
import static org.najm.it.ContactChecks.key;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.spacecraft.StoredPacket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Every packet the subject's onboard stores held whenever the test looked (the simulator's truth, keys
 * "apid/sequence count/onboard second"): what has left them since was freed by DELETE_STORE, and must be in
 * the MOC's archive.
 */
final class OnboardTruth {

    private final NajmSystem sys;
    private final Set<String> seen = new HashSet<>();

    OnboardTruth(NajmSystem sys) {
        this.sys = sys;
    }

    /** Adds what the stores hold now to what was seen; returns what they hold now. */
    Set<String> look() throws Exception {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        Set<String> onboard = new HashSet<>();
        for (int id : new int[] { SpacecraftSim.STORE_SCIENCE, SpacecraftSim.STORE_HK }) {
            for (StoredPacket p : sc.storedPackets(id).get()) {
                onboard.add(key(p));
            }
        }
        seen.addAll(onboard);
        return onboard;
    }

    /**
     * The report's ledger never frees beyond what is confirmed, and every packet seen onboard that the stores
     * no longer hold is in the MOC's archive.
     */
    void assertFreedOnlyWhatIsArchived(JsonObject report) throws Exception {
        for (JsonElement e : report.getAsJsonArray("stores")) {
            JsonObject s = e.getAsJsonObject();
            assertTrue(s.get("deletedUpTo").getAsLong() <= s.get("confirmedUpTo").getAsLong(), s.toString());
        }
        Set<String> before = Set.copyOf(seen);
        Set<String> onboard = look();
        Set<String> archived = archived(sys, List.of("/NAJM/SCI_DETECTION", "/NAJM/BUS_HK", "/NAJM/EVENT"));
        Map<String, Integer> freed = new HashMap<>();
        for (String k : before) {
            if (!onboard.contains(k)) {
                freed.merge("APID " + k.substring(0, k.indexOf('/')), 1, Integer::sum);
                assertTrue(archived.contains(k), "packet (apid/seq/second) " + k + " was freed onboard but is not in"
                        + " the archive");
            }
        }
        System.out.println("Freed onboard so far, each in the archive: " + freed + "; onboard now " + onboard.size());
    }
}
