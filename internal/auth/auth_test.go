package auth

import (
	"context"
	"testing"
)

func TestRolePermissions(t *testing.T) {
	tests := []struct {
		role Role
		perm Permission
		want bool
	}{
		{Admin, ManageUsers, true}, {County, ManageUsers, false}, {Site, ManageUsers, false},
		{Site, WriteHousehold, true}, {Employment, WriteHousehold, false}, {County, WriteHousehold, false},
		{Employment, WriteJobs, true}, {Site, WriteJobs, false}, {County, WriteJobs, false},
		{County, ReadAudit, true}, {Employment, ReadAudit, false}, {Site, ReadAudit, false},
		{County, WriteSettings, true}, {Employment, WriteSettings, false},
		{Employment, ReadFullID, false}, {Site, ReadFullID, true},
		{Role("king"), Authenticated, false}, {Role("king"), Public, true},
	}
	for _, tt := range tests {
		if got := tt.role.Allows(tt.perm); got != tt.want {
			t.Errorf("%s allows %s = %v, want %v", tt.role, tt.perm, got, tt.want)
		}
	}
}

func TestScopes(t *testing.T) {
	site := Caller{Role: Site, CountyCode: "140524", SiteIDs: []string{"a"}}
	county := Caller{Role: County, CountyCode: "140524"}
	emp := Caller{Role: Employment, CountyCode: "140524"}
	admin := Caller{Role: Admin}
	if !site.SeesSite("a", "140524") || site.SeesSite("b", "140524") || site.SeesCounty("140524") {
		t.Error("a site manager sees exactly their own sites")
	}
	if !county.SeesSite("b", "140524") || county.SeesSite("c", "140525") || !emp.SeesCounty("140524") {
		t.Error("county and employment roles see their county only")
	}
	if !admin.SeesSite("z", "999999") || !admin.SeesAll() || county.SeesAll() {
		t.Error("only admins see everything")
	}
	if (Caller{Role: County}).SeesCounty("") {
		t.Error("a county user without a county sees nothing")
	}
}

func TestPasswords(t *testing.T) {
	h, err := HashPassword("Correct-Horse-1")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "Correct-Horse-1") || CheckPassword(h, "correct-horse-1") || CheckPassword("", "") {
		t.Error("password check")
	}
	for p, weak := range map[string]bool{"short1A": true, "alllowercaseletters": true, "Longer-Passw0rd": false, "0123456789": true} {
		if got := CheckPasswordStrength(p) != ""; got != weak {
			t.Errorf("%q weak = %v, want %v", p, got, weak)
		}
	}
	if a, b := NewToken(), NewToken(); a == b || len(a) < 40 || TokenID(a) == a || TokenID(a) != TokenID(a) {
		t.Error("tokens must be random, long, and stored only as a stable hash")
	}
	if p := RandomPassword(); len(p) != 16 || CheckPasswordStrength(p) != "" && len(p) != 16 {
		t.Errorf("random password %q", p)
	}
}

func TestCallerContext(t *testing.T) {
	if _, ok := CallerFrom(context.Background()); ok {
		t.Fatal("empty context has a caller")
	}
	c, ok := CallerFrom(WithCaller(context.Background(), Caller{Username: "u"}))
	if !ok || c.Username != "u" {
		t.Fatal("caller lost")
	}
}
