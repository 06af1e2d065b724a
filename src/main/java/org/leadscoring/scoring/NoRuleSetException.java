package org.leadscoring.scoring;

/** No rule set has loaded yet: the rule or model files have errors (see the rules status). */
public class NoRuleSetException extends RuntimeException {

    public NoRuleSetException() {
        super("No rule set is loaded: the rule or model files have errors; see GET /api/rules/status");
    }
}
