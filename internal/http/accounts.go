package http

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
)

type loginRequest struct {
	Username string `json:"username" required:"true"`
	Password string `json:"password" required:"true"`
}

type userJSON struct {
	ID          string    `json:"id"`
	Username    string    `json:"username"`
	DisplayName string    `json:"displayName,omitempty"`
	Role        string    `json:"role" enum:"roles"`
	RoleLabel   string    `json:"roleLabel"`
	CountyCode  string    `json:"countyCode"`
	SiteIDs     []string  `json:"siteIds"`
	Disabled    bool      `json:"disabled"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"createdAt"`
}

func userOut(u auth.User) userJSON {
	return userJSON{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), RoleLabel: u.Role.Label(),
		CountyCode: u.CountyCode, SiteIDs: nonNil(u.SiteIDs), Disabled: u.Disabled, Version: u.Version, CreatedAt: u.CreatedAt}
}

func (s *Server) login(c *fiber.Ctx) error {
	var r loginRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	token, u, err := s.Svc.Accounts.Login(c.UserContext(), r.Username, r.Password, s.clientIP(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"token": token, "expiresIn": int(s.Svc.Accounts.TokenTTL.Seconds()), "user": userOut(u)})
}

func (s *Server) logout(c *fiber.Ctx) error {
	if err := s.Svc.Accounts.Logout(c.UserContext()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) me(c *fiber.Ctx) error {
	u, err := s.Svc.Accounts.Me(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(userOut(u))
}

type passwordRequest struct {
	OldPassword string `json:"oldPassword" required:"true"`
	NewPassword string `json:"newPassword" required:"true"`
}

func (s *Server) changePassword(c *fiber.Ctx) error {
	var r passwordRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	token, err := s.Svc.Accounts.ChangePassword(c.UserContext(), r.OldPassword, r.NewPassword)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"token": token})
}

func (s *Server) listUsers(c *fiber.Ctx) error {
	r, err := pageOf(c)
	if err != nil {
		return err
	}
	us, err := s.Svc.Accounts.ListUsers(c.UserContext(), r)
	if err != nil {
		return err
	}
	return respond(c, us, userOut)
}

type createUserRequest struct {
	Username    string   `json:"username" required:"true"`
	DisplayName string   `json:"displayName,omitempty"`
	Password    string   `json:"password" required:"true"`
	Role        string   `json:"role" required:"true" enum:"roles"`
	CountyCode  string   `json:"countyCode,omitempty"`
	SiteIDs     []string `json:"siteIds,omitempty"`
}

func (s *Server) createUser(c *fiber.Ctx) error {
	var r createUserRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	u, err := s.Svc.Accounts.CreateUser(c.UserContext(), app.NewUser{Username: r.Username, DisplayName: r.DisplayName,
		Password: r.Password, Role: auth.Role(r.Role), CountyCode: r.CountyCode, SiteIDs: r.SiteIDs})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(userOut(u))
}

type updateUserRequest struct {
	Version     int       `json:"version" required:"true"`
	DisplayName *string   `json:"displayName,omitempty"`
	Role        *string   `json:"role,omitempty" enum:"roles"`
	CountyCode  *string   `json:"countyCode,omitempty"`
	SiteIDs     *[]string `json:"siteIds,omitempty"`
	Disabled    *bool     `json:"disabled,omitempty"`
	Password    *string   `json:"password,omitempty"`
}

func (s *Server) updateUser(c *fiber.Ctx) error {
	var r updateUserRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	p := app.UserPatch{Version: r.Version, DisplayName: r.DisplayName, CountyCode: r.CountyCode, SiteIDs: r.SiteIDs,
		Disabled: r.Disabled, Password: r.Password}
	p.Role = convPtr[auth.Role](r.Role)
	u, err := s.Svc.Accounts.UpdateUser(c.UserContext(), c.Params("id"), p)
	if err != nil {
		return err
	}
	return c.JSON(userOut(u))
}
