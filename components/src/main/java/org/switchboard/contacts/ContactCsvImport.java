package org.switchboard.contacts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.switchboard.numbers.InvalidNumberException;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.StorableText;

/**
 * Reads a contact list exported from a spreadsheet, streaming: a header row, a name column, one column with
 * the number, every other column an attribute. Numbers become E.164; a row with an invalid number is rejected with its
 * line; rows with the same number are merged (later non-blank cells win). Rows reach a {@link BatchWriter} in batches
 * of distinct numbers, so memory stays flat whatever the file's size (only the numbers seen are kept, to find
 * duplicates).
 */
public final class ContactCsvImport {

    /** Header names (after {@link ContactFilter#attributeName}) taken as the number column. */
    public static final Set<String> NUMBER_COLUMNS = Set.of("phone", "number", "phone_number", "mobile", "msisdn", "hp",
            "no_hp");
    /** Header names taken as the contact's name ("nama" is Indonesian for name). */
    public static final Set<String> NAME_COLUMNS = Set.of("name", "nama");
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private static final char BOM = '\uFEFF';
    // How far ahead the first line is read to guess the delimiter.
    private static final int HEADER_LOOKAHEAD = 1 << 16;

    private final PhoneNumbers numbers;
    private final int batchSize;

    /** One contact as the file gives it, after merging the rows that share its number; {@code line} is the first. */
    public record Row(String number, String name, Map<String, String> attributes, long line) {
    }

    /**
     * Stores one batch of distinct numbers. It answers, for each number it created or changed, true when it created the
     * contact; numbers it left as they were (nothing new in the file) are absent.
     */
    @FunctionalInterface
    public interface BatchWriter {
        Map<String, Boolean> write(List<Row> batch) throws SQLException;
    }

    ContactCsvImport(PhoneNumbers numbers) {
        this(numbers, DEFAULT_BATCH_SIZE);
    }

