package org.qvarnmr.camel.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.qvarnmr.camel.binding.BindingValidationTest.FILE;
import static org.qvarnmr.camel.binding.BindingValidationTest.problems;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qvarnmr.camel.worker.CamelHandlerResolver;

/**
 * An {@code expression} handler may only read the resource unless {@code qvarnmr.trusted-expressions} is
 * on: anything else Camel's languages can do (call Java, read the environment, files or properties) is
 * refused when the bindings are loaded, before anything is evaluated.
 */
class ExpressionTrustTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    /** A map with this expression key (line 6 of the file) and a count over it. */
    static String bindings(String language, String key) {
        return """
                a__map:
                  orgs:
                    type: map
                    version: 1
                    handler:
                      expression:
                        language: %s
                        key: '%s'
                a:
                  a__map: {type: reduce, version: 1, handler: count}
                """.formatted(language, key.replace("'", "''"));
    }

    /** Runtime.exec through the bean: function, writing a file into the test's folder. */
    static String exec(Path marker) {
        return "${bean:type:java.lang.Runtime?method=getRuntime().exec('touch " + marker + "')}";
    }

    @Test
    void shouldRefuseACallIntoJavaAtLoadNamingTheLineAndTheSettingThatAllowsIt() {
        Path marker = dir.resolve("pwned");

        assertThat(problems(new BindingsLoader(CamelHandlerResolver.of(camel)), bindings("simple", exec(marker)))).singleElement()
                .asString()
                .startsWith(FILE + ":6: target 'a__map', source 'orgs': key expression '${bean:")
                .contains("'bean:' is not reading the resource")
                .contains("qvarnmr.trusted-expressions = yes");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "simple   | ${env:QVARN_CLIENT_SECRET}                         | 'env:'",
        "simple   | ${sys.user.home}                                   | 'sys'",
        "simple   | ${sysenv.HOME}                                     | 'sysenv'",
        "simple   | ${properties:qvarn.client-secret}                  | 'properties:'",
        "simple   | ${type:java.lang.System.out}                       | 'type:'",
        "simple   | ${header.x}                                        | 'header'",
        "simple   | ${exchange}                                        | 'exchange'",
        "simple   | ${camelContext.registry}                           | 'camelContext'",
        "simple   | ${body.getClass()}                                 | '.getClass()': a method call",
        "simple   | ${body.class}                                      | '.class': a method call",
        "simple   | ${body[tags].size}                                 | '.size': a method call",
        "simple   | ${bodyAs(String)}                                  | 'bodyAs'",
        "simple   | ${body[${env:HOME}]}                               | '${' inside []",
        "simple   | x-$simple{env:HOME}                                | '$simple{'",
        "simple   | $init{ $a := ${env:HOME} }init$                    | '$init{'",
        "simple   | resource:file:/etc/hostname                        | 'resource:'",
        "simple   | ${body[org] is 'java.lang.String' ? 'y' : 'n'}     | operator 'is'",
        "jsonpath | $.org${env:HOME}                                   | Camel evaluates '${'",
        "jsonpath | resource:file:/etc/hostname                        | must start with '$'",
        "constant | x                                                  | language 'constant'",
        "bean     | java.lang.Runtime?method=getRuntime                | language 'bean'"})
    void shouldRefuseAnythingButReadingTheResource(String language, String text, String reason) {
        assertThat(problems(new BindingsLoader(CamelHandlerResolver.of(camel)), bindings(language, text))).singleElement().asString()
                .startsWith(FILE + ":6: target 'a__map', source 'orgs': key expression '")
                .contains(reason)
                .contains("qvarnmr.trusted-expressions = yes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "simple   | ${body[org]}                                       | o1",
        "simple   | org-${body['org']}/${body[\"n\"]}                  | org-o1/5",
        "simple   | ${body[ org ]}                                     | o1",
        "simple   | ${body[a][b]}                                      | B",
        "simple   | ${body[tags][1]}                                   | t2",
        "simple   | ${body[nope]} ?: 'none'                            | none",
        "simple   | ${body[n] > 3 ? 'big' : 'small'}                   | big",
        "simple   | ${body[n] == 5 ? ${body[org]} : 'x'}               | o1",
        "simple   | ${body[org] in 'o1,o2' ? 'yes' : 'no'}             | yes",
        "simple   | ${body[org] regex 'o[0-9]' ? 'yes' : 'no'}         | yes",
        "simple   | ${body[nope] == null ? 'none' : 'some'}            | none",
        "simple   | ${body[org] startsWith 'o' ? 'yes' : 'no'}         | yes",
        "simple   | ${body[n] range '1..9' ? 'yes' : 'no'}             | yes",
        "simple   | ${body[n] < 6 ? 'yes' : 'no'}                      | yes",
        "simple   | price: 5 EUR, {braces} and } are text              | price: 5 EUR, {braces} and } are text",
        "jsonpath | $.org                                              | o1",
        "jsonpath | $['a'].b                                           | B",
        "jsonpath | $.tags.length()                                    | 2",
        "jsonpath | $.tags[?(@ == 't2')]                               | t2"})
    void shouldReadTheResourceWithBodyAccessOperatorsAndJsonPath(String language, String text, String key)
            throws Exception {
        ObjectNode org = (ObjectNode) JSON.readTree("""
                {"id": "o-1", "org": "o1", "n": 5, "nope": null, "a": {"b": "B"}, "tags": ["t1", "t2"]}""");

        HandlerBinding b = new BindingsLoader(CamelHandlerResolver.of(camel)).parse(bindings(language, text), FILE).mapHandlersOf("orgs").get(0);

        assertThat(b.mapHandler().map(org, null)).singleElement().satisfies(kv -> assertThat(kv.key().asText())
                .isEqualTo(key));
    }

    @Test
    void shouldRunAnyExpressionWhenTheFileIsTrusted() throws Exception {
        Path marker = dir.resolve("trusted");
        ObjectNode org = (ObjectNode) JSON.readTree("{\"id\": \"o-1\"}");

        HandlerBinding b = new BindingsLoader(CamelHandlerResolver.of(camel), true).parse(bindings("simple", exec(marker)), FILE)
                .mapHandlersOf("orgs").get(0);

        assertThat(marker).as("not run at load").doesNotExist();
        // The key is the Process that exec returned, which is no JSON: the map fails, after the command ran.
        assertThatThrownBy(() -> b.mapHandler().map(org, null)).hasMessageContaining("Process");
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.exists(marker));
    }
}
