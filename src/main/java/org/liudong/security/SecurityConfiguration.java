package org.liudong.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.liudong.shared.RouteRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Two filter chains: the API ({@code /api/**}) is stateless and signs in with personal tokens; pages use
 * form login with a database-backed session, a second factor and CSRF protection. Both answer without
 * saying whether a username exists, lock per account and per source address, and record every 403.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableScheduling
class SecurityConfiguration {

    /** No inline script or style anywhere: every script and stylesheet is a file served by the application. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * The API's documentation (Swagger UI, a library's page) draws its icons with inline {@code style} attributes,
     * which the policy above blocks; there, and only there, inline styles are allowed. Scripts stay the
     * application's own files.
     */
    static final String API_DOCUMENTATION_POLICY =
            CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    private static final RequestMatcher API_DOCUMENTATION =
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**");

    /** Every role but the auditor, who reads the audit trail and nothing else. */
    static final String[] WORKING_ROLES = Arrays.stream(Role.values())
            .filter(role -> role != Role.AUDITOR)
            .map(Role::name)
            .toArray(String[]::new);

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Passwords.encoder();
    }

    /**
     * The session cookie: HttpOnly, SameSite=Lax, and Secure whenever the request came over TLS (directly
     * or, with {@code server.forward-headers-strategy}, through a proxy).
     */
    @Bean
    CookieSerializer sessionCookie() {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName("LIUDONG_SESSION");
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        serializer.setCookiePath("/");
        return serializer;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    @Bean
    AuthenticationManager authenticationManager(
            AccountDetails accountDetails,
            PasswordEncoder passwordEncoder,
            AddressLockout addressLockout,
            ApplicationEventPublisher publisher) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accountDetails);
        provider.setPasswordEncoder(passwordEncoder);
        provider.setUserDetailsPasswordService(accountDetails);
        ProviderManager manager = new ProviderManager(List.of(new AddressChecking(provider, addressLockout)));
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(publisher));
        return manager;
    }

    /** Refuses every attempt from a locked source address before the password is even checked. */
    record AddressChecking(AuthenticationProvider delegate, AddressLockout lockout) implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) {
            if (authentication.getDetails() instanceof WebAuthenticationDetails details
                    && lockout.isLocked(details.getRemoteAddress())) {
                throw new LockedException("source address locked");
            }
            return delegate.authenticate(authentication);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return delegate.supports(authentication);
        }
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${liudong.security.max-body-size:1048576}") long maxBytes) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(maxBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimits> rateLimits(
            @Value("${liudong.security.rate-limit.login-per-minute:20}") int loginPerMinute,
            @Value("${liudong.security.rate-limit.api-per-minute:600}") int apiPerMinute) {
        var registration = new FilterRegistrationBean<>(new RateLimits(loginPerMinute, apiPerMinute, System::nanoTime));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AccessDenials denials, List<RouteRules> moduleRules)
            throws Exception {
        // the metrics are scraped with a bearer token like the API (a system administrator's)
        http.securityMatcher("/api/**", "/actuator/prometheus")
                .authorizeHttpRequests(requests -> moduleRules(requests, moduleRules, true)
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .hasRole(Role.SYSTEM_ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
                        .permitAll()
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/auth/token")
                        .authenticated()
                        // node-to-node messages authenticate by their envelope signature, not by a user token
                        .requestMatchers("/api/exchange/v1/**")
                        .permitAll()
                        .anyRequest()
                        .hasAnyRole(WORKING_ROLES))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) ->
                                problem(response, 401, "Unauthorized", "A valid bearer token is required"))
                        .accessDeniedHandler((request, response, e) -> {
                            denials.record(request, "url");
                            problem(response, 403, "Forbidden", "Your role does not allow this");
                        }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(
            HttpSecurity http,
            SignInFlow flow,
            AccessDenials denials,
            SecurityContextRepository repository,
            List<RouteRules> moduleRules)
            throws Exception {
        AccessDeniedHandler denied = (request, response, e) -> {
            denials.record(request, "url");
            response.sendError(403);
        };
        http.securityContext(context -> context.securityContextRepository(repository))
                .authorizeHttpRequests(requests -> moduleRules(requests, moduleRules, false)
                        .requestMatchers(
                                "/login",
                                "/login/totp",
                                "/account/totp",
                                "/error",
                                "/error/**",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/img/**",
                                "/favicon.ico",
                                "/actuator/health",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/admin/**")
                        .hasRole(Role.SYSTEM_ADMIN.name())
                        .requestMatchers("/audit/**")
                        .hasRole(Role.AUDITOR.name())
                        .requestMatchers("/org/**")
                        .hasAnyRole(WORKING_ROLES)
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new AccountGate(flow), AuthorizationFilter.class)
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(
                                (request, response, authentication) -> response.sendRedirect(request.getContextPath()
                                        + flow.afterPassword(
                                                (LiudongUser) authentication.getPrincipal(), request, response)))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(handling -> handling.accessDeniedHandler(denied))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                API_DOCUMENTATION,
                                new StaticHeadersWriter("Content-Security-Policy", API_DOCUMENTATION_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(API_DOCUMENTATION),
                                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY)))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter(
                                "Permissions-Policy", "camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /** Applies the modules' own route rules: API patterns to the API chain, page patterns to the pages chain. */
    private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry moduleRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            List<RouteRules> moduleRules,
            boolean api) {
        for (RouteRules rules : moduleRules) {
            for (RouteRules.Rule rule : rules.rules()) {
                if (rule.pattern().startsWith("/api/") != api) {
                    continue;
                }
                var matcher = rule.method() == null
                        ? requests.requestMatchers(rule.pattern())
                        : requests.requestMatchers(HttpMethod.valueOf(rule.method()), rule.pattern());
                matcher.hasAnyRole(rule.roles().toArray(String[]::new));
            }
        }
        return requests;
    }

    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
