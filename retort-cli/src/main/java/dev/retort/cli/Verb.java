package dev.retort.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A verb of the command line: its options and help, declared in its constructor, and what it does ({@link #call()}).
 *
 * <p>The declarations build picocli's model of the command directly. With picocli's annotations it would read that
 * model by reflection, and the JDK makes a proxy class for every annotation type it meets (picocli's, and those on
 * {@code Object}'s methods, which picocli scans too) at every start: half of picocli's start-up, some 30 ms of every
 * command.
 */
abstract class Verb implements Callable<Integer> {
    final RetortCommand root;
    final CommandSpec spec;

    /**
     * @param footer the lines after the options: notes, then an example (a test checks every verb has one)
     */
    Verb(RetortCommand root, String name, String description, String... footer) {
        this.root = root;
        this.spec = command(this, name, new String[] {description}, footer);
    }

    /** A command named {@code name} that runs {@code command}. */
    static CommandSpec command(Object command, String name, String[] description, String[] footer) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description).footer(footer);
        return spec;
    }

    /** Adds the {@code -h} and {@code -V} every command has, after its own options, as picocli's mixin did. */
    static CommandSpec withStandardOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** An option without a value. */
    final void flag(String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(boolean.class).description(description).build());
    }

    /** An option with one value. */
    final void option(String label, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(String.class).paramLabel(label).description(description).build());
    }

    /** An option with one value that the command cannot run without: its usage shows it without brackets. */
    final void requiredOption(String label, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(String.class).paramLabel(label).description(description)
                .required(true).build());
    }

    /** An option that may be given several times, a value each time. */
    final void repeatedOption(String label, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).paramLabel(label)
                .description(description).build());
    }

    /** An option that may be given several times, a KEY=VALUE pair each time. */
    final void pairOption(String label, String description, String... names) {
        spec.addOption(keyValueOption(names).paramLabel(label).description(description).build());
    }

    /** The builder of an option whose values are KEY=VALUE pairs, kept in order. */
    static OptionSpec.Builder keyValueOption(String... names) {
        return OptionSpec.builder(names).type(Map.class).auxiliaryTypes(String.class, String.class);
    }

    /**
     * The positional parameter: a value of {@code type} ({@code List} for several strings), {@code arity} as picocli
     * says it ("1", "0..1", "1..*").
     */
    final void parameter(Class<?> type, String label, String arity, String description) {
        PositionalParamSpec.Builder parameter = PositionalParamSpec.builder().type(type).paramLabel(label).arity(arity)
                .required(!arity.startsWith("0")).description(description);
        if (type == List.class) {
            parameter.auxiliaryTypes(String.class);
        }
        spec.addPositional(parameter.build());
    }

    /** Whether the option without a value was given. */
    final boolean isSet(String name) {
        return isSet(spec, name);
    }

    /** The option's value; null when it was not given. */
    final <T> T value(String name) {
        return value(spec, name);
    }

    /** The values of a repeated option, in order; empty when it was not given. */
    final List<String> values(String name) {
        List<String> values = value(name);
        return values == null ? new ArrayList<>() : values;
    }

    /** The KEY=VALUE pairs of a repeated option, in order; empty when it was not given. */
    final Map<String, String> pairs(String name) {
        return pairs(spec, name);
    }

    /** Whether {@code spec}'s option without a value was given. */
    static boolean isSet(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(value(spec, name));
    }

    /** The value of {@code spec}'s option; null when it was not given. */
    static <T> T value(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalStateException(spec.name() + " declares no option " + name);
        }
        return option.getValue();
    }

    /** The KEY=VALUE pairs of {@code spec}'s repeated option, in order; empty when it was not given. */
    static Map<String, String> pairs(CommandSpec spec, String name) {
        Map<String, String> pairs = value(spec, name);
        return pairs == null ? new LinkedHashMap<>() : pairs;
    }

    /** The positional parameter's value; null when it is optional and was not given. */
    final <T> T parameter() {
        return spec.positionalParameters().get(0).getValue();
    }
}
