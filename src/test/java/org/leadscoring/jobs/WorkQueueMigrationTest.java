package org.leadscoring.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The one work queue's migration (V19) against the three queues it replaces, on H2 without Quarkus: every row still to
 * do is carried over with its attempts, due time, claim and last error, those done stay done, and an intake's work
 * keeps its place behind the same person's earlier work.
 */
class WorkQueueMigrationTest {

    static final String URL = "jdbc:h2:mem:work-queue-migration;DB_CLOSE_DELAY=-1";

    @Test
    void givenQueuedWorkInTheOldTables_whenMigrated_thenEveryRowIsInTheOneQueue_inOrder() throws Exception {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("18").load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO outbox (intake_id, email, attempts, next_attempt_at, claimed_until, last_error, created_at, done_at) VALUES "
                    + "('i-1', 'ann@acme.com', 0, TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00', NULL, NULL, TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:01+00'),"
                    + "('i-2', 'bo@acme.com', 3, TIMESTAMP WITH TIME ZONE '2026-12-01 11:00:00+00', TIMESTAMP WITH TIME ZONE '2026-12-01 10:30:00+00', "
                    + "'passing: HTTP 503', TIMESTAMP WITH TIME ZONE '2026-12-01 10:01:00+00', NULL),"
                    + "('i-3', 'bo@acme.com', 0, TIMESTAMP WITH TIME ZONE '2026-12-01 10:02:00+00', NULL, NULL, TIMESTAMP WITH TIME ZONE '2026-12-01 10:02:00+00', NULL)");
            s.execute("INSERT INTO hook_delivery (event_id, subscription_id, attempts, next_attempt_at, last_error, done_at) VALUES "
                    + "('lead.qualified:i-2', 'hook_1', 2, TIMESTAMP WITH TIME ZONE '2026-12-01 10:05:00+00', 'HTTP 500', NULL)");
            s.execute("INSERT INTO conversion_follow_up (lead_id, email, job_id, pending, attempts, next_check_at, created_at) VALUES "
                    + "('L9', 'cy@acme.com', 'job-1', '{\"report\":{}}', 1, TIMESTAMP WITH TIME ZONE '2026-12-01 10:10:00+00', "
                    + "TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00')");
        }

        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM work_item ORDER BY id")) {
            while (r.next()) {
                rows.add(r.getString("kind") + " " + r.getString("subject") + " " + r.getString("ref") + " attempts=" + r.getInt("attempts")
                        + " claimed=" + (r.getObject("claimed_until") != null) + " error=" + r.getString("last_error") + " done="
                        + (r.getObject("done_at") != null) + " payload=" + r.getString("payload"));
            }
        }
        assertThat(rows).containsExactly(
                "intake ann@acme.com i-1 attempts=0 claimed=false error=null done=true payload=null",
                "intake bo@acme.com i-2 attempts=3 claimed=true error=passing: HTTP 503 done=false payload=null",
                "intake bo@acme.com i-3 attempts=0 claimed=false error=null done=false payload=null",
                "hook_delivery hook_1 lead.qualified:i-2 attempts=2 claimed=false error=HTTP 500 done=false payload=null",
                "conversion L9 job-1 attempts=1 claimed=false error=null done=false payload={\"report\":{}}");
        try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) IN ('outbox', 'hook_delivery', "
                        + "'conversion_follow_up')")) {
            r.next();
            assertThat(r.getInt(1)).as("the old tables are gone").isZero();
        }
    }
}
