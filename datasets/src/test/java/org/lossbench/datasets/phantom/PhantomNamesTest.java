package org.lossbench.datasets.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/** {@code NAME} and {@code NAME@VERSION} resolution of the built-in phantoms. */
class PhantomNamesTest {
    @Test
    void plainNamesMeanTheCurrentVersionAndVersionedNamesPickOne() {
        assertSame(Phantoms.LESIONS, Phantoms.find("phantom-lesions").orElseThrow());
        assertSame(Phantoms.LESIONS, Phantoms.find("phantom-lesions@2").orElseThrow());
        assertSame(Phantoms.LESIONS_V1, Phantoms.find("phantom-lesions@1").orElseThrow());
        assertSame(Phantoms.TINY, Phantoms.find("phantom-tiny@1").orElseThrow());
        assertSame(Phantoms.MULTIORGAN, Phantoms.find("phantom-multiorgan@1").orElseThrow());
        assertEquals(2, Phantoms.LESIONS.version());
        assertEquals(1, Phantoms.LESIONS_V1.version());
    }

    @Test
    void namesListEveryVersionOnceAndMarkTheSupersededOne() {
        assertEquals(List.of("phantom-lesions", "phantom-lesions@1", "phantom-multiorgan", "phantom-tiny"), Phantoms.names());
        assertEquals(Optional.of("phantom-lesions"), Phantoms.supersededBy(Phantoms.LESIONS_V1));
        assertTrue(Phantoms.supersededBy(Phantoms.LESIONS).isEmpty());
        assertTrue(Phantoms.supersededBy(Phantoms.TINY).isEmpty());
        assertEquals("phantom-lesions@2", Phantoms.versionedName(Phantoms.LESIONS));
        assertEquals("phantom-lesions@1", Phantoms.versionedName(Phantoms.LESIONS_V1));
        assertEquals("phantom-tiny@1", Phantoms.versionedName(Phantoms.TINY));
    }

    /** Every family has one plain name, its highest version; older versions are FAMILY@VERSION. */
    @Test
    void eachFamilysPlainNameIsItsNewestVersion() {
        for (String name : Phantoms.names()) {
            PhantomDataset d = Phantoms.find(name).orElseThrow();
            assertEquals(name, d.name());
            PhantomName n = PhantomName.parse(name);
            String current = Phantoms.supersededBy(d).orElse(name);
            assertFalse(PhantomName.parse(current).versioned(), current);
            assertTrue(Phantoms.find(current).orElseThrow().version() >= d.version(), name);
            assertEquals(n.versioned(), Phantoms.supersededBy(d).isPresent(), name);
            if (n.versioned()) {
                assertEquals(d.version(), n.version(), name);
            }
        }
    }

    @Test
    void versionsKeepTheFamilysCaseIds() {
        assertEquals("phantom-lesions_007", Phantoms.LESIONS_V1.caseId(7));
        assertEquals("phantom-lesions_007", Phantoms.LESIONS.caseId(7));
        assertEquals("phantom-tiny_003", Phantoms.TINY.caseId(3));
    }

    @Test
    void anUnknownVersionOfABuiltInIsAUsageErrorThatListsTheVersions() {
        LossbenchException e = assertThrows(LossbenchException.class, () -> Phantoms.find("phantom-lesions@3"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("dataset 'phantom-lesions@3': phantom-lesions has no version 3; its versions are "
                + "phantom-lesions@2 (= phantom-lesions), phantom-lesions@1 (superseded)", e.getMessage());
        assertThrows(LossbenchException.class, () -> Phantoms.referenceHash("phantom-tiny@2"));
        for (String bad : List.of("phantom-lesions@", "phantom-lesions@0", "phantom-lesions@v1", "phantom-lesions@01", "phantom-lesions@1@1")) {
            LossbenchException m = assertThrows(LossbenchException.class, () -> Phantoms.find(bad), bad);
            assertEquals(ExitCode.USAGE, m.exitCode(), bad);
            assertTrue(m.getMessage().contains("NAME@N"), m.getMessage());
        }
    }

    @Test
    void namesOutsideTheBuiltInFamiliesAreNotFound() {
        assertTrue(Phantoms.find("nope").isEmpty());
        assertTrue(Phantoms.find("nope@1").isEmpty());
        assertTrue(Phantoms.find("phantom").isEmpty());
        assertTrue(Phantoms.referenceHash("my-data").isEmpty());
    }

    @Test
    void parseSplitsFamilyAndVersion() {
        assertEquals(new PhantomName("phantom-lesions", 12), PhantomName.parse("phantom-lesions@12"));
        assertEquals(new PhantomName("phantom-lesions", 0), PhantomName.parse("phantom-lesions"));
        assertEquals("phantom-lesions@12", PhantomName.parse("phantom-lesions@12").toString());
        assertEquals("a.b", PhantomName.familyOf("a.b@3"));
        assertThrows(LossbenchException.class, () -> PhantomName.parse("@2"));
    }
}
