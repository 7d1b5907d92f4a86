package org.qvarnmr.camel.binding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A parsed {@code handler:} or {@code map:} definition, before it is turned into a handler. Every form
 * has one canonical shape (shorthands included), used for {@code version: auto} and descriptions.
 */
sealed interface HandlerSpec {
    /** The built-ins without arguments, in the order messages list them. */
    List<String> NO_ARGUMENT_BUILTINS = List.of("count", "sum", "min", "max", "avg", "list");

    /** The form's name as written: {@code item}, {@code count}, {@code class}... */
    String form();

    /** The canonical content as plain maps (key order is made canonical when hashed). */
    Map<String, Object> canonical();

    /** Canonical one-line text. */
    String description();

    /** {@code count}, {@code sum}, {@code min}, {@code max}, {@code avg}, {@code list}. */
    record NoArgument(String form) implements HandlerSpec {
        @Override
        public Map<String, Object> canonical() {
            return Map.of("builtin", form);
        }

        @Override
        public String description() {
            return form;
        }
    }

    /** {@code item: {key: F, value: G}}; {@code value} may be null. */
    record Item(String key, String value) implements HandlerSpec {
        @Override
        public String form() {
            return "item";
        }

        @Override
        public Map<String, Object> canonical() {
            return Map.of("item", nullable("key", key, "value", value));
        }

        @Override
        public String description() {
            return value == null ? "item(key=" + key + ")" : "item(key=" + key + ", value=" + value + ")";
        }
    }

    /** {@code value: {field: F}}. */
    record Value(String field) implements HandlerSpec {
        @Override
        public String form() {
            return "value";
        }

        @Override
        public Map<String, Object> canonical() {
            return Map.of("value", Map.of("field", field));
        }

        @Override
        public String description() {
            return "value(field=" + field + ")";
        }
    }

    /** {@code join: {type_name: {source_field: target_field_or_null}}}, in the order written. */
    record Join(Map<String, Map<String, String>> mapping) implements HandlerSpec {
        public Join {
            mapping = copyOf(mapping);
        }

        @Override
        public String form() {
            return "join";
        }

        @Override
        public Map<String, Object> canonical() {
            Map<String, Object> types = new TreeMap<>();
            mapping.forEach((type, fields) -> types.put(type, new TreeMap<>(fields)));
            return Map.of("join", types);
        }

        @Override
        public String description() {
            return org.qvarnmr.camel.handler.builtin.JoinReducer.describe(mapping);
        }
    }

    /** {@code expression: {language: L, key: EXPR, value: EXPR}}; {@code value} may be null. */
    record Expression(String language, String key, String value) implements HandlerSpec {
        @Override
        public String form() {
            return "expression";
        }

        @Override
        public Map<String, Object> canonical() {
            Map<String, Object> fields = nullable("key", key, "value", value);
            fields.put("language", language);
            return Map.of("expression", fields);
        }

        @Override
        public String description() {
            return "expression(language=" + language + ", key=" + key + (value == null ? "" : ", value=" + value) + ")";
        }
    }

    /** {@code class: fully.qualified.Name}. */
    record ClassRef(String className) implements HandlerSpec {
        @Override
        public String form() {
            return "class";
        }

        @Override
        public Map<String, Object> canonical() {
            return Map.of("class", className);
        }

        @Override
        public String description() {
            return "class(" + className + ")";
        }
    }

    /** {@code bean: name}, looked up in the Camel registry. */
    record BeanRef(String name) implements HandlerSpec {
        @Override
        public String form() {
            return "bean";
        }

        @Override
        public Map<String, Object> canonical() {
            return Map.of("bean", name);
        }

        @Override
        public String description() {
            return "bean(" + name + ")";
        }
    }

    /** {@code route: URI}: the route starting from that endpoint is the handler. */
    record RouteRef(String uri) implements HandlerSpec {
        @Override
        public String form() {
            return "route";
        }

        @Override
        public Map<String, Object> canonical() {
            return Map.of("route", uri);
        }

        @Override
        public String description() {
            return "route(" + uri + ")";
        }
    }

    private static Map<String, Object> nullable(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /** An unmodifiable copy of a join mapping that keeps order and null target names. */
    static Map<String, Map<String, String>> copyOf(Map<String, Map<String, String>> mapping) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        mapping.forEach((type, fields) -> copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        return Collections.unmodifiableMap(copy);
    }
}
