package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class HeadersTests {

    @Autowired
    MockMvc mvc;

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndTheProtectiveHeaders() throws Exception {
        var response = mvc.perform(get("/login")).andReturn().getResponse();

        String csp = response.getHeader("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.getHeader("Strict-Transport-Security")).isNull();
    }

    /** Only the API's documentation (Swagger UI draws its icons with inline styles) may apply inline styles. */
    @Test
    void onlyTheApiDocumentationMayApplyInlineStylesAndNothingRunsInlineScript() throws Exception {
        var documentation =
                mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse();
        var page = mvc.perform(get("/login")).andReturn().getResponse();

        assertThat(documentation.getStatus()).isEqualTo(200);
        assertThat(documentation.getHeaders("Content-Security-Policy"))
                .singleElement()
                .asString()
                .contains("style-src 'self' 'unsafe-inline'", "script-src 'self';", "frame-ancestors 'none'");
        assertThat(page.getHeaders("Content-Security-Policy"))
                .singleElement()
                .asString()
                .doesNotContain("unsafe-inline");
    }

    @Test
    void hstsIsSentOverTls() throws Exception {
        var response = mvc.perform(get("/login").secure(true)).andReturn().getResponse();

        assertThat(response.getHeader("Strict-Transport-Security")).contains("max-age=");
    }

    @Test
    void aJsonBodyOverOneMegabyteIsRefusedWith400() throws Exception {
        String big = "{\"username\":\"" + "x".repeat(1_100_000) + "\",\"password\":\"y\"}";

        var response = mvc.perform(post("/api/v1/auth/token")
                        .contentType("application/json")
                        .content(big))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
    }

    @Test
    void signInAttemptsFromOneAddressAreLimitedPerMinute() throws Exception {
        var limits = new RateLimits(3, 1000, System::nanoTime);
        int[] statuses = new int[5];
        for (int i = 0; i < 5; i++) {
            var request = new MockHttpServletRequest("POST", "/login");
            request.setRemoteAddr("203.0.113.50");
            var response = new MockHttpServletResponse();
            limits.doFilter(request, response, new MockFilterChain());
            statuses[i] = response.getStatus();
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
    }

    @Test
    void apiCallsAreLimitedPerToken() throws Exception {
        var limits = new RateLimits(1000, 2, System::nanoTime);
        int last = 0;
        for (int i = 0; i < 3; i++) {
            var request = new MockHttpServletRequest("GET", "/api/v1/divisions/11");
            request.addHeader("Authorization", "Bearer ld_same-token");
            var response = new MockHttpServletResponse();
            limits.doFilter(request, response, new MockFilterChain());
            last = response.getStatus();
        }
        var other = new MockHttpServletRequest("GET", "/api/v1/divisions/11");
        other.addHeader("Authorization", "Bearer ld_other-token");
        var response = new MockHttpServletResponse();
        limits.doFilter(other, response, new MockFilterChain());

        assertThat(last).isEqualTo(429);
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
