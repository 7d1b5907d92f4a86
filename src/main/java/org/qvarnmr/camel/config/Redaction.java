package org.qvarnmr.camel.config;

import java.util.regex.Pattern;

/** What a message may show of a URL or endpoint URI: never its user info (a user name and password). */
public final class Redaction {
    /** What comes between {@code scheme://} and an {@code @} before the path. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/?#]*@");

    private Redaction() {
    }

    public static boolean hasUserInfo(String url) {
        return USER_INFO.matcher(url).find();
    }

    /** {@code sftp://user:pw@host/x} becomes {@code sftp://****@host/x}. */
    public static String withoutUserInfo(String url) {
        return USER_INFO.matcher(url).replaceFirst("****@");
    }
}
