package org.liudong.org;

import java.time.LocalDate;
import org.liudong.shared.OrgPath;

/**
 * A service site (服务站点) under a community: a community station, an office building, a market or a
 * rented basement (the four models, 四种模式), with its path in the org tree and its basic record.
 */
public record ServiceSite(
        long id,
        String code,
        String name,
        SiteModel model,
        String communityCode,
        OrgPath path,
        boolean active,
        String stationName,
        String address,
        Integer estimatedHeadcount,
        Integer capacity,
        LocalDate establishedOn,
        LocalDate closedOn,
        int version) {

    /** Whether the site existed on a date: established by then (or undated) and not yet closed. */
    public boolean existsOn(LocalDate date) {
        return (establishedOn == null || !establishedOn.isAfter(date)) && (closedOn == null || closedOn.isAfter(date));
    }
}
