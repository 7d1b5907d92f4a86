package org.qvarnmr.camel.qvarn.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/** One field of a prototype: a simple value, a list of strings or a list of dicts. */
public sealed interface FieldSpec {

    /** The prototype's own value, which is also a fresh subresource's content (section 4.1). */
    JsonNode initialValue();

    record Scalar(ScalarKind kind, JsonNode initialValue) implements FieldSpec {
    }

    record StringList(List<String> prototypeValues) implements FieldSpec {
        public StringList {
            prototypeValues = List.copyOf(prototypeValues);
        }

        @Override
        public JsonNode initialValue() {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            prototypeValues.forEach(array::add);
            return array;
        }
    }

    record DictList(Prototype item) implements FieldSpec {
        @Override
        public JsonNode initialValue() {
            return JsonNodeFactory.instance.arrayNode().add(item.initialObject());
        }
    }
}
