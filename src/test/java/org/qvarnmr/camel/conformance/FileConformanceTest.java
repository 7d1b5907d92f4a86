package org.qvarnmr.camel.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qvarnmr.camel.conformance.Fixture.ITEMS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protocol 4.2: file subresources. QvarnClient has no file API, so these requests are plain HTTP:
 * raw bytes, the media type in {@code Content-Type}, the parent revision in a {@code Revision} header.
 */
@ExtendWith(ConformanceExtension.class)
class FileConformanceTest {
    private static final byte[] PDF = "%PDF-1.4 conformance".getBytes(StandardCharsets.US_ASCII);

    private static String documentOf(String id) {
        return "/" + ITEMS + "/" + id + "/document";
    }

    private static RawHttp.Reply putFile(Fixture qvarn, String id, String revision, String contentType, byte[] body) {
        Map<String, String> headers = revision == null ? Map.of() : Map.of("Revision", revision);
        return qvarn.raw().send("PUT", documentOf(id), contentType, body, headers, true);
    }

    @Test
    void shouldAnswer404ForAFileNeverPut(Fixture qvarn) {
        String id = qvarn.createId("{}");

        RawHttp.Reply reply = qvarn.raw().get(documentOf(id));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldAnswerAFilePutWithTheIdAndANewParentRevision(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");
        String id = parent.get("id").textValue();

        RawHttp.Reply reply = putFile(qvarn, id, parent.get("revision").textValue(), "application/pdf", PDF);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo(id);
        String revision = reply.json().path("revision").asText();
        assertThat(revision).isNotEqualTo(parent.get("revision").textValue());
        assertThat(qvarn.client().get(ITEMS, id).get("revision").textValue()).isEqualTo(revision);
    }

    @Test
    void shouldServeTheBytesWithTheirMediaTypeAndTheParentRevision(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");
        String id = parent.get("id").textValue();
        putFile(qvarn, id, parent.get("revision").textValue(), "application/pdf", PDF);

        RawHttp.Reply reply = qvarn.raw().get(documentOf(id));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(PDF);
        assertThat(reply.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(reply.header("Revision")).isEqualTo(qvarn.client().get(ITEMS, id).get("revision").textValue());
    }

    @Test
    void shouldAcceptAnEmptyFile(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");
        String id = parent.get("id").textValue();

        RawHttp.Reply reply = putFile(qvarn, id, parent.get("revision").textValue(), "text/plain", new byte[0]);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(qvarn.raw().get(documentOf(id)).body()).isEmpty();
    }

    @Test
    void shouldRequireARevisionHeader(Fixture qvarn) {
        String id = qvarn.createId("{}");

        RawHttp.Reply reply = putFile(qvarn, id, null, "application/pdf", PDF);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
    }

    @Test
    void shouldRefuseAWrongRevisionHeader(Fixture qvarn) {
        String id = qvarn.createId("{}");

        RawHttp.Reply reply = putFile(qvarn, id, Fixture.unknownId("revision id"), "application/pdf", PDF);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("WrongRevision");
    }

    @Test
    void shouldRequireAContentType(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");

        RawHttp.Reply reply = putFile(qvarn, parent.get("id").textValue(), parent.get("revision").textValue(), null,
                PDF);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("InvalidContentType");
    }

    @Test
    void shouldRequireAContentLength(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");

        RawHttp.Reply reply = qvarn.raw().sendChunked("PUT", documentOf(parent.get("id").textValue()),
                "application/pdf", PDF, Map.of("Revision", parent.get("revision").textValue()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(411);
        assertThat(reply.errorCode()).isEqualTo("ContentLengthMissing");
    }

    @Test
    void shouldAnswer404ForAFileOfADeletedParent(Fixture qvarn) {
        ObjectNode parent = qvarn.create("{}");
        String id = parent.get("id").textValue();
        putFile(qvarn, id, parent.get("revision").textValue(), "application/pdf", PDF);

        qvarn.client().delete(ITEMS, id);

        assertThat(qvarn.raw().get(documentOf(id)).status()).isEqualTo(404);
    }

    @Test
    void shouldNotSearchFileFields(Fixture qvarn) {
        RawHttp.Reply reply = qvarn.raw().get("/" + ITEMS + "/search/exact/content_type/text");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("FieldNotInResource");
    }
}
