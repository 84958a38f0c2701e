package dev.retort.config;

/**
 * How messages name what the caller handed {@link ConfigLoader}: the command line's flags ({@code -c}, {@code --url},
 * {@code -x}), or the arguments of a Java call, so that an application is not told of a flag it never had.
 *
 * @param configFile        follows the config file's path: {@code "given with -c"}
 * @param url               the URL given before every other source: {@code "--url"}
 * @param argument          a format naming one argument by its key ({@code %s}): {@code "-x %s"}
 * @param arguments         where a {@code ${VAR}} was looked for first: {@code "given with -x"}
 * @param missingConfigFile what to do about a config file that is not there, a format whose {@code %s} is the working
 *                          directory: {@code "check the path, or create one with 'retort init'."}
 */
public record ArgumentNames(String configFile, String url, String argument, String arguments,
                            String missingConfigFile) {
    /** The {@code retort} command's flags. */
    public static final ArgumentNames COMMAND_LINE = new ArgumentNames("given with -c", "--url", "-x %s",
            "given with -x", "check the path, or create one with 'retort init'.");

    /** The arguments of {@link ConfigLoader#load}, as an application calls it. */
    public static final ArgumentNames JAVA = new ArgumentNames("given to ConfigLoader.load",
            "the URL given to ConfigLoader.load", "%s in the arguments given to ConfigLoader.load",
            "in the arguments given to ConfigLoader.load",
            "check the path, which starts from the working directory given to ConfigLoader.load (%s).");

    /** Names the argument {@code key}: {@code -x url}. */
    String argument(String key) {
        return String.format(argument, key);
    }

    /** Where a variable was looked for, after "is not": {@code given with -x, nor set in the environment or .env}. */
    String variableSources() {
        return arguments + ", nor set in the environment or .env";
    }
}
