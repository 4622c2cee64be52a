package org.liudong.indicators;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The indicator definitions, as seeded by the migrations and kept in {@code indicator_definition}. */
@Repository
public class Indicators {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Indicators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IndicatorDefinition> all() {
        return jdbc.sql("select * from indicator_definition order by sort_order")
                .query((rs, row) -> map(rs))
                .list();
    }

    public Optional<IndicatorDefinition> find(String code) {
        return jdbc.sql("select * from indicator_definition where code = ?")
                .param(code)
                .query((rs, row) -> map(rs))
                .optional();
    }

    public IndicatorDefinition get(String code) {
        return find(code).orElseThrow(() -> new IndicatorNotFound(code));
    }

    private static IndicatorDefinition map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> filters = JSON.readValue(rs.getString("filters"), new TypeReference<>() {});
        return new IndicatorDefinition(
                rs.getString("code"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getString("description_zh"),
                rs.getString("description_en"),
                rs.getString("numerator_measure"),
                rs.getString("denominator_measure"),
                MeasureFilter.of(filters),
                Period.Type.valueOf(rs.getString("period_type")),
                rs.getString("unit"),
                rs.getBigDecimal("default_target"),
                rs.getString("dhis2_code"));
    }
}
