package org.leadscoring.workbench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.leadscoring.outcomes.BackTest;
import org.leadscoring.outcomes.Period;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.NoRuleSetException;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.rest.ScoreRequest;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.RuleSet;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.Snapshot;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;
import org.leadscoring.workbench.WorkbenchRepository.Draft;
import org.leadscoring.workbench.WorkbenchRepository.Version;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

/**
 * The rules workbench: drafts of rule and model files that never touch live scoring, their validation (the same
 * build the service runs on a reload, examples included), publishing a draft as a new version through the
 * hot-reload folders, going back to any earlier version as a new one, and serving the version another instance
 * published ({@link #follow}): the versions in the shared database are what every instance serves.
 * <p>Over ~300 lines: drafts, validation, publish, rollback and following share the live files and the version check
 * that keeps two publishes from crossing; split, each part would need all of it.
 */
@ApplicationScoped
public class Workbench {

    private static final Logger LOG = Logger.getLogger(Workbench.class);

    private final ScoringEngine engine;
    private final WorkbenchRepository repository;
    private final ProspectRepository prospects;
    private final BackTest backTest;

    @Inject
    Workbench(ScoringEngine engine, WorkbenchRepository repository, ProspectRepository prospects, BackTest backTest) {
        this.engine = engine;
        this.repository = repository;
        this.prospects = prospects;
        this.backTest = backTest;
    }

    private RuleFiles files;
    /** The newest version number this instance has served or refused: each version is built here once. */
    private int followed;
    /** The last rule set served that was found recorded as a version: looked up once, not at every poll. */
    private String known;

    @PostConstruct
    void init() {
        files = new RuleFiles(engine.rulesDir(), engine.modelsDir());
    }

    /** What a validation found: whether the files would load, the rule set version they would have, and every problem. */
    public record Validation(boolean valid, String version, List<BuildProblem> problems) {
    }

    /** The live files by workbench name, and the rule set version they make. */
    public record Live(String version, Map<String, String> files) {
    }

    public Live live() {
        Snapshot snapshot = files.read();
        return new Live(snapshot.version(), RuleFiles.files(snapshot));
    }

    /** Drafts one author may keep at once; more is a 429 until some are published or deleted. */
    public static final int MAX_DRAFTS_PER_AUTHOR = 20;
    /** Characters a draft's files may hold together (the largest rule file is as long; a large rule set is ~200,000); more is a 413. */
    public static final int MAX_DRAFT_CHARS = 1_000_000;
    /** Files one draft may change. */
    public static final int MAX_DRAFT_FILES = 200;

    /** A draft as listed: what it changes, without the files' contents. */
    public record DraftSummary(String id, String author, String baseVersion, List<String> files, long chars, Instant createdAt, Instant updatedAt) {

        static DraftSummary of(Draft d) {
            return new DraftSummary(d.id(), d.author(), d.baseVersion(), List.copyOf(new TreeSet<>(d.files().keySet())), Workbench.chars(d.files()),
                    d.createdAt(), d.updatedAt());
        }
    }

    public Draft createDraft(String author, Map<String, String> changes) {
        if (repository.draftCount(author) >= MAX_DRAFTS_PER_AUTHOR) {
            throw new Refused(429, "too_many_drafts", author + " keeps " + MAX_DRAFTS_PER_AUTHOR + " drafts already: publish or delete one first",
                    List.of());
        }
        checkSize(changes);
        Instant now = Instant.now();
        Draft draft = new Draft("draft_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), author, files.read().version(),
                new LinkedHashMap<>(changes), now, now);
        repository.saveDraft(draft);
        return draft;
    }

    /** Adds or replaces files in a draft (null content: delete the file when published). */
    public Optional<Draft> updateDraft(String id, Map<String, String> changes) {
        return repository.draft(id).map(d -> {
            Map<String, String> merged = new LinkedHashMap<>(d.files());
            merged.putAll(changes);
            checkSize(merged);
            Draft updated = new Draft(d.id(), d.author(), d.baseVersion(), merged, d.createdAt(), Instant.now());
            repository.saveDraft(updated);
            return updated;
        });
    }

