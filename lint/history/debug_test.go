package history

import "testing"

func TestDebug(t *testing.T) {
	for seed := int64(1); seed < 40; seed++ {
		h, head, files := randomHistory(seed, 300)
		dir, marks := h.build(t, head)
		r := openRepo(t, dir)
		paths := append(files, "infra", "infra/modules", "src/api", "docs", "handover", "nope")
		all, _ := r.LastChanges(marks[head], paths)
		for _, k := range paths {
			want := gitRun(t, dir, "log", "-1", "--format=%H", marks[head], "--", k)
			if all[k] != nil && all[k].Hash != want  || all[k]==nil && want != "" {
				t.Logf("seed %d %s all %v git %s", seed, k, all[k], want)
			}
		}
	}
}
