package org.lossbench.datasets.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.Phantoms;

/** The preprocessing record: its JSON form, the round trip, and that a record read back preprocesses bit for bit as the fitted one. */
class PreprocessingRecordTest {
    private static final PreprocessingRecord HAND = new PreprocessingRecord(List.of(
            new PreprocessingRecord.Channel("CT", new CtNormalization(-1000, 205.25, 1.0 / 3, 0.1)),
            new PreprocessingRecord.Channel("MR-T2", null)), null, null);

    @Test
    void theDocumentIsTheDocumentedOne() {
        assertEquals("{\"format\":\"lossbench.preprocessing\",\"version\":1,\"channels\":["
                + "{\"modality\":\"CT\",\"scheme\":\"ct\",\"lower\":-1000.0,\"upper\":205.25,\"mean\":0.3333333333333333,\"std\":0.1},"
                + "{\"modality\":\"MR-T2\",\"scheme\":\"zscore\"}],\"target_spacing\":null}", HAND.toJson());
        PreprocessingRecord spaced = new PreprocessingRecord(List.of(new PreprocessingRecord.Channel("MR", null)), new double[] {3, 0.5, 0.5},
                new PreprocessingRecord.FittedOn("mine", null, 7));
        assertEquals("{\"format\":\"lossbench.preprocessing\",\"version\":1,\"channels\":[{\"modality\":\"MR\",\"scheme\":\"zscore\"}],"
                + "\"target_spacing\":[3.0,0.5,0.5],\"fitted_on\":{\"dataset\":\"mine\",\"dataset_checksum\":null,\"cases\":7}}", spaced.toJson());
        assertEquals(spaced, PreprocessingRecord.parse(spaced.toJson(), "test"));
        assertEquals(HAND, PreprocessingRecord.parse(HAND.toJson(), "test"));
    }

    @Test
    void aFittedRecordReadBackAppliesBitForBitAsTheFittedPreprocessor() {
        List<LoadedCase> train = List.of(Phantoms.LESIONS.generate(1, 0).asLoaded(), Phantoms.LESIONS.generate(1, 1).asLoaded(),
                Phantoms.LESIONS.generate(1, 2).asLoaded());
        Preprocessor fitted = Preprocessor.fit(Phantoms.LESIONS.modalities(), train, null);
        PreprocessingRecord rec = fitted.record().withFittedOn(new PreprocessingRecord.FittedOn("phantom-lesions", "abc", 3));
        PreprocessingRecord back = PreprocessingRecord.parse(rec.toJson(), "test");
        assertEquals(rec, back);
        CtNormalization a = fitted.ctNormalization(0);
        CtNormalization b = back.channels().get(0).ct();
        // the fitted statistics are arbitrary doubles (17 significant digits); the decimal text must carry every bit
        assertEquals(Double.doubleToRawLongBits(a.mean()), Double.doubleToRawLongBits(b.mean()));
        assertEquals(Double.doubleToRawLongBits(a.std()), Double.doubleToRawLongBits(b.std()));
        assertEquals(Double.doubleToRawLongBits(a.lower()), Double.doubleToRawLongBits(b.lower()));
        assertEquals(Double.doubleToRawLongBits(a.upper()), Double.doubleToRawLongBits(b.upper()));
        assertEquals("zscore", back.channels().get(1).scheme());
        ImageVolume raw = Phantoms.LESIONS.generate(1, 7).image();
        ImageVolume x = fitted.apply(raw, "case 7");
        ImageVolume y = Preprocessor.of(back).apply(raw, "case 7");
        assertArrayEquals(x.data(), y.data());
        assertNotEquals(raw.data()[0], x.data()[0], "preprocessing changed the image");
        // and as the case-level apply of the training pipeline does
        assertArrayEquals(fitted.apply(new LoadedCase("c", raw, null)).image().data(), y.data());
    }

    @Test
    void badDocumentsAreBadInputNamingTheProblem() {
        assertMessage("{\"format\":\"other\",\"version\":1}", "expected \"lossbench.preprocessing\"");
        assertMessage(HAND.toJson().replace("\"version\":1", "\"version\":2"), "version 2; this lossbench reads version 1; upgrade");
        assertMessage(HAND.toJson().replace("\"zscore\"", "\"minmax\""), "channel 1 has scheme \"minmax\"");
        assertMessage(HAND.toJson().replace(",\"std\":0.1", ""), "channel 0 (scheme \"ct\") needs a finite number \"std\"");
        assertMessage(HAND.toJson().replace("\"lower\":-1000.0", "\"lower\":300.0"), "lower is above upper");
        assertMessage(HAND.toJson().replace("\"target_spacing\":null", "\"target_spacing\":[1,0,1]"), "three positive sizes");
        assertMessage("{\"format\":", "not valid JSON");
    }

    private static void assertMessage(String json, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> PreprocessingRecord.parse(json, "FILE.json"));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("FILE.json"), e.getMessage());
    }
}
