package org.qvarnmr.camel.config;

/** Invalid configuration: the message names the setting, the value, where it came from and what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    /** With the exception behind it, for a debug log; the message alone is what the user sees. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
