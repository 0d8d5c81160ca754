// Package apperr defines the one error type the service uses: an error with a code that the
// HTTP layer maps to a status, a Chinese message for users, and optional per-field errors.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error. The HTTP layer maps each code to one status.
type Code string

// Error codes.
const (
	Invalid         Code = "invalid"         // 422: the request is well-formed but breaks a rule
	Malformed       Code = "malformed"       // 400: the request cannot be read
	NotFound        Code = "not_found"       // 404
	Conflict        Code = "conflict"        // 409: duplicate, stale version, no opening left
	Forbidden       Code = "forbidden"       // 403: outside the caller's scope
	Unauthenticated Code = "unauthenticated" // 401
	TooLarge        Code = "too_large"       // 413
	RateLimited     Code = "rate_limited"    // 429
	Unavailable     Code = "unavailable"     // 503
	Internal        Code = "internal"        // 500: logged once, shown as 内部错误
)

// FieldError names one wrong field by its JSON path (e.g. "members[1].idNumber") with a Chinese message.
type FieldError struct {
	Field   string
	Message string
}

// Error is the service's error: a code, a Chinese message for users, field errors, and an
// optional wrapped cause that is logged but never shown.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
}

// Error returns the message, with the cause when there is one.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a user message.
func New(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// Newf returns an error with a code and a formatted user message.
func Newf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an internal error around err, described by op for the log.
func Wrap(err error, op string) error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	return &Error{Code: Internal, Message: "内部错误", Err: fmt.Errorf("%s: %w", op, err)}
}

// CodeOf returns the code of err: Internal for errors that are not *Error, "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return Internal
}

// As returns err as *Error, wrapping foreign errors as internal ones.
func As(err error) *Error {
	var ae *Error
	if errors.As(err, &ae) {
		return ae
	}
	return &Error{Code: Internal, Message: "内部错误", Err: err}
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// Fields collects field errors; its Err method returns an Invalid error listing them all, or nil.
type Fields []FieldError

// Add records a field error.
func (f *Fields) Add(field, message string) {
	*f = append(*f, FieldError{Field: field, Message: message})
}

// Err returns nil when no field error was added, else an Invalid error carrying every field error.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: fmt.Sprintf("提交的数据有%d处错误", len(f)), Fields: f}
}

// Generic storage outcomes. Storage returns these (or a domain package's more specific errors);
// the services decide what the user is told.
var (
	ErrNotFound  = New(NotFound, "记录不存在")
	ErrStale     = New(Conflict, "记录已被他人修改,请刷新后重试")
	ErrDuplicate = New(Conflict, "记录重复")
)
