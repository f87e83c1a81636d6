package org.najm.science.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an ADES submission of ours holds: its detections (optical), by the obsBlock's station code. */
final class AdesCounts {

    private static final Pattern BLOCK = Pattern.compile("<obsBlock>(.*?)</obsBlock>", Pattern.DOTALL);
    private static final Pattern MPC_CODE = Pattern.compile("<mpcCode>\\s*([^<\\s]+)\\s*</mpcCode>");
    private static final Pattern OPTICAL = Pattern.compile("<optical>");

    private AdesCounts() {
    }

    static Map<String, Long> detectionsByStationCode(String xml) {
        Map<String, Long> counts = new HashMap<>();
        Matcher block = BLOCK.matcher(xml);
        while (block.find()) {
            String body = block.group(1);
            Matcher code = MPC_CODE.matcher(body);
            if (!code.find()) {
                continue;
            }
            long n = OPTICAL.matcher(body).results().count();
            counts.merge(code.group(1), n, Long::sum);
        }
        return counts;
    }
}
