package org.leadscoring.rescoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadscoring.PackagedInstances;
import org.leadscoring.crm.zoho.FakeZoho;

/**
 * Two instances of the packaged service share one PostgreSQL database and one schedule (every four seconds), held by
 * Quartz's clustered job store: both join the Quartz cluster, and each firing is run by exactly one of them.
 */
class ScheduleClusterIT {

    static final String PG = PackagedInstances.PG;

    final FakeZoho zoho = new FakeZoho();
    final PackagedInstances instances = new PackagedInstances("schedule-cluster", zoho);

    @AfterEach
    void stop() throws IOException {
        instances.close();
        zoho.close();
    }

    @Test
    void givenTwoInstancesOnOneDatabase_thenEachScheduledFiringRunsOnce() throws Exception {
        for (int i = 0; i < 50; i++) {
            zoho.seed("Leads", Map.of("Email", "c" + i + "@cluster.io", "Last_Name", "C" + i));
        }
        String[] schedule = { "-Drescoring.cron=0/4 * * * * ?", "-Dquarkus.log.category.\"org.leadscoring.rescoring\".level=DEBUG" };
        instances.start("a", true, schedule);
        instances.start("b", false, schedule);

        Thread.sleep(14_000);
        List<String> members = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT instance_name FROM qrtz_scheduler_state")) {
            while (rs.next()) {
                members.add(rs.getString(1));
            }
        }
        instances.stopAll();

        List<long[]> firings = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT scheduled_for, COUNT(*) FROM rescoring_run WHERE trigger_kind = 'schedule' GROUP BY scheduled_for")) {
            while (rs.next()) {
                firings.add(new long[] { rs.getTimestamp(1).getTime(), rs.getLong(2) });
            }
        }
        assertThat(firings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(firings).allSatisfy(f -> assertThat(f[1]).as("runs for the firing at %d", f[0]).isEqualTo(1));
        assertThat(members).as("instances in the Quartz cluster").hasSize(2);
        // Each instance logs every firing it fires, started or skipped: without the clustered store both would fire each.
        String logs = Files.readString(instances.log("a")) + Files.readString(instances.log("b"));
        Map<String, Long> fired = Pattern.compile("Scheduled re-scoring of (\\S+) ").matcher(logs).results().map(m -> m.group(1))
                .collect(Collectors.groupingBy(f -> f, Collectors.counting()));
        assertThat(fired).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fired.values()).allSatisfy(times -> assertThat(times).isBetween(1L, 2L));
        // On a loaded machine an instance can miss its cluster check-in and the other recover (fire again) its firing, which
        // the run table then refuses (asserted above); without the clustered store every firing would be fired twice.
        assertThat(fired.values().stream().filter(times -> times == 2).count()).as("firings fired by both instances: %s", fired)
                .isLessThan((fired.size() + 1) / 2);
    }
}
