package http

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// paged are the parameters of every list that answers one page.
var paged = []string{"page", "pageSize"}

// queryParams names the query parameters each route accepts ("METHOD /path" as registered), in
// the order OpenAPI lists them; a route not named here accepts none. Any other parameter, or one
// given twice, is refused with 422 before the handler runs, so that a misspelt filter cannot widen
// a list silently. Values are the services' to check. TestQueryParamsMatchHandlers keeps each list
// equal to the parameters its handler reads.
var queryParams = map[string][]string{
	"GET /api/v1/users":                       paged,
	"GET /api/v1/audit":                       with(paged, "entity", "id", "countyCode", "userId", "siteId", "from", "to", "archived"),
	"GET /api/v1/divisions":                   {"parent"},
	"GET /api/v1/sites":                       with(paged, "countyCode"),
	"GET /api/v1/households":                  with(paged, "siteId", "countyCode", "status", "q", "zeroEmployment"),
	"GET /api/v1/members":                     with(paged, "siteId", "countyCode", "laborCapacity", "employed", "workable", "q"),
	"GET /api/v1/positions/:id/candidates":    {"limit"},
	"GET /api/v1/members/:id/recommendations": {"limit"},
	"GET /api/v1/employers":                   with(paged, "countyCode"),
	"GET /api/v1/positions":                   with(paged, "countyCode", "status", "employerId", "channel"),
	"GET /api/v1/placements":                  with(paged, "siteId", "countyCode", "status", "memberId", "positionId", "householdId", "channel"),
	"GET /api/v1/unemployed":                  with(paged, "siteId", "countyCode", "laborCapacity", "reason", "missingReason", "q"),
	"GET /api/v1/zero-employment":             with(paged, "siteId", "countyCode"),
	"GET /api/v1/stats":                       {"countyCode", "siteId", "asOf"},
	"GET /api/v1/stats/trend":                 {"countyCode", "siteId", "from", "to"},
	"GET /api/v1/quality":                     with(paged, "countyCode", "siteId"),
	"GET /api/v1/exports/statistics.xlsx":     {"countyCode", "siteId", "asOf", "fullId"},
	"GET /api/v1/exports/notice.xlsx":         {"siteId"},
	"GET /api/v1/exports/households.xlsx":     {"siteId", "fullId"},
	"POST /api/v1/imports/households":         {"siteId"},
}

func with(base []string, more ...string) []string { return append(slices.Clip(base), more...) }

// queryDocs describes each query parameter for OpenAPI: its type and a Chinese description.
var queryDocs = map[string]struct{ typ, desc string }{
	"page":           {"integer", "页码,从1开始"},
	"pageSize":       {"integer", "每页条数,默认20,最大200"},
	"limit":          {"integer", "最多返回条数,默认20,最大500"},
	"siteId":         {"string", "安置点ID"},
	"countyCode":     {"string", "县级行政区划代码(6位)"},
	"status":         {"string", "状态"},
	"q":              {"string", "搜索关键词"},
	"zeroEmployment": {"boolean", "仅零就业家庭"},
	"laborCapacity":  {"string", "劳动能力"},
	"employed":       {"boolean", "是否已就业"},
	"workable":       {"boolean", "仅有劳动能力者"},
	"employerId":     {"string", "用人单位ID"},
	"channel":        {"string", "就业渠道"},
	"memberId":       {"string", "成员ID"},
	"positionId":     {"string", "岗位ID"},
	"householdId":    {"string", "搬迁户ID"},
	"reason":         {"string", "未就业原因"},
	"missingReason":  {"boolean", "仅未登记未就业原因者"},
	"parent":         {"string", "上级行政区划代码,空为省级"},
	"entity":         {"string", "审计对象类型"},
	"id":             {"string", "审计对象ID"},
	"asOf":           {"string", "统计日期YYYY-MM-DD,默认今天:数字为该日结束时的情况"},
	"from":           {"string", "开始:统计趋势为月份YYYY-MM,审计记录为日期YYYY-MM-DD"},
	"to":             {"string", "结束(含):统计趋势为月份YYYY-MM,审计记录为日期YYYY-MM-DD"},
	"userId":         {"string", "操作账号ID"},
	"archived":       {"boolean", "查询已归档的审计记录"},
	"fullId":         {"boolean", "导出完整身份证号码(须有权限,记入审计)"},
}

// onlyQuery refuses, with 422 naming each, the query parameters not in allowed and those given
// more than once. Parameters without a name ("?&") are ignored.
func onlyQuery(allowed []string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var bad []apperr.FieldError
		seen := map[string]int{}
		c.Context().QueryArgs().VisitAll(func(k, _ []byte) {
			name := string(k)
			if name == "" {
				return
			}
			seen[name]++
			switch {
			case !slices.Contains(allowed, name):
				if seen[name] == 1 {
					bad = append(bad, apperr.FieldError{Field: name, Message: "不支持的查询参数"})
				}
			case seen[name] == 2:
				bad = append(bad, apperr.FieldError{Field: name, Message: "查询参数重复"})
			}
		})
		if bad != nil {
			return &apperr.Error{Code: apperr.Invalid, Message: "查询参数错误", Fields: bad}
		}
		return c.Next()
	}
}
