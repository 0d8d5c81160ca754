package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/auth"
)

// routesJobs registers the jobs, placements, unemployment and matching routes.
func (s *Server) routesJobs() {
	g, p, pa, pu := fiber.MethodGet, fiber.MethodPost, fiber.MethodPatch, fiber.MethodPut
	s.handle(g, "/api/v1/employers", auth.ReadJobs, "用人单位列表", s.listEmployers)
	s.handle(p, "/api/v1/employers", auth.WriteJobs, "登记用人单位", s.createEmployer)
	s.handle(g, "/api/v1/employers/:id", auth.ReadJobs, "用人单位详情", byParam("id", s.Svc.Jobs.GetEmployer, employerOut))
	s.handle(pa, "/api/v1/employers/:id", auth.WriteJobs, "修改用人单位", s.updateEmployer)

	s.handle(g, "/api/v1/positions", auth.ReadJobs, "岗位列表", s.listPositions)
	s.handle(p, "/api/v1/positions", auth.WriteJobs, "发布岗位", s.createPosition)
	s.handle(g, "/api/v1/positions/:id", auth.ReadJobs, "岗位详情", byParam("id", s.Svc.Jobs.GetPosition, positionOut))
	s.handle(pa, "/api/v1/positions/:id", auth.WriteJobs, "修改或关闭岗位", s.updatePosition)

	s.handle(g, "/api/v1/placements", auth.ReadJobs, "就业记录列表", s.listPlacements)
	s.handle(p, "/api/v1/placements", auth.WriteJobs, "登记就业(入职)", s.hire)
	s.handle(g, "/api/v1/placements/:id", auth.ReadJobs, "就业记录详情", byParam("id", s.Svc.Jobs.GetPlacement, placementOut))
	s.handle(p, "/api/v1/placements/:id/end", auth.WriteJobs, "离岗", s.endPlacement)
	s.handle(p, "/api/v1/placements/:id/followups", auth.WriteJobs, "回访", s.addFollowUp)

	s.handle(g, "/api/v1/unemployed", auth.ReadHouseholds, "未就业劳动力(原因与下一步)", s.listUnemployed)
	s.handle(pu, "/api/v1/members/:id/unemployment", auth.WriteJobs, "登记未就业原因与下一步", s.setUnemployment)
	s.handle(p, "/api/v1/members/:id/services", auth.WriteJobs, "记录\"1-3-1\"就业服务", s.addService)
	s.handle(g, "/api/v1/zero-employment", auth.ReadHouseholds, "零就业家庭(3天帮扶、5天清零)", s.listZeroEmployment)

	s.handle(g, "/api/v1/counties/:code/settings", auth.ReadJobs, "县级设置(公益性岗位规则、最低工资)", byParam("code", s.Svc.Jobs.Settings, settingsOut))
	s.handle(pu, "/api/v1/counties/:code/settings", auth.WriteSettings, "修改县级设置", s.putSettings)

	s.routesMatching()
}
