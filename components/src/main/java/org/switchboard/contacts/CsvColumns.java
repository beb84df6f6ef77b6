package org.switchboard.contacts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVRecord;
import org.switchboard.store.StorableText;

/**
 * Which column of a contact CSV holds what, from its header row: the number, the name, each attribute's name, and the
 * header's names as written (for the report).
 */
record CsvColumns(int number, int name, String[] attributes, String[] names, int width) {

    static CsvColumns of(CSVRecord header, List<String> warnings) {
        int number = -1;
        int name = -1;
        String[] attributes = new String[header.size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String raw = header.get(i);
            Optional<String> bad = StorableText.problem(raw);
            if (bad.isPresent()) {
                throw new InvalidCsvException("header column " + (i + 1) + ": " + bad.get());
            }
            String column = ContactFilter.attributeName(raw);
            if (column.isEmpty()) {
                warnings.add("column " + (i + 1) + " has no name in the header row: its cells were not imported");
                continue;
            }
            Integer before = seen.put(column, i);
            if (before != null) {
                throw new InvalidCsvException("columns " + (before + 1) + " and " + (i + 1) + " of the header are"
                        + " both \"" + column + "\": rename or remove one");
            }
            if (ContactCsvImport.NUMBER_COLUMNS.contains(column)) {
                if (number >= 0) {
                    throw new InvalidCsvException("two columns hold phone numbers (\"" + header.get(number).strip()
                            + "\" and \"" + raw.strip() + "\"): keep one");
                }
                number = i;
            } else if (ContactCsvImport.NAME_COLUMNS.contains(column)) {
                if (name >= 0) {
                    throw new InvalidCsvException("two columns hold the name (\"" + header.get(name).strip()
                            + "\" and \"" + raw.strip() + "\"): keep one");
                }
                name = i;
            } else {
                try {
                    attributes[i] = ContactFilter.checkedAttributeName(raw);
                } catch (InvalidFilterException e) {
                    throw new InvalidCsvException("header column " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        if (number < 0) {
            throw new InvalidCsvException("the header row has no phone number column: name one of "
                    + String.join(", ", ContactCsvImport.NUMBER_COLUMNS.stream().sorted().toList())
                    + " (the header row is the first line: " + String.join(",", header.toList()) + ")");
        }
        return new CsvColumns(number, name, attributes, header.stream().map(String::strip).toArray(String[]::new),
                header.size());
    }
}
