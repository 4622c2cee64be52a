package org.liudong.org;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of the org tree. Methods named {@code visible…} enforce the signed-in user's scope. */
@Service
public class OrgUnits {

    private static final String COLUMNS = "code, name, level, parent_code, path";

    /**
     * How many units a page's list of places offers at most before it leaves the deepest level out: a district's
     * streets and communities fit (Chaoyang's are about 600), a city's 7,000 communities do not.
     */
    public static final int CHOICE_LIMIT = 1000;

    private final JdbcClient jdbc;

    OrgUnits(JdbcClient jdbc, OrgTreeBootstrap bootstrap) {
        // the bootstrap parameter orders start-up: the tree is loaded before anyone reads it
        this.jdbc = jdbc;
    }

    public Optional<OrgUnit> find(String code) {
        if (!isWellFormed(code)) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from org_unit where code = ?")
                .param(code)
                .query(OrgUnits::map)
                .optional();
    }

    /** The unit with this code, whatever the caller's scope; for internal use such as resolving a user's scope. */
    public OrgUnit get(String code) {
        requireWellFormed(code);
        return find(code).orElseThrow(() -> new OrgUnitNotFound(code));
    }

    /** The unit, if it lies within the signed-in user's scope. */
    public OrgUnit visible(String code) {
        OrgUnit unit = get(code);
        CurrentScope.check(unit.path());
        return unit;
    }

    /** The children of a unit within the signed-in user's scope, ordered by code. */
    public List<OrgUnit> visibleChildren(String code) {
        OrgUnit parent = visible(code);
        return jdbc.sql("select " + COLUMNS + " from org_unit where parent_code = ? order by sort_order, code")
                .param(parent.code())
                .query(OrgUnits::map)
                .list();
    }

    /** The unit's ancestors from the root down, ending with the unit itself. */
    public List<OrgUnit> lineage(OrgPath path) {
        return jdbc.sql("select " + COLUMNS + " from org_unit where code in (:codes) order by depth")
                .param("codes", path.segments())
                .query(OrgUnits::map)
                .list();
    }

    /** The units of one level within a subtree, ordered by code; e.g. the communities of a district. */
    public List<OrgUnit> within(OrgPath path, OrgLevel level) {
        return jdbc.sql("select " + COLUMNS + " from org_unit where path like ? and level = ? order by code")
                .params(path.value() + "%", level.name())
                .query(OrgUnits::map)
                .list();
    }

    /**
     * Units below a scope to pick one from, in tree order: each unit followed by its own. A small scope (a district's
     * streets and communities) lists every level; a large one (a city's 7,000 communities) stops at the deepest
     * level that keeps the list within {@code limit}, and opens the branch of {@code selected} further, so a reader
     * narrows step by step: a district, then one of its streets, then one of that street's communities.
     *
     * @param selected the unit chosen so far, or {@code null}; one outside the scope opens nothing
     */
    public Choices choices(OrgPath scope, String selected, int limit) {
        OrgLevel scopeLevel = get(scope.leaf()).level();
        Map<OrgLevel, Integer> counts = countByLevel(scope);
        List<String> levels = new java.util.ArrayList<>();
        int total = 0;
        OrgLevel deepest = scopeLevel;
        for (OrgLevel level : OrgLevel.values()) {
            if (level.compareTo(scopeLevel) <= 0) {
                continue;
            }
            int count = counts.getOrDefault(level, 0);
            if (!levels.isEmpty() && total + count > limit) {
                break;
            }
            levels.add(level.name());
            total += count;
            deepest = level;
        }
        if (levels.isEmpty()) {
            return new Choices(List.of(), false);
        }
        boolean cut = deepest != OrgLevel.COMMUNITY;
        OrgLevel shown = deepest;
        List<String> open = new java.util.ArrayList<>();
        if (cut && selected != null && !selected.isBlank()) {
            find(selected.strip())
                    .filter(unit -> scope.contains(unit.path()))
                    .ifPresent(unit -> lineage(unit.path()).stream()
                            .filter(u -> u.level().compareTo(shown) >= 0)
                            .forEach(u -> open.add(u.code())));
        }
        open.add("");
        List<OrgUnit> units = jdbc.sql("select " + COLUMNS
                        + " from org_unit where path like :scope and (level in (:levels) or parent_code in (:open))"
                        + " order by path")
                .param("scope", scope.value() + "_%")
                .param("levels", levels)
                .param("open", open)
                .query(OrgUnits::map)
                .list();
        return new Choices(units, cut);
    }

