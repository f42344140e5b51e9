package org.lossbench.datasets.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.Splits;

/**
 * Reads a Medical Segmentation Decathlon dataset (Antonelli et al. 2022): {@code dataset.json} with
 * {@code modality} (index to name), {@code labels} (index to name), {@code training} (a list of
 * {@code {image, label}}, one 4D image per case when there are several modalities) and {@code test}
 * (a list of image paths), under {@code imagesTr}, {@code labelsTr} and {@code imagesTs}. A case's id
 * is its image file name without the NIfTI extension. Test cases go to the "test" split, unlabelled.
 */
final class MsdReader {
    private MsdReader() {
    }

    static DatasetSpec read(Path root) {
        Path json = root.resolve("dataset.json");
        JsonNode node = org.lossbench.datasets.spec.SpecJson.readTree(json);
        String at = json + ": ";
        List<String> modalities = new ArrayList<>();
        JsonNode mod = required(node, "modality", at);
        for (int i = 0; i < mod.size(); i++) {
            JsonNode m = mod.get(Integer.toString(i));
            if (m == null || !m.isTextual()) {
                throw new BadInputException(at + "\"modality\" must map \"0\".. \"" + (mod.size() - 1) + "\" to names, missing \"" + i + "\"");
            }
            modalities.add(m.asText());
        }
        SortedMap<Integer, String> labels = new TreeMap<>();
        JsonNode lab = required(node, "labels", at);
        for (var e : lab.properties()) {
            labels.put(labelId(e.getKey(), at), e.getValue().asText());
        }
        List<CaseSpec> cases = new ArrayList<>();
        JsonNode training = required(node, "training", at);
        if (!training.isArray()) {
            throw new BadInputException(at + "\"training\" must be a list of {\"image\", \"label\"}");
        }
        for (int i = 0; i < training.size(); i++) {
            JsonNode t = training.get(i);
            if (!t.isObject() || !t.path("image").isTextual() || !t.path("label").isTextual()
                    || t.get("image").asText().isBlank() || t.get("label").asText().isBlank()) {
                throw new BadInputException(at + "\"training\" entry " + i + " must be {\"image\": path, \"label\": path}");
            }
            String image = stripDot(t.get("image").asText());
            cases.add(new CaseSpec(caseId(image), List.of(image), stripDot(t.get("label").asText())));
        }
        List<String> test = new ArrayList<>();
        JsonNode tests = node.path("test");
        if (tests.isArray()) {
            for (int i = 0; i < tests.size(); i++) {
                JsonNode t = tests.get(i);
                JsonNode path = t.isObject() ? t.path("image") : t;
                if (!path.isTextual() || path.asText().isBlank()) {
                    throw new BadInputException(at + "\"test\" entry " + i + " must be an image path, got " + t);
                }
                String image = stripDot(path.asText());
                cases.add(new CaseSpec(caseId(image), List.of(image), null));
                test.add(caseId(image));
            }
        }
        return new DatasetSpec(DatasetSpec.FORMAT,
                DatasetSpec.sanitizeName(text(node, "name", root.toAbsolutePath().normalize().getFileName().toString())),
                text(node, "description", ""), modalities, labels, null, text(node, "reference", null),
                text(node, "licence", text(node, "license", null)), cases, new Splits(null, null, test, null), null);
    }

    static JsonNode required(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new BadInputException(at + "required field \"" + field + "\" is missing");
        }
        return v;
    }

    static int labelId(String key, String at) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new BadInputException(at + "label key \"" + key + "\" is not an integer id");
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : fallback;
    }

    private static String stripDot(String path) {
        return path.startsWith("./") ? path.substring(2) : path;
    }

    static String caseId(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".nii.gz") ? name.substring(0, name.length() - 7)
                : name.endsWith(".nii") ? name.substring(0, name.length() - 4) : name;
    }
}
