package org.qvarnmr.camel.binding;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.handler.MapHandler;
import org.qvarnmr.camel.handler.ReduceHandler;
import org.qvarnmr.camel.handler.CompiledExpression;
import org.qvarnmr.camel.handler.builtin.CountReducer;
import org.qvarnmr.camel.handler.builtin.ExpressionMapHandler;
import org.qvarnmr.camel.handler.builtin.FieldReferences;
import org.qvarnmr.camel.handler.builtin.ItemMapHandler;
import org.qvarnmr.camel.handler.builtin.JoinReducer;
import org.qvarnmr.camel.handler.builtin.ListReducer;
import org.qvarnmr.camel.handler.builtin.NumericReducer;
import org.qvarnmr.camel.handler.builtin.HandlerRoute;
import org.qvarnmr.camel.handler.builtin.RouteMapHandler;
import org.qvarnmr.camel.handler.builtin.RouteReduceHandler;
import org.qvarnmr.camel.handler.RouteCall;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns a {@link HandlerSpec} into a handler for a map or a reduce definition: checks that the form
 * suits the kind, loads classes, looks up beans and compiles expressions. Returns null after reporting.
 */
final class HandlerFactory {
    /** A handler and, for class and bean handlers, the seed that {@code version: auto} hashes. */
    record Resolved(Object handler, String seed) {
    }

    private final HandlerResolver resolver;
    private final boolean trustedExpressions;

    /** @param trustedExpressions whether expressions may use every function of their language ({@link ReadOnlyExpressions}) */
    HandlerFactory(HandlerResolver resolver, boolean trustedExpressions) {
        this.resolver = resolver;
        this.trustedExpressions = trustedExpressions;
    }

    /** @param location where the definition stands, told to a {@code route:} handler's route */
    Resolved resolve(HandlerSpec spec, HandlerKind kind, SourceLocation location, Node at, Problems.Reporter reporter) {
        boolean map = kind == HandlerKind.MAP;
        if (spec instanceof HandlerSpec.Item || spec instanceof HandlerSpec.Expression) {
            if (!map) {
                reporter.report(at, "'" + spec.form() + "' is a map-only built-in; it cannot be used in a reduce definition");
                return null;
            }
        } else if (spec instanceof HandlerSpec.NoArgument || spec instanceof HandlerSpec.Join) {
            if (map) {
                reporter.report(at, "'" + spec.form() + "' is a reduce-only built-in; it cannot be used in a map definition");
                return null;
            }
        }
        if (spec instanceof HandlerSpec.Item item) {
            return new Resolved(new ItemMapHandler(item.key(), item.value()), null);
        }
        if (spec instanceof HandlerSpec.Expression expression) {
            return expression(expression, at, reporter);
        }
        if (spec instanceof HandlerSpec.Join join) {
            return new Resolved(new JoinReducer(join.mapping()), null);
        }
        if (spec instanceof HandlerSpec.NoArgument builtin) {
            return new Resolved(switch (builtin.form()) {
                case "count" -> new CountReducer();
                case "list" -> new ListReducer();
                default -> new NumericReducer(NumericReducer.Operation.valueOf(builtin.form().toUpperCase(Locale.ROOT)));
            }, null);
        }
        Class<?> required = map ? MapHandler.class : ReduceHandler.class;
        if (spec instanceof HandlerSpec.ClassRef ref) {
            return classHandler(ref.className(), required, kind, at, reporter);
        }
        if (spec instanceof HandlerSpec.BeanRef ref) {
            return beanHandler(ref.name(), required, kind, at, reporter);
        }
        if (spec instanceof HandlerSpec.RouteRef ref) {
            return routeHandler(ref.uri(), kind, location, at, reporter);
        }
        reporter.report(at, "'" + spec.form() + "' cannot be used as a handler"); // value: only in map:
        return null;
    }

    private Resolved classHandler(String name, Class<?> required, HandlerKind kind, Node at, Problems.Reporter reporter) {
        Class<?> type;
        try {
            type = resolver.loadClass(name);
        } catch (ClassNotFoundException | LinkageError e) {
            type = null;
        }
        if (type == null) {
            reporter.report(at, "class '" + name + "' was not found on the classpath; check the name, or put the jar "
                    + "that contains it on the worker's classpath");
            return null;
        }
        if (!required.isAssignableFrom(type)) {
            reporter.report(at, "class '" + name + "' does not implement " + required.getName()
                    + ", which a " + kind.name().toLowerCase(Locale.ROOT) + " handler must");
            return null;
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            constructor = null;
        }
        if (constructor == null || !Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            reporter.report(at, "class '" + name + "' must be a public, non-abstract class with a public no-argument constructor");
            return null;
        }
        Object handler;
        try {
            handler = constructor.newInstance();
        } catch (InvocationTargetException e) {
            reporter.report(at, "class '" + name + "' could not be created: its constructor failed: " + e.getCause());
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            reporter.report(at, "class '" + name + "' could not be created: " + e);
            return null;
        }
        return new Resolved(handler, seed(handler));
    }

