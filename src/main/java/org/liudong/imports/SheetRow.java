package org.liudong.imports;

import java.util.List;

/**
 * One row of an uploaded sheet as text cells, with what the reader itself found wrong with it (a formula,
 * an ID number that Excel turned into a number). {@code number} is the row's number as the user sees it.
 */
record SheetRow(int number, List<String> cells, List<String> problems) {

    boolean isBlank() {
        return cells.stream().allMatch(cell -> cell == null || cell.isBlank());
    }

    String cell(int index) {
        return index < cells.size() ? cells.get(index) : null;
    }
}
