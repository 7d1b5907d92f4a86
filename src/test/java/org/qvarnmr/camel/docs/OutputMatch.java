package org.qvarnmr.camel.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a command printed what a document shows: every non-blank line the document shows appears, in
 * order, as a whole line of the output; {@code ...} in a shown line stands for any text, and runs of
 * spaces count as one (column widths may differ).
 */
final class OutputMatch {
    private OutputMatch() {
    }

    /** The first shown line that is not in the output (in order), or null when all are. */
    static String firstMissing(String shown, String output) {
        List<String> actual = output.lines().map(OutputMatch::normalize).toList();
        int from = 0;
        for (String line : shown.lines().map(OutputMatch::normalize).filter(l -> !l.isEmpty()).toList()) {
            Pattern p = pattern(line);
            int found = -1;
            for (int i = from; i < actual.size() && found < 0; i++) {
                if (p.matcher(actual.get(i)).matches()) {
                    found = i;
                }
            }
            if (found < 0) {
                return line;
            }
            from = found + 1;
        }
        return null;
    }

    private static Pattern pattern(String line) {
        List<String> parts = new ArrayList<>();
        for (String part : line.split("\\.\\.\\.", -1)) {
            parts.add(part.isEmpty() ? "" : Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*?", parts));
    }

    private static String normalize(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
