package http

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/excel"
)

// uploadPath is the one route that accepts bodies over MaxBody: roster uploads up to MaxUpload.
const uploadPath = "/api/v1/imports/households"

// MaxUpload is the largest request body of an upload: a 10 MB file and its multipart framing.
const MaxUpload = excel.MaxRosterBytes + 1<<20

type importHouseholdJSON struct {
	Row         int    `json:"row"`
	Rows        int    `json:"rows"`
	HeadName    string `json:"headName"`
	Outcome     string `json:"outcome"`
	HouseholdID string `json:"householdId,omitempty"`
	Number      string `json:"number,omitempty"`
	Message     string `json:"message,omitempty"`
}

type importIssueJSON struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Field   string `json:"field"`
	Message string `json:"message"`
	Text    string `json:"text"` // 第12行 公民身份号码: 身份证号码校验位错误
}

type importJSON struct {
	ID         string                `json:"id"`
	Status     string                `json:"status"`
	SiteID     string                `json:"siteId"`
	FileName   string                `json:"fileName"`
	Sheet      string                `json:"sheet,omitempty"`
	Done       int                   `json:"done"`
	Total      int                   `json:"total"`
	Registered int                   `json:"registered"`
	Skipped    int                   `json:"skipped"`
	Rejected   int                   `json:"rejected"`
	Error      string                `json:"error,omitempty"`
	Notes      []string              `json:"notes"`
	Households []importHouseholdJSON `json:"households,omitempty"`
	Report     []importIssueJSON     `json:"report,omitempty"`
	ReportURL  string                `json:"reportUrl,omitempty"`
	CreatedAt  string                `json:"createdAt"`
	FinishedAt string                `json:"finishedAt,omitempty"`
}

func importOut(j app.ImportJob) importJSON {
	out := importJSON{ID: j.ID, Status: j.Status, SiteID: j.SiteID, FileName: j.FileName, Sheet: j.Sheet, Done: j.Done, Total: j.Total,
		Registered: j.Registered, Skipped: j.Skipped, Rejected: j.Rejected, Error: j.Error, Notes: j.Notes,
		CreatedAt: j.CreatedAt.Format(time.RFC3339)}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	if j.Status != app.ImportDone {
		if j.Status == app.ImportFailed {
			out.FinishedAt = j.FinishedAt.Format(time.RFC3339)
		}
		return out
	}
	out.FinishedAt = j.FinishedAt.Format(time.RFC3339)
	out.Households = mapAll(j.Households, func(h app.ImportHousehold) importHouseholdJSON { return importHouseholdJSON(h) })
	out.Report = mapAll(j.Report, func(i app.ImportIssue) importIssueJSON {
		return importIssueJSON{Row: i.Row, Column: i.Header, Field: i.Field, Message: i.Message, Text: i.String()}
	})
	if j.Rejected > 0 {
		out.ReportURL = "/api/v1/imports/" + j.ID + "/report.xlsx"
	}
	return out
}

func (s *Server) importTemplate(c *fiber.Ctx) error {
	return s.sendFile(c, xlsxType, func(f *os.File) (string, error) { return s.Svc.Imports.WriteTemplate(c.UserContext(), f) })
}

func (s *Server) exportRoster(c *fiber.Ctx) error {
	full, err := queryBool(c, "fullId")
	if err != nil {
		return err
	}
	q := app.RosterQuery{SiteID: c.Query("siteId"), FullID: full != nil && *full}
	return s.sendFile(c, xlsxType, func(f *os.File) (string, error) { return s.Svc.Imports.WriteRoster(c.UserContext(), q, f) })
}

// startImport takes a multipart upload (field "file") and answers 202 with the queued job. A request
// without a file part reaches the service with no data, which reports the missing file as a field
// error like every other front end.
func (s *Server) startImport(c *fiber.Ctx) error {
	req := app.ImportRequest{SiteID: c.Query("siteId")}
	if fh, err := c.FormFile("file"); err == nil {
		if fh.Size > excel.MaxRosterBytes {
			return &apperr.Error{Code: apperr.TooLarge, Message: "文件超过10MB上限;请分成几个文件导入",
				Fields: []apperr.FieldError{{Field: "file", Message: "文件超过10MB上限;请分成几个文件导入"}}}
		}
		f, err := fh.Open()
		if err != nil {
			return apperr.New(apperr.Malformed, "上传的文件无法读取")
		}
		req.Data, err = io.ReadAll(io.LimitReader(f, excel.MaxRosterBytes+1))
		f.Close()
		if err != nil {
			return apperr.New(apperr.Malformed, "上传的文件无法读取")
		}
		req.FileName = fh.Filename
	}
	j, err := s.Svc.Imports.Start(c.UserContext(), req)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderLocation, "/api/v1/imports/"+j.ID)
	return c.Status(fiber.StatusAccepted).JSON(importOut(j))
}

func (s *Server) importReport(c *fiber.Ctx) error {
	return s.sendFile(c, xlsxType, func(f *os.File) (string, error) {
		return s.Svc.Imports.WriteReport(c.UserContext(), c.Params("id"), f)
	})
}

// bodyLimits sets each request's body limit as soon as its header is read, before the body: MaxBody,
// or MaxUpload with five minutes to arrive for a roster upload (a slow county line).
func bodyLimits(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	path, _, _ := strings.Cut(string(h.RequestURI()), "?")
	if string(h.Method()) == fiber.MethodPost && (path == uploadPath || path == "/imports") {
		return fasthttp.RequestConfig{MaxRequestBodySize: MaxUpload, ReadTimeout: 5 * time.Minute}
	}
	return fasthttp.RequestConfig{MaxRequestBodySize: MaxBody}
}
