package household

import "github.com/anju-cn/anju/internal/apperr"

// Errors storage and the services return about registration records.
var (
	ErrSiteNotFound      = apperr.New(apperr.NotFound, "安置点不存在")
	ErrHouseholdNotFound = apperr.New(apperr.NotFound, "户不存在")
	ErrMemberNotFound    = apperr.New(apperr.NotFound, "成员不存在")
)

// DuplicateID returns the conflict for an ID number registered already: the user message names no
// household (the service adds the holder when the caller may see it); the cause is a
// *DuplicateIDError.
func DuplicateID(idNumber, holderID, field string) error {
	return &apperr.Error{Code: apperr.Conflict, Message: "身份证号码已在系统中登记",
		Fields: []apperr.FieldError{{Field: field, Message: "该身份证号码已在系统中登记,同一人不能重复登记"}},
		Err:    &DuplicateIDError{IDNumber: idNumber, HouseholdID: holderID, Field: field}}
}
