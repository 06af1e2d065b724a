package org.leadscoring.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.leadscoring.api.ApiError;
import org.leadscoring.api.BoundedBody;
import org.leadscoring.api.ErrorMappers;
import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.api.RequestValidation;
import org.leadscoring.config.LeadScoringConfig;
import org.leadscoring.rescoring.RescoringRun;
import org.leadscoring.rescoring.RescoringRuns;
import org.leadscoring.rescoring.RunInProgressException;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.model.ScoringModel;
import org.leadscoring.scoring.rest.ScoreRequest;
import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.ModelReader;
import org.leadscoring.scoring.ruleset.SourceFile;
import org.leadscoring.scoring.ruleset.language.Vocabulary;
import org.leadscoring.workbench.WorkbenchRepository.Draft;
import org.leadscoring.workbench.WorkbenchRepository.Version;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The rules workbench API for marketing ops, behind {@code X-Admin-Key}: read the live files, keep drafts,
 * validate them, publish them as versions, compare versions and go back to any of them.
 * <p>Over ~300 lines because it is the workbench's whole HTTP surface (every path, its answer shapes and their
 * documentation); what the endpoints do is in {@link Workbench}, {@link ImpactPreview} and {@link Spreadsheets}.
 */
@Path("/api/workbench")
@Produces(MediaType.APPLICATION_JSON)
public class WorkbenchResource {

    private final Workbench workbench;
    private final RequestValidation validation;
    private final RescoringRuns rescoring;
    private final ScoringEngine engine;
    private final LeadScoringConfig config;

    @Inject
    WorkbenchResource(Workbench workbench,
            RequestValidation validation,
            RescoringRuns rescoring,
            ScoringEngine engine,
            LeadScoringConfig config) {
        this.workbench = workbench;
        this.validation = validation;
        this.rescoring = rescoring;
        this.engine = engine;
        this.config = config;
    }

    private final ModelReader modelReader = new ModelReader();

    /** Files to put in a draft, by name ({@code rules/b2b/fit.drl}); a null content deletes the file. */
    public record FilesRequest(Map<String, String> files) {
    }

    /** Why a version is published, and whether to re-score the open Zoho leads with it at once. */
    public record PublishRequest(String message, Boolean startRescoring) {
    }

    public record FileEntry(String name, int size) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record VersionSummary(int number, String rulesetVersion, String author, String message, Integer restoredFrom,
            java.time.Instant createdAt, String rescoringRun, String rescoringNote, boolean live) {
        static VersionSummary of(Version v) {
            return new VersionSummary(v.number(), v.rulesetVersion(), v.author(), v.message(), v.restoredFrom(), v.createdAt(), null, null, false);
        }

        VersionSummary withRescoring(String run, String note) {
            return new VersionSummary(number, rulesetVersion, author, message, restoredFrom, createdAt, run, note, live);
        }

        VersionSummary markedLive() {
            return new VersionSummary(number, rulesetVersion, author, message, restoredFrom, createdAt, rescoringRun, rescoringNote, true);
        }
    }

    /** What a 422 of the workbench says in the API's document. */
    private static final String RULES_DO_NOT_LOAD = "The draft's rules do not load: `problems` lists them with file and line.";

    /** The live rule set's files: its version, and each file's name and size. */
    public record LiveFiles(String version, List<FileEntry> files) {
    }

    /** One live file and its text. */
    public record FileText(String name, String content) {
    }

    /** Who the workbench is talking to: a name, how they came ({@code admin_key}, {@code sign_in}) and their roles. */
    public record Me(String name, String via, List<String> roles) {
    }

    /** For the page to say who is signed in and offer only what their role allows. */
    @GET
    @Path("/me")
    public Me me(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security) {
        List<String> roles = java.util.Arrays.stream(org.leadscoring.api.Caller.Role.values()).map(org.leadscoring.api.Caller.Role::word)
                .filter(security::isUserInRole).toList();
        return new Me(author(security), "OIDC".equals(security.getAuthenticationScheme()) ? "sign_in" : "admin_key", roles);
    }

    @GET
    @Path("/files")
    public LiveFiles files() {
        Workbench.Live live = workbench.live();
        List<FileEntry> entries = new ArrayList<>();
        live.files().forEach((name, content) -> entries.add(new FileEntry(name, content.length())));
        return new LiveFiles(live.version(), entries);
    }

