import ArgumentParser
import Foundation
import PressKit

/// `presskit schema`: the JSON Schema of the meeting format, or of the layout format.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Prints the JSON Schema of the meeting file format (or, with --layout, of layouts).",
        discussion: """
        Editors with a YAML language server complete and check as you type when a file's first line is:

        # yaml-language-server: $schema=PATH/TO/meeting.schema.json

        presskit ships both schemas in Layouts/ (meeting.schema.json, layout.schema.json).
        """)

    @Flag(help: "The layout format instead of the meeting format.")
    var layout = false

    func run() throws {
        print(layout ? LayoutSchema.layout.jsonSchema(title: "presskit layout", blocks: true) : MeetingSchema.meeting.jsonSchema(title: "presskit meeting"),
              terminator: "")
    }
}
