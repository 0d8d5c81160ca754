package http

import (
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/auth"
)

// OpenAPI builds the OpenAPI 3 document from the route table, so every registered route is in it.
func (s *Server) OpenAPI() map[string]any {
	paths := map[string]any{}
	for _, r := range s.routes {
		p := openapiPath(r.Path)
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		op := map[string]any{
			"summary":      r.Summary,
			"x-permission": string(r.Permission),
			"responses": map[string]any{
				"200": map[string]any{"description": "成功"},
				"default": map[string]any{"description": "错误", "content": map[string]any{
					"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
			},
		}
		if r.Permission != auth.Public {
			op["security"] = []any{map[string]any{"bearer": []any{}}}
		}
		var params []any
		for _, seg := range strings.Split(r.Path, "/") {
			if name, ok := strings.CutPrefix(seg, ":"); ok {
				params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
			}
		}
		for _, name := range r.Query {
			d := queryDocs[name]
			params = append(params, map[string]any{"name": name, "in": "query", "description": d.desc,
				"schema": map[string]any{"type": d.typ}})
		}
		if params != nil {
			op["parameters"] = params
		}
		if body, ok := requestBodies[r.Method+" "+r.Path]; ok {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(body))}}}
		}
		if r.Method == fiber.MethodPost && r.Path == uploadPath {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"multipart/form-data": map[string]any{"schema": map[string]any{"type": "object", "required": []any{"file"},
					"properties": map[string]any{"file": map[string]any{"type": "string", "format": "binary"}}}}}}
			op["responses"].(map[string]any)["202"] = map[string]any{"description": "已接受,返回导入任务"}
		}
		item[strings.ToLower(r.Method)] = op
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "安居 anju API", "version": "1"},
		"paths":   paths,
		"components": map[string]any{
			"securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}},
			"schemas": map[string]any{"Error": map[string]any{"type": "object", "properties": map[string]any{
				"error": map[string]any{"type": "object", "properties": map[string]any{
					"code":    map[string]any{"type": "string"},
					"message": map[string]any{"type": "string"},
					"fields": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
						"field": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
				}}}}},
		},
	}
}

// openapiPath turns "/a/:id" into "/a/{id}".
func openapiPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

func (s *Server) openapi(c *fiber.Ctx) error { return c.JSON(s.OpenAPI()) }
