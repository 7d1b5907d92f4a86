package org.qvarnmr.camel.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Expression;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Language;
import org.apache.camel.support.DefaultExchange;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.handler.CompiledExpression;
import org.qvarnmr.camel.handler.RouteCall;
import org.apache.camel.util.URISupport;

/**
 * The bindings' {@link HandlerResolver} on a Camel context: classes through its class resolver (so a bundle's
 * classes are found under OSGi), {@code bean:} handlers from its registry, {@code expression} handlers
 * compiled in its languages and evaluated on an exchange whose body is the resource, {@code route:} handlers
 * called through one ProducerTemplate (thread-safe, made on first use, stopped with the context).
 */
public final class CamelHandlerResolver implements HandlerResolver {
    private final CamelContext camel;
    private ProducerTemplate template; // guarded by this

    public CamelHandlerResolver(CamelContext camel) {
        this.camel = Objects.requireNonNull(camel, "camel");
    }

    /** The resolver of that context, or {@link HandlerResolver#NONE} without one. */
    public static HandlerResolver of(CamelContext camelOrNull) {
        return camelOrNull == null ? NONE : new CamelHandlerResolver(camelOrNull);
    }

    @Override
    public Class<?> loadClass(String name) {
        return camel.getClassResolver().resolveClass(name);
    }

    @Override
    public boolean hosted() {
        return true;
    }

    @Override
    public Object bean(String name) {
        return camel.getRegistry().lookupByName(name);
    }

    @Override
    public HandlerResolver.ExpressionLanguage language(String name) {
        Language language;
        try {
            language = camel.resolveLanguage(name);
        } catch (RuntimeException e) {
            return null;
        }
        return language == null ? null : text -> compile(language, name, text);
    }

    /** A route starts from {@code uri} when one of the context's routes (loaded or started) has that endpoint as input. */
    @Override
    public RouteCall route(String uri) {
        String wanted = endpointKey(uri);
        if (routeInputs().stream().noneMatch(input -> endpointKey(input).equals(wanted))) {
            return null;
        }
        return (body, headers) -> request(uri, body, headers);
    }

    @Override
    public List<String> routeInputs() {
        Set<String> inputs = new LinkedHashSet<>();
        if (camel instanceof ModelCamelContext model) { // loaded: Camel Main read them, the context is not started yet
            for (RouteDefinition route : model.getRouteDefinitions()) {
                if (route.getInput() != null && route.getInput().getEndpointUri() != null) {
                    inputs.add(placeholdersResolved(route.getInput().getEndpointUri()));
                }
            }
        }
        for (Route route : camel.getRoutes()) { // started
            inputs.add(route.getEndpoint().getEndpointUri());
        }
        return List.copyOf(inputs);
    }

    private Object request(String uri, Object body, Map<String, Object> headers) throws Exception {
        if (!camel.getStatus().isStarted() && !camel.getStatus().isStarting() && !routeRunning(uri)) {
            // A direct: producer would wait 30 s for a consumer that cannot start while this thread waits. While
            // the context stops, its routes run until the pass in flight is done: they may still be called.
            throw new IllegalStateException("Camel context '" + camel.getName() + "' is " + camel.getStatus()
                    + ", so its route from " + uri + " cannot be called");
        }
        Exchange reply = template().send(uri, ExchangePattern.InOut, exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeaders(new HashMap<>(headers));
        });
        if (reply.getException() != null) {
            throw reply.getException();
        }
        return reply.getMessage().getBody();
    }

    /** Whether a started route of the context starts from {@code uri} (while the context is stopping). */
    private boolean routeRunning(String uri) {
        if (!camel.getStatus().isStopping()) {
            return false;
        }
        String wanted = endpointKey(uri);
        return camel.getRoutes().stream().anyMatch(route -> endpointKey(route.getEndpoint().getEndpointUri()).equals(wanted)
                && camel.getRouteController().getRouteStatus(route.getRouteId()).isStarted());
    }

    private synchronized ProducerTemplate template() throws Exception {
        if (template == null) {
            template = camel.createProducerTemplate();
            camel.addService(template, true, false); // stopped with the context
        }
        return template;
    }

    private String placeholdersResolved(String uri) {
        try {
            return camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException e) {
            return uri; // a placeholder that only the running worker defines
        }
    }

    /** Scheme and path, normalised ({@code direct:a} and {@code direct://a} are one endpoint); options left out. */
    private static String endpointKey(String uri) {
        String normalised;
        try {
            normalised = URISupport.normalizeUri(uri);
        } catch (URISyntaxException | RuntimeException e) {
            normalised = uri;
        }
        int query = normalised.indexOf('?');
        return query < 0 ? normalised : normalised.substring(0, query);
    }

    private CompiledExpression compile(Language language, String languageName, String text) throws Exception {
        validate(language, text);
        // jsonpath: a missing deeper path gives null; the top-level fields it names are checked by ExpressionMapHandler
        Expression expression = "jsonpath".equals(languageName)
                ? language.createExpression(text, new Object[] {null, null, Boolean.TRUE})
                : language.createExpression(text);
        expression.init(camel);
        return resource -> evaluate(expression, resource);
    }

    private Object evaluate(Expression expression, Object resource) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(resource);
        Object result = expression.evaluate(exchange, Object.class);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return result;
    }

    /** Some languages (jsonpath) only parse on first use but offer a public {@code validateExpression(String)}. */
    private static void validate(Language language, String text) throws Exception {
        Method validate;
        try {
            validate = language.getClass().getMethod("validateExpression", String.class);
        } catch (NoSuchMethodException e) {
            return;
        }
        try {
            if (Boolean.FALSE.equals(validate.invoke(language, text))) {
                throw new IllegalArgumentException("invalid expression");
            }
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
