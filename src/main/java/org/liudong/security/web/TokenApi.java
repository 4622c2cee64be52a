package org.liudong.security.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.liudong.security.ApiTokens;
import org.liudong.security.LiudongUser;
import org.liudong.security.SignInFlow;
import org.liudong.security.TwoFactor;
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
    private final TwoFactor twoFactor;
    private final SignInFlow signIn;
    private final WebAuthenticationDetailsSource detailsSource = new WebAuthenticationDetailsSource();

    TokenApi(AuthenticationManager authenticationManager, ApiTokens tokens, TwoFactor twoFactor, SignInFlow signIn) {
        this.authenticationManager = authenticationManager;
        this.tokens = tokens;
        this.twoFactor = twoFactor;
        this.signIn = signIn;
    }

    /** {@code code}: the current TOTP code (or a recovery code) when the account has two-factor sign-in. */
    record Credentials(String username, String password, String code) {}

    record Token(String token, Instant expiresAt) {}

    @PostMapping
    @Operation(
            summary = "Issue a personal token (default lifetime 8 h); send it as 'Authorization: Bearer …'",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The token and when it expires",
                            content = @Content(schema = @Schema(implementation = Token.class))))
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
        var user = (LiudongUser) authentication.getPrincipal();
        if (user.mustChangePassword()) {
            return refuse(
                    HttpStatus.FORBIDDEN, "The password must be changed first, on the web page /account/password");
        }
        if (twoFactor.enrolled(user.userId())) {
            if (!signIn.secondFactor(user, credentials.code(), request.getRemoteAddr())) {
                return refuse(HttpStatus.UNAUTHORIZED, "Wrong username or password, or the account is locked");
            }
        } else if (twoFactor.required(user)) {
            return refuse(HttpStatus.FORBIDDEN, "Two-factor sign-in must be set up first, on the web page");
        }
        var issued = tokens.issue(user);
        return ResponseEntity.ok(new Token(issued.token(), issued.expiresAt()));
    }

    private static ResponseEntity<ProblemDetail> refuse(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    @DeleteMapping
    @Operation(
            summary = "Revoke the token this call is made with",
            responses = @ApiResponse(responseCode = "204", description = "Revoked"))
    ResponseEntity<Void> revoke(
            @AuthenticationPrincipal LiudongUser user, @RequestHeader("Authorization") String authorization) {
        tokens.revoke(authorization.substring(7).strip(), user);
        return ResponseEntity.noContent().build();
    }
}
