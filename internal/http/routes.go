package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/auth"
)

// routesV1 registers every route with the permission it needs.
func (s *Server) routesV1() {
	g, p, pa, pu := fiber.MethodGet, fiber.MethodPost, fiber.MethodPatch, fiber.MethodPut
	s.handle(g, "/healthz", auth.Public, "健康检查", s.healthz)
	s.handle(g, "/api/v1/openapi.json", auth.Public, "OpenAPI 文档", s.openapi)

	s.handle(p, "/api/v1/auth/login", auth.Public, "登录", s.login)
	s.handle(p, "/api/v1/auth/logout", auth.Authenticated, "退出登录", s.logout)
	s.handle(g, "/api/v1/me", auth.Authenticated, "当前账号", s.me)
	s.handle(p, "/api/v1/me/password", auth.Authenticated, "修改本人密码", s.changePassword)
	s.handle(g, "/api/v1/users", auth.ManageUsers, "账号列表", s.listUsers)
	s.handle(p, "/api/v1/users", auth.ManageUsers, "新建账号", s.createUser)
	s.handle(pa, "/api/v1/users/:id", auth.ManageUsers, "修改账号(角色、范围、停用、重置密码)", s.updateUser)
	s.handle(g, "/api/v1/audit", auth.ReadAudit, "审计记录", s.listAudit)

	s.handle(g, "/api/v1/divisions", auth.ReadReference, "行政区划(级联)", s.divisions)
	s.handle(g, "/api/v1/vocabularies", auth.ReadReference, "字典: 各枚举字段的可选值", s.vocabularies)

	s.handle(g, "/api/v1/sites", auth.ReadSites, "安置点列表", s.listSites)
	s.handle(p, "/api/v1/sites", auth.WriteSites, "新建安置点", s.createSite)
	s.handle(g, "/api/v1/sites/:id", auth.ReadSites, "安置点详情", byParam("id", s.Svc.Registration.GetSite, siteOut))
	s.handle(pa, "/api/v1/sites/:id", auth.WriteSites, "修改安置点", s.updateSite)

	s.handle(g, "/api/v1/households", auth.ReadHouseholds, "搬迁户列表", s.listHouseholds)
	s.handle(p, "/api/v1/households", auth.WriteHousehold, "入住登记(整户)", s.registerHousehold)
	s.handle(g, "/api/v1/households/:id", auth.ReadHouseholds, "搬迁户详情", byParam("id", s.Svc.Registration.GetHousehold, s.householdNow))
	s.handle(pa, "/api/v1/households/:id", auth.WriteHousehold, "修改搬迁户", s.patchHousehold)
	s.handle(p, "/api/v1/households/:id/members", auth.WriteHousehold, "添加家庭成员", s.addMember)
	s.handle(p, "/api/v1/households/:id/members/:memberId/remove", auth.WriteHousehold, "移除家庭成员(保留记录)", s.removeMember)
	s.handle(p, "/api/v1/households/:id/move-out", auth.WriteHousehold, "整户迁出", s.moveOut)

	s.handle(g, "/api/v1/members", auth.ReadHouseholds, "成员列表", s.listMembers)
	s.handle(g, "/api/v1/members/:id", auth.ReadHouseholds, "成员详情", byParam("id", s.Svc.Registration.GetMember, s.memberNow))
	s.handle(g, "/api/v1/members/:id/id-number", auth.ReadFullID, "查看完整身份证号码(记入审计)", s.revealIDNumber)

	s.handle(g, "/api/v1/positions/:id/candidates", auth.ReadJobs, "岗位候选人(排序及理由)", s.candidates)
	s.handle(g, "/api/v1/members/:id/recommendations", auth.ReadJobs, "为劳动力推荐岗位(排序及理由)", s.recommendations)
	s.handle(p, "/api/v1/matching/plan", auth.ReadJobs, "安置点或全县人岗匹配方案(不写入)", s.plan)
	s.handle(p, "/api/v1/matching/apply", auth.WriteJobs, "按方案批量登记就业", s.applyPlan)
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

	s.handle(g, "/api/v1/stats", auth.ReadHouseholds, "统计(按日期,分安置点及合计)", s.stats)
	s.handle(g, "/api/v1/stats/trend", auth.ReadHouseholds, "按月趋势(月末就业、新增与离岗、零就业家庭)", s.trend)
	s.handle(g, "/api/v1/quality", auth.ReadHouseholds, "数据质量(比对疑点)", s.quality)
	s.handle(g, "/api/v1/exports/statistics.xlsx", auth.ReadHouseholds, "导出县级统计报表(Excel)", s.exportStatistics)
	s.handle(g, "/api/v1/exports/notice.xlsx", auth.ReadHouseholds, "导出公示名单(Excel,不含身份证号码等隐私)", s.exportNotice)
	s.handle(g, "/api/v1/exports/households.xlsx", auth.ReadHouseholds, "导出花名册(导入模板的列;完整身份证号码须fullId=true且有权限,记入审计)", s.exportRoster)
	s.handle(g, "/api/v1/imports/households/template.xlsx", auth.ReadHouseholds, "下载花名册导入模板(下拉选项、填表说明)", s.importTemplate)
	s.handle(p, uploadPath, auth.WriteHousehold, "上传花名册导入(multipart file,10MB、10000行以内;返回202及导入任务)", s.startImport)
	s.handle(g, "/api/v1/imports/:id", auth.WriteHousehold, "导入任务进度与结果(逐格错误报告)", byParam("id", s.Svc.Imports.Get, importOut))
	s.handle(g, "/api/v1/imports/:id/report.xlsx", auth.WriteHousehold, "下载错误报告(出错单元格标红并附批注)", s.importReport)
}
