package app

import (
	"context"
	"encoding/json"

	"github.com/anju-cn/anju/internal/apperr"
)

// persistedJob is what storage keeps of an import job: its snapshot, its county for the scope
// check, and the sheet's columns. The uploaded file is not kept: after a restart the JSON report
// remains, the red-cell workbook does not.
type persistedJob struct {
	Job     ImportJob
	County  string
	Columns map[string]int
	Headers map[string]string
}

// msgRestarted is the error of a job that was queued or running when the service stopped.
const msgRestarted = "服务重启,导入中断;请重新导入同一文件:已登记的户会跳过,不会重复登记"

// persist stores a job's current state; a failure is logged (the job goes on in memory).
func (s *Imports) persist(ctx context.Context, j *importJob) {
	s.mu.Lock()
	p := persistedJob{Job: j.ImportJob, County: j.county, Columns: j.columns, Headers: j.headers}
	raw, err := json.Marshal(p)
	s.mu.Unlock()
	if err == nil {
		err = s.store.PutImport(ctx, j.ID, raw)
	}
	if err != nil {
		s.log.Error("import: persist job", "job", j.ID, "err", err)
	}
}

// loadJob reads a job this process no longer holds (it was restarted, or the job was evicted). A job
// stored as queued or running was interrupted and is shown as failed. Errors: not_found, internal.
func (s *Imports) loadJob(ctx context.Context, id string) (*importJob, error) {
	raw, err := s.store.GetImport(ctx, id)
	if err != nil {
		return nil, err
	}
	var p persistedJob
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, apperr.Wrap(err, "import: decode job")
	}
	j := &importJob{ImportJob: p.Job, county: p.County, columns: p.Columns, headers: p.Headers}
	if j.Status == ImportQueued || j.Status == ImportRunning {
		j.Status, j.Error = ImportFailed, msgRestarted
	}
	return j, nil
}
