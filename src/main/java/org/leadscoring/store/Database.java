package org.leadscoring.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The database the service stores its data in: the embedded H2 file by default, PostgreSQL when
 * {@code leadscoring.database=postgresql} (the {@code pg} profile sets it and activates that data source).
 * <p>
 * The repositories speak to it in plain SQL through three calls: {@link #update}, {@link #query} (rows read by column
 * name through {@link Row}) and {@link #batch}. Arguments bind in order: an {@link Instant} as a timestamp, an enum as
 * its lower-case name (how every state is stored), {@link #NULL_INTEGER} as an integer NULL, and a plain null as a
 * text NULL (both databases accept it for any column, and {@code CAST(? AS …)} where they do not).
 */
@ApplicationScoped
public class Database {

    /** An integer column's NULL, where a text NULL would not do (a batch, a comparison). */
    public static final Object NULL_INTEGER = new Object();

    private final org.leadscoring.config.LeadScoringConfig config;
    private final InjectableInstance<AgroalDataSource> sources;

    @Inject
    Database(org.leadscoring.config.LeadScoringConfig config, @Any InjectableInstance<AgroalDataSource> sources) {
        this.config = config;
        this.sources = sources;
    }

    private DataSource dataSource;

    /** Reads one row; SQL failures become {@link StoreException}s. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(Row row) throws SQLException;
    }

    @PostConstruct
    void select() {
        dataSource = "postgresql".equalsIgnoreCase(config.database())
                ? sources.select(new io.quarkus.agroal.DataSource.DataSourceLiteral("postgresql")).get()
                : sources.select(Default.Literal.INSTANCE).get();
    }

    /** A connection, enlisted in the caller's transaction when there is one. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Runs one INSERT, UPDATE or DELETE, in the caller's transaction when there is one.
     *
     * @return the number of rows changed
     * @throws StoreException when the database fails
     */
    public int update(String sql, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs one statement once per row of arguments, as one batch. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(ps, args);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Every row the query answers, each read by {@code reader}. */
    public <T> List<T> query(String sql, RowReader<T> reader, Object... args) {
        return query(0, sql, reader, args);
    }

    /** At most {@code maxRows} rows the query answers (0: all), each read by {@code reader}. */
    public <T> List<T> query(int maxRows, String sql, RowReader<T> reader, Object... args) {
        List<T> out = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(maxRows);
            try (ResultSet rs = ps.executeQuery()) {
                Row row = new Row(rs);
                while (rs.next()) {
                    out.add(reader.read(row));
                }
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
        return out;
    }

    /** The first row the query answers, if any. */
    public <T> Optional<T> one(String sql, RowReader<T> reader, Object... args) {
        return query(1, sql, reader, args).stream().findFirst();
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object v = args[i];
            if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (v == NULL_INTEGER) {
                ps.setNull(i + 1, Types.INTEGER);
            } else if (v instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (v instanceof Enum<?> e) {
                ps.setString(i + 1, code(e));
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /** {@code n} parameter marks for an {@code IN} list: {@code ?, ?, ?}. */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** How an enum constant is stored: its name in lower case ({@code STOPPED_BUDGET} → {@code stopped_budget}). */
    public static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static StoreException failed(String sql, SQLException e) {
        return new StoreException("Database call failed: " + sql.substring(0, Math.min(60, sql.length())), e);
    }

    /** An integer that may be null, bound as an integer either way. */
    public static Object integer(Integer value) {
        return value == null ? NULL_INTEGER : value;
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** The current row of a result, read by column name. */
    public static final class Row {
        private final ResultSet rs;

        Row(ResultSet rs) {
            this.rs = rs;
        }

        public String text(String column) throws SQLException {
            return rs.getString(column);
        }

        public boolean bool(String column) throws SQLException {
            return rs.getBoolean(column);
        }

        public int integer(String column) throws SQLException {
            return rs.getInt(column);
        }

        /** An integer column that may be NULL. */
        public Integer nullableInteger(String column) throws SQLException {
            int v = rs.getInt(column);
            return rs.wasNull() ? null : v;
        }

        public long number(String column) throws SQLException {
            return rs.getLong(column);
        }

        /** A decimal column (an amount); null stays null. */
        public java.math.BigDecimal decimal(String column) throws SQLException {
            return rs.getBigDecimal(column);
        }

        /** A date column; null stays null. */
        public java.time.LocalDate date(String column) throws SQLException {
            java.sql.Date d = rs.getDate(column);
            return d == null ? null : d.toLocalDate();
        }

        public Instant instant(String column) throws SQLException {
            return Database.instant(rs.getTimestamp(column));
        }

        /** A state stored by {@link Database#code}; null stays null. */
        public <E extends Enum<E>> E code(String column, Class<E> type) throws SQLException {
            String v = rs.getString(column);
            return v == null ? null : Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        }
    }
}
