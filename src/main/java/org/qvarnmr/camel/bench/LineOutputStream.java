package org.qvarnmr.camel.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Lets the worker, which prints to a PrintStream, print into the command's PrintWriter, line by line. */
final class LineOutputStream extends OutputStream {
    private final PrintWriter out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            out.println(line.toString(StandardCharsets.UTF_8));
            out.flush();
            line.reset();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            out.print(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        out.flush();
    }
}
