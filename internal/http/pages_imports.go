package http

import (
	"io"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/web"
)

// importsPage is the roster import form: the template download, a site and a file.
func (s *Server) importsPage(c *fiber.Ctx) error {
	if id := c.Query("siteId"); id != "" { // a site chosen in advance must be the caller's
		if _, err := s.Svc.Registration.GetSite(c.UserContext(), id); err != nil {
			return err
		}
	}
	p := s.page(c, "花名册导入", "/imports")
	return s.importForm(c, p, fiber.StatusOK)
}

func (s *Server) importForm(c *fiber.Ctx, p *web.Page, status int) error {
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	p.Data = map[string]any{"Sites": sites, "SiteID": c.FormValue("siteId", c.Query("siteId"))}
	return s.render(c, status, "imports", p)
}

// importSubmit queues an uploaded roster through the same service as the API and shows its progress.
func (s *Server) importSubmit(c *fiber.Ctx) error {
	if id := c.FormValue("siteId"); id != "" { // outside the caller's sites: refused before anything else
		if _, err := s.Svc.Registration.GetSite(c.UserContext(), id); err != nil {
			return err
		}
	}
	p := s.page(c, "花名册导入", "/imports")
	req := app.ImportRequest{SiteID: c.FormValue("siteId")}
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err == nil {
			req.Data, err = io.ReadAll(io.LimitReader(f, excel.MaxRosterBytes+1))
			f.Close()
		}
		if err != nil {
			p.FormError = "上传的文件无法读取,请重新选择文件"
			return s.importForm(c, p, fiber.StatusUnprocessableEntity)
		}
		req.FileName = fh.Filename
	}
	j, err := s.Svc.Imports.Start(c.UserContext(), req)
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		p.Errors, p.FormError = errs, msg
		return s.importForm(c, p, status)
	}
	return c.Redirect("/imports/"+j.ID, fiber.StatusSeeOther)
}

// importPage shows a job: a progress bar while it runs, the households and the report when done.
func (s *Server) importPage(c *fiber.Ctx) error {
	j, err := s.Svc.Imports.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p := s.page(c, "花名册导入结果", "/imports")
	p.Data = map[string]any{"Job": j, "Finished": j.Status == app.ImportDone || j.Status == app.ImportFailed}
	return s.render(c, fiber.StatusOK, "import", p)
}

// importStatus is the progress bar's poll: status, rows done out of total, and the page to reload.
func (s *Server) importStatus(c *fiber.Ctx) error {
	j, err := s.Svc.Imports.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	msg := "已处理行数"
	switch j.Status {
	case app.ImportDone:
		msg = "导入完成,正在显示结果……"
	case app.ImportFailed:
		msg = j.Error
	}
	return c.JSON(fiber.Map{"status": j.Status, "done": j.Done, "total": j.Total, "message": msg, "resultUrl": "/imports/" + j.ID})
}