    public ContactCsvImport(PhoneNumbers numbers, int batchSize) {
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /**
     * Reads the whole file and hands its rows to {@code writer}.
     *
     * @throws InvalidCsvException when the file cannot be read as a contact list (no header, no number column, broken
     *         quoting); rows already handed to the writer are then the caller's to roll back
     * @throws UncheckedIOException when reading fails
     */
    public ImportReport run(Reader csv, BatchWriter writer) throws SQLException {
        BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv, HEADER_LOOKAHEAD);
        Run run = new Run(writer);
        try (run) {
            skipBom(in);
            char delimiter = guessDelimiter(in);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
            try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
                Iterator<CSVRecord> records = parser.iterator();
                if (!records.hasNext()) {
                    throw new InvalidCsvException("the file is empty: it needs a header row (name, phone, and one"
                            + " column per attribute) and one row per contact");
                }
                CsvColumns columns = CsvColumns.of(records.next(), run.warnings);
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    run.row(columns, record, firstLine(parser.getCurrentLineNumber(), record));
                }
            }
            run.finish();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException bad) {
                throw new InvalidCsvException("the file is not valid CSV: " + bad.getMessage()
                        + " (check the quotes on that line)", bad);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV file: " + e.getMessage(), e);
        }
        return run.report();
    }

    // A spreadsheet's "CSV UTF-8" starts with a byte order mark, which would otherwise be part of the first header.
    private static void skipBom(BufferedReader in) throws IOException {
        in.mark(1);
        int first = in.read();
        if (first != BOM) {
            in.reset();
        }
    }

    // Spreadsheets set to Indonesian (and most European) locales export with ';', as the comma is their decimal mark.
    private static char guessDelimiter(BufferedReader in) throws IOException {
        in.mark(HEADER_LOOKAHEAD);
        char[] buf = new char[HEADER_LOOKAHEAD];
        int n = 0;
        int r;
        while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
            n += r;
        }
        in.reset();
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < n; i++) {
            char ch = buf[i];
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted) {
                commas += ch == ',' ? 1 : 0;
                semicolons += ch == ';' ? 1 : 0;
                tabs += ch == '\t' ? 1 : 0;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /**
     * The parser's line count stands at the record's last line; a quoted cell spanning lines moves its first line up.
     */
    private static long firstLine(long lastLine, CSVRecord record) {
        long breaks = 0;
        for (String value : record) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '\n' || (ch == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return lastLine - breaks;
    }

    /**
     * The state of one import: the batch being filled, the numbers seen, the counts. Batches are written on a second
     * thread, one at a time and in order, while the next one is parsed: reading numbers (libphonenumber) and writing
     * them (PostgreSQL) then use both cores, which makes a large import about a third faster here.
     */
    private final class Run implements AutoCloseable {
        private final BatchWriter writer;
        private final ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contact-import-writer");
            t.setDaemon(true);
            return t;
        });
        private Future<Map<String, Boolean>> inFlight;
        // The numbers of the batch in flight that no earlier batch had: only they count as created or updated.
        private List<String> inFlightFirst;
        private final Map<String, Row> batch = new LinkedHashMap<>();
        // Numbers of earlier batches: a row for one of them is a duplicate, neither created nor updated.
        private final Map<String, Long> firstLines = new HashMap<>();
        private final Map<String, List<Long>> duplicateLines = new LinkedHashMap<>();
        private final List<ImportReport.Rejected> rejected = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private long rowsRead;
        private long created;
        private long updated;
        private long unchanged;
        private long merged;

        Run(BatchWriter writer) {
            this.writer = writer;
        }

        void row(CsvColumns columns, CSVRecord record, long line) throws SQLException {
            if (blank(record)) {
                return;
            }
            rowsRead++;
            String rawNumber = cell(record, columns.number());
            if (record.size() > columns.width() && !extraCellsBlank(record, columns.width())) {
                rejected.add(new ImportReport.Rejected(line, rawNumber, "has more cells than the header has columns"
                        + " (a comma inside a value needs quotes around the value)"));
                return;
            }
            for (int i = 0; i < record.size(); i++) {
                Optional<String> bad = StorableText.problem(record.get(i));
                if (bad.isPresent()) {
                    // shown as text a report (JSON, the CLI's terminal) can hold
                    rejected.add(new ImportReport.Rejected(line, StorableText.forMessage(rawNumber), "column " + (i + 1)
                            + (i < columns.names().length ? " (" + columns.names()[i] + ")" : "") + " has " + bad.get()));
                    return;
                }
            }
            String number;
            try {
                number = numbers.toE164(rawNumber);
            } catch (InvalidNumberException e) {
                rejected.add(new ImportReport.Rejected(line, rawNumber, rawNumber.isBlank() ? "no number" : e.reason()));
                return;
            }
            String name = columns.name() >= 0 ? ContactFilter.attributeValue(cell(record, columns.name())) : "";
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < columns.attributes().length && i < record.size(); i++) {
                String attribute = columns.attributes()[i];
                String value = ContactFilter.attributeValue(record.get(i));
                if (attribute != null && !value.isEmpty()) {
                    attributes.put(attribute, value);
                }
            }
            add(new Row(number, name.isEmpty() ? null : name, attributes, line));
        }

        private void add(Row row) throws SQLException {
            Long first = firstLines.get(row.number());
            Row pending = batch.get(row.number());
            if (first == null && pending == null) {
                batch.put(row.number(), row);
            } else {
                merged++;
                long firstLine = first != null ? first : pending.line();
                duplicateLines.computeIfAbsent(row.number(), n -> new ArrayList<>(List.of(firstLine))).add(row.line());
                if (pending == null) {
                    batch.put(row.number(), row);
                } else {
                    Map<String, String> attributes = new LinkedHashMap<>(pending.attributes());
                    attributes.putAll(row.attributes());
                    batch.put(row.number(), new Row(row.number(), row.name() != null ? row.name() : pending.name(),
                            attributes, pending.line()));
                }
            }
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        /** Hands the batch to the writer thread, once the batch before it is written. */
        void flush() throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            List<Row> rows = List.copyOf(batch.values());
            List<String> first = new ArrayList<>(rows.size());
            for (Row r : rows) {
                if (firstLines.putIfAbsent(r.number(), r.line()) == null) {
                    first.add(r.number());
                }
            }
            batch.clear();
            awaitWrite();
            inFlight = writerThread.submit(() -> writer.write(rows));
            inFlightFirst = first;
        }

        void finish() throws SQLException {
            flush();
            awaitWrite();
        }

        private void awaitWrite() throws SQLException {
            if (inFlight == null) {
                return;
            }
            Map<String, Boolean> written;
            try {
                written = inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("contact import interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                if (e.getCause() instanceof RuntimeException rt) {
                    throw rt;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                inFlight = null;
            }
            for (String number : inFlightFirst) {
                Boolean inserted = written.get(number);
                if (inserted == null) {
                    unchanged++;
                } else if (inserted) {
                    created++;
                } else {
                    updated++;
                }
            }
        }

        /** Waits for a write still running (the caller rolls back on its connection next), then ends the thread. */
        @Override
        public void close() {
            try {
                if (inFlight != null) {
                    inFlight.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the import failed already; this error is the rolled-back batch's
            } finally {
                writerThread.shutdownNow();
            }
        }

        ImportReport report() {
            List<ImportReport.Duplicate> duplicates = new ArrayList<>();
            duplicateLines.forEach((n, lines) -> duplicates.add(new ImportReport.Duplicate(n, lines)));
            return new ImportReport(rowsRead, created, updated, unchanged, merged, duplicates, rejected, warnings);
        }

        private boolean extraCellsBlank(CSVRecord record, int width) {
            for (int i = width; i < record.size(); i++) {
                if (!record.get(i).isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static String cell(CSVRecord record, int index) {
        return index < record.size() ? record.get(index).strip() : "";
    }

    private static boolean blank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
