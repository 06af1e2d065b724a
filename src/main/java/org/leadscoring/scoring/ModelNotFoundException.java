package org.leadscoring.scoring;

import java.util.Set;

/** A request named a scoring model that is not loaded. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String name, Set<String> loaded) {
        super("unknown model '" + name + "'; loaded models: " + String.join(", ", new java.util.TreeSet<>(loaded)));
    }
}
