package org.qvarnmr.camel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.qvarnmr.camel.binding.HandlerBinding;
import org.qvarnmr.camel.binding.HandlerBindings;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.config.Settings;
import org.qvarnmr.camel.config.WorkerSettings;
import org.qvarnmr.camel.engine.Batch;
import org.qvarnmr.camel.engine.BatchApplication;
import org.qvarnmr.camel.engine.Change;
import org.qvarnmr.camel.engine.ChangeKind;
import org.qvarnmr.camel.engine.FailureDescription;
import org.qvarnmr.camel.engine.KeyRef;
import org.qvarnmr.camel.engine.Pass;
import org.qvarnmr.camel.engine.QvarnMrEngine;
import org.qvarnmr.camel.engine.ReduceOutcome;
import org.qvarnmr.camel.engine.SourceNotVisibleException;
import org.qvarnmr.camel.engine.WalkSettler;
import org.qvarnmr.camel.engine.state.OwnedElsewhereException;
import org.qvarnmr.camel.engine.state.OwnershipLostException;
import org.qvarnmr.camel.qvarn.client.QvarnClient;
import org.qvarnmr.camel.route.DeadLetterFolder;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.worker.QvarnMr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay HANDLERS.yaml -c CONFIG}: re-runs dead letters once their cause is fixed. Each letter's
 * resource is read again and mapped with the current bindings (a resource that is gone counts as
 * deleted), its keys are reduced, and the letter is moved to {@code replayed/}. Uses the worker's engine,
 * so it takes ownership of the instance like a worker: run it while no worker of the instance runs.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run dead letters once their cause is fixed: map each letter's resource again (a resource "
                + "that is gone counts as deleted), reduce its keys, and move the letter to DIR/replayed/.",
                "Takes ownership of the instance like a worker: stop the -f worker first."},
        exitCodeListHeading = ExitCodeHelp.HEADING,
        exitCodeList = {"0:Every dead letter was replayed (or there was none).",
                "1:A worker owns the instance; stop it first.", ExitCodeHelp.INVALID, ExitCodeHelp.UNREACHABLE,
                "4:Some dead letters failed again; they stay in DIR, each failure is printed."})
