package org.qvarnmr.camel.binding;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Helpers over SnakeYAML's composed nodes: line numbers, type checks, readable descriptions. */
final class Yamls {
    private Yamls() {
    }

    /** The 1-based line a node starts on, or 0 when unknown. */
    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static boolean isString(Node node) {
        return node instanceof ScalarNode && Tag.STR.equals(node.getTag());
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static String string(Node node) {
        return ((ScalarNode) node).getValue();
    }

    /** What a node is, for "found ..." in messages: {@code integer 42}, {@code string 'x'}, {@code a sequence}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a sequence";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (Tag.STR.equals(tag)) {
            return "string '" + scalar.getValue() + "'";
        }
        if (Tag.INT.equals(tag)) {
            return "integer " + scalar.getValue();
        }
        if (Tag.FLOAT.equals(tag)) {
            return "number " + scalar.getValue();
        }
        if (Tag.BOOL.equals(tag)) {
            return "boolean " + scalar.getValue();
        }
        if (Tag.NULL.equals(tag)) {
            return "nothing (null)";
        }
        return "'" + scalar.getValue() + "' tagged " + tag.getValue();
    }

    /**
     * The entries of a mapping by key. Keys that are not strings and repeated keys are reported and
     * left out; the first of repeated keys wins.
     *
     * @param what what the keys are, for messages ("field", "target", "source")
     */
    static Map<String, NodeTuple> entries(MappingNode mapping, String what, Problems.Reporter reporter) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (Tag.MERGE.equals(key.getTag())) {
                reporter.report(key, "YAML merge keys (<<) are not supported; repeat the fields instead");
            } else if (!isString(key)) {
                reporter.report(key, what + " name must be a string, found " + describe(key));
            } else if (entries.containsKey(string(key))) {
                reporter.report(key, "duplicate " + what + " '" + string(key) + "' (first at line "
                        + line(entries.get(string(key)).getKeyNode()) + ")");
            } else {
                entries.put(string(key), tuple);
            }
        }
        return entries;
    }

    /** The file's YAML as nodes (which keep their lines); malformed YAML is a {@link BindingException} naming the place. */
    static Node compose(String yaml, String fileName) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? fileName : fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem().strip() : e.getMessage().strip();
            if (e.getContext() != null && e.getContextMark() != null) {
                problem += " (" + e.getContext().strip() + " at line " + (e.getContextMark().getLine() + 1) + ")";
            }
            throw new BindingException(fileName, List.of(where + ": malformed YAML: " + problem));
        } catch (YAMLException e) {
            throw new BindingException(fileName, List.of(fileName + ": malformed YAML: " + e.getMessage()));
        }
    }
}
