package org.qvarnmr.camel.qvarn.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh embedded Qvarn with the test types and a raw HTTP helper for each test. */
abstract class ThingsServerTest {
    protected EmbeddedQvarn qvarn;
    protected QvarnHttp http;

    @BeforeEach
    void start() {
        qvarn = Fixtures.startThings();
        http = new QvarnHttp(qvarn.baseUrl());
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }
}
