// presskit: the command line. Everything lives in PressKitCLI; the web server of `watch --serve` lives in
// presskit-serve, so this program starts without it.
import PressKitCLI

CLI.main()
