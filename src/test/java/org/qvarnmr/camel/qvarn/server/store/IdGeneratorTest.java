package org.qvarnmr.camel.qvarn.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section 1.1: ids and revisions. */
class IdGeneratorTest {
    private final IdGenerator ids = new IdGenerator();

    @ParameterizedTest
    @CsvSource({"org, f392", "person, 0035", "revision id, 38ce", "org__aux_listener, 396e",
        "org__aux_notification, 9384"})
    void shouldPrefixWithTheSha512OfTheTypeString(String typeString, String prefix) {
        assertThat(ids.next(typeString)).startsWith(prefix + "-");
    }

    @Test
    void shouldEndWithTheCheckDigitsOfTheFirstTwoParts() {
        String id = ids.next("org");
        String[] parts = id.split("-");

        assertThat(parts[1]).hasSize(32);
        assertThat(parts[2]).isEqualTo(IdGenerator.sha512Hex(parts[0] + parts[1]).substring(0, 8));
    }

    @Test
    void shouldNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(ids.revision())).isTrue();
        }
    }
}
