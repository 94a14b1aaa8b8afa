import ArgumentParser
import Foundation
import PressKit

/// `presskit layouts`.
struct Layouts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layouts", abstract: "Lists the layouts presskit can build.")

    @Argument(help: "A meeting file, to include the layouts of its own Layouts/ folder.")
    var meeting: String?

    func run() throws {
        let home = try ToolHome.locate()
        let folder = meeting.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        var library = LayoutLibrary(meetingFolder: folder, builtIn: home.layouts)
        let theme = meeting.flatMap { try? Meeting.load($0) }?.data["theme"]?.text ?? Theme.defaultName
        library.theme = try? library.loadTheme(theme)
        for (name, file) in library.available() {
            guard let layout = try? library.load(name) else {
                print("\(name.padding(toLength: 20, withPad: " ", startingAt: 0)) (does not load: `presskit check` tells why)  [\(file.path)]")
                continue
            }
            print("\(name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(layout.description)  [\(LayoutLibrary.display(file))]")
            print("\(String(repeating: " ", count: 21))reads: \(layout.fieldsUsed.joined(separator: ", "))")
            for field in LayoutField.declared(by: layout) {
                print("\(String(repeating: " ", count: 21))fields.\(field.name) (\(field.kind.rawValue)\(field.required ? ", required" : "")): \(field.summary)")
            }
        }
    }
}
