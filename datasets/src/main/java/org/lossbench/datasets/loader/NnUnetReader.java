package org.lossbench.datasets.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.SpecJson;
import org.lossbench.datasets.spec.Splits;

/**
 * Reads an nnU-Net v2 raw dataset (Isensee et al. 2021; nnU-Net's documentation "dataset_format"):
 * {@code dataset.json} with {@code channel_names} (index to name), {@code labels} (name to id),
 * {@code numTraining} and {@code file_ending}; images {@code imagesTr/CASE_XXXX<ending>} with a
 * four-digit channel index, labels {@code labelsTr/CASE<ending>}, optional {@code imagesTs}.
 * Region-based labels (lists of ids) are not supported and are reported as such.
 */
final class NnUnetReader {
    private NnUnetReader() {
    }

    static DatasetSpec read(Path root) {
        Path json = root.resolve("dataset.json");
        JsonNode node = SpecJson.readTree(json);
        String at = json + ": ";
        JsonNode channels = MsdReader.required(node, "channel_names", at);
        List<String> modalities = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            JsonNode m = channels.get(Integer.toString(i));
            if (m == null || !m.isTextual()) {
                throw new BadInputException(at + "\"channel_names\" must map \"0\".. to names, missing \"" + i + "\"");
            }
            modalities.add(m.asText());
        }
        SortedMap<Integer, String> labels = new TreeMap<>();
        JsonNode lab = MsdReader.required(node, "labels", at);
        for (Map.Entry<String, JsonNode> e : lab.properties()) {
            if (!e.getValue().isInt()) {
                throw new BadInputException(at + "label \"" + e.getKey() + "\" is " + e.getValue()
                        + "; region-based (list) labels are not supported, give one integer id per label");
            }
            if (labels.put(e.getValue().asInt(), e.getKey()) != null) {
                throw new BadInputException(at + "label id " + e.getValue().asInt() + " is used twice");
            }
        }
        String ending = MsdReader.required(node, "file_ending", at).asText();
        if (!ending.equals(".nii.gz") && !ending.equals(".nii")) {
            throw new BadInputException(at + "file_ending \"" + ending + "\" is not supported; lossbench reads NIfTI (.nii.gz, .nii)");
        }
        List<CaseSpec> cases = new ArrayList<>();
        SortedMap<String, SortedMap<Integer, String>> training = scan(root, "imagesTr", ending);
        for (var e : training.entrySet()) {
            cases.add(new CaseSpec(e.getKey(), channelFiles(e.getKey(), e.getValue(), modalities.size(), "imagesTr", at),
                    "labelsTr/" + e.getKey() + ending));
        }
        JsonNode num = node.get("numTraining");
        if (num != null && num.isInt() && num.asInt() != training.size()) {
            throw new BadInputException(at + "numTraining is " + num.asInt() + " but imagesTr holds " + training.size() + " cases");
        }
        List<String> test = new ArrayList<>();
        if (Files.isDirectory(root.resolve("imagesTs"))) {
            for (var e : scan(root, "imagesTs", ending).entrySet()) {
                cases.add(new CaseSpec(e.getKey(), channelFiles(e.getKey(), e.getValue(), modalities.size(), "imagesTs", at), null));
                test.add(e.getKey());
            }
        }
        JsonNode name = node.get("name");
        return new DatasetSpec(DatasetSpec.FORMAT, DatasetSpec.sanitizeName(
                name != null && name.isTextual() ? name.asText() : root.toAbsolutePath().normalize().getFileName().toString()),
                node.path("description").asText(""), modalities, labels, null, node.path("reference").asText(null),
                node.path("licence").asText(node.path("license").asText(null)), cases, new Splits(null, null, test, null), null);
    }

    /** Case id to (channel index to relative path) for the files in {@code folder}. */
    private static SortedMap<String, SortedMap<Integer, String>> scan(Path root, String folder, String ending) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": folder missing; an nnU-Net raw dataset has imagesTr/ and labelsTr/");
        }
        Pattern p = Pattern.compile("(.+)_(\\d{4})" + Pattern.quote(ending));
        SortedMap<String, SortedMap<Integer, String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                Matcher m = p.matcher(name);
                if (!m.matches()) {
                    throw new BadInputException(f + ": not named CASE_XXXX" + ending + " (four-digit channel index), as nnU-Net requires");
                }
                out.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), folder + "/" + name);
            }
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<String> channelFiles(String id, SortedMap<Integer, String> files, int channels, String folder, String at) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            String f = files.get(c);
            if (f == null) {
                throw new BadInputException(at + "case '" + id + "': channel " + c + " file " + folder + "/" + id + "_"
                        + String.format("%04d", c) + " is missing (channel_names lists " + channels + " channels)");
            }
            out.add(f);
        }
        if (files.size() > channels) {
            throw new BadInputException(at + "case '" + id + "': " + files.size() + " channel files but channel_names lists " + channels);
        }
        return out;
    }
}