    @GET
    @Path("/files/{name: .+}")
    public FileText file(@Parameter(description = "The file's path in the rule set, its slashes as they are: rules/b2b/fit.drl")
            @PathParam("name") String name) {
        checkNames(List.of(name), "name");
        String content = workbench.live().files().get(name);
        if (content == null) {
            throw notFound("No file " + name);
        }
        return new FileText(name, content);
    }

    /** What completion offers: the rule language's vocabulary, and the activity types the live models name. */
    public record VocabularyView(@JsonUnwrapped Vocabulary language,
            List<String> activityTypes) {
    }

    @GET
    @Path("/vocabulary")
    public VocabularyView vocabulary() {
        List<String> types = engine.current().map(set -> set.models().values().stream().flatMap(m -> m.model().activityTypes().stream())
                .distinct().sorted().toList()).orElse(List.of());
        return new VocabularyView(Vocabulary.current(), types);
    }

    /** A model file's text, for the model form. */
    public record ModelText(String file, String content) {
    }

    /** The model form's values read from a model file's text (the draft's or the live one), or what is wrong with it. */
    public record ModelForm(ScoringModel model, List<BuildProblem> problems) {
    }

    @POST
    @Path("/model-form")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelForm modelForm(ModelText body) {
        if (body == null || body.content() == null) {
            throw new InvalidRequestException("content", "is required: the model file's YAML");
        }
        List<BuildProblem> problems = new ArrayList<>();
        String file = body.file() == null ? "model.yaml" : body.file();
        ScoringModel model = modelReader.readOne(new SourceFile(file, body.content(), ""), problems);
        return new ModelForm(model, problems);
    }

    /** New points for named rules, and the files (as the draft has them) they are written in. */
    public record PointsRequest(Map<String, String> files, Map<String, Integer> points) {
    }

    /**
     * Suggested (or any) points put into the files where each rule's points are written ({@link PointsEdits}): the files
     * changed come back for the draft, with the rules no file declares.
     */
    @POST
    @Path("/points")
    @Consumes(MediaType.APPLICATION_JSON)
    public PointsEdits.Edited points(PointsRequest body) {
        if (body == null || body.files() == null || body.points() == null) {
            throw new InvalidRequestException(body == null || body.files() == null ? "files" : "points", "is required");
        }
        checkNames(body.files().keySet(), "files");
        try {
            return PointsEdits.apply(body.files(), body.points());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("points", e.getMessage());
        }
    }

    /** The draft's changes, and the examples a person accepts coming out otherwise (by name; may be absent). */
    public record ExamplePointsRequest(Map<String, String> files, List<String> accept) {
    }

    /**
     * The examples a change of points breaks only in the numbers points make (fit, engagement, total, grade), brought
     * up to what the change scores, as model files for the draft; those that would decide otherwise are listed, left for
     * a person, and brought up to date too when {@code accept} names them ({@link ExamplePoints}).
     */
    @POST
    @Path("/examples/points")
    @Consumes(MediaType.APPLICATION_JSON)
    public ExamplePoints.Result examplePoints(ExamplePointsRequest body) {
        Map<String, String> files = changes(body == null ? null : new FilesRequest(body.files()));
        List<String> accept = body.accept() == null ? List.of() : body.accept();
        if (accept.size() > ModelEdits.MAX_EDITS || accept.stream().anyMatch(a -> a == null || a.length() > 200)) {
            throw new InvalidRequestException("accept", "lists at most " + ModelEdits.MAX_EDITS + " example names of up to 200 characters");
        }
        return workbench.examplePoints(files, java.util.Set.copyOf(accept));
    }

    /** A challenger to promote, and the model files as the draft has them. */
    public record PromoteRequest(Map<String, String> files, String challenger) {
    }

