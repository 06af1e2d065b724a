package org.leadscoring.workbench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.leadscoring.outcomes.BackTest;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.ruleset.RuleSet;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

/**
 * What a draft would change: every stored prospect scored with the live rules and with the draft at the same
 * moment, summed up as marketing ops and sales need it — how many change grade, newly qualify or stop
 * qualifying, the score distribution before and after, which decisions turn into which, and the largest changes
 * per prospect with the rules behind them.
 */
final class ImpactPreview {

    static final int LARGEST = 50;
    static final int BUCKET = 10;
    private static final int PAGE = 500;

    /** A prospect's score before (live) and after (draft), and the rules whose points differ. */
    record Change(String email, Integer liveTotal, Integer draftTotal, int delta, String liveGrade, String draftGrade,
            String liveDecision, String draftDecision, List<RuleDelta> rules) {
    }

    /** One rule's points for a prospect, live and in the draft (null: the rule gave nothing). */
    record RuleDelta(String rule, Integer live, Integer draft) {
    }

    /** How many prospects scored in [from, from + 10) live and in the draft; the last bucket is open. */
    record Bucket(int from, int live, int draft) {
    }

    /** The impact, and the back-test of the prospects whose outcome is known (null until it is added). */
    record Impact(int prospects, int changed, int gradeChanged, int newlyQualified, int noLongerQualified, List<Bucket> distribution,
            Map<String, Map<String, Integer>> transitions, List<Change> largest, Instant scoredAt, long millis, BackTest.Comparison backTest) {

        Impact withBackTest(BackTest.Comparison b) {
            return new Impact(prospects, changed, gradeChanged, newlyQualified, noLongerQualified, distribution, transitions, largest, scoredAt,
                    millis, b);
        }
    }

    private ImpactPreview() {
    }

    static Impact run(ScoringEngine engine, ProspectRepository stored, RuleSet live, RuleSet draft) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        int prospects = 0;
        int changed = 0;
        int gradeChanged = 0;
        int newlyQualified = 0;
        int noLongerQualified = 0;
        Map<Integer, int[]> buckets = new TreeMap<>();
        Map<String, Map<String, Integer>> transitions = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        String after = null;
        while (true) {
            List<StoredProspect> page = stored.after(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).email();
            Map<String, List<Activity>> activities = stored.activities(page.stream().map(StoredProspect::email).toList());
            for (StoredProspect p : page) {
                String email = p.email();
                prospects++;
                ExistingRecord existing = p.existingRecord();
                List<Activity> acts = activities.getOrDefault(email, List.of());
                ScoringResult before = engine.score(live, p.prospect(), acts, null, existing, now);
                ScoringResult afterResult = engine.score(draft, p.prospect(), acts, null, existing, now);
                bucket(buckets, before.scoreCard().total(), 0);
                bucket(buckets, afterResult.scoreCard().total(), 1);
                String from = before.decision().action().jsonName();
                String to = afterResult.decision().action().jsonName();
                transitions.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, 1, Integer::sum);
                if (!Objects.equals(before.scoreCard().grade(), afterResult.scoreCard().grade())) {
                    gradeChanged++;
                }
                if (!before.scoreCard().qualified() && afterResult.scoreCard().qualified()) {
                    newlyQualified++;
                } else if (before.scoreCard().qualified() && !afterResult.scoreCard().qualified()) {
                    noLongerQualified++;
                }
                if (!before.scoreCard().contributions().equals(afterResult.scoreCard().contributions()) || !from.equals(to)) {
                    changed++;
                    changes.add(change(email, before, afterResult));
                    if (changes.size() > 4 * LARGEST) {
                        keepLargest(changes);
                    }
                }
            }
        }
        keepLargest(changes);
        List<Bucket> distribution = new ArrayList<>();
        buckets.forEach((from, counts) -> distribution.add(new Bucket(from, counts[0], counts[1])));
        return new Impact(prospects, changed, gradeChanged, newlyQualified, noLongerQualified, distribution, transitions, changes, now,
                (System.nanoTime() - start) / 1_000_000, null);
    }

    private static void bucket(Map<Integer, int[]> buckets, Integer total, int side) {
        int from = total == null ? 0 : Math.max(0, total) / BUCKET * BUCKET;
        buckets.computeIfAbsent(from, k -> new int[2])[side]++;
    }

    private static void keepLargest(List<Change> changes) {
        changes.sort(Comparator.comparingInt((Change c) -> Math.abs(c.delta())).reversed().thenComparing(Change::email));
        if (changes.size() > LARGEST) {
            changes.subList(LARGEST, changes.size()).clear();
        }
    }

    private static Change change(String email, ScoringResult before, ScoringResult after) {
        Map<String, Integer> live = pointsByRule(before.scoreCard().contributions());
        Map<String, Integer> draft = pointsByRule(after.scoreCard().contributions());
        List<RuleDelta> rules = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(live.keySet());
        names.addAll(draft.keySet());
        for (String rule : names) {
            if (!Objects.equals(live.get(rule), draft.get(rule))) {
                rules.add(new RuleDelta(rule, live.get(rule), draft.get(rule)));
            }
        }
        int liveTotal = before.scoreCard().total() == null ? 0 : before.scoreCard().total();
        int draftTotal = after.scoreCard().total() == null ? 0 : after.scoreCard().total();
        return new Change(email, before.scoreCard().total(), after.scoreCard().total(), draftTotal - liveTotal, before.scoreCard().grade(),
                after.scoreCard().grade(), before.decision().action().jsonName(), after.decision().action().jsonName(), rules);
    }

    private static Map<String, Integer> pointsByRule(List<Contribution> contributions) {
        Map<String, Integer> points = new TreeMap<>();
        contributions.forEach(c -> points.merge(c.rule(), c.points(), Integer::sum));
        return points;
    }

}
