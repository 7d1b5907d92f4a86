package org.qvarnmr.camel.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test of handler bindings against a real, embedded Qvarn: each test method that declares a
 * {@link QvarnMrHarness} parameter gets a fresh in-memory Qvarn with these resource types, and the harness
 * runs the worker on these bindings. See {@code docs/testing-handlers.md}.
 *
 * <pre>{@code
 * @QvarnMrTest(resourceTypes = "config/resource-types", bindings = "config/handlers.yaml")
 * class MyHandlersTest {
 *     @Test
 *     void shouldCountReports(QvarnMrHarness qvarn) throws Exception { ... }
 * }
 * }</pre>
 *
 * <p>Paths are files relative to the working directory (the project folder under Maven and Gradle) or,
 * when no such file exists, resources on the test class path.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(QvarnMrExtension.class)
public @interface QvarnMrTest {
    /**
     * Folders of Qvarn resource type files ({@code *.yaml}, {@code *.yml}): the sources and the derived
     * types. The state types {@code qvarnmr_listeners} and {@code qvarnmr_handlers} are added when missing.
     */
    String[] resourceTypes() default {"config/resource-types"};

    /** The handler bindings file that {@link QvarnMrHarness#runWorker()} runs. */
    String bindings() default "config/handlers.yaml";

    /** Extra settings as {@code name=value}, e.g. {@code "qvarnmr.retry.max-attempts=2"}. */
    String[] settings() default {};
}
