package org.liudong.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In-memory token buckets (per server instance): sign-in attempts per source address, API calls per
 * token. A request over the limit gets 429 with {@code Retry-After}. Lockout (per account and address)
 * stops guessing; this only keeps one caller from flooding the server.
 */
class RateLimits extends OncePerRequestFilter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int loginPerMinute;
    private final int apiPerMinute;
    private final LongSupplier nanoTime;

    RateLimits(int loginPerMinute, int apiPerMinute, LongSupplier nanoTime) {
        this.loginPerMinute = loginPerMinute;
        this.apiPerMinute = apiPerMinute;
        this.nanoTime = nanoTime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = key(request);
        if (key != null) {
            int perMinute = key.startsWith("login:") ? loginPerMinute : apiPerMinute;
            if (buckets.size() > 100_000) {
                buckets.clear();
            }
            Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nanoTime.getAsLong()));
            if (!bucket.take(perMinute, nanoTime.getAsLong())) {
                response.setHeader("Retry-After", "60");
                SecurityConfiguration.problem(response, 429, "Too Many Requests", "Too many requests; wait a minute");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String key(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod())
                && (path.equals("/login") || path.equals("/login/totp") || path.equals("/api/v1/auth/token"))) {
            return "login:" + request.getRemoteAddr();
        }
        String header = request.getHeader("Authorization");
        if (path.startsWith("/api/") && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "api:" + ApiTokens.hash(header.substring(7).strip());
        }
        return null;
    }

    /** A bucket of {@code perMinute} tokens refilled continuously. */
    private static final class Bucket {

        private double tokens;
        private long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean take(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60e9);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
