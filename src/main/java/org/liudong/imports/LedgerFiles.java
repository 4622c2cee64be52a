package org.liudong.imports;

import java.io.OutputStream;
import org.liudong.registry.LedgerExport;
import org.liudong.registry.PersonFilter;
import org.liudong.shared.TableFile;
import org.springframework.stereotype.Service;

/**
 * The ledger as files: the import template, and exports in the template's columns (so an export imports back
 * unchanged), written as they are read — SXSSF keeps only a window of rows in memory.
 */
@Service
public class LedgerFiles {

    private final PersonColumns columns;
    private final Template template;
    private final LedgerExport export;

    LedgerFiles(PersonColumns columns, Template template, LedgerExport export) {
        this.columns = columns;
        this.template = template;
        this.export = export;
    }

    /** Refuses an export the caller may not make, before anything is written. */
    public void check(PersonFilter filter) {
        export.check(filter);
    }

    public byte[] template() {
        return template.persons();
    }

    /**
     * Writes the filtered persons as .xlsx or as UTF-8 CSV with a byte-order mark (so Excel reads the Chinese);
     * answers how many.
     */
    public int export(PersonFilter filter, TableFile.Format format, OutputStream out) {
        try (TableFile file = TableFile.open(format, "人员台帐", columns.headers(), out)) {
            export.export(
                    filter,
                    format.name().toLowerCase(java.util.Locale.ROOT),
                    person -> file.row(columns.cells(person)));
            return file.finish();
        }
    }
}
