package org.liudong.registry;

import java.time.Clock;
import javax.sql.DataSource;
import org.liudong.eligibility.Decree555;
import org.liudong.org.OrgUnits;
import org.liudong.security.FieldEncryption;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Ledger imports for tests of other modules that must take a district's first-load path in the shared database. */
public final class FirstLoadLedgers {

    private FirstLoadLedgers() {}

    /**
     * An import that takes the first-load path whatever the ledger holds, unless the reading may leave rows out; the
     * rows it imports must be new persons.
     */
    public static LedgerImport alwaysFirstLoad(ApplicationContext context) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        return new LedgerImport(
                context.getBean(PersonValidation.class),
                context.getBean(Decree555.class),
                context.getBean(OrgUnits.class),
                context.getBean(FieldEncryption.class),
                context.getBean(PersonHistory.class),
                jdbc,
                context.getBean(DataSource.class),
                context.getBean(TransactionTemplate.class),
                context,
                context.getBean(Clock.class),
                new BulkLoad(jdbc, 1_000_000, true, true));
    }
}
