package org.lossbench.models.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.io.Json;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.preprocess.CtNormalization;
import org.lossbench.datasets.preprocess.PreprocessingRecord;
import org.lossbench.datasets.preprocess.Preprocessor;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.arch.TrainedModel;

/** Where {@code lossbench infer} finds a model's preprocessing, and what each {@code --preprocess} choice does to an image. */
class InputPreprocessingTest {
    private static final PreprocessingRecord REC = new PreprocessingRecord(List.of(
            new PreprocessingRecord.Channel("CT", new CtNormalization(-10, 30, 5, 4))), null, null);

    private static EngineSession open(Path model) {
        return Sessions.open(model, SessionConfig.defaults(Device.CPU).withThreads(1));
    }

    private static Path model(Path dir, String name, PreprocessingRecord metadata) throws Exception {
        var proto = OnnxSerializer.toModel(TestModels.pointwise(new float[] {0, 1}, new float[] {0, 0}, false), "test");
        Path p = dir.resolve(name + ".onnx");
        Files.write(p, (metadata == null ? proto : TrainedModel.withPreprocessing(proto, metadata)).toByteArray());
        return p;
    }

    private static InputPreprocessing choose(String option, Path model) {
        try (EngineSession s = open(model)) {
            return InputPreprocessing.choose(option, model, s.session());
        }
    }

    private static ImageVolume ramp() {
        float[] v = new float[2 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = -20 + 5 * i; // -20, -15, ..., 35
        }
        return new ImageVolume(Grid.of(2, 2, 3), 1, v);
    }

    @Test
    void theOnnxMetadataComesFirstAndIsAppliedAsWritten(@TempDir Path dir) throws Exception {
        Path m = model(dir, "m", REC);
        // a card beside it with another record: the metadata, inside the hashed file, wins
        ObjectNode card = Json.mapper().createObjectNode().put("sha256", ModelCard.sha256(m));
        card.set("preprocessing", new PreprocessingRecord(List.of(new PreprocessingRecord.Channel("MR", null)), null, null).toJsonTree());
        Files.writeString(dir.resolve("m.card.json"), card.toString());
        InputPreprocessing p = choose("auto", m);
        assertEquals("onnx-metadata", p.source());
        assertEquals(REC, p.record());
        assertNull(p.warning());
        // by hand: clip to [-10, 30], minus 5, over 4
        float[] expected = {-3.75f, -3.75f, -3.75f, -2.5f, -1.25f, 0, 1.25f, 2.5f, 3.75f, 5, 6.25f, 6.25f};
        assertArrayEquals(expected, p.apply(ramp(), "ramp").data());
    }

    @Test
    void elseTheCardBesideTheModelElseAWarningAndNothing(@TempDir Path dir) throws Exception {
        Path m = model(dir, "m", null);
        InputPreprocessing none = choose("auto", m);
        assertEquals("none", none.source());
        assertEquals("model " + m + " carries no preprocessing record (no lossbench.preprocessing metadata, no 'preprocessing' in m.card.json);"
                + " assuming its input is already normalised; pass --preprocess zscore for per-case z-scoring or record:FILE.json", none.warning());
        ImageVolume img = ramp();
        assertSame(img, none.apply(img, "ramp"));

        ObjectNode card = Json.mapper().createObjectNode().put("sha256", ModelCard.sha256(m));
        Files.writeString(dir.resolve("m.card.json"), card.toString());
        assertTrue(choose("auto", m).warning() != null, "a card without the field is no record");
        card.set("preprocessing", REC.toJsonTree());
        Files.writeString(dir.resolve("m.card.json"), card.toString());
        InputPreprocessing fromCard = choose("auto", m);
        assertEquals("card:" + dir.resolve("m.card.json"), fromCard.source());
        assertEquals(REC, fromCard.record());

        card.put("sha256", "00" + ModelCard.sha256(m).substring(2));
        Files.writeString(dir.resolve("m.card.json"), card.toString());
        BadInputException e = assertThrows(BadInputException.class, () -> choose("auto", m));
        assertTrue(e.getMessage().contains("the card belongs to another model"), e.getMessage());
    }

