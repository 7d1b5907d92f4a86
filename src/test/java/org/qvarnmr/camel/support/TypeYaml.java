package org.qvarnmr.camel.support;

import java.util.Arrays;

/** Qvarn type documents for derived types, as YAML text, for tests that need a target the demo lacks. */
public final class TypeYaml {
    private TypeYaml() {
    }

    /**
     * A map or reduce target type with the derived fields plus {@code fields} ({@code name} is a text field,
     * {@code name: 0} gives the prototype); {@code _mr_value} is text unless {@code fields} gives it.
     */
    public static String derived(String path, boolean reduce, String... fields) {
        StringBuilder y = new StringBuilder("path: /" + path + "\ntype: " + path + "\nversions:\n- version: v1\n"
                + "  prototype:\n    id: ''\n    type: ''\n    revision: ''\n    _mr_key: ''\n    _mr_version: 0\n");
        y.append(reduce ? "    _mr_timestamp: 0\n" : "    _mr_source_id: ''\n    _mr_source_type: ''\n    _mr_deleted: false\n");
        for (String f : fields) {
            y.append("    ").append(f.contains(":") ? f : f + ": ''").append('\n');
        }
        if (Arrays.stream(fields).noneMatch(f -> f.startsWith("_mr_value"))) {
            y.append("    _mr_value: ''\n");
        }
        return y.toString();
    }
}
