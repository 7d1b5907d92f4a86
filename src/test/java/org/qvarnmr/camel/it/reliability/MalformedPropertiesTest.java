package org.qvarnmr.camel.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qvarnmr.camel.runtime.ExitCodes;

/**
 * A properties file Java cannot read (a backslash-u not followed by four hexadecimal digits, as in a Windows
 * path) is a mistake in the configuration: exit 2, naming the file and line and how to write a backslash,
 * never a bug's exit 70 with a stack trace, and never the rest of the line (it may hold a secret).
 */
class MalformedPropertiesTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameFileAndLineOfABadUnicodeEscape() throws Exception {
        Path config = Files.writeString(dir.resolve("app.properties"), """
                # a comment may say \\u anything: Java skips comment lines
                qvarn.base-url = http://127.0.0.1:9
                qvarnmr.instance = escapes
                qvarn.client-secret = s3cret-\\\\u-is-fine-escaped
                qvarnmr.dead-letter-uri = file:C:\\users\\qvarnmr\\dead-letters
                """);

        Cli.Result result = Cli.run("config/handlers.yaml", "-c", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(result.err()).as(result.toString()).isEqualTo(config + ":5: malformed \\uXXXX escape (a backslash and u"
                + " must be followed by four hexadecimal digits; write a backslash as \\\\, e.g. C:\\\\users, or use"
                + " forward slashes); the line is not shown, as it may hold a secret" + System.lineSeparator());
    }
}
