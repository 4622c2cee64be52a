package org.liudong.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.liudong.registry.Codes;
import org.liudong.registry.PersonInput;
import org.springframework.stereotype.Component;

/**
 * The columns of the ledger's Excel and CSV files — the same for the template, imports and exports, so that
 * an exported file imports back unchanged — and the conversions between cells and {@link PersonInput}.
 * Coded cells may hold the code, the name, or both ("01 汉族"); dates may be ISO, 2012/3/5, 2012年3月5日 or
 * 20120305.
 */
@Component
class PersonColumns {

    enum Kind {
        TEXT,
        CODE,
        DATE,
        ID,
        YES_NO,
        CHILDREN
    }

    /** One column: its Chinese header, whether it is required, and how its cells are read. */
    record Column(String key, String header, boolean required, Kind kind, String table) {}

    static final List<Column> COLUMNS = List.of(
            new Column("name", "姓名", true, Kind.TEXT, null),
            new Column("idNumber", "公民身份号码", true, Kind.ID, null),
            new Column("ethnicity", "民族", false, Kind.CODE, "ethnicity"),
            new Column("education", "文化程度", false, Kind.CODE, "education"),
            new Column("maritalStatus", "婚姻状况", false, Kind.CODE, "marital"),
            new Column("householdType", "户口性质", false, Kind.CODE, "household_type"),
            new Column("householdCode", "户籍地代码", true, Kind.TEXT, null),
            new Column("householdAddress", "户籍地址", false, Kind.TEXT, null),
            new Column("phone", "联系电话", false, Kind.TEXT, null),
            new Column("employer", "工作单位", false, Kind.TEXT, null),
            new Column("occupation", "职业", false, Kind.TEXT, null),
            new Column("spouseName", "配偶姓名", false, Kind.TEXT, null),
            new Column("spouseIdNumber", "配偶身份证号码", false, Kind.ID, null),
            new Column("spouseHouseholdCode", "配偶户籍地代码", false, Kind.TEXT, null),
            new Column("contraceptionCode", "避孕方法", false, Kind.CODE, "contraception"),
            new Column("contraceptionSince", "避孕起始日期", false, Kind.DATE, null),
            new Column("pregnancyStatus", "怀孕状况", false, Kind.CODE, "pregnancy"),
            new Column("children", "子女（出生日期/性别/孩次，多个用分号隔开）", false, Kind.CHILDREN, null),
            new Column("certNumber", "婚育证明编号", false, Kind.TEXT, null),
            new Column("certIssuer", "婚育证明发证机关", false, Kind.TEXT, null),
            new Column("certIssuedOn", "婚育证明发证日期", false, Kind.DATE, null),
            new Column("certValidUntil", "婚育证明有效期至", false, Kind.DATE, null),
            new Column("certCheckedOn", "婚育证明查验日期", false, Kind.DATE, null),
            new Column("certCheckedBy", "婚育证明查验人", false, Kind.TEXT, null),
            new Column("communityCode", "现居住社区代码", true, Kind.TEXT, null),
            new Column("address", "居住地址", false, Kind.TEXT, null),
            new Column("housingType", "住房类型", false, Kind.CODE, "housing"),
            new Column("movedIn", "入住日期", true, Kind.DATE, null),
            new Column("reason", "流动原因", true, Kind.CODE, "purpose"),
            new Column("expectsReturn", "预期返回户籍地", false, Kind.YES_NO, null),
            new Column("siteId", "服务站点编号", false, Kind.TEXT, null));

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SERIAL_DAY = Pattern.compile("\\d{4,5}(\\.0+)?");
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d(\\.\\d+)?[eE]\\+?\\d+");

    private final Codes codes;

    PersonColumns(Codes codes) {
        this.codes = codes;
    }

    /** Where each known column is in a file's header; unknown headers are listed as extra. */
    record Layout(Map<String, Integer> positions, List<String> missing, List<String> extra) {}

