package org.qvarnmr.camel.cli;

import org.qvarnmr.camel.binding.BindingException;
import org.qvarnmr.camel.config.ConfigException;
import org.qvarnmr.camel.engine.StartupChecks;
import org.qvarnmr.camel.qvarn.client.QvarnException;
import org.qvarnmr.camel.qvarn.client.QvarnForbiddenException;
import org.qvarnmr.camel.qvarn.client.QvarnUnauthorizedException;
import org.qvarnmr.camel.runtime.ExitCodes;
import org.qvarnmr.camel.runtime.QvarnUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns a user's mistake into one clear message and an exit code; only real bugs print a stack trace. */
public final class UserErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof BindingException || e instanceof ConfigException) {
            System.err.println(e.getMessage());
            return ExitCodes.INVALID;
        }
        if (e instanceof StartupChecks.Failed failed) {
            System.err.println(e.getMessage());
            return failed.refused() ? ExitCodes.QVARN_UNAVAILABLE : ExitCodes.INVALID;
        }
        if (e instanceof QvarnUnreachableException) {
            System.err.println(e.getMessage());
            return ExitCodes.QVARN_UNAVAILABLE;
        }
        if (e instanceof QvarnUnauthorizedException || e instanceof QvarnForbiddenException) {
            System.err.println("Qvarn refused the worker's credentials: " + e.getMessage()
                    + "\nCheck qvarn.client-id, qvarn.client-secret and the scopes granted to the client.");
            return ExitCodes.QVARN_UNAVAILABLE;
        }
        if (e instanceof QvarnException q) {
            // Also a one-shot run that gave up on an outage mid-run (after qvarnmr.keep-alive-timeout).
            System.err.println("Qvarn failed: " + q.getMessage() + "\nCheck qvarn.base-url and that Qvarn is running."
                    + " Changes not finished keep their notifications in Qvarn; the next run processes them.");
            return ExitCodes.QVARN_UNAVAILABLE;
        }
        cli.getErr().println("unexpected error: " + e);
        e.printStackTrace(cli.getErr());
        return 70;
    }
}
