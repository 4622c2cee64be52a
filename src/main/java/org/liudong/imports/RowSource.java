package org.liudong.imports;

import java.io.Closeable;
import java.util.List;
import org.liudong.shared.Refusal;

/** A stream of rows from an uploaded file: the header first, then one row at a time. */
interface RowSource extends Closeable {

    /** The first row's cells. */
    List<String> header();

    /** The next row, or null at the end. */
    SheetRow next();

    /** What the reader noticed about the file as a whole (other sheets, merged cells), in Chinese. */
    List<Refusal> notes();

    /** The share of the file read so far, from 0 to 1; NaN when the file does not tell how large it is. */
    default double fractionRead() {
        return Double.NaN;
    }

    /**
     * Whether {@link #rowsToSkip} may answer rows once every row is read (a sheet declares its merged cells after its
     * rows). Asked before the first row, only when the import could write rows straight into the ledger.
     */
    default boolean mayLeaveRowsOut() {
        return false;
    }

    /** Numbers of rows that must not be applied because of something found after they were read (merged cells). */
    default java.util.Set<Integer> rowsToSkip() {
        return java.util.Set.of();
    }
}
