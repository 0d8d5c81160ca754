package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/text"
)

// Import job statuses.
const (
	ImportQueued  = "queued"
	ImportRunning = "running"
	ImportDone    = "done"
	ImportFailed  = "failed"
)

// Outcomes of one household of an import.
const (
	OutcomeRegistered = "registered"
	OutcomeSkipped    = "skipped"
	OutcomeRejected   = "rejected"
)

// Limits of the import queue.
const (
	importWorkers  = 2   // imports running at once
	importQueue    = 8   // imports waiting; more are refused (429)
	importRetained = 100 // finished jobs kept (with their uploaded file) for status and report
)

// Imports registers households from roster workbooks (花名册), writes the template and the roster
// export. Every household goes through Registration.Register: the same rules, scope and audit as
// the JSON API. Jobs live in memory (lost on restart); the uploaded file waits in a temporary file.
type Imports struct {
	*core
	reg   *Registration
	mu    sync.Mutex
	jobs  map[string]*importJob
	order []string // job ids, oldest first
	queue chan *importJob
	start sync.Once
}

// ImportIssue is one entry of an import's report: a cell of the sheet and what is wrong with it.
// Column is the roster column key (excel.RosterColumns); Header the header as written in the sheet.
type ImportIssue struct {
	Row     int
	Column  string
	Header  string
	Field   string
	Message string
}

// String is the issue as people read it: 第12行 公民身份号码: 身份证号码校验位错误.
func (i ImportIssue) String() string {
	if i.Header == "" {
		return fmt.Sprintf("第%d行: %s", i.Row, i.Message)
	}
	return fmt.Sprintf("第%d行 %s: %s", i.Row, i.Header, i.Message)
}

// ImportHousehold is the outcome of one household of the sheet.
type ImportHousehold struct {
	Row         int    // its first sheet row
	Rows        int    // how many rows (members) it has
	HeadName    string // the name on its first row
	Outcome     string // registered, skipped or rejected
	HouseholdID string // the household registered, or the one already holding it
	Number      string
	Message     string
}

// ImportJob is a snapshot of an import.
type ImportJob struct {
	ID, SiteID, FileName, Status string
	UserID                       string
	Sheet                        string
	Total, Done                  int // data rows
	Registered, Skipped          int // households
	Rejected                     int
	Households                   []ImportHousehold
	Report                       []ImportIssue // issues of rejected households, in sheet order
	Notes                        []string      // rows or sheets skipped, columns ignored
	Error                        string        // why a failed import read nothing
	CreatedAt, FinishedAt        time.Time
}

type importJob struct {
	ImportJob
	caller  auth.Caller
	county  string
	path    string // the uploaded file
	columns map[string]int
	headers map[string]string
}

func newImports(c *core, reg *Registration) *Imports {
	return &Imports{core: c, reg: reg, jobs: map[string]*importJob{}, queue: make(chan *importJob, importQueue)}
}

// ImportRequest is an upload: the site every household is registered at, the file's name and bytes.
type ImportRequest struct {
	SiteID   string
	FileName string
	Data     []byte
}

// Start checks an upload and queues its import; the job runs in the background (Get shows it).
// Errors: invalid (no site or no file, naming siteId and file; a file that is not .xlsx, saying what it
// is), too_large over 10 MB, forbidden when the site is outside the caller's scope, rate_limited when
// too many imports wait.
func (s *Imports) Start(ctx context.Context, req ImportRequest) (ImportJob, error) {
	j, err := s.prepare(ctx, req)
	if err != nil {
		return ImportJob{}, err
	}
	s.start.Do(func() {
		for i := 0; i < importWorkers; i++ {
			go s.worker()
		}
	})
	select {
	case s.queue <- j:
	default:
		s.forget(j.ID)
		return ImportJob{}, apperr.New(apperr.RateLimited, "正在排队的导入任务过多,请稍后再试")
	}
	return s.snapshot(j), nil
}

// prepare checks an upload and records its job. Errors: those of checkUpload and newJob.
func (s *Imports) prepare(ctx context.Context, req ImportRequest) (*importJob, error) {
	c, site, err := s.checkUpload(ctx, req)
	if err != nil {
		return nil, err
	}
	return s.newJob(c, site, req)
}

