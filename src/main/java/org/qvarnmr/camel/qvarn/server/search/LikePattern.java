package org.qvarnmr.camel.qvarn.server.search;

import java.util.regex.Pattern;

/**
 * SQL {@code LIKE} without an escape character: {@code %} matches any run and {@code _} any one
 * character. 0.82 does not escape them in search values, so they act as wildcards (section 5.2).
 */
final class LikePattern {
    private final String literal;
    private final boolean prefixOnly;
    private final Pattern regex;

    private LikePattern(String literal, boolean prefixOnly, Pattern regex) {
        this.literal = literal;
        this.prefixOnly = prefixOnly;
        this.regex = regex;
    }

    /** {@code startswith}: {@code LIKE value || '%'}; {@code contains}: {@code LIKE '%' || value || '%'}. */
    static LikePattern of(String value, boolean contains) {
        if (value.indexOf('%') < 0 && value.indexOf('_') < 0) {
            return new LikePattern(value, !contains, null);
        }
        return new LikePattern(null, false, compile((contains ? "%" : "") + value + "%"));
    }

    private static Pattern compile(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    boolean matches(String text) {
        if (regex != null) {
            return regex.matcher(text).matches();
        }
        return prefixOnly ? text.startsWith(literal) : text.contains(literal);
    }
}