    Layout layout(List<String> header) {
        Map<String, Column> byHeader = new HashMap<>();
        for (Column column : COLUMNS) {
            byHeader.put(normalizeHeader(column.header()), column);
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i) == null ? "" : header.get(i);
            Column column = byHeader.get(normalizeHeader(text));
            if (column == null) {
                if (!text.isBlank()) {
                    extra.add(text.strip());
                }
            } else if (!positions.containsKey(column.key())) {
                positions.put(column.key(), i);
            }
        }
        List<String> missing = COLUMNS.stream()
                .filter(c -> c.required() && !positions.containsKey(c.key()))
                .map(Column::header)
                .toList();
        return new Layout(positions, missing, extra);
    }

    /** A row as the ledger's input, plus the problems found while reading its cells. */
    record Read(PersonInput input, List<String> problems) {}

    Read read(SheetRow row, Layout layout) {
        // sized for every column at once: growing it row by row showed in profiles of large imports
        Map<String, String> values = new HashMap<>(COLUMNS.size() * 2);
        List<String> problems = new ArrayList<>(row.problems());
        for (Column column : COLUMNS) {
            Integer position = layout.positions().get(column.key());
            String raw = position == null ? null : row.cell(position);
            values.put(column.key(), normalize(column, raw, problems));
        }
        boolean spouse = any(values, "spouseName", "spouseIdNumber", "spouseHouseholdCode");
        boolean certificate = any(
                values, "certNumber", "certIssuer", "certIssuedOn", "certValidUntil", "certCheckedOn", "certCheckedBy");
        PersonInput input = new PersonInput(
                values.get("name"),
                values.get("idNumber"),
                null,
                values.get("ethnicity"),
                values.get("education"),
                values.get("maritalStatus"),
                values.get("householdType"),
                values.get("householdCode"),
                values.get("householdAddress"),
                values.get("phone"),
                values.get("employer"),
                values.get("occupation"),
                spouse
                        ? new PersonInput.SpouseInput(
                                values.get("spouseName"),
                                values.get("spouseIdNumber"),
                                values.get("spouseHouseholdCode"))
                        : null,
                children(values.get("children"), problems),
                values.get("contraceptionCode"),
                values.get("contraceptionSince"),
                values.get("pregnancyStatus"),
                certificate
                        ? new PersonInput.CertificateInput(
                                values.get("certNumber"),
                                values.get("certIssuer"),
                                values.get("certIssuedOn"),
                                values.get("certValidUntil"),
                                values.get("certCheckedOn"),
                                values.get("certCheckedBy"))
                        : null,
                new PersonInput.ResidenceInput(
                        values.get("communityCode"),
                        values.get("address"),
                        values.get("housingType"),
                        values.get("movedIn"),
                        values.get("reason"),
                        "是".equals(values.get("expectsReturn")),
                        values.get("siteId")));
        return new Read(input, problems);
    }

    /** The cells of a person for an export, in column order; coded cells as "code name". */
    List<String> cells(PersonInput p) {
        Map<String, String> v = new HashMap<>();
        v.put("name", p.name());
        v.put("idNumber", p.idNumber());
        v.put("ethnicity", labelled("ethnicity", p.ethnicity()));
        v.put("education", labelled("education", p.education()));
        v.put("maritalStatus", labelled("marital", p.maritalStatus()));
        v.put("householdType", labelled("household_type", p.householdType()));
        v.put("householdCode", p.householdCode());
        v.put("householdAddress", p.householdAddress());
        v.put("phone", p.phone());
        v.put("employer", p.employer());
        v.put("occupation", p.occupation());
        if (p.spouse() != null) {
            v.put("spouseName", p.spouse().name());
            v.put("spouseIdNumber", p.spouse().idNumber());
            v.put("spouseHouseholdCode", p.spouse().householdCode());
        }
        v.put("contraceptionCode", labelled("contraception", p.contraceptionCode()));
        v.put("contraceptionSince", p.contraceptionSince());
        v.put("pregnancyStatus", name("pregnancy", p.pregnancyStatus()));
        v.put(
                "children",
                String.join(
                        ";",
                        p.children().stream()
                                .map(c -> c.birthDate() + "/"
                                        + ("1".equals(c.sex()) ? "男" : "2".equals(c.sex()) ? "女" : c.sex()) + "/"
                                        + c.order())
                                .toList()));
        if (p.certificate() != null) {
            v.put("certNumber", p.certificate().number());
            v.put("certIssuer", p.certificate().issuer());
            v.put("certIssuedOn", p.certificate().issuedOn());
            v.put("certValidUntil", p.certificate().validUntil());
            v.put("certCheckedOn", p.certificate().checkedOn());
            v.put("certCheckedBy", p.certificate().checkedBy());
        }
        var r = p.residence();
        v.put("communityCode", r.communityCode());
        v.put("address", r.address());
        v.put("housingType", name("housing", r.housingType()));
        v.put("movedIn", r.movedIn());
        v.put("reason", name("purpose", r.reason()));
        v.put("expectsReturn", Boolean.TRUE.equals(r.expectsReturn()) ? "是" : "否");
        v.put("siteId", r.siteId());
        return COLUMNS.stream()
                .map(c -> v.get(c.key()) == null ? "" : v.get(c.key()))
                .toList();
    }

    List<String> headers() {
        return COLUMNS.stream().map(Column::header).toList();
    }

    private String labelled(String table, String code) {
        return code == null
                ? null
                : codes.find(table, code).map(c -> c.code() + " " + c.nameZh()).orElse(code);
    }

    private String name(String table, String code) {
        return code == null
                ? null
                : codes.find(table, code).map(Codes.Code::nameZh).orElse(code);
    }

    private String normalize(Column column, String raw, List<String> problems) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip().replace('\u3000', ' ').strip();
        if (value.isEmpty()) {
            return null;
        }
        return switch (column.kind()) {
            case TEXT -> value;
            case ID -> {
                if (SCIENTIFIC.matcher(value).matches()) {
                    problems.add(column.header() + "“" + value + "”被Excel显示成了科学计数法，末几位已经丢失；请把该列设为“文本”格式后重新输入号码");
                    yield null;
                }
                yield value;
            }
            case CODE -> code(column.table(), value);
            case DATE -> date(value);
            case YES_NO ->
                value.equals("是")
                                || value.equalsIgnoreCase("y")
                                || value.equalsIgnoreCase("yes")
                                || value.equals("1")
                                || value.equalsIgnoreCase("true")
                        ? "是"
                        : "否";
            case CHILDREN -> value;
        };
    }

    /** Accepts "01", "01 汉族", "汉族" and, for purposes, WORK_BUSINESS; unknown values pass through to be refused. */
    private String code(String table, String value) {
        String first = firstWord(value);
        if (codes.contains(table, first)) {
            return first;
        }
        if (codes.contains(table, value.toUpperCase(Locale.ROOT))) {
            return value.toUpperCase(Locale.ROOT);
        }
        String name =
                value.contains(" ") ? value.substring(value.indexOf(' ') + 1).strip() : value;
        for (Codes.Code code : codes.table(table)) {
            if (code.nameZh().equals(name)
                    || code.nameZh().equals(value)
                    || code.nameEn().equalsIgnoreCase(value)) {
                return code.code();
            }
        }
        return value;
    }

    /** The text up to the first whitespace (what {@code split("\\s+")[0]} gives for a stripped value). */
    private static String firstWord(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return value.substring(0, i);
            }
        }
        return value;
    }

    /** Turns the date shapes people type into ISO; anything else passes through to be refused by name. */
    static String date(String value) {
        if (ISO_DATE.matcher(value).matches()) {
            return value;
        }
        String typed = org.liudong.registry.TypedDates.iso(value);
        if (!typed.equals(value)) {
            return typed;
        }
        if (SERIAL_DAY.matcher(value).matches()) {
            // an Excel serial day number that reached us as text, e.g. from a CSV saved by Excel
            long serial = (long) Double.parseDouble(value);
            if (serial > 0 && serial < 2958466) {
                return LocalDate.of(1899, 12, 30).plusDays(serial).format(DateTimeFormatter.ISO_LOCAL_DATE);
            }
        }
        return value;
    }

    private List<PersonInput.ChildInput> children(String value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        List<PersonInput.ChildInput> children = new ArrayList<>();
        for (String item : value.split("[;；]")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.strip().split("\\s*[/／]\\s*");
            if (parts.length != 3) {
                problems.add("子女“" + item.strip() + "”的格式应为“出生日期/性别/孩次”，例如 2010-05-01/女/1");
                continue;
            }
            String sex = parts[1].equals("男") ? "1" : parts[1].equals("女") ? "2" : parts[1];
            children.add(new PersonInput.ChildInput(date(parts[0]), sex, parts[2]));
        }
        return children;
    }

    private static boolean any(Map<String, String> values, String... keys) {
        for (String key : keys) {
            if (values.get(key) != null) {
                return true;
            }
        }
        return false;
    }

    private static String normalizeHeader(String header) {
        return header.replaceAll("[\\s*＊（(].*$", "").replaceAll("\\s", "");
    }
}