// Run imports an upload at once and returns the finished job, calling progress after each household
// (the command line's progress bar). Errors: those of Start, except rate_limited.
func (s *Imports) Run(ctx context.Context, req ImportRequest, progress func(ImportJob)) (ImportJob, error) {
	j, err := s.prepare(ctx, req)
	if err != nil {
		return ImportJob{}, err
	}
	s.run(ctx, j, progress)
	return s.snapshot(j), nil
}

func (s *Imports) checkUpload(ctx context.Context, req ImportRequest) (auth.Caller, household.Site, error) {
	c, err := require(ctx, auth.WriteHousehold)
	if err != nil {
		return c, household.Site{}, err
	}
	var f apperr.Fields
	if strings.TrimSpace(req.SiteID) == "" {
		f.Add("siteId", "请选择安置点")
	}
	if len(req.Data) == 0 {
		f.Add("file", "请选择要导入的文件")
	}
	if err := f.Err(); err != nil {
		return c, household.Site{}, err
	}
	site, err := s.siteForWrite(ctx, c, req.SiteID)
	if err != nil {
		return c, site, err
	}
	return c, site, excel.SniffRoster(req.Data)
}

func (s *Imports) newJob(c auth.Caller, site household.Site, req ImportRequest) (*importJob, error) {
	f, err := os.CreateTemp("", "anju-import-*.xlsx")
	if err != nil {
		return nil, apperr.Wrap(err, "import: temp file")
	}
	_, werr := f.Write(req.Data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(f.Name())
		return nil, apperr.Wrap(werr, "import: temp file")
	}
	name, _ := text.Clean(req.FileName)
	j := &importJob{ImportJob: ImportJob{ID: newJobID(), SiteID: site.ID, FileName: name, Status: ImportQueued,
		UserID: c.UserID, CreatedAt: s.now()}, caller: c, county: site.CountyCode, path: f.Name()}
	s.mu.Lock()
	s.jobs[j.ID] = j
	s.order = append(s.order, j.ID)
	s.evictLocked()
	s.mu.Unlock()
	s.persist(context.Background(), j)
	return j, nil
}

func newJobID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "imp-" + hex.EncodeToString(b)
}

// evictLocked forgets the oldest finished jobs beyond importRetained.
func (s *Imports) evictLocked() {
	for i := 0; len(s.jobs) > importRetained && i < len(s.order); {
		j := s.jobs[s.order[i]]
		if j != nil && j.Status != ImportDone && j.Status != ImportFailed {
			i++
			continue
		}
		if j != nil {
			os.Remove(j.path)
		}
		delete(s.jobs, s.order[i])
		s.order = append(s.order[:i], s.order[i+1:]...)
	}
}

