// Version and status functions.
#include "agentguard.h"
#include "core/status.h"

extern "C" {

AG_API uint32_t ag_version_number(void) { return AG_VERSION_NUMBER; }
AG_API const char *ag_version_string(void) { return AG_VERSION_STRING; }
AG_API const char *ag_status_str(ag_status s) { return ag::status_name(s); }
AG_API int ag_status_is_retryable(ag_status s) { return ag::status_retryable(s) ? 1 : 0; }

}  // extern "C"
