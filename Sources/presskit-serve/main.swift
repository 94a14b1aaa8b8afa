// presskit-serve: presskit's command line with the live preview's web server (`watch --serve`), which
// `presskit watch --serve` hands the process to. It answers every other command as presskit does.
import PressKitCLI
import PressKitServe

PreviewHook.server = { meeting, output, port, pipeline, build, waitForChange, maxBuilds in
    try PreviewSession.run(meeting: meeting, output: output, port: port, pipeline: pipeline, build: build,
                           waitForChange: waitForChange, maxBuilds: maxBuilds)
}
CLI.main()
