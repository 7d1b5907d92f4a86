package org.qvarnmr.camel.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the configuration into flat {@code name -> value} pairs, each remembering where it came from:
 * the original's INI file ({@code [qvarn] base_url = ...}) or a Camel {@code application.properties},
 * then environment variables ({@code QVARN_BASE_URL}) and system properties ({@code -Dqvarn.base-url}),
 * which override the file.
 */
public final class ConfigSource {
    private static final String NOT_SHOWN = "the line is not shown, as it may hold a secret";

    /** A value and its origin, for error messages ("qvarnmr.cfg:7"). */
    public record Value(String value, String origin) {
    }

    private ConfigSource() {
    }

    public static Map<String, Value> load(Path file, Map<String, String> env, Properties system) {
        Map<String, Value> values = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("configuration file " + file + " does not exist or is not a file");
            }
            String name = file.getFileName().toString();
            if (name.endsWith(".properties")) {
                readProperties(file, values);
            } else {
                readIni(file, values);
            }
        }
        for (Setting s : Settings.ALL) {
            String fromEnv = env.get(s.envName());
            if (fromEnv != null) {
                values.put(s.name(), new Value(fromEnv, "environment variable " + s.envName()));
            }
            String fromSystem = system.getProperty(s.name());
            if (fromSystem != null) {
                values.put(s.name(), new Value(fromSystem, "system property " + s.name()));
            }
        }
        return values;
    }

    /**
     * INI: {@code [section]} headers, {@code key = value} or {@code key: value}, {@code #}/{@code ;} comments.
     * A section or a key given twice is refused, as Python's configparser (the original's) refuses it. No
     * message shows a line's text: it may hold a secret.
     */
    static void readIni(Path file, Map<String, Value> values) {
        List<String> lines = lines(file);
        String section = null;
        Map<String, Integer> sectionLines = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new ConfigException(where + ": malformed section header: a line that starts with '[' must "
                            + "end with ']' ([name]); " + NOT_SHOWN);
                }
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                Integer first = sectionLines.putIfAbsent(section, i + 1);
                if (first != null) {
                    throw new ConfigException(where + ": section [" + section + "] appears twice (first at line " + first
                            + "); put its settings together");
                }
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq < 0) {
                throw new ConfigException(where + ": expected 'key = value' (or 'key: value'), found a line without '=' "
                        + "or ':'" + knownFirstWord(section, line) + "; " + NOT_SHOWN);
            }
            if (section == null) {
                throw new ConfigException(where + ": setting outside any [section]; put it under [qvarn] or [qvarnmr]");
            }
            String written = line.substring(0, eq).strip();
            String key = section + "." + written.toLowerCase(Locale.ROOT).replace('_', '-');
            Integer first = keyLines.putIfAbsent(key, i + 1);
            if (first != null) {
                throw new ConfigException(where + ": " + written + " is set twice in [" + section + "] (first at line "
                        + first + "); keep one");
            }
            String value = stripInlineComment(line.substring(eq + 1)).strip();
            values.put(key, new Value(value, where));
        }
    }

    /**
     * A properties file, read one logical line at a time (a line ending in an odd number of backslashes goes on
     * in the next, as {@link Properties#load} reads it) so that every value knows its line and a key given
     * twice is refused instead of the last one silently winning.
     */
    private static void readProperties(Path file, Map<String, Value> values) {
        List<String> lines = lines(file);
        Map<String, Integer> keyLines = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int start = i;
            String first = lines.get(i).stripLeading();
            if (first.isEmpty() || first.startsWith("#") || first.startsWith("!")) {
                continue; // a comment never goes on in the next line, even when it ends in a backslash
            }
            StringBuilder logical = new StringBuilder(lines.get(i));
            while (endsInOddBackslashes(lines.get(i)) && i + 1 < lines.size()) {
                logical.append('\n').append(lines.get(++i));
            }
            String where = file + ":" + (start + 1);
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": malformed \\uXXXX escape (a backslash and u must be followed by four "
                        + "hexadecimal digits; write a backslash as \\\\, e.g. C:\\\\users, or use forward slashes); "
                        + NOT_SHOWN);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            for (String raw : one.stringPropertyNames()) {
                String key = raw.replace('_', '-');
                Integer before = keyLines.putIfAbsent(key, start + 1);
                if (before != null) {
                    throw new ConfigException(where + ": " + key + " is set twice (first at line " + before + "); keep one");
                }
                values.put(key, new Value(one.getProperty(raw).strip(), where));
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
    }

    private static boolean endsInOddBackslashes(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** "; it starts with client_secret" when the line's first word is a setting of this section, else nothing. */
    private static String knownFirstWord(String section, String line) {
        String word = line.split("\\s+", 2)[0];
        String key = section + "." + word.toLowerCase(Locale.ROOT).replace('_', '-');
        return section != null && Settings.byName(key).isPresent() ? " (it starts with " + word + ")" : "";
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** The original's example writes {@code keep_alive_timeout = 60 # seconds}; the comment is not the value. */
    private static String stripInlineComment(String value) {
        for (String marker : new String[] {" #", "\t#", " ;", "\t;"}) {
            int at = value.indexOf(marker);
            if (at >= 0) {
                value = value.substring(0, at);
            }
        }
        return value;
    }
}
