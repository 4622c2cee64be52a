package org.liudong.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.PersonalData;
import org.liudong.security.LiudongUser;
import org.liudong.security.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what every page's layout shows into the model: the user, their scope and the navigation. */
@ControllerAdvice(annotations = Controller.class)
class Layout {

    private final OrgUnits orgUnits;

    Layout(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
    }

    /** One entry of the main navigation; {@code href} is null for modules still to come. */
    record NavItem(String key, String href, String icon, boolean visible) {}

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /**
     * The same page in the other language: the address with its filters (unit, year, page…) kept and only
     * {@code lang} replaced, so switching the language does not lose what the reader was looking at.
     */
    @ModelAttribute("otherLanguage")
    String otherLanguage(HttpServletRequest request, java.util.Locale locale) {
        return org.springframework.web.util.UriComponentsBuilder.fromUriString(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("lang", "en".equals(locale.getLanguage()) ? "zh-CN" : "en")
                .build(true)
                .toUriString();
    }

    @ModelAttribute("currentUser")
    LiudongUser currentUser(@AuthenticationPrincipal LiudongUser user) {
        return user;
    }

    @ModelAttribute("scopeUnit")
    OrgUnit scopeUnit(@AuthenticationPrincipal LiudongUser user) {
        return user == null ? null : orgUnits.find(user.scopeCode()).orElse(null);
    }

    @ModelAttribute("nav")
    List<NavItem> nav(@AuthenticationPrincipal LiudongUser user) {
        if (user == null) {
            return List.of();
        }
        boolean admin = user.hasRole(Role.SYSTEM_ADMIN);
        boolean auditor = user.hasRole(Role.AUDITOR);
        boolean figures = Stream.of(Role.DISTRICT_OFFICER, Role.STREET_OFFICER, Role.COMMUNITY_WORKER, Role.LEADER)
                .anyMatch(user::hasRole);
        return List.of(
                new NavItem("nav.home", "/", "house", true),
                new NavItem("nav.org", "/org", "diagram-3", !auditor),
                new NavItem("nav.registry", "/persons", "people", PersonalData.canRead(user)),
                new NavItem("nav.services", "/services", "heart-pulse", PersonalData.canSeeReproductiveHealth(user)),
                new NavItem("nav.sites", "/sites", "geo-alt", !auditor && !admin),
                new NavItem("nav.indicators", "/indicators", "bullseye", figures),
                new NavItem("nav.stats", "/stats", "bar-chart", figures),
                new NavItem(
                        "nav.exchange",
                        "/exchange",
                        "arrow-left-right",
                        user.hasRole(Role.EXCHANGE_CLERK) || user.hasRole(Role.DISTRICT_OFFICER)),
                new NavItem(
                        "nav.assessment",
                        "/assessment",
                        "clipboard-check",
                        Stream.of(Role.DISTRICT_OFFICER, Role.EXCHANGE_CLERK, Role.LEADER)
                                .anyMatch(user::hasRole)),
                new NavItem("nav.audit", "/audit", "journal-text", auditor),
                new NavItem("nav.admin", "/admin/users", "gear", admin));
    }
}
