package org.lossbench.datasets.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.datasets.registry.ShippedDatasets;

class SpecAndRegistryTest {
    @TempDir
    Path tmp;

    static DatasetSpec spec(List<CaseSpec> cases) {
        return new DatasetSpec(DatasetSpec.FORMAT, "demo", "a demo", List.of("CT"), new TreeMap<>(Map.of(0, "background", 1, "liver")),
                new double[] {2, 1, 1}, "made up", "CC0-1.0", cases, new Splits(List.of("a"), List.of(), List.of("b"), null), null);
    }

    @Test
    void specRoundTripsThroughJson() throws Exception {
        DatasetSpec s = spec(List.of(new CaseSpec("a", List.of("img/a.nii.gz"), "lab/a.nii.gz"),
                new CaseSpec("b", List.of("img/b.nii.gz"), null, "lesions=0", List.of("les/b.json"))));
        Path f = tmp.resolve("dataset.json");
        SpecJson.write(f, s);
        String text = Files.readString(f);
        assertTrue(text.contains("\"format\" : \"lossbench-dataset/1\""), text);
        assertTrue(text.contains("\"1\" : \"liver\""), text);
        DatasetSpec back = SpecJson.read(f, DatasetSpec.class);
        assertEquals(s.cases(), back.cases());
        assertEquals(s.labels(), back.labels());
        assertEquals(s.splits(), back.splits());
        assertEquals(List.of(2.0, 1.0, 1.0), java.util.Arrays.stream(back.spacing()).boxed().toList());
        SpecValidator.validate(back, f.toString());
    }

