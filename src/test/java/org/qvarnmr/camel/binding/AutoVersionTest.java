package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.binding.BindingValidationTest.FILE;

import org.junit.jupiter.api.Test;

/** version: auto is stable for one definition and changes when the definition does. */
class AutoVersionTest {
    private static final String SEEDED = "org.qvarnmr.camel.binding.testhandlers.SeededMapHandler";

    private final BindingsLoader loader = new BindingsLoader(HandlerResolver.NONE);

    private HandlerBinding map(String handler) {
        return loader.parse("a__map:\n  orgs: {type: map, version: auto, handler: " + handler + "}\n", FILE).all().get(0);
    }

    private HandlerBinding reduce(String definition) {
        // a class map handler may emit objects, so map: value(f) may read any field (item's rows: only _mr_*)
        return loader.parse("a__map:\n  orgs: {type: map, version: 1, handler: {class: "
                + org.qvarnmr.camel.binding.testhandlers.UpperKeyMapHandler.class.getName() + "}}\n"
                + "b:\n  a__map: {type: reduce, version: auto, " + definition + "}\n", FILE).all().get(1);
    }

    @Test
    void shouldDeriveAFixedNumberFromTheCanonicalDefinition() {
        // SHA-256 of {"handler":{"item":{"key":"org","value":null}},"map":null,"type":"map"}, first 31 bits:
        // the same on every run and machine.
        HandlerBinding b = map("item(org)");
        assertThat(b.autoVersion()).isTrue();
        assertThat(b.version()).isEqualTo(1502429360);
        assertThat(reduce("handler: sum, map: value(amount)").version()).isEqualTo(1749930860);
    }

    @Test
    void shouldGiveTheSameVersionForEveryWayOfWritingADefinition() {
        assertThat(map("{item: {key: org}}").version()).isEqualTo(map("item(org)").version())
                .isEqualTo(map("item('org')").version());
        assertThat(reduce("handler: sum, map: {value: {field: amount}}").version())
                .isEqualTo(reduce("handler: sum, map: value(amount)").version());
        assertThat(reduce("handler: {join: {report: {id: report_id}, org: {id: org_id}}}").version())
                .isEqualTo(reduce("handler: {join: {org: {id: org_id}, report: {id: report_id}}}").version());
    }

    @Test
    void shouldChangeTheVersionWhenTheDefinitionChanges() {
        assertThat(map("item(org)").version()).isNotEqualTo(map("'item(org, amount)'").version());
        assertThat(reduce("handler: sum, map: value(amount)").version())
                .isNotEqualTo(reduce("handler: sum, map: value(total)").version())
                .isNotEqualTo(reduce("handler: sum").version())
                .isNotEqualTo(reduce("handler: max, map: value(amount)").version());
        assertThat(reduce("handler: {join: {org: {id: org_id}}}").version())
                .isNotEqualTo(reduce("handler: {join: {org: {id: null}}}").version());
    }

    @Test
    void shouldHashTheSeedOfAClassHandler() {
        String canonical = AutoVersion.canonical(HandlerKind.MAP, new HandlerSpec.ClassRef(SEEDED), "seed-1", null);
        assertThat(canonical).isEqualTo("{\"handler\":{\"class\":\"" + SEEDED + "\",\"seed\":\"seed-1\"},\"map\":null,\"type\":\"map\"}");
        assertThat(map("{class: " + SEEDED + "}").version()).isEqualTo(AutoVersion.of(canonical))
                .isNotEqualTo(AutoVersion.of(canonical.replace("seed-1", "seed-2")));
    }

    @Test
    void shouldUseTheClassNameWhenAHandlerHasNoSeed() {
        String handler = "org.qvarnmr.camel.binding.testhandlers.UpperKeyMapHandler";
        assertThat(map("{class: " + handler + "}").version()).isEqualTo(AutoVersion.of(
                AutoVersion.canonical(HandlerKind.MAP, new HandlerSpec.ClassRef(handler), handler, null)));
    }

    @Test
    void shouldKeepExplicitVersions() {
        HandlerBinding b = loader.parse("a__map:\n  orgs: {type: map, version: 7, handler: item(org)}\n", FILE).all().get(0);
        assertThat(b.version()).isEqualTo(7);
        assertThat(b.autoVersion()).isFalse();
    }
}
