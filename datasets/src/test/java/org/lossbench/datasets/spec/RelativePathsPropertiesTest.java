package org.lossbench.datasets.spec;

import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lossbench.core.BadInputException;

class RelativePathsPropertiesTest {
    private static final Path ROOT = Path.of("/data/root");

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("..", ".", "", "a", "b.nii.gz", "~", "C:", "x\\y"),
                Arbitraries.strings().withChars("ab./\\~:").ofMinLength(1).ofMaxLength(4));
        return segment.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("/", l));
    }

    /** Whatever the path, it is either rejected or resolves inside the root. */
    @Property(tries = 2000)
    boolean acceptedPathsStayInsideTheRoot(@ForAll("paths") String p) {
        try {
            Path r = RelativePaths.resolve(ROOT, p, "test");
            return r.startsWith(ROOT) && !p.startsWith("/") && !p.contains("\\") && !("/" + p + "/").contains("/../");
        } catch (BadInputException e) {
            return true;
        }
    }
}
