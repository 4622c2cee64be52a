package org.liudong.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CopyTextTests {

    @Test
    void nullsBooleansAndEscapesAreWrittenAsCopyReadsThem() {
        assertThat(CopyText.append(new StringBuilder(), null)).hasToString("\\N");
        assertThat(CopyText.append(new StringBuilder(), true)).hasToString("t");
        assertThat(CopyText.append(new StringBuilder(), false)).hasToString("f");
        assertThat(CopyText.append(new StringBuilder(), LocalDate.of(2012, 3, 5)))
                .hasToString("2012-03-05");
        assertThat(CopyText.append(new StringBuilder(), "石景山\\路\t1号\r\n")).hasToString("石景山\\\\路\\t1号\\r\\n");
        assertThat(CopyText.append(new StringBuilder("x"), "plain")).hasToString("xplain");
    }

    @Test
    void aLineSeparatesItsFieldsByTabsAndEndsWithANewline() {
        assertThat(CopyText.appendLine(new StringBuilder(), 1L, null, "a\tb", false))
                .hasToString("1\t\\N\ta\\tb\tf\n");
        assertThat(CopyText.appendLine(new StringBuilder())).hasToString("\n");
    }
}
