package org.liudong.security.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.liudong.security.ApiTokens;
import org.liudong.security.LiudongUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Personal API tokens: exchange a username and password for a token, or revoke the token in use. */
@RestController
@RequestMapping("/api/v1/auth/token")
@Tag(name = "Authentication", description = "Personal API tokens")
class TokenApi {

    private final AuthenticationManager authenticationManager;
    private final ApiTokens tokens;
    private final WebAuthenticationDetailsSource detailsSource = new WebAuthenticationDetailsSource();

    TokenApi(AuthenticationManager authenticationManager, ApiTokens tokens) {
        this.authenticationManager = authenticationManager;
        this.tokens = tokens;
    }

    record Credentials(String username, String password) {}

    record Token(String token, Instant expiresAt) {}

    @PostMapping
    @Operation(summary = "Issue a personal token (default lifetime 8 h); send it as 'Authorization: Bearer …'")
    ResponseEntity<?> issue(@RequestBody(required = false) Credentials credentials, HttpServletRequest request) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "Send JSON {\"username\": …, \"password\": …}");
            return ResponseEntity.badRequest().body(problem);
        }
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                credentials.username().strip(), credentials.password());
        attempt.setDetails(detailsSource.buildDetails(request));
        Authentication authentication;
        try {
            authentication = authenticationManager.authenticate(attempt);
        } catch (AuthenticationException e) {
            // one answer for every failure: it must not tell whether the username exists
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.UNAUTHORIZED, "Wrong username or password, or the account is locked"));
        }
        var issued = tokens.issue((LiudongUser) authentication.getPrincipal());
        return ResponseEntity.ok(new Token(issued.token(), issued.expiresAt()));
    }

    @DeleteMapping
    @Operation(summary = "Revoke the token this call is made with")
    ResponseEntity<Void> revoke(
            @AuthenticationPrincipal LiudongUser user, @RequestHeader("Authorization") String authorization) {
        tokens.revoke(authorization.substring(7).strip(), user);
        return ResponseEntity.noContent().build();
    }
}
