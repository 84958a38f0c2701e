package dev.retort.cli;

import picocli.CommandLine;

/** {@code retort --version}: the version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"retort " + (version == null ? "(development build)" : version)};
    }
}
