// Command handover lints a repository's handover folder. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/handover-dev/handover/lint"
)

func main() {
	info, _ := debug.ReadBuildInfo()
	lint.Version = buildVersion(version, info)
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
