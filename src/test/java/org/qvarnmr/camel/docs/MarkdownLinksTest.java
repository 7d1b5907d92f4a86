package org.qvarnmr.camel.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link of every Markdown file in the repository leads to a file and heading that exist. */
class MarkdownLinksTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindEveryLinkedFileAndAnchorInTheRepository() {
        MarkdownLinks links = new MarkdownLinks(Path.of(""));

        assertThat(links.files()).as("the Markdown files checked").contains(Path.of("README.md").toAbsolutePath());
        assertThat(links.problems()).as("broken links").isEmpty();
    }

    @Test
    void shouldReportAMissingFileAMissingAnchorAndALinkOutsideTheRoot() throws IOException {
        Files.writeString(dir.resolve("a.md"), """
                # Title: with `code` and punctuation!
                ## Same
                ## Same
                [ok](b.md#second-heading) [ok](#title-with-code-and-punctuation) [ok](#same-1)
                [gone](missing.md) [no anchor](b.md#nowhere) [outside](../elsewhere.md)
                ```
                [in code](ignored.md)
                ```
                `[in a span](ignored.md)`
                """);
        Files.writeString(dir.resolve("b.md"), "# First\n\n## Second heading\n");

        List<String> problems = new MarkdownLinks(dir).problems();

        assertThat(problems).containsExactly(
                "a.md:5: missing.md: no such file missing.md",
                "a.md:5: b.md#nowhere: no heading with anchor #nowhere in b.md",
                "a.md:5: ../elsewhere.md: points outside the repository");
    }

    @Test
    void shouldSlugHeadingsAsGitHubDoes() {
        assertThat(MarkdownLinks.slug("6.4 When notifications are written")).isEqualTo("64-when-notifications-are-written");
        assertThat(MarkdownLinks.slug("map:")).isEqualTo("map");
        assertThat(MarkdownLinks.slug("version: auto")).isEqualTo("version-auto");
        assertThat(MarkdownLinks.slug("4. A change that can never succeed: dead letters and replay"))
                .isEqualTo("4-a-change-that-can-never-succeed-dead-letters-and-replay");
    }

    @Test
    void shouldCiteNoFileOutsideTheRepository() throws IOException {
        // Built from parts so this test does not find itself.
        List<String> outside = List.of("qvarn-" + "protocol.md", "../" + "shared", "/work/" + "shared");
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of(""))) {
            for (Path p : walk.filter(Files::isRegularFile).filter(MarkdownLinksTest::isProjectText).toList()) {
                String text = Files.readString(p);
                outside.stream().filter(text::contains).forEach(s -> found.add(p + " cites " + s));
            }
        }
        assertThat(found).as("citations of files outside the repository").isEmpty();
    }

    private static boolean isProjectText(Path p) {
        String s = p.normalize().toString();
        return !s.startsWith("target") && !s.startsWith(".git") && !s.contains("/.git/")
                && s.matches(".*\\.(md|java|ya?ml|xml|properties|sh|cfg|txt)$");
    }
}
