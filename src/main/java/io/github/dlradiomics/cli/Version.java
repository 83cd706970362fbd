package io.github.dlradiomics.cli;

import picocli.CommandLine.IVersionProvider;

/** The suite's version, from the jar manifest (or "development" when run from classes). */
public final class Version implements IVersionProvider {
    /** The version string, e.g. "0.1.0-SNAPSHOT". */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"DLRadiomics " + get(), "Java " + System.getProperty("java.version")};
    }
}
