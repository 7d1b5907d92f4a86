package org.qvarnmr.camel.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.spi.Language;
import org.apache.camel.support.DefaultExchange;
import org.qvarnmr.camel.binding.HandlerResolver;
import org.qvarnmr.camel.handler.CompiledExpression;

/**
 * The bindings' {@link HandlerResolver} on a Camel context: classes through its class resolver (so a bundle's
 * classes are found under OSGi), {@code bean:} handlers from its registry, {@code expression} handlers
 * compiled in its languages and evaluated on an exchange whose body is the resource.
 */
public final class CamelHandlerResolver implements HandlerResolver {
    private final CamelContext camel;

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
