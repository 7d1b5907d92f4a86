package org.qvarnmr.camel;

public final class QvarnMrApplication {
    private QvarnMrApplication() {
    }

    public static void main(String[] args) {
        System.out.println("qvarnmr-camel");
    }
}
