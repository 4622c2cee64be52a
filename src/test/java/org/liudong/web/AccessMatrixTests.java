package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.liudong.security.LiudongUser;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the application, as each role, in scope and out of scope, against the declared matrix in
 * {@code security/access-matrix.txt}. A route missing from the matrix fails the test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccessMatrixTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    TestUsers users;

    @Autowired
    org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints actuator;

    @Autowired
    UserDetailsService details;

    record Rule(Set<Role> roles, boolean open, boolean scoped) {}

    static Map<String, Rule> matrix() throws IOException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        String text = new ClassPathResource("security/access-matrix.txt").getContentAsString(StandardCharsets.UTF_8);
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            String who = parts[2];
            Set<Role> roles = switch (who) {
                case "PUBLIC", "ALL" -> EnumSet.allOf(Role.class);
                case "WORKING" -> EnumSet.complementOf(EnumSet.of(Role.AUDITOR));
                default ->
                    EnumSet.copyOf(
                            Arrays.stream(who.split(",")).map(Role::valueOf).toList());
            };
            rules.put(parts[0] + " " + parts[1], new Rule(roles, who.equals("PUBLIC"), parts.length > 3));
        }
        return rules;
    }

    List<String> routes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("GET " + pattern);
                } else {
                    methods.forEach(m -> routes.add(m.name() + " " + pattern));
                }
            }
        });
        // the exposed actuator endpoints (health, prometheus) are routes too
        actuator.getAllPaths().forEach(path -> routes.add("GET " + path));
        return new ArrayList<>(routes);
    }

    @Test
    void everyRouteIsInTheMatrix() throws IOException {
        var declared = matrix().keySet();

        assertThat(routes())
                .allSatisfy(route -> assertThat(declared)
                        .as("route %s is not in security/access-matrix.txt", route)
                        .contains(route));
    }

    @Test
    void everyRoleGetsExactlyWhatTheMatrixGrantsInScopeAndOutOfScope() throws Exception {
        Map<String, Rule> matrix = matrix();
        Map<Role, UsernamePasswordAuthenticationToken> callers = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            var user = users.ready("matrix", role, "110107");
            var principal = (LiudongUser) details.loadUserByUsername(user.username());
            callers.put(
                    role,
                    UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        }
        long someUser = users.create("target", Role.STREET_OFFICER, "110107001").id();
        List<String> wrong = new ArrayList<>();
        for (String route : routes()) {
            Rule rule = matrix.get(route);
            if (rule == null) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            String inScope = variables(pattern.replace("{code}", "110107"), someUser);
            String outOfScope = variables(pattern.replace("{code}", "110108"), someUser);
            int anonymous = call(method, inScope, null);
            if (!rule.open() && !(anonymous == 401 || anonymous == 302)) {
                wrong.add(route + " anonymous -> " + anonymous);
            }
            for (Role role : Role.values()) {
                int status = call(method, inScope, callers.get(role));
                boolean allowed = rule.roles().contains(role);
                // the error page called directly answers 500, its default status, by design
                boolean broken = status >= 500 && !pattern.equals("/error");
                if (broken || (allowed == (status == 403 || status == 401))) {
                    wrong.add(route + " as " + role + " -> " + status + " (allowed: " + allowed + ")");
                }
                if (rule.scoped() && allowed) {
                    int outside = call(method, outOfScope, callers.get(role));
                    if (outside != 403) {
                        wrong.add(route + " out of scope as " + role + " -> " + outside);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Fills the path's other variables: ids with an existing user's id, an admission step with the first. */
    private static String variables(String path, long id) {
        return path.replace("{id}", String.valueOf(id))
                .replace("{memberId}", String.valueOf(id))
                .replace("{step}", "apply");
    }

    private int call(String method, String path, UsernamePasswordAuthenticationToken caller) throws Exception {
        var request =
                MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path).with(csrf());
        if (caller != null) {
            request.with(authentication(caller));
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }
}
