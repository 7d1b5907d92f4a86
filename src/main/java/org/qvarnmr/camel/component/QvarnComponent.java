package org.qvarnmr.camel.component;

import java.net.URI;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.qvarn.client.QvarnClientSettings;
import org.qvarnmr.camel.qvarn.client.Secret;

/**
 * The {@code qvarn:} component: read and write a Qvarn 0.82 resource type ({@link QvarnEndpoint}) and
 * consume its change notifications. Every endpoint of one component shares one {@link QvarnClient} (its
 * pooled connections, cached token, 401 refresh and typed {@code QvarnException}s), made on first use from
 * the component's options, or from the worker's {@code qvarn.*} settings when the worker runs in the same
 * context and {@link #setBaseUrl baseUrl} is not set. The secret is kept as a {@link Secret}, never logged.
 */
@org.apache.camel.spi.annotations.Component("qvarn")
public class QvarnComponent extends DefaultComponent {
    @Metadata(description = "Qvarn's base URL, e.g. https://qvarn.example.com; under the worker its qvarn.base-url "
            + "when not set")
    private String baseUrl;
    @Metadata(description = "OAuth2 token endpoint; empty means {baseUrl}/auth/token")
    private String tokenUrl;
    @Metadata(description = "OAuth2 client id; empty means no authentication", label = "security")
    private String clientId;
    @Metadata(description = "OAuth2 client secret (never logged)", label = "security", secret = true,
            javaType = "java.lang.String")
    private Secret clientSecret = Secret.of("");
    @Metadata(description = "scopes to request, comma or space separated; every one must be granted",
            label = "security")
    private String scope;
    @Metadata(description = "verify Qvarn's TLS certificate and host name", defaultValue = "true", label = "security")
    private boolean verifyTls = true;
    @Metadata(description = "a client of your own (its settings then replace the options above); "
            + "the component does not close it", label = "advanced")
    private QvarnClient client;

    /** The worker's client settings, used when no baseUrl is set (see QvarnMr.addTo). */
    private volatile QvarnClientSettings fallback;
    private boolean ownsClient;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank() || remaining.contains("/")) {
            throw new IllegalArgumentException("qvarn: endpoint '" + uri + "' needs a resource type's path name "
                    + "after 'qvarn:', e.g. qvarn:orgs");
        }
        QvarnEndpoint endpoint = new QvarnEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared client, made from the options on first use. */
    public synchronized QvarnClient client() {
        if (client == null) {
            client = new QvarnClient(clientSettings());
            ownsClient = true;
        }
        return client;
    }

    /** What the options (or the worker's settings) say; throws when no base URL is known. */
    QvarnClientSettings clientSettings() {
        if (baseUrl == null || baseUrl.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw new IllegalArgumentException("the qvarn component has no baseUrl: set it (camel.component.qvarn"
                    + ".base-url in application.properties, or QvarnComponent.setBaseUrl), or run the routes beside "
                    + "the worker, whose qvarn.base-url it then uses");
        }
        QvarnClientSettings settings = QvarnClientSettings.of(URI.create(baseUrl)).withVerifyTls(verifyTls);
        if (tokenUrl != null && !tokenUrl.isBlank()) {
            settings = settings.withTokenUrl(URI.create(tokenUrl));
        }
        if (clientId != null && !clientId.isBlank()) {
            settings = settings.withCredentials(clientId, clientSecret,
                    WorkerSettings.splitScopes(scope == null ? "" : scope));
        }
        return settings;
    }

    /**
     * The worker's client settings, used by the endpoints when {@link #setBaseUrl baseUrl} is not set: the
     * worker running in this context calls it so its {@code qvarn.*} settings serve the user's routes too.
     */
    public void useWhenUnset(QvarnClientSettings workerSettings) {
        this.fallback = workerSettings;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (ownsClient && client != null) {
            client.close();
            client = null;
            ownsClient = false;
        }
        super.doStop();
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** The secret as a {@link Secret}: it prints as {@code ****} (no getter: Camel would dump the clear text). */
    Secret clientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = Secret.of(clientSecret);
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public boolean isVerifyTls() {
        return verifyTls;
    }

    public void setVerifyTls(boolean verifyTls) {
        this.verifyTls = verifyTls;
    }

    public synchronized QvarnClient getClient() {
        return client;
    }

    public synchronized void setClient(QvarnClient client) {
        this.client = client;
        this.ownsClient = false;
    }
}