    /** Characters a draft's files hold together (a deleted file, null, holds none). */
    private static long chars(Map<String, String> files) {
        return files.values().stream().mapToLong(c -> c == null ? 0 : c.length()).sum();
    }

    private static void checkSize(Map<String, String> files) {
        long chars = chars(files);
        if (files.size() > MAX_DRAFT_FILES || chars > MAX_DRAFT_CHARS) {
            throw new Refused(413, "draft_too_large", "A draft holds at most " + MAX_DRAFT_FILES + " files and " + MAX_DRAFT_CHARS
                    + " characters; this one would hold " + files.size() + " files and " + chars + " characters", List.of());
        }
    }

    /** Builds the live files with these changes as a reload would, without serving the result. */
    public Validation validate(Map<String, String> changes) {
        Snapshot snapshot = withChanges(changes);
        RuleSetBuilder.Result result = engine.build(snapshot, true);
        return new Validation(result.ruleSet() != null, snapshot.version(), result.problems());
    }

    /**
     * The examples these changes break only in the numbers points make, brought up to what the changed rules score
     * ({@link ExamplePoints}); 422 when the changes do not build.
     */
    ExamplePoints.Result examplePoints(Map<String, String> changes, java.util.Set<String> accepted) {
        Snapshot snapshot = withChanges(changes);
        RuleSetBuilder.Result result = engine.build(snapshot, false);
        if (result.ruleSet() == null) {
            throw new Refused(422, "invalid_rules", "The change does not build, so its examples cannot run: fix its problems first", result.problems());
        }
        return ExamplePoints.of(result.ruleSet(), snapshot, accepted);
    }

    /** The live files with a draft's changes applied, as the builder takes them. */
    private Snapshot withChanges(Map<String, String> changes) {
        return RuleFiles.snapshot(RuleFiles.apply(RuleFiles.files(files.read()), changes));
    }

    /** Why the workbench refused: an HTTP status, a code and a message, and the rule problems when there are some. */
    public static final class Refused extends RuntimeException {
        private final int status;
        private final String code;
        private final transient List<BuildProblem> problems;

        Refused(int status, String code, String message, List<BuildProblem> problems) {
            super(message);
            this.status = status;
            this.code = code;
            this.problems = problems;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public List<BuildProblem> problems() {
            return problems;
        }
    }

    /**
     * Publishes a draft: only when the live files are still those the draft started from (409 otherwise: someone
     * published meanwhile), and only when it validates with its examples passing (422 otherwise). The files are
     * written atomically into the hot-reload folders, loaded at once, and recorded as a new version; the draft is
     * then gone. One publish at a time.
     */
    public synchronized Version publish(String draftId, String author, String message) {
        Draft draft = repository.draft(draftId).orElseThrow(() -> new Refused(404, "not_found", "No draft " + draftId, List.of()));
        Snapshot live = files.read();
        if (!live.version().equals(draft.baseVersion())) {
            throw new Refused(409, "conflict", "The live rules changed since this draft was started (from " + draft.baseVersion()
                    + ", now " + live.version() + "): start a new draft from the live rules and make the change again", List.of());
        }
        Version version = publishFiles(live, RuleFiles.apply(RuleFiles.files(live), draft.files()), author, message, null);
        repository.deleteDraft(draftId);
        return version;
    }

    /** Makes an earlier version live again, as a new version. */
    public synchronized Version rollback(int number, String author, String message) {
        Version target = repository.version(number).orElseThrow(() -> new Refused(404, "not_found", "No version " + number, List.of()));
        return publishFiles(files.read(), target.files(), author, message == null || message.isBlank() ? "Back to version " + number : message, number);
    }

