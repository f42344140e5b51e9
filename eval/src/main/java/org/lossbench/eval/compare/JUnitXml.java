package org.lossbench.eval.compare;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.lossbench.core.io.AtomicFiles;

/**
 * The gate as JUnit XML, so that CI systems (Jenkins, GitLab, GitHub test reporters) show one test per
 * checked metric: the Ant/Jenkins format (the {@code junit-4.xsd} structure), one {@code <testsuite>} with
 * {@code tests}, {@code failures}, {@code errors} and {@code skipped} counts and a {@code <properties>} block
 * (the two folders and the thresholds); one {@code <testcase classname="lossbench.compare.KIND" name="PATH">}
 * per check, with a {@code <failure type="regression|improvement" message="...">} for a failing check, a
 * {@code <skipped message="...">} for a blind one (never counted as passed), and a {@code <system-out>} with
 * the values otherwise. Written with the JDK's StAX writer (escaping is its job),
 * atomically. No timestamps: the same comparison writes the same bytes.
 */
public final class JUnitXml {
    public static final String SUITE = "lossbench compare";

    private JUnitXml() {
    }

    public static void write(Path file, GateReport r, SweepFolder base, SweepFolder cur, Thresholds th) {
        byte[] bytes = render(r, base, cur, th);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static byte[] render(GateReport r, SweepFolder base, SweepFolder cur, Thresholds th) {
        List<Check> checks = r.all();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(bos, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", SUITE);
            w.writeAttribute("tests", Integer.toString(checks.size()));
            w.writeAttribute("failures", Integer.toString(r.failing().size()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", Long.toString(r.count(Status.BLIND)));
            w.writeCharacters("\n  ");
            w.writeStartElement("properties");
            Map<String, String> props = new LinkedHashMap<>();
            props.put("baseline", base.dir().toString());
            props.put("current", cur.dir().toString());
            props.put("max_dice_drop", Thresholds.plain(th.maxDiceDrop()));
            if (th.diceThresholdSd() != null) {
                props.put("dice_threshold_sd", Thresholds.plain(th.diceThresholdSd()));
            }
            props.put("max_nsd_drop", Thresholds.plain(th.maxNsdDrop()));
            props.put("max_hd95_rise", Thresholds.plain(th.maxHd95Rise()));
            props.put("hd95_floor_mm", Thresholds.plain(th.hd95FloorMm()));
            props.put("max_recall_drop", Thresholds.plain(th.maxRecallDrop()));
            if (th.timing()) {
                props.put("max_slowdown", Thresholds.plain(th.maxSlowdown()));
                props.put("timing_pool", th.timingPool().name().toLowerCase(Locale.ROOT));
            } else {
                props.put("timing", "off");
            }
            props.put("allow_improvements", Boolean.toString(th.allowImprovements()));
            for (Map.Entry<String, String> p : props.entrySet()) {
                w.writeCharacters("\n    ");
                w.writeEmptyElement("property");
                w.writeAttribute("name", p.getKey());
                w.writeAttribute("value", p.getValue());
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            for (Check c : checks) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", "lossbench.compare." + c.kind());
                w.writeAttribute("name", c.name());
                w.writeCharacters("\n    ");
                if (r.fails(c)) {
                    w.writeStartElement("failure");
                    w.writeAttribute("type", c.status().label());
                    w.writeAttribute("message", c.message());
                    w.writeCharacters(c.name() + ": " + c.message());
                } else if (c.status() == Status.BLIND) {
                    w.writeStartElement("skipped");
                    w.writeAttribute("message", c.message());
                    w.writeCharacters(c.name() + ": " + c.message());
                } else {
                    w.writeStartElement("system-out");
                    w.writeCharacters(c.status().label() + ": " + c.message());
                }
                w.writeEndElement();
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("JUnit XML could not be written", e);
        }
        return bos.toByteArray();
    }
}
