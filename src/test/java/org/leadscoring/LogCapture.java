package org.leadscoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log record of the service while open (a handler on the root logger), to assert what was and was not logged. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Each record as one line: its message with its parameters filled in, and, if any, its exception. */
    public List<String> lines() {
        synchronized (records) {
            return records.stream().map(r -> formatted(r) + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
        }
    }

    /** Every line, one after another. */
    public String text() {
        return String.join("\n", lines());
    }

    /** A record's message as it is written out: printf-style ({@code warnf}) and {@code {0}}-style parameters filled in. */
    private static String formatted(LogRecord r) {
        if (r instanceof org.jboss.logmanager.ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return FORMATTER.formatMessage(r);
    }

    private static final java.util.logging.Formatter FORMATTER = new java.util.logging.SimpleFormatter();

    /** The records at ERROR (SEVERE) or carrying an exception: what a client's input must never cause. */
    public List<String> errorsAndStackTraces() {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue() || r.getThrown() != null)
                    .map(r -> r.getLoggerName() + ": " + formatted(r) + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
