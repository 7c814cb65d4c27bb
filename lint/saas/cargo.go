package saas

import "strings"

// cargoDepTable reports whether a Cargo.toml table lists dependencies that
// are built into the product.
func cargoDepTable(table string) bool {
	return table == "dependencies" || table == "workspace.dependencies" ||
		strings.HasPrefix(table, "target.") && strings.HasSuffix(table, ".dependencies")
}

// cargoDetailTable splits "dependencies.sentry" into its dependency table
// and crate name, for the [dependencies.NAME] form.
func cargoDetailTable(table string) (name string, ok bool) {
	i := strings.LastIndexByte(table, '.')
	if i < 0 || !cargoDepTable(table[:i]) {
		return "", false
	}
	return table[i+1:], true
}

// scanCargo reads dependency keys (`name = "1"`, `name = { ... }`,
// `name.workspace = true`) and [dependencies.name] tables, following
// `package = "real-name"` renames.
func scanCargo(s *scanner) {
	type dep struct {
		key, crate string
		off        int
	}
	var deps []dep
	at := map[string]int{} // table + "\x00" + key -> index in deps
	declare := func(table, key string, off int) {
		at[table+"\x00"+key] = len(deps)
		deps = append(deps, dep{key, key, off})
	}
	rename := func(table, key, crate string) {
		if i, ok := at[table+"\x00"+key]; ok {
			deps[i].crate = crate
		}
	}
	ok := walkTOML(s.content, func(ev tomlEvent) {
		switch ev.kind {
		case tomlHeader:
			if name, ok := cargoDetailTable(ev.table); ok {
				declare(strings.TrimSuffix(ev.table, "."+name), name, ev.last)
			}
		case tomlKey:
			if cargoDepTable(ev.table) {
				name, _, _ := strings.Cut(ev.key, ".")
				declare(ev.table, name, ev.off)
			}
		case tomlString:
			if cargoDepTable(ev.table) && ev.depth == 1 && ev.inner == "package" {
				name, _, _ := strings.Cut(ev.key, ".")
				rename(ev.table, name, ev.text)
			} else if name, ok := cargoDetailTable(ev.table); ok && ev.depth == 0 && ev.key == "package" {
				rename(strings.TrimSuffix(ev.table, "."+name), name, ev.text)
			}
		}
	})
	if !ok {
		return
	}
	for _, d := range deps {
		display := d.crate
		if d.crate != d.key {
			display += " (as " + d.key + ")"
		}
		s.add(ecoCargo, d.crate, d.off, display)
	}
}
