package org.qvarnmr.camel.qvarn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileSubresourceTest {
    private static final byte[] PDF = "%PDF-1.4 bytes".getBytes(StandardCharsets.ISO_8859_1);

    private EmbeddedQvarn qvarn;
    private QvarnHttp http;
    private Reply parent;

    @BeforeEach
    void start() {
        qvarn = Fixtures.startThings();
        http = new QvarnHttp(qvarn.baseUrl());
        parent = http.post("/things", "{}");
    }

    @AfterEach
    void stop() {
        qvarn.close();
    }

    private Reply putFile(String revision, String contentType, byte[] content) {
        return revision == null ? http.send("PUT", "/things/" + parent.id() + "/document", contentType, content)
                : http.send("PUT", "/things/" + parent.id() + "/document", contentType, content, "Revision", revision);
    }

    @Test
    void shouldAnswer404ItemDoesNotExistBeforeTheFirstPut() {
        Reply reply = http.get("/things/" + parent.id() + "/document");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ItemDoesNotExist");
    }

    @Test
    void shouldStoreTheBytesWithTheirMediaType() {
        Reply put = putFile(parent.revision(), "application/pdf", PDF);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.id()).isEqualTo(parent.id());
        assertThat(put.revision()).isNotEqualTo(parent.revision());
        Reply read = http.get("/things/" + parent.id() + "/document");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.contentType()).isEqualTo("application/pdf");
        assertThat(read.header("Revision")).isEqualTo(put.revision());
        assertThat(read.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(PDF);
        assertThat(http.get("/things/" + parent.id()).revision()).isEqualTo(put.revision());
    }

    @Test
    void shouldAnswer409NoItemRevisionWithoutARevisionHeader() {
        Reply reply = putFile(null, "application/pdf", PDF);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("NoItemRevision");
    }

    @Test
    void shouldAnswer409WrongRevisionForAStaleRevisionHeader() {
        Reply reply = putFile("38ce-x", "application/pdf", PDF);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("WrongRevision");
    }

    @Test
    void shouldAnswer415InvalidContentTypeWithoutContentType() {
        Reply reply = putFile(parent.revision(), null, PDF);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("InvalidContentType");
    }

    @Test
    void shouldAnswer411ContentLengthMissingForAChunkedBody() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(qvarn.baseUrl() + "/things/" + parent.id() + "/document"))
                .header("Revision", parent.revision())
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(PDF)))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.body()).contains("ContentLengthMissing");
    }

    @Test
    void shouldAcceptAnEmptyFile() {
        Reply put = putFile(parent.revision(), "text/plain", new byte[0]);

        assertThat(put.status()).isEqualTo(200);
        assertThat(http.get("/things/" + parent.id() + "/document").body()).isEmpty();
    }

    @Test
    void shouldNotMakeFileFieldsSearchable() {
        Reply reply = http.get("/things/search/exact/content_type/x");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("FieldNotInResource");
    }
}
