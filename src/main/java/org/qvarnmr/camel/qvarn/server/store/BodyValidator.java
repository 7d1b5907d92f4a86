package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.qvarn.server.protocol.Errors;

/**
 * Fill-then-validate of POST and PUT bodies, exactly in 0.82's order (section 2.3): missing
 * fields become {@code null} or {@code []} first, so "required" never fails; then unknown keys,
 * the {@code type} value and every value's JSON type are checked.
 */
public final class BodyValidator {

    /**
     * Returns a filled, validated copy of {@code body}; the caller echoes it in the response.
     *
     * @param typeName the type name to fill in and check, or {@code null} for subresources
     */
    public ObjectNode fillAndValidate(ObjectNode body, Prototype prototype, String typeName) {
        ObjectNode filled = body.deepCopy();
        boolean typed = typeName != null && prototype.has("type");
        if (typed && !filled.has("type")) {
            filled.put("type", typeName);
        }
        fill(prototype, filled);
        if (typed) {
            JsonNode type = filled.get("type");
            if (!type.isTextual() || !type.textValue().equals(typeName)) {
                throw Errors.itemHasWrongType(type, typeName);
            }
        }
        validateDict(prototype, filled);
        return filled;
    }

    private static void fill(Prototype prototype, ObjectNode object) {
        prototype.fields().forEach((name, spec) -> {
            JsonNode value = object.get(name);
            if (value == null) {
                object.set(name, spec instanceof FieldSpec.Scalar ? NullNode.getInstance()
                        : JsonNodeFactory.instance.arrayNode());
            } else if (spec instanceof FieldSpec.DictList dictList && value.isArray()) {
                value.forEach(element -> {
                    if (element.isObject()) {
                        fill(dictList.item(), (ObjectNode) element);
                    }
                });
            }
        });
    }

    private static void validateDict(Prototype prototype, ObjectNode object) {
        List<String> unknown = new ArrayList<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!prototype.has(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw Errors.unknownKeys(unknown);
        }
        prototype.fields().forEach((name, spec) -> validateField(name, spec, object.get(name)));
    }

    private static void validateField(String name, FieldSpec spec, JsonNode value) {
        if (spec instanceof FieldSpec.Scalar scalar) {
            if (!value.isNull() && !scalarMatches(scalar.kind(), value)) {
                throw Errors.wrongTypeValue(name, scalar.kind().pythonType(), pythonType(value));
            }
            return;
        }
        if (!value.isArray()) {
            throw Errors.itemMustHaveList(pythonType(value));
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (spec instanceof FieldSpec.DictList dictList) {
                if (!element.isObject()) {
                    throw Errors.listMustContainDicts(i, element);
                }
                validateDict(dictList.item(), (ObjectNode) element);
            } else if (!element.isTextual()) {
                throw Errors.listMustContainStrings(i, pythonRepr(element));
            }
        }
    }

    /** Python's {@code bool} is an {@code int}, so 0.82 accepts true/false for integer fields. */
    private static boolean scalarMatches(ScalarKind kind, JsonNode value) {
        return switch (kind) {
            case STRING, BLOB -> value.isTextual();
            case INTEGER -> value.isBoolean() || (value.isIntegralNumber() && value.canConvertToLong());
            case BOOLEAN -> value.isBoolean();
        };
    }

    /**
     * The stored form of a validated body: booleans in integer fields become 1/0, as GET returns
     * them in 0.82 (the POST/PUT response still echoes the boolean).
     */
    public ObjectNode toStored(Prototype prototype, ObjectNode filled) {
        ObjectNode stored = filled.deepCopy();
        normalize(prototype, stored);
        return stored;
    }

    private static void normalize(Prototype prototype, ObjectNode object) {
        for (Map.Entry<String, FieldSpec> entry : prototype.fields().entrySet()) {
            JsonNode value = object.get(entry.getKey());
            if (value == null) {
                continue;
            }
            if (entry.getValue() instanceof FieldSpec.Scalar scalar && scalar.kind() == ScalarKind.INTEGER
                    && value.isBoolean()) {
                object.set(entry.getKey(), LongNode.valueOf(value.booleanValue() ? 1 : 0));
            } else if (entry.getValue() instanceof FieldSpec.DictList dictList && value.isArray()) {
                for (Iterator<JsonNode> it = ((ArrayNode) value).elements(); it.hasNext(); ) {
                    normalize(dictList.item(), (ObjectNode) it.next());
                }
            }
        }
    }

    /** Python's type name of a JSON value, as 0.82 puts it into {@code conflicting_type}. */
    public static String pythonType(JsonNode value) {
        String name;
        if (value == null || value.isNull()) {
            name = "NoneType";
        } else if (value.isTextual()) {
            name = "str";
        } else if (value.isBoolean()) {
            name = "bool";
        } else if (value.isIntegralNumber()) {
            name = "int";
        } else if (value.isNumber()) {
            name = "float";
        } else if (value.isArray()) {
            name = "list";
        } else {
            name = "dict";
        }
        return "<class '" + name + "'>";
    }

    private static String pythonRepr(JsonNode value) {
        if (value.isNull()) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        return value.toString();
    }
}
