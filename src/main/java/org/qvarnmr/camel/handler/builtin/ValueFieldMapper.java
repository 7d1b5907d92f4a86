package org.qvarnmr.camel.handler.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.qvarnmr.camel.handler.MissingFieldException;
import org.qvarnmr.camel.handler.ValueMapper;

/**
 * The {@code value(field='_mr_value')} built-in, used as the {@code map:} of a reduce definition: it
 * returns one field of the <em>map row</em>. A field the row does not have fails the reduce
 * ({@link MissingFieldException}); a null field is a null value.
 */
public final class ValueFieldMapper implements ValueMapper {
    /** The field {@code value()} reads when none is given. */
    public static final String DEFAULT_FIELD = "_mr_value";

    private final String field;

    public ValueFieldMapper(String field) {
        this.field = Objects.requireNonNull(field, "field");
    }

    public ValueFieldMapper() {
        this(DEFAULT_FIELD);
    }

    @Override
    public JsonNode apply(ObjectNode mapRow) {
        return MissingFieldException.require(mapRow, field, "map row", JsonValues.text(mapRow, "type"),
                field.equals(DEFAULT_FIELD)
                        ? "the map target's resource type needs an _mr_value field (see docs/derived-types.md)"
                        : "map: value(" + field + ") reads the map row, not the source resource; a map handler "
                                + "that emits a single value stores it in _mr_value: write map: value");
    }

    public String field() {
        return field;
    }

    /** Canonical text, e.g. {@code value(field=_mr_value)}. */
    public String description() {
        return "value(field=" + field + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