    /**
     * Builds {@code all} (examples checked), records it as the next version, writes it over {@code live} and serves
     * the rule set just built: the files on disk are exactly what was compiled, so nothing is compiled twice.
     */
    private Version publishFiles(Snapshot live, Map<String, String> all, String author, String message, Integer restoredFrom) {
        Snapshot snapshot = RuleFiles.snapshot(all);
        long start = System.nanoTime();
        RuleSetBuilder.Result result = engine.build(snapshot, true);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (result.ruleSet() == null) {
            throw new Refused(422, "invalid_rules", "The rules do not load: " + result.errors().size() + " problem(s)", result.problems());
        }
        Map<String, String> before = RuleFiles.files(live);
        if (repository.latestVersion().isEmpty()) {
            // The files as they were before the first publish are version 1, so the first publish can be undone.
            repository.addVersion(new Version(1, live.version(), "(files on disk)", "As found before the first publish", before, null, Instant.now()));
        }
        // The version is recorded first: of two instances publishing at once, the one that loses the number writes nothing.
        int number = repository.latestVersion().map(v -> v.number() + 1).orElse(1);
        Version version = new Version(number, snapshot.version(), author, message, all, restoredFrom, Instant.now());
        if (!repository.addVersion(version)) {
            throw new Refused(409, "conflict", "Another instance published version " + number + " at the same time", List.of());
        }
        files.writeAll(all, before);
        engine.adopt(snapshot, result, millis);
        followed = number;
        LOG.infof("Workbench: %s published version %d (rule set %s): %s", author, number, snapshot.version(), message);
        return version;
    }

    /**
     * Brings this instance in line with the shared database. Files on disk that no version has (edited by hand) are
     * recorded as a new version first when {@code importFiles}; then the newest version, when it is not what this
     * instance serves, is built (examples checked), written into the folders and served. A version that does not
     * build here is reported ({@code /api/rules/status}, {@code /q/health}) and the last good rule set serves on; it
     * is not built again until a newer version comes.
     */
    public synchronized void follow(boolean importFiles) {
        RuleSet serving = engine.current().orElse(null);
        if (importFiles && serving != null && !serving.version().equals(known) && !recorded(serving.version())) {
            Snapshot disk = files.read();
            if (disk.version().equals(serving.version())) {
                int number = repository.latestHead().map(h -> h.number() + 1).orElse(1);
                if (repository.addVersion(new Version(number, disk.version(), "(files on disk)", "Files changed on disk", RuleFiles.files(disk),
                        null, Instant.now()))) {
                    followed = number;
                    LOG.infof("Rule files changed on disk recorded as version %d (rule set %s)", number, disk.version());
                }
                return;
            }
        }
        WorkbenchRepository.Head latest = repository.latestHead().orElse(null);
        if (latest == null || latest.number() <= followed) {
            return;
        }
        if (serving != null && latest.rulesetVersion().equals(serving.version())) {
            followed = latest.number();
            return;
        }
        Version version = repository.version(latest.number()).orElseThrow();
        Snapshot snapshot = RuleFiles.snapshot(version.files());
        long start = System.nanoTime();
        RuleSetBuilder.Result result = engine.build(snapshot, true);
        long millis = (System.nanoTime() - start) / 1_000_000;
        followed = latest.number();
        if (result.ruleSet() == null) {
            engine.refuse(snapshot, result, millis);
            LOG.errorf("Version %d (rule set %s) does not build on this instance: %d problem(s); still serving %s", latest.number(),
                    snapshot.version(), result.errors().size(), serving == null ? "nothing" : serving.version());
            return;
        }
        files.writeAll(version.files(), RuleFiles.files(files.read()));
        engine.adopt(snapshot, result, millis);
        LOG.infof("Serving version %d (rule set %s), published by %s", latest.number(), snapshot.version(), version.author());
    }

    private boolean recorded(String rulesetVersion) {
        if (repository.hasRuleset(rulesetVersion)) {
            known = rulesetVersion;
            return true;
        }
        return false;
    }

