package org.liudong.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The code tables of the ledger (PRODUCT §5.6): sex, marital status, education, ethnicity and the rest. */
@Component
public class Codes {

    /** One code of a table with its Chinese and English names. */
    public record Code(String code, String nameZh, String nameEn) {

        public String name(Locale locale) {
            return org.liudong.shared.Languages.pick(nameZh, nameEn, locale);
        }
    }

    private final Map<String, Map<String, Code>> tables = new LinkedHashMap<>();

    Codes() {
        var resource = new ClassPathResource("reference/codes/codes.csv");
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().skip(1).forEach(line -> {
                String[] cells = line.split(",", 4);
                tables.computeIfAbsent(cells[0], table -> new LinkedHashMap<>())
                        .put(cells[1], new Code(cells[1], cells[2], cells[3]));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Code> table(String table) {
        Map<String, Code> codes = tables.get(table);
        if (codes == null) {
            throw new IllegalArgumentException("No code table " + table);
        }
        return List.copyOf(codes.values());
    }

    public Optional<Code> find(String table, String code) {
        return code == null
                ? Optional.empty()
                : Optional.ofNullable(tables.get(table).get(code));
    }

    public boolean contains(String table, String code) {
        return find(table, code).isPresent();
    }

    /** The name of a code in the reader's language, or the code itself when it is not in the table. */
    public String name(String table, String code, Locale locale) {
        return find(table, code).map(c -> c.name(locale)).orElse(code);
    }

    /** The Chinese name of a code, or the code itself when it is not in the table. */
    public String nameZh(String table, String code) {
        return find(table, code).map(Code::nameZh).orElse(code);
    }
}
