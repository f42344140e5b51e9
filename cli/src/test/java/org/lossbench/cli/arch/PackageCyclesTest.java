package org.lossbench.cli.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No package of the main code depends, directly or through other packages, on itself: every
 * {@code org.lossbench} package is one slice, and the slices must form an acyclic graph (docs/design.md,
 * "Packages"). The cli module sees every other module, so its test class path holds all the main classes.
 * ArchUnit reads the bytecode, so a reference that javac inlines (a compile-time constant) is not seen.
 */
class PackageCyclesTest {
    private static final List<String> MODULE_PACKAGES = List.of("org.lossbench.core", "org.lossbench.datasets",
            "org.lossbench.losses", "org.lossbench.models", "org.lossbench.eval", "org.lossbench.cli");

    @Test
    void mainPackagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lossbench");
        for (String p : MODULE_PACKAGES) {
            assertTrue(main.containPackage(p), "no main class of " + p + " was imported");
        }
        assertFalse(main.contain(PackageCyclesTest.class), "test classes were imported");
        slices().matching("org.lossbench.(**)").should().beFreeOfCycles().check(main);
    }
}
