package org.qvarnmr.camel.binding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qvarnmr.camel.config.ConfigSource;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.handler.builtin.JoinReducer;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a handler bindings file ({@code target -> source -> definition}, the shape of the original's
 * Python dict) into validated {@link HandlerBindings}. Every problem of the file is collected and
 * reported together in one {@link BindingException}; see {@code docs/handler-bindings.md}.
 *
 * <p>The {@link HandlerResolver} (the worker's is on its Camel context) compiles {@code expression} handlers,
 * looks up {@code bean} handlers and resolves {@code class} handlers; with {@link HandlerResolver#NONE}
 * (or null), expression and bean handlers are errors.
 */
public final class BindingsLoader {
    private final DefinitionBinder binder;

    /** A loader whose expression handlers may only read the resource ({@code qvarnmr.trusted-expressions} off). */
    public BindingsLoader(HandlerResolver resolver) {
        this(resolver, false);
    }

    /**
     * @param trustedExpressions {@code qvarnmr.trusted-expressions}: true lets expression handlers use every
     *                           function of their Camel language (call Java, read the environment and files)
     */
    public BindingsLoader(HandlerResolver resolver, boolean trustedExpressions) {
        this.binder = new DefinitionBinder(
                new HandlerFactory(resolver == null ? HandlerResolver.NONE : resolver, trustedExpressions));
    }

    /** A loader that trusts expressions as {@code qvarnmr.trusted-expressions} in these settings says. */
    public static BindingsLoader forSettings(HandlerResolver resolver, Map<String, ConfigSource.Value> values) {
        return new BindingsLoader(resolver, WorkerSettings.trustedExpressions(values));
    }

    /** Reads and validates a file; problems name the file as given. */
    public HandlerBindings load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new BindingException(name, List.of(name + ": file not found"));
        } catch (CharacterCodingException e) {
            throw new BindingException(name, List.of(name + ": not valid UTF-8 text"));
        } catch (IOException e) {
            throw new BindingException(name, List.of(name + ": cannot be read: " + e));
        }
        return parse(text, name);
    }

    /** Validates YAML text; {@code fileName} is used in messages and {@link SourceLocation}s. */
    public HandlerBindings parse(String yaml, String fileName) {
        Problems problems = new Problems(fileName);
        Node root = Yamls.compose(yaml, fileName);
        Map<String, Target> targets = DefinitionReader.read(root, problems);
        TargetChecks.check(targets, problems);
        List<HandlerBinding> bindings = new ArrayList<>();
        for (Target target : targets.values()) {
            for (Definition definition : target.definitions()) {
                HandlerBinding binding = binder.bind(definition, fileName, problems);
                if (binding != null) {
                    bindings.add(binding);
                }
            }
        }
        TargetChecks.checkValueFields(bindings, problems);
        problems.throwIfAny();
        return new HandlerBindings(bindings.stream().map(b -> joinReadingItsSources(b, bindings)).toList());
    }

    /**
     * A join learns the types of its sources as it reads them, and refuses a name that is none of them; it
     * needs to know which sources its map target has, which only the bindings say.
     */
    private static HandlerBinding joinReadingItsSources(HandlerBinding b, List<HandlerBinding> bindings) {
        if (!(b.reduceHandler() instanceof JoinReducer join)) {
            return b;
        }
        List<String> sources = bindings.stream()
                .filter(m -> m.kind() == HandlerKind.MAP && m.target().equals(b.source()))
                .map(HandlerBinding::source).distinct().toList();
        return new HandlerBinding(b.target(), b.source(), b.kind(), b.version(), b.autoVersion(), b.description(),
                null, join.readingSources(sources), b.valueMapper(), b.location());
    }
}
