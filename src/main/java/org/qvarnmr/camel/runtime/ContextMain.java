package org.qvarnmr.camel.runtime;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.qvarnmr.camel.config.ConfigException;

/**
 * Camel Main over a context the caller made: {@code init()} configures it from the properties as any Camel
 * Main application is configured ({@code camel.*} options, {@code camel.beans.*}, configuration classes,
 * YAML routes), and {@code start()} starts it.
 */
public final class ContextMain {
    private ContextMain() {
    }

    public static Main of(CamelContext camel, Properties initialProperties) {
        Main main = new Main() {
            @Override
            protected CamelContext createCamelContext() {
                return camel;
            }
        };
        // The caller stops the run on SIGTERM and waits for it; Main's own hook would only stop Camel.
        if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy strategy) {
            strategy.disableHangupSupport();
        }
        main.setInitialProperties(initialProperties);
        return main;
    }

    /**
     * Camel Main that only loads YAML routes into the context, for the commands that check the bindings
     * against them ({@code route:} handlers): {@code routesPattern}, or the worker's default ({@code
     * routes/*.yaml}) when null. Nothing starts; the routes' placeholders and beans are not needed.
     */
    public static Main loadingRoutes(CamelContext camel, String routesPattern) {
        Properties p = new Properties();
        String pattern = routesPattern != null ? routesPattern : MainProperties.defaultRoutesPattern();
        if (pattern != null) {
            p.setProperty("camel.main.routes-include-pattern", pattern);
        }
        return of(camel, p);
    }

    /** Configures the context; a mistake in the {@code camel.*} keys is a user's, reported in one line. */
    public static void init(Main main) {
        step(main::init);
    }

    /** Starts the context, reporting a failure as {@link #init} does. */
    public static void start(Main main) {
        step(main::start);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new ConfigException("Camel could not start: " + rootMessage(e), e);
        }
    }

    /** The innermost cause's message: Camel wraps the one that names the mistake several times. */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError) {
            return "class " + cause.getMessage() + " not found; put the jar that contains it on the class path "
                    + "(java -cp qvarnmr-camel.jar:your.jar org.qvarnmr.camel.QvarnMrApplication ...)";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
