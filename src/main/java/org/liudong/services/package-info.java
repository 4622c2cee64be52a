/**
 * Family-planning and health services (计划生育基本公共服务): the catalogue, service records with their
 * corrections, eligibility and due lists, the health actions and counts for the indicators.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "org",
            "registry",
            "eligibility",
            "sites",
            "imports",
            "imports :: demo",
            "indicators"
        })
package org.liudong.services;