    @Test
    void malformedJsonNamesFileAndLine() throws Exception {
        Path f = tmp.resolve("dataset.json");
        Files.writeString(f, "{\n  \"format\": \"lossbench-dataset/1\",\n  \"name\": \n}");
        BadInputException e = assertThrows(BadInputException.class, () -> SpecJson.read(f, DatasetSpec.class));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("line 4"), e.getMessage());
        Files.writeString(f, "{\"format\": \"lossbench-dataset/1\", \"nmae\": \"x\"}");
        e = assertThrows(BadInputException.class, () -> SpecJson.read(f, DatasetSpec.class));
        assertTrue(e.getMessage().contains("nmae"), e.getMessage());
    }

    @Test
    void escapingPathsAreRejectedNamingTheCase() {
        for (String bad : List.of("/etc/passwd", "../outside.nii.gz", "img/../../x.nii.gz", "C:/x.nii.gz", "img\\a.nii.gz")) {
            DatasetSpec s = spec(List.of(new CaseSpec("a", List.of(bad), "lab/a.nii.gz"), new CaseSpec("b", List.of("b.nii"), null)));
            BadInputException e = assertThrows(BadInputException.class, () -> SpecValidator.validate(s, "x/dataset.json"));
            assertTrue(e.getMessage().contains("case 'a'") && e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(BadInputException.class, () -> RelativePaths.resolve(tmp, "a/../../b", "w"));
        assertEquals(tmp.toAbsolutePath().normalize().resolve("img/a.nii"), RelativePaths.resolve(tmp, "./img/a.nii", "w"));
    }

    /** A link to a file outside the root, or a linked folder outside it, is refused; a link inside the root is followed. */
    @Test
    void symbolicLinksOutOfTheRootAreRejected() throws Exception {
        Path root = java.nio.file.Files.createDirectories(tmp.resolve("root"));
        Path outside = java.nio.file.Files.createDirectories(tmp.resolve("outside"));
        java.nio.file.Files.writeString(outside.resolve("secret.nii"), "x");
        java.nio.file.Files.writeString(root.resolve("real.nii"), "x");
        try {
            java.nio.file.Files.createSymbolicLink(root.resolve("a.nii"), outside.resolve("secret.nii"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        java.nio.file.Files.createSymbolicLink(root.resolve("dir"), outside);
        java.nio.file.Files.createSymbolicLink(root.resolve("inside.nii"), root.resolve("real.nii"));
        Path realOutside = outside.toRealPath();
        BadInputException file = assertThrows(BadInputException.class, () -> RelativePaths.resolve(root, "a.nii", "case 'a' image 0"));
        assertTrue(file.getMessage().startsWith("case 'a' image 0: path 'a.nii' is a symbolic link (or lies under one) to "
                + realOutside.resolve("secret.nii") + ", outside the dataset root"), file.getMessage());
        BadInputException dir = assertThrows(BadInputException.class, () -> RelativePaths.resolve(root, "dir/secret.nii", "w"));
        assertTrue(dir.getMessage().contains(realOutside.resolve("secret.nii").toString()), dir.getMessage());
        assertEquals(root.toAbsolutePath().normalize().resolve("inside.nii"), RelativePaths.resolve(root, "inside.nii", "w"));
    }

    @Test
    void structuralProblemsAreNamed() {
        DatasetSpec dup = spec(List.of(new CaseSpec("a", List.of("x"), null), new CaseSpec("a", List.of("y"), null)));
        assertTrue(assertThrows(BadInputException.class, () -> SpecValidator.validate(dup, "d")).getMessage().contains("duplicate"));
        DatasetSpec unknownSplit = spec(List.of(new CaseSpec("a", List.of("x"), null), new CaseSpec("c", List.of("y"), null)));
        assertTrue(assertThrows(BadInputException.class, () -> SpecValidator.validate(unknownSplit, "d")).getMessage()
                .contains("unknown case 'b'"));
        DatasetSpec twoImages = new DatasetSpec(DatasetSpec.FORMAT, "demo", "", List.of("CT", "PET", "MR"),
                new TreeMap<>(Map.of(0, "background")), null, null, null,
                List.of(new CaseSpec("a", List.of("x", "y"), null)), null, null);
        assertTrue(assertThrows(BadInputException.class, () -> SpecValidator.validate(twoImages, "d")).getMessage()
                .contains("2 image files for 3 modalities"));
        DatasetSpec noBackground = new DatasetSpec(DatasetSpec.FORMAT, "demo", "", List.of("CT"), new TreeMap<>(Map.of(1, "liver")),
                null, null, null, List.of(new CaseSpec("a", List.of("x"), null)), null, null);
        assertTrue(assertThrows(BadInputException.class, () -> SpecValidator.validate(noBackground, "d")).getMessage()
                .contains("must define 0"));
    }

    @Test
    void thirdPartyNamesAreSanitised() {
        assertEquals("Hepatic-Vessel", DatasetSpec.sanitizeName(" Hepatic Vessel "));
        assertEquals("dataset-_x", DatasetSpec.sanitizeName("_x"));
        assertEquals("dataset-", DatasetSpec.sanitizeName(""));
        assertEquals("Dataset042_LA", DatasetSpec.sanitizeName("Dataset042_LA"));
    }

    @Test
    void registryLocationFollowsFlagThenEnvironmentThenHome() {
        Path home = tmp.resolve("home");
        assertEquals(tmp.resolve("flag.json"), DatasetRegistry.locate(tmp.resolve("flag.json"),
                Map.of(DatasetRegistry.ENV, "/env.json"), home, null).file());
        assertEquals(Path.of("/env.json"), DatasetRegistry.locate(null, Map.of(DatasetRegistry.ENV, "/env.json"), home, null).file());
        assertEquals(home.resolve(".lossbench/registry.json"), DatasetRegistry.locate(null, Map.of(), home, null).file());
    }

    @Test
    void installationFollowsEnvironmentThenProperty() {
        Path home = tmp.resolve("home");
        assertEquals(Path.of("/opt/lb"), DatasetRegistry.locate(null, Map.of(ShippedDatasets.ROOT_ENV, "/opt/lb"), home, "/prop")
                .installRoot().orElseThrow());
        assertEquals(Path.of("/prop"), DatasetRegistry.locate(null, Map.of(), home, "/prop").installRoot().orElseThrow());
        DatasetRegistry none = DatasetRegistry.locate(null, Map.of(), home, null);
        assertTrue(none.installRoot().isEmpty());
        assertEquals(List.of(), none.shipped());
        BadInputException e = assertThrows(BadInputException.class, () -> none.find("msd-hippocampus"));
        assertTrue(e.getMessage().contains("$LOSSBENCH_ROOT"), e.getMessage());
    }

    @Test
    void aShippedDatasetIsFoundInTheInstallationWithItsChecksums() throws Exception {
        Path install = tmp.resolve("install");
        Path dir = Files.createDirectories(install.resolve("builtin-data/msd-hippocampus"));
        String sum = "ab".repeat(32);
        Files.writeString(dir.resolve("SHA256SUMS"), sum + "  dataset.json\n");
        DatasetRegistry r = new DatasetRegistry(tmp.resolve("registry.json"), install);
        RegistryEntry e = r.find("msd-hippocampus").orElseThrow();
        assertEquals(dir.toAbsolutePath().toString(), e.root());
        assertEquals(Layout.MSD, e.layout());
        assertEquals(Map.of("dataset.json", sum), e.checksums());
        assertEquals(List.of(e), r.shipped());
        BadInputException taken = assertThrows(BadInputException.class,
                () -> r.register(new RegistryEntry("msd-hippocampus", "/x", Layout.MSD)));
        assertTrue(taken.getMessage().contains("built-in"), taken.getMessage());
        Files.delete(dir.resolve("SHA256SUMS"));
        BadInputException incomplete = assertThrows(BadInputException.class, () -> r.find("msd-hippocampus"));
        assertTrue(incomplete.getMessage().contains(dir.resolve("SHA256SUMS") + " is missing")
                && incomplete.getMessage().contains("git checkout -- builtin-data/msd-hippocampus"), incomplete.getMessage());
        r.register(new RegistryEntry("mine", "/data/mine", Layout.FOLDER));
        assertEquals("/data/mine", r.find("mine").orElseThrow().root());
        assertTrue(r.find("phantom-tiny").isEmpty());
    }

    @Test
    void registryStoresUserDatasetsAndProtectsBuiltIns() {
        DatasetRegistry r = new DatasetRegistry(tmp.resolve("sub/registry.json"));
        assertEquals(List.of(), r.userEntries());
        r.register(new RegistryEntry("zeta", "/data/zeta", Layout.MSD));
        r.register(new RegistryEntry("alpha", "/data/alpha", Layout.NNUNET));
        r.register(new RegistryEntry("zeta", "/data/zeta2", Layout.LOSSBENCH));
        DatasetRegistry again = new DatasetRegistry(tmp.resolve("sub/registry.json"));
        assertEquals(List.of(new RegistryEntry("alpha", "/data/alpha", Layout.NNUNET),
                new RegistryEntry("zeta", "/data/zeta2", Layout.LOSSBENCH)), again.userEntries());
        assertEquals(List.of("phantom-lesions", "phantom-lesions@1", "phantom-multiorgan", "phantom-tiny"),
                again.builtIns().stream().map(d -> d.name()).toList());
        for (String builtIn : List.of("phantom-lesions", "phantom-lesions@1", "phantom-lesions@2")) {
            BadInputException e = assertThrows(BadInputException.class, () -> r.register(new RegistryEntry(builtIn, "/x", Layout.MSD)));
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        }
    }
}
