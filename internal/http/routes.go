package http

import (
	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
)

// routesV1 registers every route with the permission it needs.
func (s *Server) routesV1() {
	g, p, pa := fiber.MethodGet, fiber.MethodPost, fiber.MethodPatch
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

	s.routesJobs()
}

// householdNow and memberNow convert with ages as of today.
func (s *Server) householdNow(h *household.Household) householdJSON {
	return householdOut(h, s.Svc.Now())
}
func (s *Server) memberNow(v app.MemberView) memberJSON { return memberViewOut(v, s.Svc.Now()) }
