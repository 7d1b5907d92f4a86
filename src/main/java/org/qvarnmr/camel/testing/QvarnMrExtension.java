package org.qvarnmr.camel.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link QvarnMrHarness} parameters of test, {@code @BeforeEach} and {@code @AfterEach} methods:
 * one harness (one embedded Qvarn) per test method, shared by those methods and closed after the test.
 * Registered by {@link QvarnMrTest}.
 */
public final class QvarnMrExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QvarnMrExtension.class);
    private static final String KEY = "harness";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == QvarnMrHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a QvarnMrHarness is made per test method: declare it as a "
                    + "parameter of @Test, @BeforeEach or @AfterEach methods, not of constructors or @BeforeAll");
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        QvarnMrHarness harness = store.get(KEY, QvarnMrHarness.class);
        if (harness == null) {
            try {
                harness = QvarnMrHarness.start(settingsOf(context));
            } catch (Exception e) {
                throw new ParameterResolutionException("cannot start the embedded Qvarn: " + e.getMessage(), e);
            }
            store.put(KEY, harness);
        }
        return harness;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        QvarnMrHarness harness = context.getStore(NAMESPACE).remove(KEY, QvarnMrHarness.class);
        if (harness != null) {
            harness.close();
        }
    }

    /** The annotation on the method, else on the test class or a class enclosing it. */
    private static QvarnMrTest settingsOf(ExtensionContext context) {
        Optional<QvarnMrTest> onMethod = context.getTestMethod().flatMap(m -> find(m));
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<QvarnMrTest> found = find(c);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return Defaults.class.getAnnotation(QvarnMrTest.class); // @ExtendWith(QvarnMrExtension.class) alone
    }

    private static Optional<QvarnMrTest> find(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(QvarnMrTest.class));
    }

    @QvarnMrTest
    private static final class Defaults {
    }
}
