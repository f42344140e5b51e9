package org.lossbench.datasets.phantom;

import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * A built-in phantom's name as users write it: {@code FAMILY} (the current version) or
 * {@code FAMILY@VERSION} (a given version, e.g. {@code phantom-lesions@1}). Registered datasets
 * cannot contain {@code @} (their names are {@code [A-Za-z0-9][A-Za-z0-9._-]*}), so the form never
 * clashes with them.
 *
 * @param family  the name without the version, also the prefix of the case ids
 * @param version the version asked for, or 0 when none was (the current one)
 */
public record PhantomName(String family, int version) {
    /** Separates family and version. */
    public static final char SEPARATOR = '@';

    /** Parses {@code FAMILY} or {@code FAMILY@VERSION}; a version must be a positive decimal integer. */
    public static PhantomName parse(String name) {
        int at = name.indexOf(SEPARATOR);
        if (at < 0) {
            return new PhantomName(name, 0);
        }
        String family = name.substring(0, at);
        String v = name.substring(at + 1);
        if (family.isEmpty() || !v.matches("[1-9][0-9]{0,8}")) {
            throw new LossbenchException(ExitCode.USAGE, "dataset '" + name + "': write a built-in phantom's version as NAME@N with N = 1, 2, ..."
                    + " (e.g. phantom-lesions@1); 'lossbench datasets list' shows the versions");
        }
        return new PhantomName(family, Integer.parseInt(v));
    }

    /** The family of {@code name}: everything before {@code @}, or all of it. */
    public static String familyOf(String name) {
        int at = name.indexOf(SEPARATOR);
        return at < 0 ? name : name.substring(0, at);
    }

    /** Whether a version was given. */
    public boolean versioned() {
        return version > 0;
    }

    /** {@code family@version}, or the family alone when no version was given. */
    @Override
    public String toString() {
        return versioned() ? family + SEPARATOR + version : family;
    }
}
