package org.qvarnmr.camel.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.DeadLetter;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.MapResult;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnBadRequestException;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a batch: deletes the notifications of every change whose map writes and reduces all succeeded
 * (at-least-once: nothing is acknowledged before everything it caused is written); counts an attempt for
 * the others, and after the last attempt sends the change to the dead-letter endpoint instead of
 * dropping it. Qvarn being unreachable never uses up attempts.
 */
public final class AckProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AckProcessor.class);

    private final QvarnMrEngine engine;
    private final ProducerTemplate producer;

    public AckProcessor(QvarnMrEngine engine, ProducerTemplate producer) {
        this.engine = engine;
        this.producer = producer;
    }

    /** Exchange property: this batch's settled outcome, so a redelivered acknowledgement does not count again. */
    static final String SETTLED = "QvarnMrAckSettled";

    /** The changes to acknowledge and the pass summary, decided once per batch. */
    private record Settled(Batch batch, List<Change> done, PassSummary summary) {
    }

    @Override
    public void process(Exchange exchange) {
        // When deleting notifications fails, the error policy redelivers this processor: attempts are counted
        // and dead letters sent only the first time, and only the acknowledgement is repeated. (The forever
        // loop reuses one exchange for its passes: a decision counts only for the batch it was made for.)
        Batch batch = exchange.getProperty(QvarnMrConstants.BATCH, Batch.class);
        Settled settled = exchange.getProperty(SETTLED, Settled.class);
        if (settled == null || settled.batch() != batch) {
            settled = settle(exchange);
            exchange.setProperty(SETTLED, settled);
        }
        engine.acknowledge(settled.done());
        exchange.removeProperty(SETTLED);
        exchange.getIn().setBody(settled.summary());
    }

    private Settled settle(Exchange exchange) {
        MapPhase map = exchange.getProperty(QvarnMrConstants.MAP_PHASE, MapPhase.EMPTY, MapPhase.class);
        Object body = exchange.getIn().getBody();
        ReducePhase reduce = body instanceof ReducePhase r ? r : ReducePhase.EMPTY;
        Batch batch = exchange.getProperty(QvarnMrConstants.BATCH, Batch.class);
        List<Change> done = new ArrayList<>();
        int failed = 0;
        int dead = 0;
        for (MapResult result : map.succeeded()) {
            Exception keyError = null;
            boolean postponed = false;
            for (KeyRef key : result.touchedKeys()) {
                keyError = keyError != null ? keyError : reduce.failed().get(key);
                postponed |= reduce.postponed().contains(key);
            }
            if (keyError == null && !postponed) {
                done.add(result.change());
            } else if (keyError == null) {
                failed++;
                if (engine.failedAndExhausted(result.change())) {
                    // The key waits for a resync to finish; the map rows hold the change, so it is not lost.
                    LOG.warn("{}: its keys stay postponed (map rows of mixed versions); acknowledged, the keys are "
                            + "reduced when the resync completes", result.change());
                    done.add(result.change());
                }
            } else if (fail(result.change(), keyError)) {
                dead++;
                done.add(result.change());
            } else {
                failed++;
            }
        }
        for (MapPhase.FailedChange f : map.failed()) {
            if (fail(f.change(), f.error())) {
                dead++;
                done.add(f.change());
            } else {
                failed++;
            }
        }
        int changes = batch == null ? 0 : batch.changes().size();
        return new Settled(batch, List.copyOf(done), new PassSummary(changes, done.size() - dead, failed, dead,
                reduce.done().size(), batch != null && batch.more()));
    }

    /** Returns whether the change was dead-lettered (and may now be acknowledged). */
    private boolean fail(Change change, Exception error) {
        if (error instanceof OwnershipLostException lost) {
            throw lost;
        }
        QvarnException unavailable = cause(error, QvarnException.class, true);
        if (unavailable != null) {
            // Also when a handler's own Qvarn reads (join) hit the outage: that is no fault of the change.
            LOG.warn("{}: Qvarn unavailable ({}); will retry", change, unavailable.getMessage());
            engine.outage(change);
            return false;
        }
        boolean exhausted = engine.failedAndExhausted(change);
        int attempts = engine.attempts(change);
        String why = describe(error);
        if (!exhausted) {
            LOG.warn("{}: attempt {} failed: {}", change, attempts, why);
            return false;
        }
        LOG.error("{}: failed {} attempts, sent to the dead-letter endpoint: {}", change, attempts, why);
        producer.sendBody(QvarnMrConstants.DEAD_LETTER, new DeadLetter(change.sourceType(), change.resourceId(),
                change.kind().name(), change.notifications(), why, attempts, Instant.now().toString()));
        return true;
    }

    /** The error for the log and the dead letter; a write Qvarn refused (400) names the type and Qvarn's reason. */
    public static String describe(Exception error) {
        QvarnBadRequestException refused = cause(error, QvarnBadRequestException.class, false);
        if (refused == null) {
            return String.valueOf(error.getMessage());
        }
        String path = refused.requestPath() == null ? "" : refused.requestPath();
        String type = path.startsWith("/") ? path.substring(1).split("/", 2)[0] : path;
        JsonNode body = refused.errorBody();
        StringBuilder text = new StringBuilder();
        if ("UnknownKeys".equals(refused.errorCode())) {
            text.append("Qvarn refused to write resource type '").append(type)
                    .append("': the type has no field(s) ").append(fieldList(body.get("unknown_keys")))
                    .append("; add them to the type, or change the handler so it does not emit them");
        } else {
            text.append("Qvarn refused to write resource type '").append(type).append('\'');
            body.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("error_code") && !f.getKey().equals("message")) {
                    text.append(", ").append(f.getKey()).append(' ').append(f.getValue());
                }
            });
        }
        text.append(" (").append(refused.getMessage()).append(')');
        if (refused != error) {
            text.append("; in: ").append(error.getMessage());
        }
        return text.toString();
    }

    private static String fieldList(JsonNode keys) {
        if (keys == null || keys.isNull() || keys.isMissingNode()) {
            return "(not named by Qvarn)";
        }
        if (!keys.isArray()) {
            return keys.asText();
        }
        List<String> names = new ArrayList<>();
        keys.forEach(k -> names.add(k.asText()));
        return String.join(", ", names);
    }

    /** The first exception of this class in the cause chain; with {@code retryable}, only a retryable Qvarn one. */
    private static <T extends Throwable> T cause(Throwable error, Class<T> type, boolean retryable) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) && (!retryable || ((QvarnException) t).isRetryable())) {
                return type.cast(t);
            }
        }
        return null;
    }
}
