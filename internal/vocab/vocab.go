// Package vocab lists every set of listed values the service accepts (与户主关系, 民族, 就业渠道...),
// each under a stable camelCase name with a Chinese label, from the domain packages that enforce
// them. The API serves it (GET /api/v1/vocabularies) and the OpenAPI document takes its enums from
// it, so that a form, a spreadsheet template and a validator never disagree. It is pure: no I/O.
package vocab

import (
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// Set is one list of allowed values.
type Set struct {
	Name   string            // stable camelCase key, e.g. "relations"
	Label  string            // Chinese name of the set, e.g. "与户主关系"
	Values []string          // the allowed values, in display order
	Labels map[string]string // Chinese names of coded values (roles, service kinds, position statuses); nil when the values are Chinese
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func clone(vs []string) []string { return append([]string(nil), vs...) }

// All returns every set, in a fixed order. The slices are copies: changing them changes nothing else.
func All() []Set {
	roleLabels := map[string]string{}
	for _, r := range auth.Roles {
		roleLabels[string(r)] = r.Label()
	}
	serviceLabels := map[string]string{}
	for _, k := range labor.ServiceKinds {
		serviceLabels[string(k)] = k.Label()
	}
	var positionChannels []string
	for _, c := range labor.Channels {
		if c.PositionBased() {
			positionChannels = append(positionChannels, string(c))
		}
	}
	return []Set{
		{Name: "relations", Label: "与户主关系", Values: clone(household.Relations)},
		{Name: "ethnicities", Label: "民族", Values: clone(household.Ethnicities)},
		{Name: "educations", Label: "文化程度", Values: clone(household.Educations)},
		{Name: "schoolStatuses", Label: "在校生状况", Values: clone(household.SchoolStatuses)},
		{Name: "healths", Label: "健康状况", Values: clone(household.Healths)},
		{Name: "disabilityCategories", Label: "残疾类别", Values: clone(household.DisabilityCategories)},
		{Name: "disabilityGrades", Label: "残疾等级", Values: clone(household.DisabilityGrades)},
		{Name: "householdTypes", Label: "户类型", Values: clone(household.HouseholdTypes)},
		{Name: "monitoringTypes", Label: "监测对象类型", Values: clone(household.MonitoringTypes)},
		{Name: "povertyCauses", Label: "主要致贫原因", Values: clone(household.PovertyCauses)},
		{Name: "householdStatuses", Label: "户状态", Values: []string{household.StatusResident, household.StatusMovedOut}},
		{Name: "moveOutReasons", Label: "迁出原因", Values: clone(household.MoveOutReasons)},
		{Name: "memberRemovalReasons", Label: "成员移除原因", Values: clone(household.MemberRemovalReasons)},
		{Name: "laborCapacities", Label: "劳动技能", Values: strs(labor.Capacities)},
		{Name: "minLaborCapacities", Label: "岗位最低劳动技能", Values: strs([]labor.Capacity{labor.Skilled, labor.Ordinary, labor.Weak})},
		{Name: "channels", Label: "就业渠道", Values: strs(labor.Channels)},
		{Name: "positionChannels", Label: "岗位就业渠道", Values: positionChannels},
		{Name: "areas", Label: "就业意愿地域", Values: strs([]labor.Area{labor.AreaInCounty, labor.AreaOutCounty, labor.AreaAny})},
		{Name: "unemployedReasons", Label: "未就业原因", Values: strs(labor.UnemployedReasons)},
		{Name: "serviceKinds", Label: "1-3-1服务类型", Values: strs(labor.ServiceKinds), Labels: serviceLabels},
		{Name: "endReasons", Label: "离岗原因", Values: clone(job.EndReasons)},
		{Name: "employerKinds", Label: "单位类型", Values: clone(job.EmployerKinds)},
		{Name: "positionStatuses", Label: "岗位状态", Values: clone(job.PositionStatuses),
			Labels: map[string]string{job.PositionOpen: "招聘中", job.PositionClosed: "已关闭"}},
		{Name: "roles", Label: "角色", Values: strs(auth.Roles), Labels: roleLabels},
	}
}

// Get returns the set with the given name.
func Get(name string) (Set, bool) {
	for _, s := range All() {
		if s.Name == name {
			return s, true
		}
	}
	return Set{}, false
}
