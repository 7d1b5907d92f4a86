package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.qvarnmr.camel.handler.builtin.CountReducer;
import org.qvarnmr.camel.handler.builtin.ItemMapHandler;
import org.qvarnmr.camel.handler.builtin.JoinReducer;

/** The README example loads into the bindings the engine expects. */
class ExampleBindingsTest {
    private static final Path EXAMPLE = Path.of("src/test/resources/fixtures/bindings/example.yaml");

    private final HandlerBindings bindings = new BindingsLoader(HandlerResolver.NONE).load(EXAMPLE);

    @Test
    void shouldLoadEveryDefinitionInFileOrder() {
        assertThat(bindings.all())
                .extracting(b -> b.target() + "<-" + b.source() + ":" + b.kind() + ":v" + b.version())
                .containsExactly(
                        "company_reports__map<-orgs:MAP:v1",
                        "company_reports__map<-reports:MAP:v1",
                        "company_reports<-company_reports__map:REDUCE:v1",
                        "reports_counts__map<-reports:MAP:v1",
                        "reports_counts<-reports_counts__map:REDUCE:v1");
    }

    @Test
    void shouldIndexMapHandlersBySourceInFileOrder() {
        assertThat(bindings.mapHandlersOf("reports")).extracting(HandlerBinding::target)
                .containsExactly("company_reports__map", "reports_counts__map");
        assertThat(bindings.mapHandlersOf("orgs")).singleElement()
                .satisfies(b -> assertThat(b.mapHandler()).isInstanceOf(ItemMapHandler.class))
                .satisfies(b -> assertThat(b.description()).isEqualTo("item(key=id)"));
        assertThat(bindings.mapHandlersOf("company_reports")).isEmpty();
    }

    @Test
    void shouldIndexReduceHandlersByMapTarget() {
        HandlerBinding join = bindings.reduceHandlerOf("company_reports__map").orElseThrow();
        assertThat(join.target()).isEqualTo("company_reports");
        assertThat(join.reduceHandler()).isInstanceOf(JoinReducer.class);
        assertThat(join.mapHandler()).isNull();
        assertThat(join.valueMapper()).isNull();
        assertThat(join.description()).isEqualTo("join({org: {id: org_id}, report: {id: report_id}})");
        assertThat(bindings.reduceHandlerOf("reports_counts__map").orElseThrow().reduceHandler())
                .isInstanceOf(CountReducer.class);
        assertThat(bindings.reduceHandlerOf("orgs")).isEmpty();
    }

    @Test
    void shouldListListenedAndTargetTypes() {
        assertThat(bindings.listenedTypes())
                .containsExactly("orgs", "reports", "company_reports__map", "reports_counts__map");
        assertThat(bindings.targetTypes())
                .containsExactly("company_reports__map", "company_reports", "reports_counts__map", "reports_counts");
    }

    @Test
    void shouldRecordWhereEachDefinitionStands() {
        assertThat(bindings.all()).extracting(b -> b.location().toString()).containsExactly(
                EXAMPLE + ":3", EXAMPLE + ":4", EXAMPLE + ":6", EXAMPLE + ":14", EXAMPLE + ":16");
        assertThat(bindings.all()).noneMatch(HandlerBinding::autoVersion);
    }
}
