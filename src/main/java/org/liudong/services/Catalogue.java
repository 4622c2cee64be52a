package org.liudong.services;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The service catalogue: reference data seeded by migration that a system administrator may extend. */
@Service
public class Catalogue {

    private final JdbcClient jdbc;

    Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CatalogueEntry> list() {
        return jdbc.sql(SELECT + " order by sort_order, code")
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

    /** Adds a service; codes are one group letter and two or three digits and never change afterwards. */
    @Transactional
    public CatalogueEntry add(CatalogueEntry entry) {
        var user = CurrentScope.requireUser();
        if (!user.roleNames().contains("SYSTEM_ADMIN")) {
            throw new AccessDeniedException("Only a system administrator extends the catalogue");
        }
        if (entry.code() == null || !entry.code().matches("[A-E][0-9]{2,3}")) {
            throw new InvalidFields(List.of(new Violation("code", "FORMAT", "服务代码须为组别字母（A–E）加两到三位数字")));
        }
        if (entry.nameZh() == null || entry.nameZh().isBlank()) {
            throw new InvalidFields(List.of(new Violation("nameZh", "REQUIRED", "请填写服务名称")));
        }
        if (find(entry.code()).isPresent()) {
            throw new InvalidFields(List.of(new Violation("code", "EXISTS", "服务代码" + entry.code() + "已存在")));
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
        return get(entry.code());
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
