package org.qvarnmr.camel.binding;

import java.util.List;
import org.qvarnmr.camel.handler.CompiledExpression;
import org.qvarnmr.camel.handler.RouteCall;

/**
 * What the bindings need from their host to resolve handlers: classes for {@code class:}, beans for
 * {@code bean:}, languages for {@code expression}, routes for {@code route:}. Free of Camel, so that binding/ stays below the worker; the
 * worker's is {@code worker/CamelHandlerResolver} (the Camel context's class resolver, registry and languages).
 */
public interface HandlerResolver {
    /** No host: classes from the thread's context class loader; bean and expression handlers are refused. */
    HandlerResolver NONE = new HandlerResolver() {
        @Override
        public Class<?> loadClass(String name) throws ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(name, false, loader != null ? loader : HandlerResolver.class.getClassLoader());
        }

        @Override
        public boolean hosted() {
            return false;
        }

        @Override
        public Object bean(String name) {
            return null;
        }

        @Override
        public ExpressionLanguage language(String name) {
            return null;
        }
    };

    /** The class of that name; null (or ClassNotFoundException) when there is none. */
    Class<?> loadClass(String name) throws ClassNotFoundException;

    /** Whether beans and languages can be looked up; when not, bean and expression handlers are refused, saying so. */
    boolean hosted();

    /** The bean bound under that name, or null. */
    Object bean(String name);

    /** The expression language of that name, or null when there is none. */
    ExpressionLanguage language(String name);

    /**
     * The call of the route that starts from endpoint {@code uri} ({@code direct:my-map}), or null when no route
     * of the host starts from it. The host's routes must be loaded (not yet started) when the bindings are.
     */
    default RouteCall route(String uri) {
        return null;
    }

    /** The endpoint URIs the host's routes start from, for a message that names none of them. */
    default List<String> routeInputs() {
        return List.of();
    }

    /** An expression language of the host. */
    interface ExpressionLanguage {
        /** Compiles one expression; throws, saying why, when it does not compile. */
        CompiledExpression compile(String text) throws Exception;
    }
}
