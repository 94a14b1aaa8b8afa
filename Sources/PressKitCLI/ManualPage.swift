import ArgumentParser
import Foundation
import PressKit

/// presskit's man page, written in roff from the same help text `--help` prints: the commands' abstracts,
/// discussions, usage lines, arguments and options, so the two never disagree.
enum ManualPage {
    /// One section of a command's help text: its heading (`OPTIONS`, or "" for the discussion) and lines.
    struct HelpSection { var heading: String; var lines: [String] }

    /// The man page (section 1) of `presskit` and every subcommand.
    static func roff(root: ParsableCommand.Type, subcommands: [ParsableCommand.Type]) -> String {
        let name = root.configuration.commandName ?? "presskit"
        var out = """
            .TH \(name.uppercased()) 1 "" "\(name) \(escape(root.configuration.version))" "User Commands"
            .SH NAME
            \(name) \\- \(escape(root.configuration.abstract))
            .SH SYNOPSIS
            .B \(name)
            .I command
            .RI [ options ]
            .I meeting-file

            """
        out += ".SH DESCRIPTION\n" + paragraphs(root.configuration.discussion)
        out += ".SH COMMANDS\n"
        for command in subcommands {
            let sub = command.configuration.commandName ?? "\(command)".lowercased()
            out += ".SS \"\(name) \(sub)\"\n" + escape(command.configuration.abstract) + "\n"
            let help = root.helpMessage(for: command, columns: 1_000)
            for section in sections(of: help) {
                switch section.heading {
                case "USAGE":
                    out += ".PP\n.B Usage:\n" + escape(section.lines.joined(separator: " ").trimmingCharacters(in: .whitespaces)) + "\n"
                case "ARGUMENTS", "OPTIONS", "SUBCOMMANDS":
                    for (term, text) in entries(section.lines) where term != "-h, --help" {
                        out += ".TP\n.B \(escape(term))\n\(escape(text))\n"
                    }
                default: break
                }
            }
            out += paragraphs(command.configuration.discussion)
        }
        out += """
            .SH ENVIRONMENT
            .TP
            .B SOURCE_DATE_EPOCH
            The creation date written in every PDF, for byte-identical output.
            .TP
            .B NO_COLOR
            Set to anything, problems are printed without colour (as they are when standard error is not a terminal).
            .TP
            .B PRESSKIT_HOME
            The folder holding presskit's Layouts/ and Assets/, when they are not beside the program.
            .TP
            .B PRESSKIT_TRACE
            Set to 1, a build prints where it spends its time and memory.
            .SH EXIT STATUS
            0 when everything asked for was done; 1 when a problem stopped it (nothing was written); 2 for a command line presskit cannot take.
            .SH SEE ALSO
            .BR typst (1),
            .BR pandoc (1)

            """
        return out
    }

    /// The sections of a help text: OVERVIEW, the discussion (heading ""), USAGE, ARGUMENTS, OPTIONS…
    static func sections(of help: String) -> [HelpSection] {
        var out: [HelpSection] = []
        for line in help.components(separatedBy: "\n") {
            if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), line[..<colon].allSatisfy({ $0.isUppercase }), !line[..<colon].isEmpty {
                out.append(HelpSection(heading: String(line[..<colon]), lines: [String(line[line.index(after: colon)...])]))
            } else if out.isEmpty {
                out.append(HelpSection(heading: "", lines: [line]))
            } else {
                out[out.count - 1].lines.append(line)
            }
        }
        return out
    }

    /// The entries of an ARGUMENTS or OPTIONS section: each term (`--lang <lang>`) with its text, lines
    /// that continue a text joined to it.
    static func entries(_ lines: [String]) -> [(term: String, text: String)] {
        var out: [(term: String, text: String)] = []
        for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let indent = line.prefix(while: { $0 == " " }).count
            let body = line.dropFirst(indent)
            if indent <= 4 {
                // The term is its leading words that name an option or a value (`-q,` `--quiet` `<lang>`);
                // a long term is followed by its text after a single space.
                let words = body.split(separator: " ", omittingEmptySubsequences: false)
                var k = 0
                while k < words.count, words[k].hasPrefix("-") || words[k].hasPrefix("<") || words[k].hasPrefix("[") { k += 1 }
                let term = words[..<max(k, 1)].joined(separator: " ")
                out.append((term, words[max(k, 1)...].joined(separator: " ").trimmingCharacters(in: .whitespaces)))
            } else if !out.isEmpty {
                out[out.count - 1].text += (out[out.count - 1].text.isEmpty ? "" : " ") + body.trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }

    /// A discussion as roff paragraphs: blank lines part them; indented lines (examples) are kept as they are.
    static func paragraphs(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var out = ""
        for block in text.components(separatedBy: "\n\n") {
            let lines = block.components(separatedBy: "\n")
            if lines.contains(where: { $0.hasPrefix("  ") }) {
                out += ".PP\n.nf\n" + lines.map(escape).joined(separator: "\n") + "\n.fi\n"
            } else {
                out += ".PP\n" + escape(lines.joined(separator: " ")) + "\n"
            }
        }
        return out
    }

    /// Text made safe for roff: backslashes written as `\e`, hyphen-minus as `\-` (so options copy as
    /// typed), characters beyond ASCII by their code, and a line starting with a dot or an apostrophe protected.
    static func escape(_ text: String) -> String {
        var out = ""
        // Beyond ASCII, characters by their code (\[u00E9]): roff reads its input as Latin-1 otherwise.
        for scalar in text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-").unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += String(printf: "\\[u%04X]", scalar.value) }
        }
        out = out.components(separatedBy: "\n").map { $0.hasPrefix(".") || $0.hasPrefix("'") ? "\\&" + $0 : $0 }.joined(separator: "\n")
        return out
    }
}

/// `presskit manual`: prints the man page.
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Prints presskit's man page (roff), made from the same text as --help.",
        discussion: """
        Read it with:  presskit manual | man -l -
        Install it:    presskit manual > ~/.local/share/man/man1/presskit.1
        """)

    func run() throws {
        print(ManualPage.roff(root: PressKitCommand.self, subcommands: PressKitCommand.configuration.subcommands), terminator: "")
    }
}
