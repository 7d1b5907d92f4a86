package org.qvarnmr.camel.component;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code qvarnmr:derived}: the worker sends each derived row it writes here (body: a {@code DerivedChange};
 * headers: {@link DerivedHeaders}), synchronously on its own thread, while a route consumes it; with no
 * consumer a message is dropped. One consumer at a time, as with {@code direct:}. Replaces the older
 * {@code direct:qvarnmr-derived}, which keeps working.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "qvarnmr", title = "qvarnmr worker events", syntax = "qvarnmr:name",
        category = {Category.CORE}, headersClass = DerivedHeaders.class)
public class QvarnMrEndpoint extends DefaultEndpoint {
    /** The one endpoint name: derived-row changes. */
    public static final String DERIVED = "derived";

    @UriPath(description = "what to consume: derived (every derived row the worker creates, updates or deletes)",
            enums = "derived")
    @Metadata(required = true)
    private final String name;
    private final AtomicReference<DefaultConsumer> consumer = new AtomicReference<>();

    public QvarnMrEndpoint(String uri, QvarnMrComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** Whether a started route consumes this endpoint (the worker announces only then). */
    public boolean isConsumed() {
        return consumer.get() != null;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                DefaultConsumer c = consumer.get();
                if (c != null) {
                    c.getProcessor().process(exchange);
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DefaultConsumer created = new DefaultConsumer(this, processor) {
            @Override
            protected void doStart() throws Exception {
                super.doStart();
                if (!consumer.compareAndSet(null, this)) {
                    throw new IllegalStateException("qvarnmr:" + name + " is consumed by another route already; "
                            + "consume it once and multicast or wire-tap from there");
                }
            }

            @Override
            protected void doStop() throws Exception {
                consumer.compareAndSet(this, null);
                super.doStop();
            }
        };
        configureConsumer(created);
        return created;
    }
}