func (s *Imports) forget(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if j := s.jobs[id]; j != nil {
		os.Remove(j.path)
	}
	delete(s.jobs, id)
	for i, x := range s.order {
		if x == id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
}

func (s *Imports) worker() {
	for j := range s.queue {
		ctx := auth.WithCaller(context.Background(), j.caller)
		s.run(ctx, j, nil)
	}
}

func (s *Imports) snapshot(j *importJob) ImportJob {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := j.ImportJob
	out.Households = append([]ImportHousehold(nil), j.Households...)
	out.Report = append([]ImportIssue(nil), j.Report...)
	out.Notes = append([]string(nil), j.Notes...)
	return out
}

// update changes a job under the lock.
func (s *Imports) update(j *importJob, fn func(j *importJob)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(j)
}

// run reads the sheet and registers its households one by one.
func (s *Imports) run(ctx context.Context, j *importJob, progress func(ImportJob)) {
	s.update(j, func(j *importJob) { j.Status = ImportRunning })
	fail := func(msg string) {
		s.update(j, func(j *importJob) { j.Status, j.Error, j.FinishedAt = ImportFailed, msg, s.now() })
		s.persist(ctx, j)
	}
	data, err := os.ReadFile(j.path)
	if err != nil {
		s.log.Error("import: read upload", "job", j.ID, "err", err)
		fail("内部错误:上传的文件无法读取")
		return
	}
	rf, err := excel.ReadRoster(data)
	if err != nil {
		fail(apperr.As(err).Message)
		return
	}
	data = nil
	groups := groupRows(rf.Rows)
	s.update(j, func(j *importJob) {
		j.Sheet, j.Total, j.Notes, j.columns, j.headers = rf.Sheet, len(rf.Rows), rf.Notes, rf.Columns, rf.Headers
	})
	for _, g := range groups {
		if ctx.Err() != nil {
			fail("导入被中断:已处理的户已登记,可重新导入同一文件继续")
			return
		}
		res, issues := s.importGroup(ctx, j, g)
		s.update(j, func(j *importJob) {
			j.Done += len(g.rows)
			j.Households = append(j.Households, res)
			switch res.Outcome {
			case OutcomeRegistered:
				j.Registered++
			case OutcomeSkipped:
				j.Skipped++
			default:
				j.Rejected++
				for _, is := range issues {
					is.Header = headerOf(j.headers, is.Column)
					j.Report = append(j.Report, is)
				}
			}
		})
		if progress != nil {
			progress(s.snapshot(j))
		}
	}
	s.update(j, func(j *importJob) { j.Status, j.FinishedAt = ImportDone, s.now() })
	s.persist(ctx, j)
	snap := s.snapshot(j)
	s.audit(ctx, j.caller, "import", "roster", j.ID, j.county, j.SiteID, nil, nil, fmt.Sprintf("导入花名册%s:共%d行,登记%d户,已登记跳过%d户,未通过%d户",
		snap.FileName, snap.Total, snap.Registered, snap.Skipped, snap.Rejected))
	s.log.Info("import finished", "job", j.ID, "site", j.SiteID, "rows", j.Total, "registered", j.Registered,
		"skipped", j.Skipped, "rejected", j.Rejected)
}

// headerOf names a column as the sheet wrote it, or as the template does.
func headerOf(headers map[string]string, key string) string {
	if h, ok := headers[key]; ok {
		return strings.TrimSuffix(strings.TrimSuffix(h, "*"), "＊")
	}
	if i := excel.RosterColumnIndex(key); i >= 0 {
		return strings.TrimSuffix(excel.RosterColumns[i].Header, "*")
	}
	return ""
}

// Get returns an import job. Errors: not_found (also for a job at a site outside the caller's scope).
func (s *Imports) Get(ctx context.Context, id string) (ImportJob, error) {
	j, err := s.visibleJob(ctx, id)
	if err != nil {
		return ImportJob{}, err
	}
	return s.snapshot(j), nil
}

func (s *Imports) visibleJob(ctx context.Context, id string) (*importJob, error) {
	c, err := require(ctx, auth.WriteHousehold)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	j := s.jobs[id]
	s.mu.Unlock()
	if j == nil {
		if j, err = s.loadJob(ctx, id); err != nil && !apperr.Is(err, apperr.NotFound) {
			return nil, err
		}
	}
	if j == nil || !c.SeesSite(j.SiteID, j.county) {
		return nil, apperr.New(apperr.NotFound, "导入任务不存在或已过期")
	}
	return j, nil
}

// WriteReport writes the uploaded workbook back to w with every cell of the report filled red and
// commented with its message, and returns the file name. Errors: not_found; conflict while the job
// has not finished; invalid for a failed job (its file could not be read).
func (s *Imports) WriteReport(ctx context.Context, id string, w io.Writer) (string, error) {
	j, err := s.visibleJob(ctx, id)
	if err != nil {
		return "", err
	}
	snap := s.snapshot(j)
	switch snap.Status {
	case ImportFailed:
		return "", apperr.New(apperr.Invalid, "该导入未能读取文件,没有错误报告:"+snap.Error)
	case ImportDone:
	default:
		return "", apperr.New(apperr.Conflict, "导入尚未完成,请稍后再下载错误报告")
	}
	if j.path == "" {
		return "", apperr.New(apperr.NotFound, "上传的文件已不在服务器上(服务重启后不保留),无法生成标红报告;导入结果中的错误列表仍可查看")
	}
	data, err := os.ReadFile(j.path)
	if err != nil {
		return "", apperr.Wrap(err, "import report: read upload")
	}
	notes := make([]excel.CellNote, len(snap.Report))
	for i, is := range snap.Report {
		notes[i] = excel.CellNote{Row: is.Row, Column: is.Column, Message: is.Message}
	}
	s.mu.Lock()
	cols := j.columns
	s.mu.Unlock()
	if err := excel.WriteRosterReport(w, data, snap.Sheet, cols, notes); err != nil {
		return "", apperr.Wrap(err, "import report")
	}
	base := strings.TrimSuffix(snap.FileName, ".xlsx")
	if base == "" {
		base = "花名册"
	}
	return base + "_错误报告.xlsx", nil
}
