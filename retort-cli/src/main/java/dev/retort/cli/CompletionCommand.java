package dev.retort.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(addMethodSubcommands = false, name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for retort (bash; zsh loads it through bashcompinit).",
        footer = {"", "Example:", "  retort completion bash > ~/.local/share/bash-completion/completions/retort",
            "  source <(retort completion bash)       # for this shell only"})
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    RetortCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (the default) or zsh.")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new dev.retort.command.UsageException("No completion for '" + shell + "'; bash and zsh are supported.");
        }
        String script = AutoComplete.bash("retort", spec.root().commandLine());
        if (shell.equals("zsh")) {
            script = "autoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        root.session.out().print(script);
        return 0;
    }
}
