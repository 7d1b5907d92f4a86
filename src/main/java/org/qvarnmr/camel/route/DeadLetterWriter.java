package org.qvarnmr.camel.route;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.engine.DeadLetter;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the dead-letter route around the endpoint: writes a letter into the folder of a {@code file:}
 * endpoint ({@link DeadLetterFolder}), and tells the engine whether it was written. A letter that was not is
 * named in one log line and put in the pass's {@value QvarnMrConstants#UNWRITTEN} set, so its change is not
 * acknowledged: it keeps its notifications and writes its letter again at its next attempt.
 */
final class DeadLetterWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final QvarnMrEngine engine;
    private final Optional<Path> folder;
    private final String where;

    DeadLetterWriter(QvarnMrEngine engine) {
        this.engine = engine;
        String uri = engine.settings().deadLetterUri();
        this.folder = DeadLetterFolder.of(uri);
        this.where = folder.map(Path::toString).orElseGet(() -> DeadLetterFolder.shown(uri));
    }

    /** Whether the letters go to a folder this class writes; else to the endpoint, through Camel. */
    boolean writesFiles() {
        return folder.isPresent();
    }

    /**
     * Names the letter after its resource ({@code SOURCE_TYPE-RESOURCE_ID.json}): one letter per resource, a
     * newer one replacing the older (a resync's, then the live change's), as {@code replay} maps the resource
     * as it is now, whichever letter named it.
     */
    static void name(Exchange exchange) {
        DeadLetter letter = exchange.getProperty(QvarnMrConstants.LETTER, DeadLetter.class);
        String name = letter.sourceType() + "-" + letter.resourceId();
        exchange.getIn().setHeader(Exchange.FILE_NAME, name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    void write(Exchange exchange) throws Exception {
        DeadLetterFolder.write(folder.orElseThrow(), exchange.getIn().getHeader(Exchange.FILE_NAME, String.class),
                exchange.getIn().getMandatoryBody(byte[].class));
    }

    void written(Exchange exchange) {
        engine.deadLetterWrites().written();
    }

    @SuppressWarnings("unchecked")
    void failed(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        DeadLetter letter = exchange.getProperty(QvarnMrConstants.LETTER, DeadLetter.class);
        String why = "dead letters cannot be written to " + where + " (" + Settings.DEAD_LETTER_URI.name() + "): "
                + (error == null ? "unknown error" : DeadLetterFolder.reason(error));
        LOG.error("{}/{}: {}; the change keeps its notifications and is dead-lettered again at its next attempt",
                letter.sourceType(), letter.resourceId(), why);
        engine.deadLetterWrites().failed(why);
        Set<DeadLetter> unwritten = exchange.getProperty(QvarnMrConstants.UNWRITTEN, Set.class);
        if (unwritten != null) {
            unwritten.add(letter);
        }
    }
}
