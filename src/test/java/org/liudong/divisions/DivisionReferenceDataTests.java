package org.liudong.divisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class DivisionReferenceDataTests {

    @Autowired
    ReferenceData referenceData;

    @Autowired
    JdbcClient jdbc;

    @Test
    void doesNothingWhenTheFilesAreUnchanged() {
        OffsetDateTime before = loadedAt(ReferenceData.DIVISIONS);
        assertThat(referenceData.load()).isEmpty();
        assertThat(loadedAt(ReferenceData.DIVISIONS)).isEqualTo(before);
    }

    @Test
    void reloadsADataSetWhoseChecksumDiffers() {
        jdbc.sql("update reference_dataset set checksum = 'stale' where name = :name")
                .param("name", ReferenceData.CALENDAR)
                .update();
        jdbc.sql("delete from calendar_day where day = '2024-10-01'").update();

        assertThat(referenceData.load()).containsExactly(ReferenceData.CALENDAR);

        assertThat(jdbc.sql("select count(*) from calendar_day")
                        .query(Integer.class)
                        .single())
                .isEqualTo(769);
        assertThat(jdbc.sql("select rows from reference_dataset where name = 'calendar'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(769);
        assertThat(jdbc.sql("select checksum from reference_dataset where name = 'calendar'")
                        .query(String.class)
                        .single())
                .hasSize(64);
    }

    @Test
    void recordsTheRowCountOfTheDivisions() {
        assertThat(jdbc.sql("select rows from reference_dataset where name = 'divisions'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(31 + 342 + 2978 + 349 + 7535 + 16);
    }

    private OffsetDateTime loadedAt(String name) {
        return jdbc.sql("select loaded_at from reference_dataset where name = :name")
                .param("name", name)
                .query(OffsetDateTime.class)
                .single();
    }
}
