package org.liudong.org;

import org.liudong.shared.OrgPath;

/**
 * A service site (服务站点) under a community: a community station, an office building, a market or a
 * rented basement (the four models, 四种模式), with its path in the org tree.
 */
public record ServiceSite(
        long id, String code, String name, String model, String communityCode, OrgPath path, boolean active) {}
