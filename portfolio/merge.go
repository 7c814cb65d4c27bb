package portfolio

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/handover-dev/handover/lint/result"
)

// Merge reads results made elsewhere (the jobs of a GitHub Actions matrix)
// into one portfolio. Each file is the output of `handover check --format
// json`, one row named by its repo.name, or of `handover portfolio
// --format json`, whose rows (errors included) are taken as they are.
//
// The portfolio's now is the latest of the results' days: results checked
// on different days (a matrix that ran across midnight) keep each their
// own, and the page says so. A file that is neither is an error.
func Merge(files []string) (*result.Portfolio, error) {
	p := &result.Portfolio{Version: result.Version, Repositories: []result.Repository{}}
	for _, file := range files {
		rows, now, err := readRows(file)
		if err != nil {
			return nil, err
		}
		p.Repositories = append(p.Repositories, rows...)
		p.Now = max(p.Now, now)
		for _, row := range rows {
			if row.Result != nil {
				p.Now = max(p.Now, row.Result.Repo.Now)
			}
		}
	}
	return p, nil
}

// readRows reads one file of Merge and returns its rows and its day.
func readRows(file string) ([]result.Repository, string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, "", fmt.Errorf("cannot read %s: %w", file, err)
	}
	var probe struct {
		Version      int             `json:"version"`
		Tool         json.RawMessage `json:"tool"`
		Repositories json.RawMessage `json:"repositories"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, "", fmt.Errorf("%s is not a handover JSON output: %v", file, err)
	}
	switch {
	case probe.Version != result.Version:
		return nil, "", fmt.Errorf("%s is version %d of handover's JSON output; this handover reads version %d: use the same handover release for the checks and the merge", file, probe.Version, result.Version)
	case probe.Repositories != nil:
		var p result.Portfolio
		if err := json.Unmarshal(b, &p); err != nil {
			return nil, "", fmt.Errorf("%s: %v", file, err)
		}
		for i, row := range p.Repositories {
			if err := checkRow(row); err != nil {
				return nil, "", fmt.Errorf("%s: repository %d: %v", file, i+1, err)
			}
			if row.Result != nil {
				p.Repositories[i].Name = cmp.Or(row.Name, row.Result.Repo.Name)
			}
		}
		return p.Repositories, p.Now, nil
	case probe.Tool != nil:
		var res result.Result
		if err := json.Unmarshal(b, &res); err != nil {
			return nil, "", fmt.Errorf("%s: %v", file, err)
		}
		return []result.Repository{fromResult(&res, "")}, res.Repo.Now, nil
	}
	return nil, "", fmt.Errorf("%s is neither the output of handover check --format json nor of handover portfolio --format json", file)
}

// checkRow checks a row of a portfolio file: a result of version 1, or an
// error saying why there is none.
func checkRow(row result.Repository) error {
	switch {
	case row.Result == nil && row.Error == "":
		return errors.New("neither a result nor an error")
	case row.Result != nil && row.Result.Version != result.Version:
		return fmt.Errorf("its result is version %d of handover's JSON output; this handover reads version %d", row.Result.Version, result.Version)
	}
	return nil
}