    /**
     * A challenger's promotion as a change to the model files ({@link Promotion}): the champion's file takes the
     * challenger's settings under the champion's name, the challenger's file goes (null). The page puts them in the draft
     * and publishes them with a reason, as any change.
     */
    @POST
    @Path("/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    public Promotion.Promoted promote(PromoteRequest body) {
        if (body == null || body.files() == null) {
            throw new InvalidRequestException("files", "is required: the model files as the draft has them");
        }
        if (body.challenger() == null || body.challenger().isBlank()) {
            throw new InvalidRequestException("challenger", "is required: the challenger's model name");
        }
        checkNames(body.files().keySet(), "files");
        try {
            return Promotion.of(body.files(), body.challenger().trim());
        } catch (ModelEdits.Refused e) {
            throw new InvalidRequestException(List.of(e.error()));
        }
    }

    /** The model form's changes: the file's text as it stands and each value changed, by its path in the model. */
    public record ModelEditsRequest(String file, String content, List<ModelEdits.Edit> edits) {
    }

    /** The model file with the form's changes made in place, read back as the form reads it. */
    public record ModelWritten(String content, ScoringModel model, List<BuildProblem> problems) {
    }

    /**
     * The form's changes written into the model's YAML where each value stands (comments, order and layout kept;
     * {@link ModelEdits}), and the result read back.
     */
    @POST
    @Path("/model-form/write")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelWritten writeModelForm(ModelEditsRequest body) {
        if (body == null || body.content() == null) {
            throw new InvalidRequestException("content", "is required: the model file's YAML");
        }
        if (body.edits() == null) {
            throw new InvalidRequestException("edits", "is required: the values changed");
        }
        String written;
        try {
            written = ModelEdits.apply(body.content(), body.edits());
        } catch (ModelEdits.Refused e) {
            throw new InvalidRequestException(List.of(e.error()));
        }
        List<BuildProblem> problems = new ArrayList<>();
        ScoringModel model = modelReader.readOne(new SourceFile(body.file() == null ? "model.yaml" : body.file(), written, ""), problems);
        return new ModelWritten(written, model, problems);
    }

    /**
     * An XLSX workbook uploaded as point tables: one CSV point table per sheet, for the page to put in the draft (the
     * draft's check then names each file, row and column), or the problems that stopped it at their sheet, row, column.
     */
    @POST
    @Path("/point-tables/from-xlsx")
    @Consumes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Spreadsheets.Converted fromXlsx(java.io.InputStream body) {
        return Spreadsheets.toCsv(BoundedBody.readAll(body, config.limits().maxBodyBytes()));
    }

    /** The body of a point table to download as XLSX: its CSV and the sheet's name. */
    public record TableText(String name, String csv) {
    }

