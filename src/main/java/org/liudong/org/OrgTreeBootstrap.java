package org.liudong.org;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.divisions.Division;
import org.liudong.divisions.DivisionLevel;
import org.liudong.divisions.Divisions;
import org.liudong.shared.OrgPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the org tree from the division table on the first start: the configured root (Beijing, 11, by
 * default) with its districts, streets and communities, plus the functional-zone grouping. A later start
 * with the tree in place does nothing; the load is one transaction, so a crash leaves no half tree.
 */
@Component
class OrgTreeBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OrgTreeBootstrap.class);

    private final Divisions divisions;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final String rootCode;

    OrgTreeBootstrap(
            Divisions divisions,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            @Value("${liudong.org.root:11}") String rootCode) {
        this.divisions = divisions;
        this.jdbc = jdbc;
        this.tx = tx;
        this.rootCode = rootCode;
    }

    @Override
    public void afterPropertiesSet() {
        Integer present = jdbc.queryForObject("select count(*) from org_unit where code = ?", Integer.class, rootCode);
        if (present != null && present > 0) {
            return;
        }
        long started = System.nanoTime();
        List<OrgUnit> units = tree(divisions.subtree(rootCode));
        tx.executeWithoutResult(status -> {
            insert(units);
            insertZoneMembers();
        });
        log.info(
                "Org tree under {} loaded: {} units in {} ms",
                rootCode,
                units.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Maps divisions to org units. A municipality's 4-digit "市辖区" level is not an org unit of its own:
     * its counties hang directly under the city.
     */
    static List<OrgUnit> tree(List<Division> subtree) {
        Map<String, OrgUnit> byCode = new HashMap<>();
        List<OrgUnit> units = new ArrayList<>();
        Division root = subtree.get(0);
        for (Division division : subtree) {
            OrgUnit parent = division == root ? null : nearestUnit(byCode, division.parentCode());
            OrgLevel level = levelOf(division, root);
            if (level == null) {
                continue;
            }
            OrgPath path = parent == null
                    ? OrgPath.root(division.code())
                    : parent.path().child(division.code());
            OrgUnit unit =
                    new OrgUnit(division.code(), division.name(), level, parent == null ? null : parent.code(), path);
            byCode.put(unit.code(), unit);
            units.add(unit);
        }
        return units;
    }

    private static OrgUnit nearestUnit(Map<String, OrgUnit> byCode, String code) {
        String candidate = code;
        while (candidate != null && candidate.length() >= 2) {
            OrgUnit unit = byCode.get(candidate);
            if (unit != null) {
                return unit;
            }
            candidate = candidate.length() > 2 ? candidate.substring(0, candidate.length() - 2) : null;
        }
        throw new IllegalStateException("No parent org unit for division " + code);
    }

    private static OrgLevel levelOf(Division division, Division root) {
        if (division == root) {
            return division.level() == DivisionLevel.COUNTY ? OrgLevel.DISTRICT : OrgLevel.CITY;
        }
        return switch (division.level()) {
            case PROVINCE, CITY -> null;
            case COUNTY -> OrgLevel.DISTRICT;
            case TOWNSHIP -> OrgLevel.STREET;
            case COMMUNITY -> OrgLevel.COMMUNITY;
        };
    }

    private void insert(List<OrgUnit> units) {
        jdbc.batchUpdate(
                "insert into org_unit (code, name, level, parent_code, path, depth) values (?, ?, ?, ?, ?, ?)",
                units,
                1000,
                (ps, unit) -> {
                    ps.setString(1, unit.code());
                    ps.setString(2, unit.name());
                    ps.setString(3, unit.level().name());
                    ps.setString(4, unit.parentCode());
                    ps.setString(5, unit.path().value());
                    ps.setInt(6, unit.depth());
                });
    }

    private void insertZoneMembers() {
        var resource = new ClassPathResource("reference/org/beijing-functional-zones.csv");
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().skip(1).map(line -> line.split(",")).forEach(row -> jdbc.update("""
                    insert into org_group_member (group_code, org_code)
                    select ?, code from org_unit where code = ?
                    on conflict do nothing""", row[0], row[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
