package org.lossbench.eval.results;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.BadInputException;

/**
 * The one CSV codec of the results folder: RFC 4180 text through jackson-dataformat-csv, a field quoted exactly when
 * it holds a comma, a quote or a line break ({@code STRICT_CHECK_FOR_QUOTING}), lines ending in {@code \n}, files in
 * UTF-8. Fields are text: the {@link ColumnType} of a {@link Column} formats them (numbers included, so the bytes do
 * not depend on Jackson's number writer) and {@link CsvRow} parses them back.
 */
public final class CsvCodec {
    private static final CsvMapper MAPPER = CsvMapper.builder().build();
    private static final ObjectWriter WRITER = MAPPER.writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator("\n"))
            .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
    private static final ObjectReader READER = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema())
            .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES);

    private CsvCodec() {
    }

    /** The header of {@code set} and one line per row. */
    public static <R> String write(ColumnSet<R> set, List<? extends R> rows) {
        List<List<String>> lines = new ArrayList<>(rows.size());
        for (R r : rows) {
            lines.add(set.format(r));
        }
        return write(set.names(), lines);
    }

    /** {@code header} and the rows' fields, as they are. */
    public static String write(List<String> header, List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (SequenceWriter w = WRITER.writeValues(out)) {
            w.write(header.toArray(String[]::new));
            for (List<String> r : rows) {
                w.write(r.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads and parses {@code file} (UTF-8); a missing or unreadable file is a {@link BadInputException}. */
    public static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
        return read(text, file.toString());
    }

    /**
     * Parses CSV text whose first line is the header; {@code where} names it in messages. A row whose field count
     * differs from the header's is a {@link BadInputException}.
     */
    public static CsvTable read(String text, String where) {
        List<String[]> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = READER.readValues(text)) {
            while (it.hasNextValue()) {
                lines.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(where + " is not a readable CSV table: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (lines.isEmpty()) {
            throw new BadInputException(where + " is empty (not even a header)");
        }
        List<String> header = List.of(lines.get(0));
        List<CsvRow> rows = new ArrayList<>(lines.size() - 1);
        CsvRow.Header h = new CsvRow.Header(where, header);
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k);
            if (f.length != header.size()) {
                throw new BadInputException(where + " line " + (k + 1) + " has " + f.length + " fields, the header " + header.size());
            }
            rows.add(new CsvRow(h, k + 1, List.of(f)));
        }
        return new CsvTable(where, header, List.copyOf(rows));
    }
}
