package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;

class XlsxRowsTests {

    @Test
    void theColumnOfACellReferenceIsThatOfPoisParserForEveryColumnOfASheet() {
        for (int column = 0; column < 16_384; column++) {
            String ref = CellReference.convertNumToColString(column) + (column % 1_000 + 1);
            assertThat(XlsxRows.column(ref)).as(ref).isEqualTo(column);
        }
    }

    @Test
    void referencesOfAnotherShapeAreLeftToPoisParser() {
        assertThat(XlsxRows.column("$C$4")).isEqualTo(2);
        assertThat(XlsxRows.column("c4")).isEqualTo(2);
    }
}
