package org.qvarnmr.camel.binding;

/** Where a definition stands in a bindings file, for error messages ("handlers.yaml:12"). */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
