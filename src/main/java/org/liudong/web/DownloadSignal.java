package org.liudong.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Tells a page that the file it asked for has begun to arrive. A district's ledger as {@code .xlsx} takes seconds
 * to build before its first byte, and a download link gives no sign meanwhile, so people click again and start a
 * second export. The page's export links (marked {@code data-download}) add a random {@code downloadToken}; the
 * answer carries it back in a short-lived cookie the page's script watches for, and the link shows that the file is
 * being prepared until then.
 */
class DownloadSignal implements HandlerInterceptor {

    static final String PARAMETER = "downloadToken";
    static final String COOKIE = "liudong-download";
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{8,32}");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String token = request.getParameter(PARAMETER);
        if (token != null && TOKEN.matcher(token).matches()) {
            // read by the page's script, so not HttpOnly; it carries nothing but the page's own random token
            ResponseCookie cookie = ResponseCookie.from(COOKIE, token)
                    .path("/")
                    .maxAge(Duration.ofMinutes(1))
                    .sameSite("Strict")
                    .secure(request.isSecure())
                    .build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        return true;
    }
}
