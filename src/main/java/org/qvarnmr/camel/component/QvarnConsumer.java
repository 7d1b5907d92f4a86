package org.qvarnmr.camel.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.qvarnmr.camel.engine.state.ListenerRegistry;
import org.qvarnmr.camel.engine.state.ListenerState;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code qvarn:TYPE?listener=NAME} consumer: one exchange per change notification of its Qvarn listener,
 * oldest first, the notification as the body and its resource id, change and revision as headers.
 *
 * <p>The listener ({@code notify_of_new} and {@code listen_on_all}, as the worker's) is made on the first poll
 * and remembered in a {@code qvarnmr_listeners} record whose {@code instance} is {@value #RECORD_PREFIX}NAME:
 * a worker instance name cannot hold a ':', so no worker ever reads or takes over these records, and a
 * restarted route resumes its listener (what changed meanwhile is waiting in it). A notification is deleted
 * once its exchange is done, as {@link DeleteAfter} says; one that is not stays in the listener and comes
 * again on the next poll (at least once).
 */
public class QvarnConsumer extends ScheduledBatchPollingConsumer {
    /** The {@code instance} of a component listener's record: never a worker instance name (no ':' there). */
    static final String RECORD_PREFIX = "camel:";
    private static final Logger LOG = LoggerFactory.getLogger(QvarnConsumer.class);

    private volatile String listenerId;

    public QvarnConsumer(QvarnEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public QvarnEndpoint getEndpoint() {
        return (QvarnEndpoint) super.getEndpoint();
    }

    /** The Qvarn listener's id, once the first poll found or made it. */
    public String listenerId() {
        return listenerId;
    }

    @Override
    protected int poll() throws Exception {
        QvarnEndpoint endpoint = getEndpoint();
        String type = endpoint.getResourceType();
        QvarnClient qvarn = endpoint.client();
        String lid = listener(qvarn, type);
        List<String> ids = qvarn.listNotificationIds(type, lid);
        Queue<Object> exchanges = new ArrayDeque<>();
        int most = maxMessagesPerPoll > 0 ? maxMessagesPerPoll : Integer.MAX_VALUE;
        for (String nid : ids) {
            if (exchanges.size() >= most) {
                break;
            }
            try {
                exchanges.add(exchange(type, lid, nid, qvarn.getNotification(type, lid, nid)));
            } catch (QvarnNotFoundException gone) {
                LOG.debug("notification {} of {} is gone; skipped", nid, type);
            }
        }
        return processBatch(exchanges);
    }

    private String listener(QvarnClient qvarn, String type) {
        if (listenerId == null) {
            String name = RECORD_PREFIX + getEndpoint().getListener();
            ListenerState state = new ListenerRegistry(qvarn, name).ensure(List.of(type)).get(0);
            listenerId = state.listenerId();
        }
        return listenerId;
    }

    private Exchange exchange(String type, String lid, String nid, ObjectNode notification) {
        Exchange exchange = createExchange(false);
        Message in = exchange.getMessage();
        in.setHeader(QvarnConstants.RESOURCE_TYPE, type);
        in.setHeader(QvarnConstants.RESOURCE_ID, text(notification.get("resource_id")));
        in.setHeader(QvarnConstants.RESOURCE_CHANGE, text(notification.get("resource_change")));
        in.setHeader(QvarnConstants.REVISION, text(notification.get("resource_revision")));
        in.setHeader(QvarnConstants.NOTIFICATION_ID, nid);
        in.setHeader(QvarnConstants.LISTENER_ID, lid);
        in.setBody(QvarnJson.out(notification, getEndpoint().getOutputType()));
        return exchange;
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        DeleteAfter deleteAfter = getEndpoint().getDeleteAfter();
        for (int index = 0; index < total && isBatchAllowed(); index++) {
            Exchange exchange = (Exchange) exchanges.poll();
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            pendingExchanges = total - index - 1;
            if (deleteAfter != DeleteAfter.never) {
                exchange.getExchangeExtension().addOnCompletion(new DeleteNotification(deleteAfter));
            }
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("qvarn:" + getEndpoint().getResourceType() + " notification "
                        + exchange.getMessage().getHeader(QvarnConstants.NOTIFICATION_ID) + " failed; "
                        + (deleteAfter == DeleteAfter.always ? "deleted all the same (deleteAfter=always)"
                                : "it stays in the listener"), exchange, exchange.getException());
            }
        }
        return total;
    }

    /** Deletes the exchange's notification when it is done, as {@link DeleteAfter} says. */
    private final class DeleteNotification extends SynchronizationAdapter {
        private final DeleteAfter when;

        DeleteNotification(DeleteAfter when) {
            this.when = when;
        }

        @Override
        public void onComplete(Exchange exchange) {
            delete(exchange);
        }

        @Override
        public void onFailure(Exchange exchange) {
            if (when == DeleteAfter.always) {
                delete(exchange);
            }
        }

        private void delete(Exchange exchange) {
            String type = getEndpoint().getResourceType();
            String nid = exchange.getIn().getHeader(QvarnConstants.NOTIFICATION_ID, String.class);
            String lid = exchange.getIn().getHeader(QvarnConstants.LISTENER_ID, String.class);
            try {
                getEndpoint().client().deleteNotification(type, lid, nid);
            } catch (QvarnException e) {
                LOG.warn("could not delete notification {} of {} (it comes again next poll): {}", nid, type,
                        e.getMessage());
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
