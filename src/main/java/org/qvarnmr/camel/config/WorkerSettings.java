package org.qvarnmr.camel.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * The worker's typed settings, read once from {@link ConfigSource} values and checked: every bad value
 * is reported with the setting's name, its origin and what is expected.
 */
public record WorkerSettings(
        QvarnClientSettings qvarn,
        String instance,
        Duration keepAliveUpdateInterval,
        Duration keepAliveTimeout,
        Duration pollInterval,
        int threads,
        int batchSize,
        int pageSize,
        RetryPolicy retry,
        int notFoundAttempts,
        String deadLetterUri,
        int cacheSize,
        String reconcileCron,
        Duration progressInterval,
        OperationsSettings operations) {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|bytes|kb|k|mb|m|gb|g)?");

    /**
     * @param values         the loaded values
     * @param requiredScopes the scopes the handlers need, requested when {@code qvarn.scope} is empty
     */
    public static WorkerSettings from(Map<String, ConfigSource.Value> values, Collection<String> requiredScopes) {
        rejectUnknown(values);
        Reader r = new Reader(values);
        URI baseUrl = r.uri(Settings.BASE_URL);
        String tokenUrl = r.text(Settings.TOKEN_URL);
        List<String> scopes = splitScopes(r.text(Settings.SCOPE));
        if (scopes.isEmpty()) {
            scopes = List.copyOf(requiredScopes);
        }
        int threads = r.positiveInt(Settings.THREADS);
        QvarnClientSettings client = new QvarnClientSettings(baseUrl,
                tokenUrl.isEmpty() ? null : r.uri(Settings.TOKEN_URL), r.text(Settings.CLIENT_ID),
                Secret.of(r.text(Settings.CLIENT_SECRET)), scopes, r.bool(Settings.VERIFY),
                r.duration(Settings.CONNECT_TIMEOUT), r.positiveDuration(Settings.RESPONSE_TIMEOUT), threads * 2 + 4,
                threads, r.size(Settings.MAX_RESPONSE_SIZE));
        String instance = r.text(Settings.INSTANCE);
        if (!instance.matches("[A-Za-z0-9_.\\-]+")) {
            throw r.bad(Settings.INSTANCE, "letters, digits, '.', '_' or '-'");
        }
        WorkerSettings s = new WorkerSettings(client, instance, r.duration(Settings.KEEP_ALIVE_UPDATE),
                r.duration(Settings.KEEP_ALIVE_TIMEOUT), r.duration(Settings.POLL_INTERVAL), threads,
                r.positiveInt(Settings.BATCH_SIZE), r.positiveInt(Settings.PAGE_SIZE),
                retry(r), r.positiveInt(Settings.NOT_FOUND_ATTEMPTS),
                r.text(Settings.DEAD_LETTER_URI), r.positiveInt(Settings.CACHE_SIZE), r.cron(Settings.RECONCILE_CRON),
                r.duration(Settings.PROGRESS_INTERVAL), operations(r, values));
        if (s.keepAliveUpdateInterval.compareTo(s.keepAliveTimeout) >= 0) {
            throw new ConfigException(Settings.KEEP_ALIVE_UPDATE.name() + " (" + s.keepAliveUpdateInterval.toSeconds()
                    + " s) must be shorter than " + Settings.KEEP_ALIVE_TIMEOUT.name() + " ("
                    + s.keepAliveTimeout.toSeconds() + " s), or other workers would take over a live one");
        }
        return s;
    }

    /**
     * {@code qvarnmr.trusted-expressions}: whether the handlers file may use every function of a Camel
     * language. Read on its own, as the bindings are loaded before the other settings are checked.
     */
    public static boolean trustedExpressions(Map<String, ConfigSource.Value> values) {
        return new Reader(values).bool(Settings.TRUSTED_EXPRESSIONS);
    }

    private static RetryPolicy retry(Reader r) {
        Duration delay = r.duration(Settings.RETRY_DELAY);
        Duration max = r.duration(Settings.RETRY_MAX_DELAY);
        if (max.compareTo(delay) < 0) {
            throw r.bad(Settings.RETRY_MAX_DELAY, "a duration no shorter than " + Settings.RETRY_DELAY.name() + " ("
                    + delay.toMillis() + " ms)");
        }
        return new RetryPolicy(r.positiveInt(Settings.MAX_ATTEMPTS), r.count(Settings.RETRY_REDELIVERIES), delay,
                r.factor(Settings.RETRY_MULTIPLIER), max);
    }

    private static OperationsSettings operations(Reader r, Map<String, ConfigSource.Value> values) {
        String management = r.text(Settings.MANAGEMENT_ENABLED).strip();
        int port = r.count(Settings.MANAGEMENT_PORT);
        if (port > 65535) {
            throw r.bad(Settings.MANAGEMENT_PORT, "a TCP port (1-65535), or 0 for one the system picks");
        }
        // Keys that are not the worker's settings (camel.*, placeholders of operators' routes) go to Camel.
        Map<String, String> camel = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (Settings.byName(k).isEmpty()) {
                camel.put(k, v.value());
            }
        });
        return new OperationsSettings(r.bool(Settings.STANDBY),
                management.equalsIgnoreCase("auto") ? null : r.bool(Settings.MANAGEMENT_ENABLED),
                r.text(Settings.MANAGEMENT_HOST).strip(), port, r.duration(Settings.HEALTH_MAX_POLL_AGE), camel,
                r.duration(Settings.STARTUP_TIMEOUT), r.positiveDuration(Settings.HEALTH_MAX_PASS_AGE));
    }

    /**
     * A key in the worker's own namespaces ({@code qvarn.*}, {@code qvarnmr.*}) that is no setting is a typo:
     * left alone it would silently keep the default (say, a mistyped {@code keep_alive_timeout}).
     */
    private static void rejectUnknown(Map<String, ConfigSource.Value> values) {
        for (Map.Entry<String, ConfigSource.Value> e : values.entrySet()) {
            String key = e.getKey();
            boolean ourNamespace = key.startsWith("qvarn.") || key.startsWith("qvarnmr.");
            if (ourNamespace && Settings.byName(key).isEmpty()) {
                String hint = Settings.closestTo(key).map(s -> "; did you mean " + s.name() + "?").orElse(".");
                throw new ConfigException("unknown setting " + key + " (" + e.getValue().origin() + ")" + hint
                        + " The settings are listed in docs/configuration.md.");
            }
        }
    }

    /** Scopes written as {@code qvarn.scope} takes them: comma or space separated. */
    public static List<String> splitScopes(String text) {
        List<String> scopes = new ArrayList<>();
        Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(x -> !x.isEmpty()).forEach(scopes::add);
        return scopes;
    }

    /** Parses and checks one value at a time. */
    private record Reader(Map<String, ConfigSource.Value> values) {
        String text(Setting s) {
            ConfigSource.Value v = values.get(s.name());
            if (v == null) {
                if (s.defaultValue() == null) {
                    throw new ConfigException("missing setting " + s.name() + " (" + s.description()
                            + "); set it in the [" + s.name().substring(0, s.name().indexOf('.'))
                            + "] section of the configuration file, or as " + s.envName());
                }
                return s.defaultValue();
            }
            return v.value();
        }

        /** The value is shown, but never a secret's, nor the user info of a URL. */
        ConfigException bad(Setting s, String expected) {
            String shown = s == Settings.CLIENT_SECRET ? "****" : Redaction.withoutUserInfo(text(s));
            return new ConfigException("invalid value '" + shown + "' for " + s.name() + " (" + origin(s)
                    + "): expected " + expected);
        }

        String origin(Setting s) {
            ConfigSource.Value v = values.get(s.name());
            return v == null ? "default" : v.origin();
        }

        URI uri(Setting s) {
            String t = text(s);
            if (Redaction.hasUserInfo(t)) {
                // Qvarn takes OAuth2 client credentials, not these; and the URL is printed in many messages.
                throw new ConfigException(s.name() + " (" + origin(s) + ") carries a user name or password before "
                        + "'@', which Qvarn does not take there: remove them, and give the credentials as "
                        + Settings.CLIENT_ID.name() + " and " + Settings.CLIENT_SECRET.name());
            }
            // The original README's example ends base_url with a stray comma; tolerate it.
            while (t.endsWith(",") || t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            try {
                URI u = new URI(t);
                if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                        || u.getHost() == null) {
                    throw bad(s, "an http:// or https:// URL");
                }
                return u;
            } catch (URISyntaxException e) {
                throw bad(s, "an http:// or https:// URL");
            }
        }

        /** Quartz cron: six or seven fields (seconds first); empty means off. */
        String cron(Setting s) {
            String t = text(s).strip();
            if (t.isEmpty()) {
                return t;
            }
            // Field count only: Quartz itself checks the rest when the reconcile route starts (and the OSGi
            // bundle does not import Quartz for this).
            int fields = t.split("\\s+").length;
            if (fields < 6 || fields > 7) {
                throw bad(s, "a Quartz cron expression with 6 or 7 fields, seconds first (e.g. '0 0 3 * * ?')");
            }
            return t;
        }

        int positiveInt(Setting s) {
            try {
                int n = Integer.parseInt(text(s).strip());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(s, "a positive whole number");
        }

        int count(Setting s) {
            try {
                int n = Integer.parseInt(text(s).strip());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(s, "a whole number, 0 or more");
        }

        double factor(Setting s) {
            try {
                double n = Double.parseDouble(text(s).strip());
                if (n >= 1 && n <= 100) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(s, "a number from 1 to 100 (e.g. 2, or 1.5)");
        }

        boolean bool(Setting s) {
            switch (text(s).strip().toLowerCase(Locale.ROOT)) {
                case "yes", "true", "on", "1":
                    return true;
                case "no", "false", "off", "0":
                    return false;
                default:
                    throw bad(s, s == Settings.MANAGEMENT_ENABLED ? "yes, no or auto" : "yes or no");
            }
        }

        /** A duration longer than zero. */
        Duration positiveDuration(Setting s) {
            Duration d = duration(s);
            if (d.isZero()) {
                throw bad(s, "a duration longer than zero: seconds (e.g. 30) or with a unit (500ms, 30s, 2m)");
            }
            return d;
        }

        /** Bytes, or with a unit: 512KB, 32MB, 1GB (1024-based; case does not matter). */
        long size(Setting s) {
            Matcher m = SIZE.matcher(text(s).strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                String unit = m.group(2) == null ? "b" : m.group(2);
                long factor = switch (unit.charAt(0)) {
                    case 'k' -> 1024L;
                    case 'm' -> 1024L * 1024;
                    case 'g' -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                try {
                    long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
                    if (bytes > 0) {
                        return bytes;
                    }
                } catch (ArithmeticException | NumberFormatException tooLarge) {
                    // reported below
                }
            }
            throw bad(s, "a size above zero: bytes, or with a unit (512KB, 32MB, 1GB)");
        }

        /** Seconds as the original wrote them ({@code 10}, {@code 0.5}), or with a unit: 500ms, 10s, 2m, 1h. */
        Duration duration(Setting s) {
            Matcher m = DURATION.matcher(text(s).strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw bad(s, "a duration: seconds (e.g. 10 or 0.5) or with a unit (500ms, 10s, 2m, 1h)");
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
    }
}
