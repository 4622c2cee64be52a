package org.liudong.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Completes what the controllers' annotations leave to every operation alike: the bearer token, the problems
 * (RFC 9457) a call can answer, and what each parameter means. Descriptions of parameters live in
 * {@code api-parameters.properties}, keyed by name, or by name and path prefix where one name means different
 * things ({@code id@/api/v1/sites}); the longest matching prefix wins.
 */
@Component
class ApiDocumentation implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem (RFC 9457)";
    private static final String PROBLEM_TYPE = "application/problem+json";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The one call made without a token: it issues tokens. */
    private static final String TOKEN_PATH = "/api/v1/auth/token";

    private final Properties parameters = load("/api-parameters.properties");

    @Override
    public void customise(OpenAPI api) {
        api.getComponents()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("A personal token from POST " + TOKEN_PATH))
                .addSchemas(PROBLEM, problemSchema());
        api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    complete(path, method, operation);
                }));
    }

    private void complete(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = path.equals(TOKEN_PATH) && method == PathItem.HttpMethod.POST;
        if (open) {
            operation.setSecurity(List.of());
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getDescription() == null
                        || parameter.getDescription().isBlank()) {
                    parameter.setDescription(describe(parameter.getName(), path));
                }
            }
        }
        ApiResponses responses = operation.getResponses();
        String file = path.endsWith(".xlsx") ? XLSX : path.endsWith(".csv") ? "text/csv" : null;
        if (file != null) {
            // the handlers write the file themselves; say what comes back instead of springdoc's guess
            responses.addApiResponse(
                    "200",
                    new ApiResponse()
                            .description("The file, as an attachment")
                            .content(new Content()
                                    .addMediaType(file, new MediaType().schema(new StringSchema().format("binary")))));
        }
        boolean takesInput =
                (operation.getParameters() != null && !operation.getParameters().isEmpty())
                        || operation.getRequestBody() != null;
        if (takesInput) {
            problem(responses, "400", "The input is invalid: `detail` says why, `field` or `errors` say where");
        }
        problem(
                responses,
                "401",
                open ? "Wrong username or password, or the account is locked" : "No token, or an expired one");
        problem(
                responses,
                "403",
                open
                        ? "The account must change its password or set up two-factor sign-in on the web first"
                        : "Your role may not do this, or what it names lies outside your org scope");
        if (path.contains("{")) {
            problem(responses, "404", "Nothing with that id or code exists");
        }
        boolean versioned = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "If-Match".equals(p.getName()));
        if (versioned) {
            problem(responses, "409", "Someone changed the record since you read it: read it again");
        }
        if (operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("multipart/form-data")) {
            problem(responses, "413", "The file is larger than the configured upload limit");
        }
        problem(responses, "429", "Too many requests from this token or address; wait a minute (Retry-After)");
    }

    /** Adds a problem answer unless the operation describes that status itself. */
    private static void problem(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            PROBLEM_TYPE,
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    String describe(String name, String path) {
        String best = null;
        int bestLength = -1;
        for (String key : parameters.stringPropertyNames()) {
            int at = key.indexOf('@');
            String keyName = at < 0 ? key : key.substring(0, at);
            String prefix = at < 0 ? "" : key.substring(at + 1);
            if (keyName.equals(name) && path.startsWith(prefix) && prefix.length() > bestLength) {
                best = parameters.getProperty(key);
                bestLength = prefix.length();
            }
        }
        return best;
    }

    private static Schema<?> problemSchema() {
        var violation = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, as named in the request"))
                .addProperty("code", new StringSchema().description("What is wrong, e.g. REQUIRED, INVALID, TYPE"))
                .addProperty("message", new StringSchema().description("What is wrong, in words"));
        return new ObjectSchema()
                .description("An error, as RFC 9457 describes; the modules add properties of their own")
                .properties(Map.of(
                        "type", new StringSchema().description("urn:liudong:problem:<kind>, or about:blank"),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema().description("What went wrong, for a person to read"),
                        "instance", new StringSchema(),
                        "field", new StringSchema().description("The one field at fault, where there is one"),
                        "errors", new ArraySchema().items(violation).description("Every field at fault")));
    }

    private static Properties load(String resource) {
        try (InputStream in = ApiDocumentation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
