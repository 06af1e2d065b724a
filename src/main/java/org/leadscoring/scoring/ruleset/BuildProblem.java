package org.leadscoring.scoring.ruleset;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something wrong (or worth a look) in the rule and model files, with where it is: the file relative to its
 * folder, and the line and column when known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildProblem(Severity severity, String file, Integer line, Integer column, String message) {

    /** An error keeps a rule set from being loaded; a warning does not. */
    public enum Severity {
        ERROR, WARNING;

        @com.fasterxml.jackson.annotation.JsonValue
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static BuildProblem error(String file, Integer line, Integer column, String message) {
        return new BuildProblem(Severity.ERROR, file, line, column, message);
    }

    public static BuildProblem error(String file, String message) {
        return error(file, null, null, message);
    }

    public static BuildProblem warning(String file, String message) {
        return new BuildProblem(Severity.WARNING, file, null, null, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: message}, as compilers print it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "(rule set)" : file);
        if (line != null) {
            sb.append(':').append(line);
            if (column != null) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
