package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.builder.RouteBuilder;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.binding.HandlerKind;
import org.qvarnmr.camel.engine.MrFields;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnNotFoundException;
import org.qvarnmr.camel.qvarn.client.Search;
import org.qvarnmr.camel.route.DerivedChange;
import org.qvarnmr.camel.route.QvarnMrConstants;

/**
 * The demo's {@code -f} view: one line per pass that says what the worker changed in the reduce targets,
 * e.g. {@code changed: reports_counts[Acme Oy] 2 -> 3}. Listens on {@code direct:qvarnmr-derived}, hands
 * over to {@code seda:} (the engine's thread must not wait), and gathers a pass's writes by a short quiet
 * period.
 */
final class DemoWatch extends RouteBuilder {
    /** A pass's writes arrive together; this much quiet ends the line. */
    private static final long QUIET_MILLIS = 300;

    private final QvarnClient client;
    private final DemoTables tables;
    private final PrintStream out;
    private final List<String> reduceTargets;
    private final Map<String, String> last = new ConcurrentHashMap<>();

    /** Remembers the reduce targets' results as they are now, so that the first change has a "before". */
    DemoWatch(QvarnClient client, HandlerBindings bindings, DemoTables tables, PrintStream out) {
        this.client = client;
        this.tables = tables;
        this.out = out;
        this.reduceTargets = bindings.all().stream().filter(b -> b.kind() == HandlerKind.REDUCE)
                .map(HandlerBinding::target).distinct().toList();
        for (String target : reduceTargets) {
            for (ObjectNode row : client.search(Search.on(target).showAll())) {
                last.put(target + "/" + MrFields.text(row, MrFields.KEY), tables.result(row));
            }
        }
    }

    @Override
    public void configure() {
        from(QvarnMrConstants.DERIVED).routeId("demo-derived-handover").to("seda:demo-changes");
        from("seda:demo-changes").routeId("demo-changes")
                .filter(e -> reduceTargets.contains(e.getMessage().getBody(DerivedChange.class).type()))
                .process(e -> e.getMessage().setBody(describe(e.getMessage().getBody(DerivedChange.class))))
                .aggregate(constant(true), (AggregationStrategy) (gathered, next) -> {
                    if (gathered == null) {
                        next.getMessage().setBody(new ArrayList<>(List.of(next.getMessage().getBody(String.class))));
                        return next;
                    }
                    @SuppressWarnings("unchecked")
                    List<String> lines = gathered.getMessage().getBody(List.class);
                    lines.add(next.getMessage().getBody(String.class));
                    return gathered;
                }).completionTimeout(QUIET_MILLIS)
                .process(e -> out.println("changed: " + String.join(", ", e.getMessage().getBody(List.class))));
    }

    /** {@code reports_counts[Acme Oy] 2 -> 3}; a deleted row reads "(none)". */
    private String describe(DerivedChange change) {
        tables.refreshNames();
        String now;
        try {
            now = "delete".equals(change.operation()) ? "(none)" : tables.result(client.get(change.type(), change.id()));
        } catch (QvarnNotFoundException gone) {
            now = "(none)";
        }
        String before = last.put(change.type() + "/" + change.key(), now);
        return change.type() + "[" + tables.shortName(change.key()) + "] " + (before == null ? "(none)" : before)
                + " -> " + now;
    }
}