    @POST
    @Path("/point-tables/to-xlsx")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @APIResponse(responseCode = "200", description = "The point table as a workbook.", content = @Content(
            mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response toXlsx(TableText body) {
        String cleaned = body == null || body.name() == null ? "" : body.name().replaceAll("[^A-Za-z0-9_ -]", "").trim();
        String name = cleaned.isEmpty() ? "points" : cleaned;
        byte[] xlsx = fromTable(body, csv -> {
            try {
                return Spreadsheets.toXlsx(name, csv);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("writing a workbook in memory failed", e);
            }
        });
        return Response.ok(xlsx).header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
    }

    /** Reads a point table from its CSV, which the request must carry; a table that is not CSV is a 400 naming {@code csv}. */
    private static <T> T fromTable(TableText body, TableReader<T> reader) {
        if (body == null || body.csv() == null) {
            throw new InvalidRequestException("csv", "is required: the point table's CSV");
        }
        try {
            return reader.read(body.csv());
        } catch (org.leadscoring.scoring.ruleset.language.PointTable.Unreadable e) {
            throw new InvalidRequestException("csv", e.getMessage());
        }
    }

    private interface TableReader<T> {
        T read(String csv) throws org.leadscoring.scoring.ruleset.language.PointTable.Unreadable;
    }

    /** A point table as CSV to download, its cells made inert for spreadsheets ({@link Spreadsheets#toSafeCsv}). */
    @POST
    @Path("/point-tables/to-csv")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("text/csv")
    @APIResponse(responseCode = "200", description = "The point table as CSV, its cells inert for spreadsheets.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response toCsv(TableText body) {
        return Response.ok(fromTable(body, Spreadsheets::toSafeCsv)).header("Content-Disposition", "attachment; filename=\"points.csv\"").build();
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Workbench.Validation validate(FilesRequest body) {
        return workbench.validate(changes(body));
    }

    @GET
    @Path("/drafts")
    public List<Workbench.DraftSummary> drafts() {
        return workbench.drafts();
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = Draft.class, responseCode = "201", responseDescription = "The draft, saved.")
    @APIResponse(responseCode = "413", description = "The draft is larger than a draft may be (draft_too_large).")
    @APIResponse(responseCode = "429", description = "Too many drafts by this author (too_many_drafts), or too many requests.")
    public Response createDraft(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security, FilesRequest body) {
        Draft draft = workbench.createDraft(author(security), changes(body));
        return Response.status(201).entity(draft).build();
    }

    @GET
    @Path("/drafts/{id}")
    public Draft draft(@PathParam("id") String id) {
        return workbench.draft(id).orElseThrow(() -> notFound("No draft " + id));
    }

    @PUT
    @Path("/drafts/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = Draft.class, responseDescription = "The draft, saved.")
    @APIResponse(responseCode = "413", description = "The draft would be larger than a draft may be (draft_too_large).")
    public Draft updateDraft(@PathParam("id") String id, FilesRequest body) {
        return workbench.updateDraft(id, changes(body)).orElseThrow(() -> notFound("No draft " + id));
    }

    @DELETE
    @Path("/drafts/{id}")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response deleteDraft(@PathParam("id") String id) {
        if (!workbench.deleteDraft(id)) {
            throw notFound("No draft " + id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/drafts/{id}/validate")
    public Workbench.Validation validateDraft(@PathParam("id") String id) {
        return workbench.validate(draft(id).files());
    }

    /** Sample prospects typed in (as for {@code POST /api/score}) and stored prospects picked by email. */
    public record TestRequest(List<ScoreRequest> prospects, List<String> emails) {
    }

    @POST
    @Path("/drafts/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Each prospect scored by the live rules and by the draft's.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Workbench.Comparison.class)))
    @APIResponse(responseCode = "422", description = RULES_DO_NOT_LOAD)
    @APIResponse(responseCode = "503")
    public Response test(@PathParam("id") String id, TestRequest body) {
        return test(draft(id).files(), body);
    }

    /** Try without a change: each prospect scored by the live rules ({@code draft} is null in the answer). */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Each prospect scored by the live rules.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = Workbench.Comparison.class)))
    @APIResponse(responseCode = "503")
    public Response testLive(TestRequest body) {
        return test(Map.of(), body);
    }

    private Response test(Map<String, String> changes, TestRequest body) {
        List<ScoreRequest> samples = new ArrayList<>();
        if (body != null && body.prospects() != null) {
            for (ScoreRequest s : body.prospects()) {
                samples.add(validation.validate(s == null ? null : s.normalised()));
            }
        }
        List<String> emails = body == null || body.emails() == null ? List.of()
                : body.emails().stream().map(e -> e == null ? "" : org.leadscoring.scoring.EmailAddress.canonical(e)).toList();
        if (samples.isEmpty() && emails.isEmpty()) {
            throw new InvalidRequestException(List.of(new ApiError.FieldError("prospects", "or emails is required: at least one prospect to score")));
        }
        return Response.ok(workbench.compare(changes, samples, emails)).build();
    }

    /** The draft's impact; its back-test covers the prospects scored in [{@code from}, {@code to}] (default: all). */
    @POST
    @Path("/drafts/{id}/impact")
    @APIResponseSchema(value = ImpactPreview.Impact.class, responseDescription = "What the draft would change over the period.")
    @APIResponse(responseCode = "422", description = RULES_DO_NOT_LOAD)
    public Response impact(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return Response.ok(workbench.impact(draft(id).files(), org.leadscoring.outcomes.Period.of(from, to))).build();
    }

    @POST
    @Path("/drafts/{id}/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = VersionSummary.class, responseCode = "201", responseDescription = "Published: the new version.")
    @APIResponse(responseCode = "409", description = "The live rules changed since the draft was started, or another instance published at the same time.")
    @APIResponse(responseCode = "422", description = RULES_DO_NOT_LOAD)
    public Response publish(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security, @PathParam("id") String id, PublishRequest body) {
        String message = body == null || body.message() == null || body.message().isBlank() ? null : body.message().trim();
        if (message == null) {
            throw new InvalidRequestException(List.of(new ApiError.FieldError("message", "is required: say why the rules change")));
        }
        VersionSummary published = VersionSummary.of(workbench.publish(id, author(security), message));
        if (Boolean.TRUE.equals(body.startRescoring())) {
            try {
                RescoringRun run = rescoring.start(RescoringRuns.Request.DEFAULT, "publish:v" + published.number());
                published = published.withRescoring(run.id(), "Re-scoring the open Zoho leads: GET /api/rescoring/runs/" + run.id());
            } catch (RunInProgressException e) {
                published = published.withRescoring(null, "Re-scoring not started: " + e.getMessage());
            }
        }
        return Response.status(201).entity(published).build();
    }

    @GET
    @Path("/versions")
    public List<VersionSummary> versions() {
        // Live: the newest version whose rules this instance serves (a rollback makes a newer version of older rules).
        String served = engine.current().map(set -> set.version()).orElse(null);
        List<VersionSummary> all = new ArrayList<>(workbench.versions().stream().map(VersionSummary::of).toList());
        all.stream().filter(v -> v.rulesetVersion().equals(served)).mapToInt(VersionSummary::number).max()
                .ifPresent(live -> all.replaceAll(v -> v.number() == live ? v.markedLive() : v));
        return all;
    }

    @GET
    @Path("/versions/{number}")
    public Version version(@PathParam("number") int number) {
        return workbench.version(number).orElseThrow(() -> notFound("No version " + number));
    }

    /** A unified diff from version {@code from} to version {@code to} (either may be the newer). */
    @GET
    @Path("/versions/{from}/diff/{to}")
    @Produces(MediaType.TEXT_PLAIN)
    public String diff(@PathParam("from") int from, @PathParam("to") int to) {
        Version a = version(from);
        Version b = version(to);
        return Workbench.diff(a.files(), b.files(), "v" + from, "v" + to);
    }

    /**
     * What changed from version {@code from} to version {@code to}, rule by rule, in words: rules added and removed,
     * points, routing, reason or conditions changed, other files changed as a whole. The raw diff is {@code /diff/}.
     */
    @GET
    @Path("/versions/{from}/changes/{to}")
    public List<VersionChanges.Change> changes(@PathParam("from") int from, @PathParam("to") int to) {
        return VersionChanges.between(version(from).files(), version(to).files());
    }

    @POST
    @Path("/versions/{number}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = VersionSummary.class, responseCode = "201", responseDescription = "Rolled back: a new version with the old files.")
    @APIResponse(responseCode = "409", description = "Another instance published at the same time.")
    @APIResponse(responseCode = "422", description = "That version's rules no longer load: `problems` lists them with file and line.")
    public Response rollback(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security, @PathParam("number") int number, PublishRequest body) {
        return Response.status(201).entity(VersionSummary.of(workbench.rollback(number, author(security), body == null ? null : body.message())))
                .build();
    }

    /** Who a draft, publish or rollback is recorded under: the person signed in, or the admin key's name. */
    private static String author(jakarta.ws.rs.core.SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    private static Map<String, String> changes(FilesRequest body) {
        if (body == null || body.files() == null || body.files().isEmpty()) {
            throw new InvalidRequestException(List.of(new ApiError.FieldError("files", "is required: at least one file by name")));
        }
        checkNames(body.files().keySet(), "files");
        return new LinkedHashMap<>(body.files());
    }

    private static void checkNames(java.util.Collection<String> names, String field) {
        List<ApiError.FieldError> bad = new ArrayList<>();
        for (String name : names) {
            if (!RuleFiles.valid(name)) {
                bad.add(new ApiError.FieldError(field.equals("files") ? "files." + name : field,
                        "is not a rule or model file name: rules/<folder>/<name>.drl, rules/<folder>/<name>.csv (a point table) or scoring-models/<name>.yaml, letters, digits, - and _"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
    }

    private static WebApplicationException notFound(String message) {
        return new WebApplicationException(ErrorMappers.json(404, ApiError.of("not_found", message)));
    }

    /** A refusal of the workbench (unknown draft or version, rules that do not load, a conflict) as its JSON answer. */
    @ServerExceptionMapper
    public Response refused(Workbench.Refused e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        if (!e.problems().isEmpty()) {
            body.put("problems", e.problems());
        }
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
