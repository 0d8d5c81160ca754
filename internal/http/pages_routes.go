package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/auth"
)

// routesPages registers the web pages, in the same permission table as the API (Server.Routes).
// Pages call the same services as the API, so they get the same rules, scope and audit.
func (s *Server) routesPages() {
	g, p := fiber.MethodGet, fiber.MethodPost
	s.routes = append(s.routes, Route{Method: g, Path: "/static/*", Permission: auth.Public, Summary: "静态文件(带内容哈希,gzip,ETag)", Page: true})
	s.Fiber.Get("/static/*", s.static)

	s.handlePage(g, "/login", auth.Public, "登录页", s.loginPage)
	s.handlePage(p, "/login", auth.Public, "登录(表单)", s.loginSubmit)
	s.handlePage(p, "/logout", auth.Authenticated, "退出登录(表单)", s.logoutSubmit)
	s.handlePage(g, "/password", auth.Authenticated, "修改密码页", s.passwordPage)
	s.handlePage(p, "/password", auth.Authenticated, "修改密码(表单)", s.passwordSubmit)
	s.handlePage(g, "/divisions", auth.ReadReference, "行政区划(级联选择,页面会话)", s.divisions)

	s.handlePage(g, "/", auth.ReadHouseholds, "工作台", s.dashboardPage)
	s.handlePage(g, "/dashboard/trend", auth.ReadHouseholds, "工作台:月度趋势图(页面加载后取)", s.dashboardTrend)

	s.handlePage(g, "/households", auth.ReadHouseholds, "搬迁户列表页", s.householdsPage)
	s.handlePage(g, "/households/new", auth.WriteHousehold, "入住登记页", s.householdNewPage)
	s.handlePage(p, "/households/new", auth.WriteHousehold, "入住登记(表单)", s.householdNewSubmit)
	s.handlePage(g, "/households/:id", auth.ReadHouseholds, "搬迁户详情页", s.householdPage)
	s.handlePage(g, "/households/:id/history", auth.ReadHouseholds, "搬迁户就业记录与变更记录(页面加载后取)", s.householdHistory)
	s.handlePage(g, "/households/:id/edit", auth.WriteHousehold, "修改搬迁户页", s.householdEditPage)
	s.handlePage(p, "/households/:id/edit", auth.WriteHousehold, "修改搬迁户(表单)", s.householdEditSubmit)
	s.handlePage(p, "/households/:id/members", auth.WriteHousehold, "添加家庭成员(表单)", s.memberAddSubmit)
	s.handlePage(p, "/households/:id/members/:memberId/remove", auth.WriteHousehold, "移除家庭成员(表单)", s.memberRemoveSubmit)
	s.handlePage(p, "/households/:id/move-out", auth.WriteHousehold, "整户迁出(表单)", s.moveOutSubmit)

	s.handlePage(g, "/imports", auth.WriteHousehold, "花名册导入页", s.importsPage)
	s.handlePage(p, "/imports", auth.WriteHousehold, "上传花名册(表单)", s.importSubmit)
	s.handlePage(g, "/imports/:id", auth.WriteHousehold, "花名册导入进度与结果页", s.importPage)
	s.handlePage(g, "/imports/:id/status", auth.WriteHousehold, "花名册导入进度(页面轮询)", s.importStatus)

	s.handlePage(g, "/workers", auth.ReadJobs, "劳动力列表页", s.workersPage)
	s.handlePage(g, "/workers/:id", auth.ReadJobs, "劳动力页(推荐岗位、1-3-1服务)", s.workerPage)
	s.handlePage(p, "/workers/:id/unemployment", auth.WriteJobs, "登记未就业原因与下一步(表单)", s.unemploymentSubmit)
	s.handlePage(p, "/workers/:id/services", auth.WriteJobs, "记录1-3-1服务(表单)", s.serviceSubmit)

	s.handlePage(g, "/employers", auth.ReadJobs, "用人单位列表页", s.employersPage)
	s.handlePage(p, "/employers", auth.WriteJobs, "登记用人单位(表单)", s.employerSubmit)
	s.handlePage(g, "/employers/:id", auth.ReadJobs, "用人单位详情与修改页", s.employerPage)
	s.handlePage(p, "/employers/:id", auth.WriteJobs, "修改用人单位(表单)", s.employerUpdateSubmit)
	s.handlePage(g, "/positions", auth.ReadJobs, "岗位列表页", s.positionsPage)
	s.handlePage(p, "/positions", auth.WriteJobs, "发布岗位(表单)", s.positionSubmit)
	s.handlePage(g, "/positions/:id", auth.ReadJobs, "岗位页(候选人及理由)", s.positionPage)
	s.handlePage(p, "/positions/:id", auth.WriteJobs, "修改或关闭岗位(表单)", s.positionUpdateSubmit)
	s.handlePage(p, "/positions/:id/hire", auth.WriteJobs, "录用(表单)", s.hireSubmit)

	s.handlePage(g, "/matching", auth.ReadJobs, "人岗匹配方案页", s.matchingPage)
	s.handlePage(p, "/matching/apply", auth.WriteJobs, "按方案登记就业(表单)", s.matchingApply)
	s.handlePage(g, "/placements", auth.ReadJobs, "就业记录列表页", s.placementsPage)
	s.handlePage(p, "/placements/:id/end", auth.WriteJobs, "离岗(表单)", s.placementEndSubmit)
	s.handlePage(p, "/placements/:id/followups", auth.WriteJobs, "回访(表单)", s.followUpSubmit)

	s.handlePage(g, "/reports", auth.ReadHouseholds, "统计报表页", s.reportsPage)
	s.handlePage(g, "/reports/statistics.xlsx", auth.ReadHouseholds, "下载县级统计报表", s.exportStatistics)
	s.handlePage(g, "/reports/notice.xlsx", auth.ReadHouseholds, "下载公示名单", s.exportNotice)
	s.handlePage(g, "/quality", auth.ReadHouseholds, "数据质量页", s.qualityPage)
	s.handlePage(g, "/audit", auth.ReadAudit, "审计记录页", s.auditPage)
	s.handlePage(g, "/users", auth.ManageUsers, "用户管理页", s.usersPage)
	s.handlePage(p, "/users", auth.ManageUsers, "新建账号(表单)", s.userSubmit)
	s.handlePage(p, "/users/:id", auth.ManageUsers, "停用、启用账号或重置密码(表单)", s.userUpdateSubmit)
}
