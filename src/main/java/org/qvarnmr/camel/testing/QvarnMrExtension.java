package org.qvarnmr.camel.testing;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link QvarnMrHarness} parameters of test, {@code @BeforeEach} and {@code @AfterEach} methods,
 * and sets the test instance's non-final {@code QvarnMrHarness} fields that are still null: one harness
 * (one embedded Qvarn) per test method, shared by all of them and closed after the test. Registered by
 * {@link QvarnMrTest}.
 */
public final class QvarnMrExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
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
                    + "parameter of @Test, @BeforeEach or @AfterEach methods, or as a field, not as a parameter of "
                    + "constructors or @BeforeAll");
        }
        return harnessOf(context);
    }

    /** Fields rather than a {@code @BeforeEach} copying the parameter: set before any {@code @BeforeEach} runs. */
    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : harnessFields(instance)) {
                if (field.get(instance) == null) {
                    field.set(instance, harnessOf(context));
                }
            }
        }
    }

    /** The test instance's non-static, non-final fields of type {@link QvarnMrHarness}, made accessible. */
    private static List<Field> harnessFields(Object instance) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() == QvarnMrHarness.class && !Modifier.isStatic(modifiers)
                        && !Modifier.isFinal(modifiers)) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static QvarnMrHarness harnessOf(ExtensionContext context) {
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
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        QvarnMrHarness harness = context.getStore(NAMESPACE).remove(KEY, QvarnMrHarness.class);
        if (harness == null) {
            return;
        }
        harness.close();
        // A test instance shared by its methods (PER_CLASS) must get a new harness for the next test.
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : harnessFields(instance)) {
                if (field.get(instance) == harness) {
                    field.set(instance, null);
                }
            }
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
