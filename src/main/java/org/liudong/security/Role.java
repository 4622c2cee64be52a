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

    /**
     * Whether holders may see personal data (names, ID numbers, addresses, health records) within their
     * scope. Leaders see aggregates only; the system administrator and the auditor see none (separation of
     * duties, GB/T 22239 访问控制). The registry checks this through {@link PersonalDataAccess}.
     */
    public boolean canSeePersons() {
        return switch (this) {
            case DISTRICT_OFFICER, STREET_OFFICER, COMMUNITY_WORKER, SITE_MANAGER, SERVICE_PROVIDER, EXCHANGE_CLERK ->
                true;
            case LEADER, AUDITOR, SYSTEM_ADMIN -> false;
        };
    }

    /**
     * Whether the role must be held alone: the auditor reads the audit trail and nothing else, and the
     * system administrator must not also hold a role that sees personal data or audits their own actions.
     */
    public boolean exclusive() {
        return this == AUDITOR || this == SYSTEM_ADMIN;
    }
}
