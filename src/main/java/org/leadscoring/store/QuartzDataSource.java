package org.leadscoring.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;

/**
 * Lets Quartz's job store find the embedded data source by name. The store's data source is chosen when the service
 * starts ({@code quarkus.quartz.deferred-datasource-name}: {@code <default>}, or {@code postgresql} under the
 * {@code pg} profile), and Quartz looks it up as {@code @DataSource(name)}, a qualifier the default data source does
 * not carry in Quarkus 3.33; this gives it that name too.
 */
@ApplicationScoped
public class QuartzDataSource {

    private final InjectableInstance<AgroalDataSource> embedded;

    @Inject
    QuartzDataSource(@Default InjectableInstance<AgroalDataSource> embedded) {
        this.embedded = embedded;
    }

    @Produces
    @ApplicationScoped
    @io.quarkus.agroal.DataSource("<default>")
    AgroalDataSource byName() {
        return embedded.get();
    }
}
