package org.liudong.divisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Looks up administrative divisions by code, including abolished county-level codes, which resolve to a
 * historical division under their city or province so that old records are never dropped.
 */
@Service
public class Divisions {

    private static final String COLUMNS = "code, name, level, county_type, parent_code, historical";

    private final JdbcClient jdbc;

    /** Takes {@link ReferenceData} so that the tables are loaded before the first lookup. */
    Divisions(JdbcClient jdbc, ReferenceData referenceData) {
        this.jdbc = jdbc;
    }

    /** The division with this code; throws {@link DivisionNotFound} if there is none. */
    public Division get(String code) {
        return find(code).orElseThrow(() -> new DivisionNotFound(code));
    }

    /**
     * The division with this code, normalised first ({@code 110000} is {@code 11}); a well-formed county-level
     * code that is not in the table but lies in a known province resolves to a historical division.
     */
    public Optional<Division> find(String code) {
        DivisionCode divisionCode = new DivisionCode(code);
        // reference data is loaded once at start-up, so a lookup can be kept; bulk imports look up per row
        return cache.computeIfAbsent(divisionCode.value(), normalised -> lookup(divisionCode));
    }

    private final java.util.Map<String, Optional<Division>> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** A division by its full name and code (河北省保定市涿州市 130681); the code alone when it is not known. */
    public String fullNameAndCode(String code) {
        if (code == null) {
            return null;
        }
        return fullName(code).map(name -> name + " " + code).orElse(code);
    }

    /**
     * The division's name with those of the divisions above it, from the province down (陕西省渭南市富平县), so
     * that a county is known outside its province; empty for an unknown code.
     */
    public Optional<String> fullName(String code) {
        Optional<Division> division;
        try {
            division = find(code);
        } catch (org.liudong.shared.InvalidInput malformed) {
            return Optional.empty();
        }
        if (division.isEmpty()) {
            return Optional.empty();
        }
        java.util.Deque<String> names = new java.util.ArrayDeque<>();
        Division at = division.get();
        for (int depth = 0; at != null && depth < 4; depth++) {
            // the municipalities' placeholder cities (市辖区, 县) add nothing to a name, nor does a historical county
            // known only by its code
            if (at.name() != null
                    && !(at.level() == DivisionLevel.CITY
                            && (at.name().equals("市辖区") || at.name().equals("县")))) {
                names.addFirst(at.name());
            }
            at = at.parentCode() == null ? null : find(at.parentCode()).orElse(null);
        }
        return Optional.of(String.join("", names));
    }

    private Optional<Division> lookup(DivisionCode divisionCode) {
        Optional<Division> stored = jdbc.sql("select " + COLUMNS + " from division where code = :code")
                .param("code", divisionCode.value())
                .query(Divisions::division)
                .optional();
        if (stored.isPresent() || divisionCode.level() != DivisionLevel.COUNTY) {
            return stored;
        }
        return resolveUnknownCounty(divisionCode.value());
    }

    /** The provinces (省级), by code: where people's household registration is, in a filter's choices. */
    public List<Division> provinces() {
        return jdbc.sql("select " + COLUMNS
                        + " from division where level = 'PROVINCE' and not historical order by code")
                .query(Divisions::division)
                .list();
    }

    /** The current divisions directly under this one, by code; abolished codes are not listed. */
    public List<Division> children(String code) {
        Division parent = get(code);
        return jdbc.sql("select " + COLUMNS
                        + " from division where parent_code = :code and not historical order by code")
                .param("code", parent.code())
                .query(Divisions::division)
                .list();
    }

    /**
     * This division and every current division below it, parents before children (a child's code extends its
     * parent's, so ordering by code puts parents first).
     */
    public List<Division> subtree(String code) {
        Division root = get(code);
        List<Division> stored = jdbc.sql("""
                        with recursive tree as (
                            select %1$s from division where code = :code
                            union all
                            select d.code, d.name, d.level, d.county_type, d.parent_code, d.historical
                              from division d join tree t on d.parent_code = t.code
                             where not d.historical
                        )
                        select %1$s from tree order by code
                        """.formatted(COLUMNS))
                .param("code", root.code())
                .query(Divisions::division)
                .list();
        return stored.isEmpty() ? List.of(root) : stored;
    }

    /** Whether this county-level code is a district (市辖区); throws {@link DivisionNotFound} if it is unknown. */
    public boolean isDistrict(String countyCode) {
        Division division = get(countyCode);
        return division.level() == DivisionLevel.COUNTY && division.isDistrict();
    }

    private Optional<Division> resolveUnknownCounty(String code) {
        List<String> ancestors = jdbc.sql(
                        "select code from division where code in (:city, :province) and not historical")
                .param("city", code.substring(0, 4))
                .param("province", code.substring(0, 2))
                .query(String.class)
                .list();
        if (!ancestors.contains(code.substring(0, 2))) {
            return Optional.empty();
        }
        String parent = ancestors.contains(code.substring(0, 4)) ? code.substring(0, 4) : code.substring(0, 2);
        return Optional.of(
                new Division(code, null, DivisionLevel.COUNTY, CountyTypes.byPre2017Digits(code), parent, true));
    }

    private static Division division(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("county_type");
        return new Division(
                rs.getString("code"),
                rs.getString("name"),
                DivisionLevel.valueOf(rs.getString("level")),
                type == null ? null : CountyType.valueOf(type),
                rs.getString("parent_code"),
                rs.getBoolean("historical"));
    }
}
