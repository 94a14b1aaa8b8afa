import ArgumentParser
import Foundation

/// `presskit completions`: the shell completion script, made by swift-argument-parser from the commands' own definitions.
struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Prints the shell completion script for bash, zsh or fish.",
        discussion: """
        bash:  presskit completions bash > ~/.local/share/bash-completion/completions/presskit
        zsh:   presskit completions zsh > "${fpath[1]}/_presskit"
        fish:  presskit completions fish > ~/.config/fish/completions/presskit.fish
        """)

    enum Shell: String, ExpressibleByArgument, CaseIterable { case bash, zsh, fish }

    @Argument(help: "The shell: bash, zsh or fish.") var shell: Shell

    func run() throws {
        let kind: CompletionShell = switch shell {
        case .bash: .bash
        case .zsh: .zsh
        case .fish: .fish
        }
        print(PressKitCommand.completionScript(for: kind))
    }
}
