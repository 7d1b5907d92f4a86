package org.qvarnmr.camel.springboot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with nothing of its own: what it runs comes from auto-configuration (Camel's, Actuator's, ours). */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
}
