package org.qvarnmr.camel.binding.testhandlers;

/** A public class that implements neither handler interface. */
public class NotAHandler {
}
