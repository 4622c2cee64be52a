package org.liudong.security;

/** The roles of PRODUCT §2; what each may do is enforced in the services that own the data. */
public enum Role {
    /** 区人口计生委流管科: the whole district. */
    DISTRICT_OFFICER,
    /** 街道计生办: one street. */
    STREET_OFFICER,
    /** 社区计生专干: one community and its sites. */
    COMMUNITY_WORKER,
    /** 站点管理员: one service site. */
    SITE_MANAGER,
    /** 技术服务站/妇幼保健院: records services only. */
    SERVICE_PROVIDER,
    /** 信息交换员: the district's inter-region exchange. */
    EXCHANGE_CLERK,
    /** 领导: read-only aggregates, no personal data. */
    LEADER,
    /** 审计员: read-only audit trail. */
    AUDITOR,
    /** System administrator: users, roles, reference data; no personal data. */
    SYSTEM_ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