final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "HANDLERS.yaml", description = "The handler bindings file (with the fix).")
    Path handlers;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG", description = "The worker's configuration file.")
    Path config;

    @Option(names = "--dead-letters", paramLabel = "DIR",
            description = "The folder of dead letters (default: the folder of qvarnmr.dead-letter-uri).")
    Path folder;

    @Option(names = "--dry-run", description = "Say what would be replayed; write nothing, move nothing.")
    boolean dryRun;

    /** A file in the folder that is no dead letter: replay sets it aside instead of failing on it every time. */
    private static final class Unreadable extends IllegalArgumentException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** One dead letter as read from its file. */
    private record Letter(Path file, String sourceType, String resourceId) {
        @Override
        public String toString() {
            return sourceType + "/" + resourceId;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        try (DirectWorker setup = DirectWorker.load(handlers, config)) {
            HandlerBindings bindings = setup.bindings();
            WorkerSettings settings = setup.settings();
            Path dir = folder != null ? folder : DeadLetterFolder.of(settings.deadLetterUri()).orElseThrow(
                    () -> new ConfigException(Settings.DEAD_LETTER_URI.name() + " is '" + settings.deadLetterUri()
                            + "', not a file: endpoint; give the folder with --dead-letters DIR"));
            List<Path> files = DeadLetterFolder.letters(dir);
            if (files.isEmpty()) {
                out.println("no dead letters in " + dir);
                return ExitCodes.OK;
            }
            // The worker's own assembly, without routes: replay drives its engine directly, one letter at a time.
            try (QvarnMr worker = setup.build()) {
                QvarnClient qvarn = worker.engine().qvarn();
                qvarn.authenticate();
                return dryRun ? dryRun(out, qvarn, bindings, files) : replay(out, worker, dir, files, bindings);
            }
        }
    }

    private int dryRun(PrintStream out, QvarnClient qvarn, HandlerBindings bindings, List<Path> files) {
        int bad = 0;
        for (Path file : files) {
            try {
                Letter letter = read(file, bindings);
                boolean exists = qvarn.find(letter.sourceType(), letter.resourceId()).isPresent();
                out.println("would replay " + letter + " as " + (exists ? "an update" : "a delete (the resource is gone)")
                        + " through " + targets(bindings, letter.sourceType()) + "  <- " + file);
            } catch (IllegalArgumentException e) {
                bad++;
                out.println("cannot replay " + file + ": " + e.getMessage() + (e instanceof Unreadable
                        ? "; a replay moves it to " + file.resolveSibling(DeadLetterFolder.UNREADABLE) : ""));
            }
        }
        out.println("dry run: " + (files.size() - bad) + " of " + files.size() + " dead letters in "
                + files.get(0).getParent() + " can be replayed; nothing was written or moved");
        return bad == 0 ? ExitCodes.OK : ExitCodes.NOT_ALL_REPLAYED;
    }

    private int replay(PrintStream out, QvarnMr worker, Path dir, List<Path> files, HandlerBindings bindings)
            throws IOException {
        QvarnMrEngine engine = worker.engine();
        try {
            worker.start();
        } catch (OwnedElsewhereException e) {
            out.println(e.getMessage() + "; stop that worker before replaying dead letters");
            return ExitCodes.OWNED_ELSEWHERE;
        }
        Path replayed = dir.resolve(DeadLetterFolder.REPLAYED);
        Path unreadable = dir.resolve(DeadLetterFolder.UNREADABLE);
        List<String> failed = new ArrayList<>();
        int setAside = 0;
        for (Path file : files) {
            String outcome;
            try {
                outcome = replayOne(engine.application(), read(file, bindings));
            } catch (OwnershipLostException e) {
                out.println(e.getMessage());
                return ExitCodes.OWNED_ELSEWHERE;
            } catch (Unreadable e) {
                Files.createDirectories(unreadable);
                Files.move(file, unreadable.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                setAside++;
                out.println("cannot replay " + file + ": " + e.getMessage() + "; moved to " + unreadable);
                continue;
            } catch (RuntimeException e) {
                failed.add(file.toString());
                out.println("FAILED " + file + ": " + FailureDescription.describe(e));
                continue;
            }
            Files.createDirectories(replayed);
            Files.move(file, replayed.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            out.println("replayed " + outcome + "  <- " + file);
        }
        int done = files.size() - failed.size() - setAside;
        out.println("replayed " + done + " of " + files.size() + " dead letters"
                + (done > 0 ? " (moved to " + replayed + ")" : "")
                + (failed.isEmpty() ? "" : "; " + failed.size() + " failed again and stay in " + dir)
                + (setAside == 0 ? "" : "; " + setAside + " unreadable, moved to " + unreadable));
        return failed.isEmpty() && setAside == 0 ? ExitCodes.OK : ExitCodes.NOT_ALL_REPLAYED;
    }

    /**
     * Applies the letter's resource as it is now, as a batch of its own with the live pass's steps and
     * {@code replay}'s failure rules ({@link WalkSettler#REPLAY}: the failure is thrown, to be printed, and the
     * letter stays); a resource that is gone is applied as a delete. Returns what was done.
     */
    private static String replayOne(BatchApplication steps, Letter letter) {
        Change change = new Change(letter.sourceType(), letter.resourceId(), ChangeKind.UPSERT, List.of(), false);
        Pass pass = apply(steps, change);
        if (pass.failed().get(change) instanceof SourceNotVisibleException) {
            change = new Change(letter.sourceType(), letter.resourceId(), ChangeKind.DELETE, List.of(), false);
            pass = apply(steps, change);
        }
        Exception failure = pass.firstFailure().orElse(null);
        if (failure != null) {
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        List<String> keys = new ArrayList<>();
        for (KeyRef key : pass.keys()) {
            // Postponed only while a resync of the key's map target is due: the worker's resync reduces it.
            keys.add(key + (pass.outcomes().get(key) == ReduceOutcome.POSTPONED
                    ? " (postponed: the worker's resync of " + key.mapTarget() + ", due at its start, reduces it)" : ""));
        }
        return letter + (change.kind() == ChangeKind.DELETE ? " as a delete (the resource is gone)" : "")
                + (keys.isEmpty() ? "" : "; reduced " + String.join(", ", keys));
    }

    private static Pass apply(BatchApplication steps, Change change) {
        return steps.apply(Pass.of(new Batch(List.of(change), false)), c -> steps.map(c, false), true,
                WalkSettler.REPLAY).pass();
    }

    private static Letter read(Path file, HandlerBindings bindings) {
        JsonNode json;
        try {
            if (Files.size(file) == 0) {
                throw new Unreadable("it is empty (0 bytes): a letter cut short while it was written (an older version "
                        + "wrote letters in place, and a full disk left them so); it holds nothing to replay, and its "
                        + "change kept its notifications, so the worker processed it again");
            }
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Unreadable("not a readable JSON dead letter: " + e.getMessage().lines().findFirst().orElse(""));
        }
        String type = text(json, "sourceType");
        String id = text(json, "resourceId");
        if (type == null || id == null) {
            throw new Unreadable("not a dead letter: it needs the text fields sourceType and resourceId");
        }
        if (bindings.mapHandlersOf(type).isEmpty()) {
            throw new IllegalArgumentException("no map handler reads '" + type + "' in the handler bindings; "
                    + "replay with the bindings that had it");
        }
        return new Letter(file, type, id);
    }

    private static String targets(HandlerBindings bindings, String sourceType) {
        List<String> targets = new ArrayList<>();
        for (HandlerBinding b : bindings.mapHandlersOf(sourceType)) {
            targets.add(b.target());
        }
        return String.join(", ", targets);
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json == null ? null : json.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