    private Resolved beanHandler(String name, Class<?> required, HandlerKind kind, Node at, Problems.Reporter reporter) {
        if (!resolver.hosted()) {
            reporter.report(at, "bean '" + name + "' cannot be looked up: bean handlers need a Camel context, "
                    + "and the bindings were loaded without one");
            return null;
        }
        Object bean = resolver.bean(name);
        if (bean == null) {
            reporter.report(at, "no bean named '" + name + "' in the Camel registry; bind it before the handler bindings "
                    + "are loaded: from the command line with camel.beans." + name + " = #class:com.example.YourHandler "
                    + "in the configuration, when embedding with @BindToRegistry or registry.bind(...)");
            return null;
        }
        if (!required.isInstance(bean)) {
            reporter.report(at, "bean '" + name + "' (" + bean.getClass().getName() + ") does not implement "
                    + required.getName() + ", which a " + kind.name().toLowerCase(Locale.ROOT) + " handler must");
            return null;
        }
        return new Resolved(bean, seed(bean));
    }

    private Resolved routeHandler(String uri, HandlerKind kind, SourceLocation location, Node at, Problems.Reporter reporter) {
        if (!resolver.hosted()) {
            reporter.report(at, "route '" + uri + "' cannot be looked up: route handlers need a Camel context, "
                    + "and the bindings were loaded without one");
            return null;
        }
        RouteCall call = resolver.route(uri);
        if (call == null) {
            List<String> inputs = resolver.routeInputs();
            reporter.report(at, "no route starts from '" + uri + "'; define one (a YAML route in the routes/ folder: "
                    + "- route: {from: {uri: \"" + uri + "\", steps: [...]}}), or name the endpoint a route starts from"
                    + (inputs.isEmpty() ? " (no routes are loaded)" : " (loaded routes start from: " + String.join(", ", inputs) + ")"));
            return null;
        }
        HandlerRoute route = new HandlerRoute(call, uri, location.toString());
        return new Resolved(kind == HandlerKind.MAP ? new RouteMapHandler(route) : new RouteReduceHandler(route), null);
    }

    private static String seed(Object handler) {
        String seed = handler instanceof MapHandler m ? m.autoVersionSeed() : ((ReduceHandler) handler).autoVersionSeed();
        return seed != null ? seed : handler.getClass().getName();
    }

    private Resolved expression(HandlerSpec.Expression spec, Node at, Problems.Reporter reporter) {
        if (!resolver.hosted()) {
            reporter.report(at, "expression handlers need a Camel context, and the bindings were loaded without one");
            return null;
        }
        HandlerResolver.ExpressionLanguage language = resolver.language(spec.language());
        if (language == null) {
            reporter.report(at, "unknown Camel language '" + spec.language() + "'; use a language whose component is on "
                    + "the classpath, e.g. simple or jsonpath");
            return null;
        }
        if (!trustedExpressions && !readOnly(spec, at, reporter)) {
            return null; // nothing of it is compiled: compiling may already read a file (resource:) or load a class
        }
        CompiledExpression key = compile(language, spec.language(), spec.key(), "key", at, reporter);
        CompiledExpression value = spec.value() == null ? null
                : compile(language, spec.language(), spec.value(), "value", at, reporter);
        if (key == null || spec.value() != null && value == null) {
            return null;
        }
        List<String> fields = new ArrayList<>(FieldReferences.of(spec.language(), spec.key()));
        fields.addAll(FieldReferences.of(spec.language(), spec.value()));
        return new Resolved(new ExpressionMapHandler(spec.language(), spec.key(), key, spec.value(), value,
                fields.stream().distinct().toList()), null);
    }

    /** Reports each expression of {@code spec} that does more than read the resource; nothing is compiled. */
    private static boolean readOnly(HandlerSpec.Expression spec, Node at, Problems.Reporter reporter) {
        boolean ok = true;
        for (String[] e : new String[][] {{"key", spec.key()}, {"value", spec.value()}}) {
            String why = e[1] == null ? null : ReadOnlyExpressions.whyNot(spec.language(), e[1]);
            if (why != null) {
                reporter.report(at, e[0] + " expression '" + e[1] + "' is refused: " + why + "; "
                        + ReadOnlyExpressions.ALLOWED + ". If this handlers file is as trusted as the worker's jar, set "
                        + Settings.TRUSTED_EXPRESSIONS.name() + " = yes");
                ok = false;
            }
        }
        return ok;
    }

    private static CompiledExpression compile(HandlerResolver.ExpressionLanguage language, String languageName, String text,
            String role, Node at, Problems.Reporter reporter) {
        try {
            return language.compile(text);
        } catch (Exception e) {
            reporter.report(at, role + " expression '" + text + "' does not compile as " + languageName + ": "
                    + firstLine(e.getMessage()));
            return null;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.strip().lines().findFirst().orElse("").strip();
    }
}
