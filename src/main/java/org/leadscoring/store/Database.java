package org.leadscoring.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * The database the service stores its data in: the embedded H2 file by default, PostgreSQL when
 * {@code leadscoring.database=postgresql} (the {@code pg} profile sets it and activates that data source).
 */
@ApplicationScoped
public class Database {

    @ConfigProperty(name = "leadscoring.database", defaultValue = "h2")
    String kind;

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> sources;

    private DataSource dataSource;

    @PostConstruct
    void select() {
        dataSource = "postgresql".equalsIgnoreCase(kind)
                ? sources.select(new io.quarkus.agroal.DataSource.DataSourceLiteral("postgresql")).get()
                : sources.select(Default.Literal.INSTANCE).get();
    }

    /** A connection, enlisted in the caller's transaction when there is one. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Runs one INSERT, UPDATE or DELETE with its arguments bound in order (a null binds as SQL NULL), in the caller's
     * transaction when there is one.
     *
     * @return the number of rows changed
     * @throws StoreException when the database fails
     */
    public int update(String sql, Object... args) {
        try (Connection c = connection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    // Typed as text: both databases accept it for any column, and CAST(? AS …) where they do not.
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Database update failed: " + sql.substring(0, Math.min(60, sql.length())), e);
        }
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