    /**
     * The draft's rule set, built but not served, its examples not checked (what a draft does is worth seeing
     * before its examples are updated); refused (422) when it does not compile.
     */
    RuleSet draftRuleSet(Map<String, String> changes) {
        RuleSetBuilder.Result result = engine.build(withChanges(changes), false);
        if (result.ruleSet() == null) {
            throw new Refused(422, "invalid_rules", "The draft does not load: " + result.errors().size() + " problem(s)", result.problems());
        }
        return result.ruleSet();
    }

    private RuleSet liveRuleSet() {
        return engine.current().orElseThrow(NoRuleSetException::new);
    }

    /** A prospect scored by the live rules and by the draft ({@code draft} null: no change to score with). */
    @Schema(name = "DraftComparison")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Comparison(String email, ScoringResult live, ScoringResult draft) {
    }

    /**
     * Scores sample prospects (typed in) and stored prospects (by email) with the live rules and with the draft, at the
     * same moment — with the live rules only when there is no change; emails not stored are answered as not found (404
     * from the resource).
     */
    public List<Comparison> compare(Map<String, String> changes, List<ScoreRequest> samples, List<String> emails) {
        RuleSet draft = changes.isEmpty() ? null : draftRuleSet(changes);
        RuleSet live = liveRuleSet();
        Instant now = Instant.now();
        List<Comparison> out = new ArrayList<>();
        for (ScoreRequest s : samples) {
            Instant at = s.now() == null ? now : s.now();
            out.add(new Comparison(s.prospect().email(), engine.score(live, s.prospect(), s.activities(), s.model(), s.existing(), at),
                    draft == null ? null : engine.score(draft, s.prospect(), s.activities(), s.model(), s.existing(), at)));
        }
        Map<String, StoredProspect> stored = prospects.byEmail(emails);
        Map<String, List<Activity>> activities = prospects.activities(emails);
        for (String email : emails) {
            StoredProspect p = stored.get(email);
            if (p == null) {
                throw new Refused(404, "not_found", "No stored prospect with email " + email, List.of());
            }
            List<Activity> acts = activities.getOrDefault(email, List.of());
            ExistingRecord existing = p.existingRecord();
            out.add(new Comparison(email, engine.score(live, p.prospect(), acts, null, existing, now),
                    draft == null ? null : engine.score(draft, p.prospect(), acts, null, existing, now)));
        }
        return out;
    }

    /**
     * Every stored prospect scored live and with the draft, summed up (see {@link ImpactPreview}), and the prospects
     * scored in {@code period} whose outcome is known back-tested with both ({@link BackTest}).
     */
    public ImpactPreview.Impact impact(Map<String, String> changes, Period period) {
        RuleSet live = liveRuleSet();
        RuleSet draft = draftRuleSet(changes);
        return ImpactPreview.run(engine, prospects, live, draft).withBackTest(backTest.compare(live, draft, period));
    }

    public List<Version> versions() {
        return repository.versions();
    }

    public Optional<Version> version(int number) {
        return repository.version(number);
    }

    /** A unified diff from one set of files to another, file by file. */
    public static String diff(Map<String, String> from, Map<String, String> to, String fromLabel, String toLabel) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> names = new TreeSet<>(from.keySet());
        names.addAll(to.keySet());
        for (String name : names) {
            String a = from.getOrDefault(name, "");
            String b = to.getOrDefault(name, "");
            if (a.equals(b)) {
                continue;
            }
            List<String> aLines = a.isEmpty() ? List.of() : List.of(a.split("\n", -1));
            List<String> bLines = b.isEmpty() ? List.of() : List.of(b.split("\n", -1));
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(from.containsKey(name) ? fromLabel + "/" + name : "/dev/null",
                    to.containsKey(name) ? toLabel + "/" + name : "/dev/null", aLines, DiffUtils.diff(aLines, bLines), 3);
            unified.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    /** Every draft, newest first, without the contents of its files. */
    public List<DraftSummary> drafts() {
        return repository.drafts().stream().map(DraftSummary::of).toList();
    }

    public Optional<Draft> draft(String id) {
        return repository.draft(id);
    }

    public boolean deleteDraft(String id) {
        return repository.deleteDraft(id);
    }
}