    @Test
    void explicitChoices(@TempDir Path dir) throws Exception {
        Path m = model(dir, "m", REC);
        ImageVolume img = ramp();
        assertSame(img, choose("none", m).apply(img, "ramp"), "none: used as given, even with a record in the model");
        // zscore: mean 7.5, population std sqrt(sum((5i - 27.5)^2) / 12) = 5 sqrt(143 / 12)
        float[] z = choose("zscore", m).apply(img, "ramp").data();
        double std = 5 * Math.sqrt(143.0 / 12);
        for (int i = 0; i < 12; i++) {
            assertEquals((-20 + 5 * i - 7.5) / std, z[i], 1e-6);
        }
        Path bare = dir.resolve("rec.json");
        Files.writeString(bare, REC.toJson());
        assertEquals(REC, choose("record:" + bare, model(dir, "plain", null)).record());
        Path card = dir.resolve("other.card.json");
        ObjectNode c = Json.mapper().createObjectNode();
        c.set("preprocessing", REC.toJsonTree());
        Files.writeString(card, c.toString());
        InputPreprocessing fromCard = choose("record:" + card, m);
        assertEquals("record:" + card, fromCard.source());
        assertEquals(REC, fromCard.record());

        LossbenchException usage = assertThrows(LossbenchException.class, () -> choose("minmax", m));
        assertEquals(ExitCode.USAGE, usage.exitCode());
        assertTrue(usage.getMessage().contains("--preprocess must be auto, none, zscore or record:FILE.json"), usage.getMessage());
        assertThrows(BadInputException.class, () -> choose("record:" + dir.resolve("missing.json"), m));
        Files.writeString(dir.resolve("neither.json"), "{\"arch\": \"vnet\"}");
        BadInputException neither = assertThrows(BadInputException.class, () -> choose("record:" + dir.resolve("neither.json"), m));
        assertTrue(neither.getMessage().contains("neither a preprocessing record"), neither.getMessage());
    }

    @Test
    void aWrongChannelCountOrASpacingTheRecordWouldResampleIsRefused(@TempDir Path dir) throws Exception {
        Path m = model(dir, "m", REC);
        BadInputException channels = assertThrows(BadInputException.class,
                () -> choose("auto", m).apply(new ImageVolume(Grid.of(2, 2, 3), 2, new float[24]), "two.nii.gz"));
        assertTrue(channels.getMessage().contains("two.nii.gz has 2 channel(s)") && channels.getMessage().contains("describes 1 [CT]"),
                channels.getMessage());
        PreprocessingRecord spaced = new PreprocessingRecord(REC.channels(), new double[] {1, 1, 1}, null);
        Path s = model(dir, "s", spaced);
        assertArrayEquals(choose("auto", m).apply(ramp(), "r").data(), choose("auto", s).apply(ramp(), "r").data(),
                "the image already has the target spacing");
        BadInputException resample = assertThrows(BadInputException.class,
                () -> choose("auto", s).apply(new ImageVolume(Grid.of(2, 2, 3, 2, 1, 1), 1, new float[12]), "coarse.nii.gz"));
        assertTrue(resample.getMessage().contains("resamples to [1.0, 1.0, 1.0] mm"), resample.getMessage());
    }

    /**
     * The zoo's cross-entropy model through its card (the shipped .onnx has no metadata): a raw phantom-lesions
     * case written as NIfTI channel files and read back as {@code infer} reads it is prepared bit for bit as the
     * preprocessor the sweep fits prepares the generated case.
     */
    @Test
    void aZooModelsRawCaseFromDiskIsPreparedAsTheSweepPreparesIt(@TempDir Path dir) throws Exception {
        Path zoo = Path.of(System.getProperty("lossbench.root", "..")).resolve("models/zoo/vnet-lite-ce.onnx");
        InputPreprocessing p = choose("auto", zoo);
        assertEquals("card:" + ModelCard.pathBeside(zoo), p.source());
        JsonNode card = Json.mapper().readTree(ModelCard.pathBeside(zoo).toFile());
        assertEquals(PreprocessingRecord.fromJson(card.get("preprocessing"), "card"), p.record());
        PhantomCase c = Phantoms.LESIONS.generate(Phantoms.DEFAULT_SEED, 4);
        NiftiWriter.write(dir.resolve("x_0000.nii.gz"), c.image().channel(0));
        NiftiWriter.write(dir.resolve("x_0001.nii.gz"), c.image().channel(1));
        ImageVolume fromDisk = CaseFiles.read(CaseFiles.list(dir).get(0));
        float[] prepared = p.apply(fromDisk, "x").data();
        assertArrayEquals(Preprocessor.of(p.record()).apply(c.asLoaded()).image().data(), prepared);
        assertTrue(p.summary().startsWith("channel 0 CT: clip to [17.4384, 127.724], (x - 59.4227) / 17.3637; channel 1 MR-T2: z-score"),
                p.summary());
    }
}
