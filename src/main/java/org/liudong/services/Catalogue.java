package org.liudong.services;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.liudong.services.ServiceEvents.CatalogueChanged;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.NotFound;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The service catalogue: reference data seeded by migration that a system administrator may extend. */
@Service
public class Catalogue {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Catalogue(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public List<CatalogueEntry> list() {
        return jdbc.sql(SELECT + " order by group_code, sort_order, code")
                .query(this::entry)
                .list();
    }

    public Optional<CatalogueEntry> find(String code) {
        return jdbc.sql(SELECT + " where code = ?")
                .param(code)
                .query(this::entry)
                .optional();
    }

    public CatalogueEntry get(String code) {
        return find(code).orElseThrow(() -> new NotFound("service", "No service " + code + " in the catalogue"));
    }

    /**
     * Adds a service; codes are one group letter and two or three digits and never change afterwards. The
     * group is the code's letter; a group given that differs from it is refused.
     */
    @Transactional
    public CatalogueEntry add(CatalogueEntry entry) {
        var user = requireAdmin();
        List<Violation> violations = new ArrayList<>();
        if (entry.code() == null || !entry.code().matches("[A-E][0-9]{2,3}")) {
            violations.add(new Violation("code", "FORMAT", "服务代码须为组别字母（A–E）加两到三位数字"));
        } else if (entry.group() != null
                && !entry.group().isBlank()
                && !entry.code().startsWith(entry.group().strip())) {
            violations.add(new Violation("group", "MISMATCH", "服务代码" + entry.code() + "不属于组别" + entry.group()));
        }
        violations.addAll(names(entry.nameZh(), entry.nameEn()));
        if (entry.healthAction() != null && (entry.healthAction() < 1 || entry.healthAction() > 5)) {
            violations.add(new Violation("healthAction", "RANGE", "健康行动须为1–5"));
        }
        for (String result : entry.resultCodes()) {
            if (!result.matches("[A-Z0-9_]{1,20}")) {
                violations.add(new Violation("resultCodes", "FORMAT", "结果代码只能用大写字母、数字和下划线：" + result));
            }
        }
        if (violations.isEmpty() && find(entry.code()).isPresent()) {
            violations.add(new Violation("code", "EXISTS", "服务代码" + entry.code() + "已存在"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFields(violations);
        }
        jdbc.sql("""
                        insert into service_catalogue (code, group_code, name_zh, name_en, result_codes, health_action,
                                                       sort_order, added_by)
                        values (?, ?, ?, ?, ?, ?, 1000, ?)""")
                .params(
                        entry.code(),
                        entry.code().substring(0, 1),
                        entry.nameZh().strip(),
                        entry.nameEn() == null
                                ? entry.nameZh().strip()
                                : entry.nameEn().strip(),
                        String.join(",", entry.resultCodes()),
                        entry.healthAction(),
                        user.username())
                .update();
        events.publishEvent(new CatalogueChanged(
                entry.code(), "added " + entry.nameZh().strip(), user.username(), clock.instant()));
        return get(entry.code());
    }

    /**
     * Renames a service (Chinese and English names) and retires or restores it; its code, group and results
     * stay, so records already made keep their meaning. Retired services are refused for new records.
     */
    @Transactional
    public CatalogueEntry update(String code, String nameZh, String nameEn, Boolean active) {
        var user = requireAdmin();
        CatalogueEntry before = get(code);
        List<Violation> violations = names(nameZh, nameEn);
        if (!violations.isEmpty()) {
            throw new InvalidFields(violations);
        }
        String zh = nameZh.strip();
        String en = nameEn == null || nameEn.isBlank() ? before.nameEn() : nameEn.strip();
        boolean on = active == null ? before.active() : active;
        if (zh.equals(before.nameZh()) && en.equals(before.nameEn()) && on == before.active()) {
            return before;
        }
        jdbc.sql("update service_catalogue set name_zh = ?, name_en = ?, active = ? where code = ?")
                .params(zh, en, on, code)
                .update();
        List<String> what = new ArrayList<>();
        if (!zh.equals(before.nameZh())) {
            what.add("name_zh " + before.nameZh() + " -> " + zh);
        }
        if (!en.equals(before.nameEn())) {
            what.add("name_en " + before.nameEn() + " -> " + en);
        }
        if (on != before.active()) {
            what.add(on ? "restored" : "retired");
        }
        events.publishEvent(new CatalogueChanged(code, String.join("; ", what), user.username(), clock.instant()));
        return get(code);
    }

    private static ScopedUser requireAdmin() {
        var user = CurrentScope.requireUser();
        if (!user.roleNames().contains("SYSTEM_ADMIN")) {
            throw new AccessDeniedException("Only a system administrator changes the catalogue");
        }
        return user;
    }

    private static List<Violation> names(String nameZh, String nameEn) {
        List<Violation> violations = new ArrayList<>();
        if (nameZh == null || nameZh.isBlank()) {
            violations.add(new Violation("nameZh", "REQUIRED", "请填写服务名称"));
        } else if (nameZh.strip().length() > 60) {
            violations.add(new Violation("nameZh", "TOO_LONG", "服务名称不超过60字"));
        }
        if (nameEn != null && nameEn.strip().length() > 120) {
            violations.add(new Violation("nameEn", "TOO_LONG", "英文名称不超过120个字符"));
        }
        return violations;
    }

    private static final String SELECT =
            "select code, group_code, name_zh, name_en, result_codes, health_action, active from service_catalogue";

    private CatalogueEntry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String results = rs.getString("result_codes");
        return new CatalogueEntry(
                rs.getString("code"),
                rs.getString("group_code"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                results.isBlank() ? List.of() : Arrays.asList(results.split(",")),
                (Integer) rs.getObject("health_action"),
                rs.getBoolean("active"));
    }
}
