package org.qvarnmr.camel.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.support.TestQvarn;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.QvarnMr;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker in a Spring Boot application, built by {@link QvarnMrAutoConfiguration} from properties alone, on
 * the application's CamelContext: it derives rows from the embedded Qvarn, reports UP on Actuator's health,
 * and counts in the application's MeterRegistry.
 */
@SpringBootTest(classes = {TestApplication.class, SpringBootWorkerTest.QvarnServer.class}, properties = {
        "qvarnmr.handlers=config/handlers.yaml",
        "qvarnmr.instance=spring",
        "qvarnmr.pollInterval=100ms", // relaxed binding: qvarnmr.poll-interval
        "qvarnmr.dead-letter-uri=file:target/spring-boot-test/dead-letters",
        "management.endpoints.access.default=read-only",
        "management.endpoints.jmx.exposure.include=health"})
@DirtiesContext
class SpringBootWorkerTest {
    private static QvarnMrHarness qvarn;

    @Autowired
    private QvarnMr worker;
    @Autowired
    private CamelContext camel;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private HealthEndpoint health;

    @DynamicPropertySource
    static void qvarn(DynamicPropertyRegistry registry) throws IOException {
        qvarn = TestQvarn.start();
        registry.add("qvarn.base-url", () -> qvarn.baseUrl().toString());
    }

    /** Closes the embedded Qvarn with the context, after Camel stopped and the worker released its instance. */
    @TestConfiguration(proxyBeanMethods = false)
    static class QvarnServer {
        @Bean(destroyMethod = "close")
        QvarnMrHarness qvarnHarness() {
            return qvarn;
        }
    }

    private int count(String org) {
        var row = qvarn.derivedByKey("reports_counts").get(org);
        return row == null ? 0 : row.get("_mr_value").asInt();
    }

    @Test
    void shouldDeriveRowsAndReportHealthAndMeters() {
        assertThat(worker.settings().pollInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(camel.getRoute("qvarnmr-pass")).as("the worker's routes on the application's context").isNotNull();
        String a = qvarn.create("orgs", "{\"names\": [\"A\"]}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");
        qvarn.create("reports", "{\"org\": \"" + a + "\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> count(a) == 2);
        assertThat(qvarn.derivedByKey("company_reports")).containsKey(a);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Status.UP.equals(health.healthForPath("qvarnmr").getStatus()));
        assertThat(camel.getRegistry().lookupByName("metricsRegistry"))
                .as("camel-micrometer's registry is the application's").isSameAs(meters);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Counter processed = meters.find("qvarnmr.changes.processed").counter();
            return processed != null && processed.count() >= 3;
        });
    }
}
