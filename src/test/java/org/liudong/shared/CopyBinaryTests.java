package org.liudong.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liudong.support.SharedTestDatabase;
import org.postgresql.PGConnection;

/** Rows built by {@link CopyBinary} copied into a real table, and read back as the server understood them. */
class CopyBinaryTests {

    private static final String TABLE = """
            create temporary table copied (id bigint, name text, code varchar(6), sex char(1), born date, at timestamptz,
                                           n integer, flag boolean)""";

    @Test
    void everyTypeArrivesAsTheServerWouldHaveParsedItsText() throws Exception {
        List<Object[]> rows = List.of(
                new Object[] {
                    "石景山区\t鲁谷\\路\n1号",
                    "110107",
                    "2",
                    LocalDate.of(2012, 3, 5),
                    Instant.parse("2026-12-03T09:21:34.784722Z"),
                    7,
                    true
                },
                new Object[] {
                    "", "1", "1", LocalDate.of(1949, 10, 1), Instant.parse("1999-12-31T23:59:59.999999Z"), -1, false
                },
                new Object[] {null, null, null, null, null, null, null},
                new Object[] {
                    "Zoë", "abcdef", "9", LocalDate.of(2000, 1, 1), Instant.parse("2000-01-01T00:00:00Z"), 0, null
                });
        try (Connection connection = DriverManager.getConnection(SharedTestDatabase.jdbcUrl())) {
            connection.createStatement().execute(TABLE);
            var out = new ByteArrayOutputStream();
            CopyBinary.begin(out);
            byte[] scratch = new byte[14];
            long id = Long.MAX_VALUE - 3;
            for (Object[] values : rows) {
                var row = new CopyBinary.Row(4);
                for (Object value : values) {
                    row.value(value);
                }
                assertThat(row.fields()).isEqualTo(7);
                CopyBinary.write(out, scratch, id++, row.fields(), row.toByteArray());
            }
            CopyBinary.end(out);

            long copied = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy copied from stdin with (format binary)", new ByteArrayInputStream(out.toByteArray()));

            assertThat(copied).isEqualTo(4);
            List<String> read = new ArrayList<>();
            try (var rs = connection.createStatement().executeQuery("""
                            select concat_ws('|', id, coalesce(name, 'NULL'), coalesce(code, 'NULL'),
                                             coalesce(sex, 'NULL'), coalesce(born::text, 'NULL'),
                                             coalesce(to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), 'NULL'),
                                             coalesce(n::text, 'NULL'), coalesce(flag::text, 'NULL'))
                            from copied order by id""")) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            assertThat(read)
                    .containsExactly(
                            "9223372036854775804|石景山区\t鲁谷\\路\n1号|110107|2|2012-03-05|2026-12-03 09:21:34.784722|7|true",
                            "9223372036854775805||1|1|1949-10-01|1999-12-31 23:59:59.999999|-1|false",
                            "9223372036854775806|NULL|NULL|NULL|NULL|NULL|NULL|NULL",
                            "9223372036854775807|Zoë|abcdef|9|2000-01-01|2000-01-01 00:00:00.000000|0|NULL");
        }
    }

    @Test
    void aValueOfTheWrongWidthIsRefusedByTheServerNotStoredWrong() throws Exception {
        try (Connection connection = DriverManager.getConnection(SharedTestDatabase.jdbcUrl())) {
            connection.createStatement().execute(TABLE);
            var out = new ByteArrayOutputStream();
            CopyBinary.begin(out);
            // an integer where the table has a date, then six nulls
            var row = new CopyBinary.Row(4).text("x").text("1").text("1").int8(5L);
            for (int i = 0; i < 3; i++) {
                row.nul();
            }
            CopyBinary.write(out, new byte[14], 1, row.fields(), row.toByteArray());
            CopyBinary.end(out);

            assertThatThrownBy(() -> connection
                            .unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "copy copied from stdin with (format binary)",
                                    new ByteArrayInputStream(out.toByteArray())))
                    .hasMessageContaining("incorrect binary data format");
        }
    }

    @Test
    void aJavaTypeWithoutABinaryFormIsRefusedWhenTheRowIsBuilt() {
        assertThatThrownBy(() -> new CopyBinary.Row(8).value(3.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }
}