    /**
     * Units to pick from; {@code narrowsFurther} when levels were left out for length, so a page reloads on a choice
     * to offer the chosen unit's own.
     */
    public record Choices(List<OrgUnit> units, boolean narrowsFurther) {}

    /**
     * The communities a form offers for a person's or a site's community (社区). Within a district they are all its
     * communities. Within a city (7,535) the form first asks for the street ({@code streets}: the city's districts
     * and streets) and then offers that street's communities only; {@code street} is the street of
     * {@code selected}, when a community was chosen already.
     */
    public CommunityChoice communityChoice(OrgPath scope, String selected) {
        Choices places = choices(scope, selected, CHOICE_LIMIT);
        if (places.units().isEmpty()) {
            // a community's own people: nothing lies below it, it is the one community
            return new CommunityChoice(List.of(), within(scope, OrgLevel.COMMUNITY), null);
        }
        List<OrgUnit> communities = places.units().stream()
                .filter(u -> u.level() == OrgLevel.COMMUNITY)
                .toList();
        if (!places.narrowsFurther()) {
            return new CommunityChoice(List.of(), communities, null);
        }
        return new CommunityChoice(
                places.units().stream()
                        .filter(u -> u.level() != OrgLevel.COMMUNITY)
                        .toList(),
                communities,
                communities.isEmpty() ? null : communities.get(0).parentCode());
    }

    /** See {@link #communityChoice}: {@code streets} is empty when every community is offered at once. */
    public record CommunityChoice(List<OrgUnit> streets, List<OrgUnit> communities, String street) {}

    /** The names of the units of one level within a subtree, by code. */
    public Map<String, String> names(OrgPath path, OrgLevel level) {
        Map<String, String> names = new java.util.HashMap<>();
        within(path, level).forEach(u -> names.put(u.code(), u.name()));
        return names;
    }

    /** How many units of each level lie below (and including) a path. */
    public Map<OrgLevel, Integer> countByLevel(OrgPath path) {
        Map<OrgLevel, Integer> counts = new EnumMap<>(OrgLevel.class);
        jdbc.sql("select level, count(*) from org_unit where path like ? group by level")
                .param(path.value() + "%")
                .query(rs -> {
                    counts.put(OrgLevel.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return counts;
    }

    /** The groups of a group set with their members, e.g. {@code BJ_FUNCTIONAL_ZONE}. */
    public List<OrgGroup> groups(String groupSetCode) {
        return jdbc.sql("""
                        select g.code, g.name_zh, g.name_en,
                               coalesce(array_agg(m.org_code order by m.org_code)
                                        filter (where m.org_code is not null), '{}') as members
                        from org_group g left join org_group_member m on m.group_code = g.code
                        where g.group_set_code = ?
                        group by g.code, g.name_zh, g.name_en, g.sort_order
                        order by g.sort_order""")
                .param(groupSetCode)
                .query((rs, row) -> new OrgGroup(rs.getString(1), rs.getString(2), rs.getString(3), List.of((String[])
                        rs.getArray(4).getArray())))
                .list();
    }

    private static boolean isWellFormed(String code) {
        return code != null && code.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}");
    }

    private static void requireWellFormed(String code) {
        if (!isWellFormed(code)) {
            throw new InvalidInput("code", "An org unit code has 2, 4, 6, 9 or 12 digits, not '" + code + "'");
        }
    }

    private static OrgUnit map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new OrgUnit(
                rs.getString("code"),
                rs.getString("name"),
                OrgLevel.valueOf(rs.getString("level")),
                rs.getString("parent_code"),
                new OrgPath(rs.getString("path")));
    }
}
