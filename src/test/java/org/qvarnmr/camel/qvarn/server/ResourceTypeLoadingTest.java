package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qvarnmr.camel.qvarn.server.store.ResourceTypeException;

class ResourceTypeLoadingTest {

    private static final String HEAD = "type: widget\npath: /widgets\nversions:\n- version: v1\n  prototype:\n";
    private static final String KEYS = "    type: ''\n    id: ''\n    revision: ''\n";

    @Test
    void shouldLoadEveryReferenceTypeAsItIs() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.referenceTypes()).build()) {
            assertThat(qvarn.resourceTypePaths()).containsExactlyInAnyOrder("orgs", "reports", "company_reports",
                    "company_reports__map", "reports_counts", "reports_counts__map", "qvarnmr_listeners",
                    "qvarnmr_handlers");
        }
    }

    @Test
    void shouldLoadYamlAndYmlFiles() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes()).build()) {
            assertThat(qvarn.resourceTypePaths()).containsExactlyInAnyOrder("things", "gadgets");
        }
    }

    @Test
    void shouldTreatTheBareBlobWordAsAFileSubpath() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.referenceTypes()).build()) {
            assertThat(qvarn.allScopes()).contains("uapi_reports_id_pdf_get", "uapi_reports_id_pdf_put",
                    "uapi_reports_id_sync_put");
        }
    }

    @Test
    void shouldServeOnlyTheLastVersion() {
        String yaml = "type: widget\npath: /widgets\nversions:\n"
                + "- version: v0\n  prototype:\n" + KEYS + "    old: ''\n"
                + "- version: v1\n  prototype:\n" + KEYS + "    new: ''\n";
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypeYaml(yaml).build().start()) {
            QvarnHttp http = new QvarnHttp(qvarn.baseUrl());
            assertThat(http.post("/widgets", "{\"new\": \"x\"}").status()).isEqualTo(201);
            assertThat(http.post("/widgets", "{\"old\": \"x\"}").errorCode()).isEqualTo("UnknownKeys");
        }
    }

    @Test
    void shouldServeTheWorkersStateTypesLikeAnyOther() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.referenceTypes()).build().start()) {
            QvarnHttp http = new QvarnHttp(qvarn.baseUrl());
            Reply created = http.post("/qvarnmr_listeners", """
                    {"instance": "w1", "listener_id": "l1", "owner": "w1", "resource_type": "orgs",
                     "timestamp": "2026-01-01T00:00:00"}""");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("type").asText()).isEqualTo("qvarnmr_listener");
        }
    }

    @Test
    void shouldAcceptStringListsInsideDictLists() {
        try (EmbeddedQvarn qvarn = EmbeddedQvarn.builder().resourceTypesDir(Fixtures.referenceTypes()).build().start()) {
            QvarnHttp http = new QvarnHttp(qvarn.baseUrl());
            Reply created = http.post("/orgs", "{\"contacts\": [{\"address_lines\": [\"Street 1\", \"City\"]}]}");
            Reply read = http.get("/orgs/" + created.id());
            assertThat(read.json().path("contacts").get(0).path("address_lines").toString())
                    .isEqualTo("[\"Street 1\",\"City\"]");
        }
    }

    @Test
    void shouldNameTheBadFileOfADirectory() {
        assertThatThrownBy(() -> EmbeddedQvarn.builder().resourceTypesDir(Fixtures.badResourceTypes()).build())
                .isInstanceOf(ResourceTypeException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("counts")
                .hasMessageContaining("lists of Integers are not supported");
    }

    static Stream<Arguments> badTypes() {
        return Stream.of(
                Arguments.of("path: /w\nversions: []\n", "missing or empty 'type'"),
                Arguments.of("type: w\nversions: []\n", "missing or empty 'path'"),
                Arguments.of("type: w\npath: /w\n", "versions must be a non-empty list"),
                Arguments.of("type: w\npath: /w\nversions:\n- prototype: {}\n", "versions[0].version must be a string"),
                Arguments.of("type: w\npath: /w\nversions:\n- version: v1\n", "versions[0] has no prototype"),
                Arguments.of("type: w\npath: w\nversions: []\n", "must start with /"),
                Arguments.of(HEAD + "    type: ''\n    revision: ''\n", "must have the string field 'id'"),
                Arguments.of(HEAD + "    id: ''\n    type: ''\n", "must have the string field 'revision'"),
                Arguments.of(HEAD + "    id: ''\n    revision: ''\n", "must have the string field 'type'"),
                Arguments.of(HEAD + KEYS + "    address:\n      street: ''\n", "plain nested dict"),
                Arguments.of(HEAD + KEYS + "    flags: [false]\n", "lists of Booleans are not supported"),
                Arguments.of(HEAD + KEYS + "    names: ['', '']\n", "exactly one item"),
                Arguments.of(HEAD + KEYS + "    names: []\n", "exactly one item"),
                Arguments.of(HEAD + KEYS + "    ratio: 0.5\n", "unsupported prototype value"),
                Arguments.of(HEAD + KEYS + "    nothing:\n", "has no prototype value"),
                Arguments.of(HEAD + KEYS + "    a:\n    - b:\n      - c:\n        - d: ''\n", "nested one level deep"),
                Arguments.of("- just a list\n", "must be a YAML mapping"),
                Arguments.of("type: [unclosed\n", "invalid YAML"));
    }

    @ParameterizedTest
    @MethodSource("badTypes")
    void shouldRejectAMalformedTypeSayingWhatIsWrong(String yaml, String problem) {
        assertThatThrownBy(() -> EmbeddedQvarn.builder().resourceTypeYaml(yaml).build())
                .isInstanceOf(ResourceTypeException.class)
                .hasMessageStartingWith("resourceTypeYaml[0]: ")
                .hasMessageContaining(problem);
    }

    @Test
    void shouldRejectTwoTypesWithTheSamePath() {
        String yaml = HEAD + KEYS;
        assertThatThrownBy(() -> EmbeddedQvarn.builder().resourceTypeYaml(yaml)
                .resourceTypeYaml(yaml.replace("type: widget", "type: other")).build())
                .isInstanceOf(ResourceTypeException.class)
                .hasMessageContaining("path '/widgets' is already used by resourceTypeYaml[0]");
    }

    @Test
    void shouldRejectAMissingDirectory() {
        assertThatThrownBy(() -> EmbeddedQvarn.builder().resourceTypesDir(Fixtures.resourceTypes().resolve("nope")).build())
                .isInstanceOf(ResourceTypeException.class)
                .hasMessageContaining("nope");
    }
}
