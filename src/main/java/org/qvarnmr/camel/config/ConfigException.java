package org.qvarnmr.camel.config;

/** Invalid configuration: the message names the setting, the value, where it came from and what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
