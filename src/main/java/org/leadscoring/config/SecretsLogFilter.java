package org.leadscoring.config;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Scrubs every log record of the {@link Secrets} before a handler writes it: the message is formatted with its
 * parameters and then scrubbed; a record whose exception mentions a secret is written without the exception. Named
 * {@code secrets} in {@code quarkus.log.console.filter} and {@code quarkus.log.file.filter}.
 */
@LoggingFilter(name = "secrets")
public final class SecretsLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String scrubbed = Secrets.scrub(formatted);
        boolean thrownLeaks = false;
        for (Throwable t = record.getThrown(); t != null && !thrownLeaks; t = t.getCause()) {
            thrownLeaks = Secrets.leaks(t.toString());
        }
        if (thrownLeaks) {
            record.setThrown(null);
            scrubbed = scrubbed + " (its exception, which held a secret, is left out)";
        }
        if (formatted != null && !formatted.equals(scrubbed)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(scrubbed, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(scrubbed);
            }
            record.setParameters(null);
        }
        return true;
    }
}
