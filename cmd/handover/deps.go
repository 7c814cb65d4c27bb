package main
import (
_ "github.com/go-git/go-git/v5"
_ "github.com/santhosh-tekuri/jsonschema/v6"
_ "github.com/sergi/go-diff/diffmatchpatch"
_ "go.yaml.in/yaml/v3"
_ "github.com/yuin/goldmark"
_ "github.com/bmatcuk/doublestar/v4"
_ "github.com/rogpeppe/go-internal/testscript"
)
func main(){}
