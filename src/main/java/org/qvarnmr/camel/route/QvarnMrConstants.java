package org.qvarnmr.camel.route;

/** Header, property and endpoint names of the worker's routes. */
public final class QvarnMrConstants {
    /** Exchange property: the dead letter the dead-letter route is writing. */
    public static final String LETTER = "QvarnMrLetter";
    /** Exchange property of the ack route: the pass's dead letters that could not be written (a shared set). */
    public static final String UNWRITTEN = "QvarnMrUnwritten";

    public static final String PASS = "direct:qvarnmr-pass";
    public static final String DISPATCH = "direct:qvarnmr-dispatch";
    public static final String MAP_PREFIX = "direct:qvarnmr-map-";
    public static final String ROW_MOVES = "direct:qvarnmr-row-moves";
    public static final String REDUCE = "direct:qvarnmr-reduce";
    public static final String ACK = "direct:qvarnmr-ack";
    public static final String DEAD_LETTER = "direct:qvarnmr-dead-letter";
    public static final String ERROR_POLICY = "qvarnmr-error-policy";
    /** Every derived row written is announced here (body: a DerivedChange) when a route consumes it. */
    public static final String DERIVED = "direct:qvarnmr-derived";
    /** The keep-alive bean in the registry, and the id of the keep-alive route. */
    public static final String KEEP_ALIVE_BEAN = "qvarnmrKeepAlive";
    public static final String KEEP_ALIVE_ROUTE = "qvarnmr-keep-alive";

    private QvarnMrConstants() {
    }
}
