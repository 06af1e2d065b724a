package org.leadscoring.scoring.ruleset;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.kie.api.definition.rule.Rule;

/**
 * The rules of a compiled model, found two ways: by the package and id Drools knows a rule by (what a firing names),
 * and by the name people wrote (what explanations and the API show). The two never meet in Drools: the canonical
 * DRL carries only the ids.
 */
final class RuleIndex {

    private final Map<String, Map<String, RuleInfo>> byPackage;
    private final Map<String, RuleInfo> byName;

    private RuleIndex(Map<String, Map<String, RuleInfo>> byPackage, Map<String, RuleInfo> byName) {
        this.byPackage = byPackage;
        this.byName = byName;
    }

    /** What a rule Drools fired gives; null for a rule no file declared. */
    RuleInfo of(Rule rule) {
        Map<String, RuleInfo> ids = byPackage.get(rule.getPackageName());
        return ids == null ? null : ids.get(rule.getName());
    }

    /** The rules by the name people wrote. */
    Map<String, RuleInfo> byName() {
        return byName;
    }

    /** Collects the rules of one compile. */
    static final class Builder {
        private final Map<String, Map<String, RuleInfo>> byPackage = new HashMap<>();
        private final Map<String, RuleInfo> byName = new LinkedHashMap<>();

        void add(String packageName, String id, RuleInfo info) {
            byPackage.computeIfAbsent(packageName, p -> new HashMap<>()).put(id, info);
            byName.put(info.name(), info);
        }

        RuleIndex build() {
            Map<String, Map<String, RuleInfo>> frozen = new HashMap<>();
            byPackage.forEach((p, ids) -> frozen.put(p, Map.copyOf(ids)));
            return new RuleIndex(Map.copyOf(frozen), Map.copyOf(byName));
        }
    }
}
