package org.qvarnmr.camel.qvarn.client;

import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.concurrent.ComplexCancellable;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * A request another thread can abort: HttpClient hands a request that is a {@link CancellableDependency}
 * whatever it is doing (waiting for a pooled connection, connecting, reading the answer), and
 * {@link #cancel()} closes that connection at once. The transport's deadline uses it. Built from the parsed
 * base URL, like {@link BasicClassicHttpRequest}, not from a URI parsed per request.
 */
final class AbortableRequest extends BasicClassicHttpRequest implements CancellableDependency {
    private final ComplexCancellable cancellable = new ComplexCancellable();

    AbortableRequest(String method, HttpHost host, String path) {
        super(method, host, path);
    }

    @Override
    public void setDependency(Cancellable dependency) {
        cancellable.setDependency(dependency);
    }

    @Override
    public boolean isCancelled() {
        return cancellable.isCancelled();
    }

    @Override
    public boolean cancel() {
        return cancellable.cancel();
    }
}
