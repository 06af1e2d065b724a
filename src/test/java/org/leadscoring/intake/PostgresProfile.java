package org.leadscoring.intake;

import java.util.Map;

/** The same service on the PostgreSQL server of the development and CI machines (127.0.0.1:5432, database test). */
public class PostgresProfile extends FakeZohoProfile {

    @Override
    protected Map<String, String> database() {
        return settings();
    }

    /** The settings that put the service on that server (for other tests' profiles too). */
    public static Map<String, String> settings() {
        return Map.of("leadscoring.database", "postgresql",
                "quarkus.datasource.active", "false",
                "quarkus.datasource.postgresql.active", "true",
                "quarkus.quartz.deferred-datasource-name", "postgresql",
                "quarkus.datasource.postgresql.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test",
                "quarkus.datasource.postgresql.username", "postgres",
                "quarkus.flyway.postgresql.clean-at-start", "true",
                "quarkus.flyway.postgresql.clean-disabled", "false");
    }
}
