package org.liudong.org;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service sites as places in the org tree: their basic record, created under a community, edited and
 * closed. The sites module runs their programme and checks the caller's role and scope before calling the
 * changing methods here.
 */
@Service
public class ServiceSites {

    private static final String COLUMNS = "id, code, name, model, community_code, path, active, station_name, address,"
            + " estimated_headcount, capacity, established_on, closed_on, version";

    private final JdbcClient jdbc;
    private final OrgUnits orgUnits;

    ServiceSites(JdbcClient jdbc, OrgUnits orgUnits) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
    }

    public Optional<ServiceSite> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from service_site where id = ?")
                .param(id)
                .query(ServiceSites::map)
                .optional();
    }

    public ServiceSite get(long id) {
        return find(id).orElseThrow(() -> new NotFound("site-not-found", "No service site " + id));
    }

    /** The sites, open and closed, whose path lies within a subtree, ordered by community and code. */
    public List<ServiceSite> within(OrgPath path) {
        return jdbc.sql("select " + COLUMNS + " from service_site where path like ? order by community_code, code")
                .param(path.value() + "%")
                .query(ServiceSites::map)
                .list();
    }

    /** Creates a site under a community; its code is the community's code and a sequence number. */
    @Transactional
    public ServiceSite create(String communityCode, SiteDetails details) {
        OrgUnit community = orgUnits.find(communityCode)
                .filter(unit -> unit.level() == OrgLevel.COMMUNITY)
                .orElseThrow(() -> new InvalidInput("communityCode", "请选择站点所属的社区"));
        // serialises code allocation per community
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(community.code())
                .query()
                .singleRow();
        int next = jdbc.sql("select count(*) + 1 from service_site where community_code = ?")
                .param(community.code())
                .query(Integer.class)
                .single();
        String code = community.code() + "-" + String.format("%03d", next);
        long id = jdbc.sql("""
                        insert into service_site (code, name, model, community_code, path, station_name, address,
                                                  estimated_headcount, capacity, established_on)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        code,
                        details.name(),
                        details.model().name(),
                        community.code(),
                        community.path().child(code).value(),
                        details.stationName(),
                        details.address(),
                        details.estimatedHeadcount(),
                        details.capacity(),
                        // a site opened without a date exists from today on
                        details.establishedOn() != null ? details.establishedOn() : LocalDate.now())
                .query(Long.class)
                .single();
        return get(id);
    }

    /** Changes a site's basic record if nobody changed it since {@code version}. */
    @Transactional
    public ServiceSite update(long id, int version, SiteDetails details) {
        int updated = jdbc.sql("""
                        update service_site set name = ?, model = ?, station_name = ?, address = ?,
                               estimated_headcount = ?, capacity = ?, established_on = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        details.name(),
                        details.model().name(),
                        details.stationName(),
                        details.address(),
                        details.estimatedHeadcount(),
                        details.capacity(),
                        details.establishedOn(),
                        id,
                        version)
                .update();
        if (updated == 0) {
            ServiceSite site = get(id);
            throw new SiteChangedMeanwhile(id, site.version());
        }
        return get(id);
    }

    /** Closes a site on a date; a closed site takes no new residents and leaves the programme's counts. */
    @Transactional
    public ServiceSite close(long id, LocalDate on) {
        ServiceSite site = get(id);
        if (on == null) {
            throw new InvalidInput("closedOn", "请填写关闭日期");
        }
        if (site.establishedOn() != null && on.isBefore(site.establishedOn())) {
            throw new InvalidInput("closedOn", "关闭日期不能早于成立日期");
        }
        jdbc.sql("update service_site set active = false, closed_on = ?, version = version + 1 where id = ?")
                .params(on, id)
                .update();
        return get(id);
    }

    private static ServiceSite map(ResultSet rs, int row) throws SQLException {
        return new ServiceSite(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                SiteModel.valueOf(rs.getString("model")),
                rs.getString("community_code"),
                new OrgPath(rs.getString("path")),
                rs.getBoolean("active"),
                rs.getString("station_name"),
                rs.getString("address"),
                (Integer) rs.getObject("estimated_headcount"),
                (Integer) rs.getObject("capacity"),
                rs.getObject("established_on", LocalDate.class),
                rs.getObject("closed_on", LocalDate.class),
                rs.getInt("version"));
    }
}
