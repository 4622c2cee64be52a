package org.liudong.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import org.apache.catalina.connector.ClientAbortException;
import org.liudong.security.AccessDenials;
import org.liudong.shared.DomainException;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.DatabindException;

/**
 * Maps the modules' exceptions to RFC 9457 problems for the API and to friendly pages for people; neither
 * ever shows a stack trace.
 */
@ControllerAdvice
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final AccessDenials denials;

    ErrorHandling(AccessDenials denials) {
        this.denials = denials;
    }

    @ExceptionHandler(DomainException.class)
    Object domain(DomainException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        problem.setType(URI.create("urn:liudong:problem:" + e.type()));
        e.properties().forEach(problem::setProperty);
        if (e instanceof InvalidInput invalid) {
            problem.setProperty("field", invalid.field());
            problem.setProperty("errors", List.of(new Violation(invalid.field(), "INVALID", invalid.getMessage())));
        }
        if (e instanceof InvalidFields invalid) {
            problem.setProperty("errors", invalid.violations());
        }
        if (e.status() == 403) {
            denials.record(request, e.type());
        }
        return answer(request, problem);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    Object denied(Exception e, HttpServletRequest request) {
        denials.record(request, "role");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this");
        return answer(request, problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "The parameter '" + e.getName() + "' has an invalid value");
        problem.setProperty("field", e.getName());
        return answer(request, problem);
    }

    /** An upload that is not a multipart request, is malformed, or lacks its file part: 400, not 500. */
    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    Object multipart(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response && response.getStatusCode().value() != 400) {
            // e.g. an upload over the size limit keeps its own status (413)
            return other(e, request);
        }
        String field = e instanceof MissingServletRequestPartException missing ? missing.getRequestPartName() : "file";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "Send the file as multipart/form-data in the part '" + field + "'");
        problem.setProperty("field", field);
        problem.setProperty("errors", List.of(new Violation(field, "REQUIRED", "请选择要上传的文件")));
        return answer(request, problem);
    }

    /** A body that is not JSON, has a wrong type, or is too large: 400 naming the field where known. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                // a value that validates itself refused the input while being read
                return domain(domain, request);
            }
        }
        String field = null;
        if (e.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName()
                            : String.valueOf(reference.getIndex()))
                    .collect(java.util.stream.Collectors.joining("."));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                field == null
                        ? "The request body is not valid JSON of the expected shape"
                        : "The field '" + field + "' has a value of the wrong type or format");
        if (field != null) {
            problem.setProperty("field", field);
            problem.setProperty("errors", List.of(new Violation(field, "TYPE", "字段格式或类型不正确")));
        }
        return answer(request, problem);
    }

    /**
     * The browser went away while an answer was being written: a page left while a file, a script or a font
     * was still loading. Nothing failed here and nothing more can be sent, so it is not logged as an error
     * (taking the response marks it handled, without a page or a body).
     */
    @ExceptionHandler({ClientAbortException.class, AsyncRequestNotUsableException.class})
    void clientLeft(Exception e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("The client left during {}: {}", request.getRequestURI(), e.getMessage());
    }

    /**
     * Everything else: Spring MVC's own errors (no such page, wrong method, unreadable body) carry their
     * status; anything unexpected is a 500 whose cause goes to the log, not to the user.
     */
    @ExceptionHandler(Exception.class)
    Object other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            ProblemDetail problem = response.getBody();
            if (problem.getStatus() == 404) {
                problem.setDetail("Nothing is found at " + request.getRequestURI());
            }
            return answer(request, problem);
        }
        log.error("Request {} failed", request.getRequestURI(), e);
        return answer(
                request,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "The server could not complete this"));
    }

    private static Object answer(HttpServletRequest request, ProblemDetail problem) {
        if (request.getRequestURI().startsWith("/api/")) {
            return ResponseEntity.status(problem.getStatus())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.valueOf(problem.getStatus()));
        page.addObject("status", problem.getStatus());
        page.addObject(
                "field",
                problem.getProperties() == null ? null : problem.getProperties().get("field"));
        return page;
    }
}
