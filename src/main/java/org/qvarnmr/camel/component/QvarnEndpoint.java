package org.qvarnmr.camel.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.qvarnmr.camel.qvarn.client.QvarnClient;

/**
 * One Qvarn resource type: {@code qvarn:orgs?operation=search&search=exact/country/FI/show_all} as a
 * producer, {@code qvarn:orgs?listener=NAME} as a consumer of its change notifications. The options are
 * documented in docs/camel-users.md, whose table {@code component/QvarnOptionsDocTest} keeps equal to these
 * annotations.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "qvarn", title = "Qvarn", syntax = "qvarn:resourceType",
        category = {Category.DATABASE}, headersClass = QvarnConstants.class, remote = true)
public class QvarnEndpoint extends ScheduledPollEndpoint {
    @UriPath(description = "the resource type's path name, e.g. orgs for /orgs")
    @Metadata(required = true)
    private final String resourceType;
    @UriParam(label = "producer", defaultValue = "get", description = "what the producer does: get, list, search, "
            + "create, update or delete (the QvarnOperation header overrides it)")
    private QvarnOperation operation = QvarnOperation.get;
    @UriParam(label = "producer", description = "the search of the search operation in Qvarn 0.82's grammar, e.g. "
            + "exact/country/FI/show_all (the QvarnSearch header overrides it)")
    private String search;
    @UriParam(defaultValue = "json", description = "how JSON read from Qvarn is handed out: json (Jackson nodes) or "
            + "map (Maps and Lists)")
    private OutputType outputType = OutputType.json;
    @UriParam(label = "consumer", description = "the consumer's name: its Qvarn listener is created on first start "
            + "and remembered under this name (a qvarnmr_listeners record) so a restart resumes it")
    private String listener;
    @UriParam(label = "consumer", defaultValue = "success", description = "when a notification is deleted from "
            + "Qvarn: success (after its exchange completed without an unhandled exception; else it comes again next "
            + "poll), always, or never")
    private DeleteAfter deleteAfter = DeleteAfter.success;
    @UriParam(label = "consumer", defaultValue = "100", description = "the most notifications one poll reads; "
            + "with greedy=true the next poll follows at once after any poll that found some, so a backlog drains "
            + "in batches of this size")
    private int maxMessagesPerPoll = 100;

    public QvarnEndpoint(String uri, QvarnComponent component, String resourceType) {
        super(uri, component);
        this.resourceType = resourceType;
    }

    @Override
    public QvarnComponent getComponent() {
        return (QvarnComponent) super.getComponent();
    }

    QvarnClient client() {
        return getComponent().client();
    }

    @Override
    public Producer createProducer() {
        return new QvarnProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (listener == null || listener.isBlank()) {
            throw new IllegalArgumentException("a qvarn: consumer needs listener=NAME (the name its Qvarn listener "
                    + "is remembered by), e.g. from: qvarn:" + resourceType + "?listener=my-route");
        }
        QvarnConsumer consumer = new QvarnConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(maxMessagesPerPoll);
        configureConsumer(consumer);
        return consumer;
    }

    public String getResourceType() {
        return resourceType;
    }

    public QvarnOperation getOperation() {
        return operation;
    }

    public void setOperation(QvarnOperation operation) {
        this.operation = operation;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public OutputType getOutputType() {
        return outputType;
    }

    public void setOutputType(OutputType outputType) {
        this.outputType = outputType;
    }

    public String getListener() {
        return listener;
    }

    public void setListener(String listener) {
        this.listener = listener;
    }

    public DeleteAfter getDeleteAfter() {
        return deleteAfter;
    }

    public void setDeleteAfter(DeleteAfter deleteAfter) {
        this.deleteAfter = deleteAfter;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }
}
