package dev.retort.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Model.PositionalParamSpec;

final class CompletionCommand extends Verb {
    CompletionCommand(RetortCommand root) {
        super(root, "completion", "Print a shell completion script for retort (bash; zsh loads it through bashcompinit).",
                "", "Example:", "  retort completion bash > ~/.local/share/bash-completion/completions/retort",
                "  source <(retort completion bash)       # for this shell only");
        spec.addPositional(PositionalParamSpec.builder().type(String.class).paramLabel("SHELL").arity("0..1")
                .defaultValue("bash").description("bash (the default) or zsh.").build());
    }

    @Override
    public Integer call() {
        String shell = parameter();
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
