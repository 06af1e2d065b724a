package org.leadscoring.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Logging as the service sets it: INFO. Outside Quarkus the log manager would let Drools format its TRACE messages. */
final class Logging {

    private Logging() {
    }

    static void quiet() {
        Logger.getLogger("").setLevel(Level.INFO);
    }
}
