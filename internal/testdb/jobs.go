package testdb

import (
	"context"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/creditcode"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// Employer creates an enterprise of 陵川县 named name through the services, with the credit code
// made from the 17 characters body; the test fails on any error.
func Employer(t testing.TB, a *app.Services, ctx context.Context, name, body string) job.Employer {
	t.Helper()
	e, err := a.Jobs.CreateEmployer(ctx, job.Employer{Name: name, CreditCode: creditcode.Make(body), Kind: "企业", CountyCode: "140524"})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Position creates p through the services: a local-enterprise job in 陵川县 unless p says
// otherwise; the test fails on any error.
func Position(t testing.TB, a *app.Services, ctx context.Context, p job.Position) job.Position {
	t.Helper()
	if p.Channel == "" {
		p.Channel = labor.LocalEnterprise
	}
	if p.Location.CountyCode == "" {
		p.Location.CountyCode = "140524"
	}
	out, err := a.Jobs.CreatePosition(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
