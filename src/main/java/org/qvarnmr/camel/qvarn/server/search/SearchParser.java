package org.qvarnmr.camel.qvarn.server.search;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;

/**
 * Parses the search criteria as 0.82 does (section 5.1): the raw, still percent-encoded text
 * after the first {@code /search/} is split on {@code /} and each piece is decoded on its own
 * ({@code +} stays a plus).
 */
public final class SearchParser {

    public SearchQuery parse(String rawCriteria) {
        String[] pieces = rawCriteria.split("/", -1);
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = percentDecode(pieces[i]);
        }
        List<SearchCondition> conditions = new ArrayList<>();
        List<String> show = new ArrayList<>();
        List<String> sort = new ArrayList<>();
        boolean showAll = false;
        Integer limit = null;
        Integer offset = null;
        int i = 0;
        while (i < pieces.length) {
            String word = pieces[i];
            SearchOperator operator = SearchOperator.fromWord(word);
            if (operator != null) {
                requireArguments(pieces, i, 2);
                conditions.add(new SearchCondition(operator, pieces[i + 1], pieces[i + 2]));
                i += 3;
                continue;
            }
            switch (word) {
                case "show_all" -> showAll = true;
                case "show" -> show.add(argument(pieces, i));
                // 0.82 answers a trailing sort/limit/offset with an HTML 500; this is a 400
                case "sort" -> sort.add(argument(pieces, i));
                case "limit" -> limit = count(argument(pieces, i), true);
                case "offset" -> offset = count(argument(pieces, i), false);
                default -> throw Errors.badSearchCondition();
            }
            i += "show_all".equals(word) ? 1 : 2;
        }
        if ((limit != null || offset != null) && sort.isEmpty()) {
            throw Errors.limitWithoutSort();
        }
        return new SearchQuery(conditions, show, showAll, sort, limit, offset);
    }

    private static void requireArguments(String[] pieces, int i, int count) {
        if (i + count >= pieces.length) {
            throw Errors.badSearchCondition();
        }
    }

    private static String argument(String[] pieces, int i) {
        requireArguments(pieces, i, 1);
        return pieces[i + 1];
    }

    /** Like Python's {@code int()}: optional sign and surrounding blanks; negative counts are refused. */
    private static int count(String text, boolean isLimit) {
        String trimmed = text.strip();
        String error = null;
        if (!trimmed.matches("[+-]?\\d+")) {
            error = "invalid literal for int() with base 10: '" + text + "'";
        } else {
            BigInteger value = new BigInteger(trimmed);
            if (value.signum() < 0) {
                error = "'" + text + "' is negative";
            } else if (value.bitLength() >= 32) {
                error = "'" + text + "' is too large";
            } else {
                return value.intValue();
            }
        }
        throw isLimit ? Errors.badLimitValue(error) : Errors.badOffsetValue(error);
    }

    /** Python's {@code unquote}: UTF-8 escapes, malformed escapes kept as they are, {@code +} kept. */
    public static String percentDecode(String piece) {
        if (piece.indexOf('%') < 0) {
            return piece;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(piece.length());
        int i = 0;
        while (i < piece.length()) {
            char c = piece.charAt(i);
            if (c == '%' && i + 2 < piece.length() && isHex(piece.charAt(i + 1)) && isHex(piece.charAt(i + 2))) {
                bytes.write(Integer.parseInt(piece.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = piece.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
