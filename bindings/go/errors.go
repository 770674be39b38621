package agentguard

/*
#include <agentguard.h>
*/
import "C"

import "fmt"

// Status is an ag_status code (append-only; never renumbered).
type Status int32

// Status codes of the C ABI.
const (
	StatusOK               Status = 0
	StatusInvalidArgument  Status = -1
	StatusNoMem            Status = -2
	StatusInternal         Status = -3
	StatusBufferTooSmall   Status = -4
	StatusStructSize       Status = -5
	StatusParse            Status = -6
	StatusPolicy           Status = -7
	StatusUnknownModel     Status = -8
	StatusBudgetExceeded   Status = -9
	StatusDeadlineExceeded Status = -10
	StatusTurnLimit        Status = -11
	StatusToolCallLimit    Status = -12
	StatusKilled           Status = -13
	StatusNotFound         Status = -14
	StatusExpired          Status = -15
	StatusRunClosed        Status = -16
	StatusIO               Status = -17
	StatusUnsupported      Status = -18
	StatusState            Status = -19
	StatusTruncated        Status = -20
	StatusProviderError    Status = -21
	StatusTooLarge         Status = -22
	StatusScrubCompile     Status = -23
	StatusTokenizer        Status = -24
	StatusVersion          Status = -25
)

var statusNames = map[Status]string{
	StatusOK: "AG_OK", StatusInvalidArgument: "AG_E_INVALID_ARGUMENT", StatusNoMem: "AG_E_NOMEM",
	StatusInternal: "AG_E_INTERNAL", StatusBufferTooSmall: "AG_E_BUFFER_TOO_SMALL",
	StatusStructSize: "AG_E_STRUCT_SIZE", StatusParse: "AG_E_PARSE", StatusPolicy: "AG_E_POLICY",
	StatusUnknownModel: "AG_E_UNKNOWN_MODEL", StatusBudgetExceeded: "AG_E_BUDGET_EXCEEDED",
	StatusDeadlineExceeded: "AG_E_DEADLINE_EXCEEDED", StatusTurnLimit: "AG_E_TURN_LIMIT",
	StatusToolCallLimit: "AG_E_TOOL_CALL_LIMIT", StatusKilled: "AG_E_KILLED",
	StatusNotFound: "AG_E_NOT_FOUND", StatusExpired: "AG_E_EXPIRED",
	StatusRunClosed: "AG_E_RUN_CLOSED", StatusIO: "AG_E_IO", StatusUnsupported: "AG_E_UNSUPPORTED",
	StatusState: "AG_E_STATE", StatusTruncated: "AG_E_TRUNCATED",
	StatusProviderError: "AG_E_PROVIDER_ERROR", StatusTooLarge: "AG_E_TOO_LARGE",
	StatusScrubCompile: "AG_E_SCRUB_COMPILE", StatusTokenizer: "AG_E_TOKENIZER",
	StatusVersion: "AG_E_VERSION",
}

// Name is the C macro name, e.g. "AG_E_BUDGET_EXCEEDED".
func (s Status) Name() string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return fmt.Sprintf("status %d", int32(s))
}

// String is the library's text for the status, e.g. "budget exceeded".
func (s Status) String() string { return C.GoString(C.ag_status_str(C.ag_status(s))) }

// Retryable tells whether retrying the same call later can succeed.
func (s Status) Retryable() bool { return C.ag_status_is_retryable(C.ag_status(s)) != 0 }

// StatusByName maps "AG_E_BUDGET_EXCEEDED" to its Status.
func StatusByName(name string) (Status, bool) {
	for s, n := range statusNames {
		if n == name {
			return s, true
		}
	}
	return 0, false
}

// Error is a failed call: its status and the library's message.
type Error struct {
	Code Status
	Msg  string
}

func (e *Error) Error() string {
	if e.Msg == "" {
		return "agentguard: " + e.Code.Name()
	}
	return fmt.Sprintf("agentguard: %s (%s)", e.Msg, e.Code.Name())
}

// Is matches any *Error with the same code, so errors.Is(err, ErrBudgetExceeded) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is.
var (
	ErrInvalidArgument  = &Error{Code: StatusInvalidArgument}
	ErrParse            = &Error{Code: StatusParse}
	ErrPolicy           = &Error{Code: StatusPolicy}
	ErrUnknownModel     = &Error{Code: StatusUnknownModel}
	ErrBudgetExceeded   = &Error{Code: StatusBudgetExceeded}
	ErrDeadlineExceeded = &Error{Code: StatusDeadlineExceeded}
	ErrTurnLimit        = &Error{Code: StatusTurnLimit}
	ErrToolCallLimit    = &Error{Code: StatusToolCallLimit}
	ErrKilled           = &Error{Code: StatusKilled}
	ErrNotFound         = &Error{Code: StatusNotFound}
	ErrExpired          = &Error{Code: StatusExpired}
	ErrRunClosed        = &Error{Code: StatusRunClosed}
	ErrState            = &Error{Code: StatusState}
	ErrTruncated        = &Error{Code: StatusTruncated}
	ErrProviderError    = &Error{Code: StatusProviderError}
	ErrTooLarge         = &Error{Code: StatusTooLarge}
	ErrVersion          = &Error{Code: StatusVersion}
)
