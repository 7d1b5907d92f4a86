package org.qvarnmr.camel.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the relative links of the Markdown files under a root that point at a missing file, a file
 * outside the root, or a missing heading anchor (GitHub's rules: lower case, punctuation dropped, spaces
 * to hyphens, repeated headings numbered).
 */
final class MarkdownLinks {
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules");

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every Markdown file under the root, skipping build output and hidden folders. */
    List<Path> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> !skipped(root.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String name = relative.getName(i).toString();
            if (name.startsWith(".") || SKIPPED_DIRS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** One line per broken link: {@code file:line: link: why}. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Path file : files()) {
            List<String> lines = prose(file);
            for (int i = 0; i < lines.size(); i++) {
                for (String link : links(lines.get(i))) {
                    String why = check(file, link);
                    if (why != null) {
                        problems.add(root.relativize(file) + ":" + (i + 1) + ": " + link + ": " + why);
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> links(String line) {
        List<String> links = new ArrayList<>();
        Matcher m = INLINE.matcher(line);
        while (m.find()) {
            links.add(m.group(1));
        }
        Matcher ref = REFERENCE.matcher(line);
        if (ref.matches()) {
            links.add(ref.group(1));
        }
        return links;
    }

    private String check(Path from, String link) {
        if (link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: are not files of the repository
        }
        int hash = link.indexOf('#');
        String pathPart = hash < 0 ? link : link.substring(0, hash);
        String anchor = hash < 0 ? null : link.substring(hash + 1);
        Path target = pathPart.isEmpty() ? from : from.getParent().resolve(pathPart).normalize();
        if (!target.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(target)) {
            return "no such file " + root.relativize(target);
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!target.toString().endsWith(".md")) {
            return null; // line anchors of source files (#L10) are GitHub's, not checked here
        }
        Set<String> known = anchors.computeIfAbsent(target, MarkdownLinks::anchorsOf);
        return known.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + root.relativize(target);
    }

    /** The anchors GitHub gives the headings of a Markdown file, and explicit HTML anchors. */
    static Set<String> anchorsOf(Path file) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(file)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                anchors.add(a.group(1));
            }
        }
        return anchors;
    }

    /** GitHub's heading slug: link text only, lower case, only letters, digits, '-', '_' and spaces kept, spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        StringBuilder slug = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    /** The file's lines with fenced code blocks blanked and code spans removed (links there are code). */
    private static List<String> prose(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> prose = new ArrayList<>(lines.size());
        String fence = null;
        for (String line : lines) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                prose.add("");
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                prose.add("");
            } else {
                prose.add(CODE_SPAN.matcher(line).replaceAll(m -> Matcher.quoteReplacement(
                        HEADING.matcher(line).matches() ? m.group(2) : "")));
            }
        }
        return prose;
    }
}
