package org.qvarnmr.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.testing.QvarnMrHarness;
import org.qvarnmr.camel.worker.QvarnMr;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application as its main method would, against an embedded Qvarn (the public test kit), waits for
 * the derived totals, checks its health and meters, and stops it: the worker releases its instance.
 */
class ExampleApplicationTest {
    private static int total(QvarnMrHarness qvarn, String customer) {
        var row = qvarn.derivedByKey("order_totals").get(customer);
        return row == null ? -1 : row.get("_mr_value").asInt();
    }

    @Test
    void shouldStartDeriveTheTotalsAndStop() throws Exception {
        try (QvarnMrHarness qvarn = QvarnMrHarness.builder()
                .resourceTypes(Path.of("src/test/resources/resource-types")).start()) {
            qvarn.create("orders", "{\"customer\": \"acme\", \"amount\": 5}");
            qvarn.create("orders", "{\"customer\": \"acme\", \"amount\": 7}");

            try (ConfigurableApplicationContext app = SpringApplication.run(ExampleApplication.class,
                    "--qvarn.base-url=" + qvarn.baseUrl())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> total(qvarn, "acme") == 12);
                qvarn.create("orders", "{\"customer\": \"acme\", \"amount\": 30}");
                await().atMost(Duration.ofSeconds(60)).until(() -> total(qvarn, "acme") == 42);

                HealthEndpoint health = app.getBean(HealthEndpoint.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Status.UP.equals(health.healthForPath("qvarnmr").getStatus()));
                assertThat(app.getBean(MeterRegistry.class).find("qvarnmr.changes.processed").counter())
                        .as("the worker's meters in the application's registry").isNotNull();
                assertThat(app.getBean(QvarnMr.class).settings().instance()).isEqualTo("order-totals");
            }
            assertThat(qvarn.derived("qvarnmr_listeners")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("owner").isNull()).as("instance released: %s", r).isTrue());
        }
    }
}
