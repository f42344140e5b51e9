package org.lossbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs the CLI and requires exit 0 (the assertion shows the command and its stderr). */
    static CliRun ok(String... args) {
        CliRun r = of(args);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.err());
        return r;
    }

    /** {@code case/label -> dice} of a cases.csv as evaluate and sweep write it, columns found by name. */
    static java.util.Map<String, Double> diceByCaseAndLabel(java.nio.file.Path csv) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        java.util.List<String> head = java.util.Arrays.asList(lines.get(0).split(","));
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String d = f[head.indexOf("dice")];
            out.put(f[head.indexOf("case")] + "/" + f[head.indexOf("label")], d.isEmpty() ? Double.NaN : org.lossbench.eval.report.Csv.parseNumber(d));
        }
        return out;
    }
}
