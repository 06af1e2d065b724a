package org.leadscoring.workbench;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.leadscoring.api.ApiError;
import org.leadscoring.api.InvalidRequestException;
import org.leadscoring.scoring.ruleset.language.RuleForm;
import org.leadscoring.scoring.ruleset.language.RuleForms;

/**
 * The rule builder's server half, behind {@code X-Admin-Key} like the rest of the workbench: a rule file read into
 * the builder's forms, and a form written back into the file. The page holds the draft's text and parses none of it.
 */
@Path("/api/workbench/builder")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleBuilderResource {

    /** A rule file's text (the draft's or the live one). */
    public record FileText(String text) {
    }

    /**
     * A form to write: into {@code text} in place of the rule called {@code replacing}, or at its end when that is
     * null; with {@code text} null, only printed (the builder's preview).
     */
    public record WriteRequest(String text, String replacing, RuleForm rule) {
    }

    /** The operators the form offers, in its order, for the page's choice of test. */
    public record FormRules(List<RuleForms.FormRule> rules, String problem, List<String> operators) {
    }

    @POST
    @Path("/read")
    @APIResponseSchema(value = FormRules.class, responseDescription = "The file's rules, each with its form or why it has another shape.")
    public FormRules read(FileText body) {
        if (body == null || body.text() == null) {
            throw new InvalidRequestException("text", "is required: the rule file's text");
        }
        RuleForms.Reading reading = RuleForms.read(body.text());
        return new FormRules(reading.rules(), reading.problem(), java.util.Arrays.stream(RuleForm.Operator.values()).map(RuleForm.Operator::key).toList());
    }

    @POST
    @Path("/write")
    @APIResponseSchema(value = RuleForms.Written.class, responseDescription = "The file with the rule written in (no text: the rule only).")
    @APIResponse(responseCode = "400", description = "A value of the form the builder cannot write: `fields` names each (`rule.conditions[1].value`).")
    public RuleForms.Written write(WriteRequest body) {
        if (body == null || body.rule() == null) {
            throw new InvalidRequestException("rule", "is required: the builder's form");
        }
        try {
            return RuleForms.write(body.text(), body.replacing(), body.rule());
        } catch (RuleForms.Invalid e) {
            throw new InvalidRequestException(e.problems().stream().map(p -> new ApiError.FieldError(p.field(), p.message())).toList());
        }
    }
}
