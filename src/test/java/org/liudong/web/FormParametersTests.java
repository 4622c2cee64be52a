package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page form that posts sends every parameter its controller requires: a field's name that does not match
 * the controller's {@code @RequestParam} is a 400 on every click, which no compiler sees. The forms are read
 * from the templates, the parameters from the running application's mappings.
 */
@SpringBootTest
class FormParametersTests {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern ACTION =
            Pattern.compile("th:(?:action|formaction)=\"@\\{([^}(\"]*(?:\\{[^}]*}[^}(\"]*)*)(?:\\(([^)]*)\\))?}\"");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]+)\"");
    private static final Pattern FRAGMENT = Pattern.compile("th:(?:replace|insert)=\"~\\{([a-z/\\-]+) ::");
    /** Handled by Spring Security's filters, not by a controller. */
    private static final Set<String> SECURITY_ENDPOINTS = Set.of("/login", "/logout");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyPostingFormSendsWhatItsControllerRequires() throws IOException {
        Map<Pattern, Set<String>> required = new LinkedHashMap<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (Parameter parameter : method.getMethod().getParameters()) {
                RequestParam param = parameter.getAnnotation(RequestParam.class);
                if (param == null
                        || !param.required()
                        || !ValueConstants.DEFAULT_NONE.equals(param.defaultValue())
                        || parameter.getType() == Optional.class
                        || Map.class.isAssignableFrom(parameter.getType())) {
                    continue;
                }
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.add(name.isEmpty() ? parameter.getName() : name);
            }
            for (String path : info.getPatternValues()) {
                required.put(Pattern.compile(path.replaceAll("\\{[^}]*}", "[^/]+")), names);
            }
        });

        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var template : MessageBundlesTests.templates().entrySet()) {
            Path file = template.getKey();
            Matcher form = FORM.matcher(template.getValue());
            while (form.find()) {
                String tag = form.group(1);
                if (!tag.matches("(?is).*\\bmethod=\"post\".*")) {
                    continue;
                }
                Set<String> fields = new HashSet<>();
                List<String> bodies = new ArrayList<>(List.of(form.group(2)));
                Matcher fragment = FRAGMENT.matcher(form.group(2));
                while (fragment.find()) {
                    bodies.add(Files.readString(
                            MessageBundlesTests.RESOURCES.resolve("templates/" + fragment.group(1) + ".html")));
                }
                for (String body : bodies) {
                    Matcher name = NAME.matcher(body);
                    while (name.find()) {
                        fields.add(name.group(1));
                    }
                }
                Matcher action = ACTION.matcher(form.group());
                while (action.find()) {
                    if (SECURITY_ENDPOINTS.contains(action.group(1))) {
                        continue;
                    }
                    String path = action.group(1).replaceAll("\\{[^}]*}", "x");
                    Set<String> sent = new HashSet<>(fields);
                    if (action.group(2) != null) {
                        for (String pair : action.group(2).split(",")) {
                            sent.add(pair.split("=")[0].strip());
                        }
                    }
                    var controller = required.entrySet().stream()
                            .filter(e -> e.getKey().matcher(path).matches())
                            .findFirst();
                    if (controller.isEmpty()) {
                        problems.add(file.getFileName() + ": no POST mapping for " + action.group(1));
                        continue;
                    }
                    checked++;
                    for (String param : controller.get().getValue()) {
                        if (!sent.contains(param)) {
                            problems.add(file.getFileName() + ": " + action.group(1) + " does not send '" + param
                                    + "' (sends " + new java.util.TreeSet<>(sent) + ")");
                        }
                    }
                }
            }
        }
        assertThat(checked).as("form actions checked").isGreaterThan(30);
        assertThat(problems).isEmpty();
    }
}
