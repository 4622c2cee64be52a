package org.liudong.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFileTests {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        String csv = "code,name\r\n11,\"北京市\"\n12,\"a, \"\"b\"\"\nc\"\n13,plain";
        List<Map<String, String>> rows = CsvFile.read("t.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(rows)
                .containsExactly(
                        Map.of("code", "11", "name", "北京市"),
                        Map.of("code", "12", "name", "a, \"b\"\nc"),
                        Map.of("code", "13", "name", "plain"));
    }

    @Test
    void rejectsRecordsWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> CsvFile.read("t.csv", "a,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("t.csv record 2");
    }
}
