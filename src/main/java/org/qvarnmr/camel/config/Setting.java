package org.qvarnmr.camel.config;

/**
 * One documented setting: its property name, default (null = required, "" = empty) and description.
 * The INI file of the original uses {@code [section] key_name}, which maps to {@code section.key-name}.
 */
public record Setting(String name, String defaultValue, String description) {
    /** The environment variable that overrides it: {@code qvarn.base-url} -> {@code QVARN_BASE_URL}. */
    public String envName() {
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
