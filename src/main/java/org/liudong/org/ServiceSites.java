package org.liudong.org;

import java.util.Optional;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of service sites as places in the org tree; the sites module manages their programme. */
@Service
public class ServiceSites {

    private final JdbcClient jdbc;

    ServiceSites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ServiceSite> find(long id) {
        return jdbc.sql("select id, code, name, model, community_code, path, active from service_site where id = ?")
                .param(id)
                .query((rs, row) -> new ServiceSite(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("model"),
                        rs.getString("community_code"),
                        new OrgPath(rs.getString("path")),
                        rs.getBoolean("active")))
                .optional();
    }
}
